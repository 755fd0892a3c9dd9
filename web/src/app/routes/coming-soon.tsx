import { Link } from 'react-router';
import { Alert } from '../../components/alert';
import { PageHeading } from '../../components/page-heading';

/** A menu item whose pages are not built yet: says so, rather than a blank page or a dead link. */
export function ComingSoon({ title }: { title: string }) {
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <Alert variant="info" heading="Kommer snart">
        Denne del af e-bevilling er ved at blive bygget. Indtil da kan du bruge den hidtidige løsning.
      </Alert>
      <p>
        <Link to="/mine-sider">Til Mine sider</Link>
      </p>
    </>
  );
}
