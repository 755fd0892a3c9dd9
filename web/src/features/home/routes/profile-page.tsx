import { Link } from 'react-router';
import { Alert } from '../../../components/alert';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { errorMessage } from '../../../lib/error-messages';
import { roleName } from '../../../lib/roles';
import { useMe } from '../../auth/api';

/** "Min profil": who the portal knows you as, read from the service (GET /me). */
export function ProfilePage() {
  const me = useMe();
  return (
    <>
      <PageHeading title="Min profil">Min profil</PageHeading>
      {me.isPending && <Spinner status="Henter dine oplysninger …" />}
      {me.isError && <Alert variant="error">{errorMessage(me.error)}</Alert>}
      {me.data && (
        <dl className="profile-list">
          <dt>Navn</dt>
          <dd>{me.data.name}</dd>
          <dt>Brugernavn</dt>
          <dd>{me.data.username}</dd>
          <dt>Rolle</dt>
          <dd>{roleName(me.data.role)}</dd>
          {me.data.municipalityId && (
            <>
              <dt>Kommunenummer</dt>
              <dd>{me.data.municipalityId}</dd>
            </>
          )}
          {me.data.grantAreas.length > 0 && (
            <>
              <dt>Bevillingsområder</dt>
              <dd>{me.data.grantAreas.join(', ')}</dd>
            </>
          )}
        </dl>
      )}
      <p>
        <Link to="/skift-adgangskode" className="button button-secondary">
          Skift adgangskode
        </Link>
      </p>
    </>
  );
}
