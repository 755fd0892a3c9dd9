import { Link } from 'react-router';
import { Alert } from '../../../components/alert';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { errorMessage } from '../../../lib/error-messages';
import { useSession } from '../../../lib/use-session';
import { useTerms } from '../api';

/** "Brugervilkår & privatlivspolitik", the version a login accepts. */
export function TermsPage() {
  const terms = useTerms();
  const loggedIn = useSession() !== null;
  return (
    <div className="row">
      <div className="col-12 col-lg-9">
        <PageHeading title="Brugervilkår og privatlivspolitik">{terms.data?.title ?? 'Brugervilkår og privatlivspolitik'}</PageHeading>
        {terms.isPending && <Spinner status="Henter brugervilkår …" />}
        {terms.isError && <Alert variant="error">{errorMessage(terms.error)}</Alert>}
        {terms.data && (
          <>
            <p className="font-lead">Version {terms.data.version}</p>
            {terms.data.sections.map((section) => (
              <section key={section.heading}>
                <h2>{section.heading}</h2>
                {section.blocks.map((block, index) =>
                  block.type === 'list' ? (
                    <ul key={index}>
                      {block.items.map((item) => (
                        <li key={item}>{item}</li>
                      ))}
                    </ul>
                  ) : (
                    <p key={index}>{block.text}</p>
                  ),
                )}
              </section>
            ))}
          </>
        )}
        <p className="mt-6">
          <Link to={loggedIn ? '/mine-sider' : '/log-ind'}>{loggedIn ? 'Til Mine sider' : 'Tilbage til log ind'}</Link>
        </p>
      </div>
    </div>
  );
}
