import { Link } from 'react-router';
import { Alert } from '../../../components/alert';
import { PageHeading } from '../../../components/page-heading';

/** A webshop page opened by a user who is not a citizen: these pages show the logged-in citizen's own data. */
export function OnlyForCitizens({ title }: { title: string }) {
  return (
    <>
      <PageHeading title={title}>{title}</PageHeading>
      <Alert variant="info">Siden er for borgere, der er logget ind i webshoppen, og viser deres egne oplysninger.</Alert>
      <p>
        <Link to="/mine-sider">Til Mine sider</Link>
      </p>
    </>
  );
}
