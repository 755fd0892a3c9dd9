import { Link } from 'react-router';
import { PageHeading } from '../../components/page-heading';

/** A page the user's role does not give access to (the menu does not show it either). */
export function NotAllowed() {
  return (
    <>
      <PageHeading title="Ingen adgang">Ingen adgang</PageHeading>
      <p>Du har ikke adgang til denne side.</p>
      <p>
        <Link to="/mine-sider">Til Mine sider</Link>
      </p>
    </>
  );
}
