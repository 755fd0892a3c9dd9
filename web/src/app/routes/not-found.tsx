import { Link } from 'react-router';
import { PageHeading } from '../../components/page-heading';

export function NotFound() {
  return (
    <>
      <PageHeading title="Siden findes ikke">Siden findes ikke</PageHeading>
      <p>Adressen er forkert, eller siden er flyttet.</p>
      <p>
        <Link to="/mine-sider">Til Mine sider</Link>
      </p>
    </>
  );
}
