import { Link, Outlet, useParams } from 'react-router';
import { PageHeading } from '../../components/page-heading';

/**
 * Stands in for the grant page ("Borgers bevilling", built beside this) until it is merged: its route then takes
 * the grant-change dialogs as children, rendered in its <Outlet />, and this file goes.
 */
export function GrantPageStandIn() {
  const { citizenId = '' } = useParams();
  return (
    <>
      <PageHeading title="Borgers bevilling">Borgers bevilling</PageHeading>
      <p>
        <Link className="button button-secondary" to={`/borgere/${encodeURIComponent(citizenId)}/bevilling/tilfoej`}>
          Tilføj ny vare
        </Link>{' '}
        <Link className="button button-secondary" to={`/borgere/${encodeURIComponent(citizenId)}/bevilling/inaktive`}>
          Tilføj ny fra inaktiv-liste
        </Link>
      </p>
      <Outlet />
    </>
  );
}
