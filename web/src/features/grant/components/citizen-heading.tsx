import { Link } from 'react-router';
import { CITIZEN_STATUS_NAMES } from '../../../lib/citizen-status';
import { useSession } from '../../../lib/use-session';
import { accessLogPath, grantAsOfPath, historyPath, mayAudit } from '../../audit/api';
import type { GrantCitizen } from '../api';

/** Whose grant this is: name and masked CPR number, the address orders go to, and the way to the record and the orders. */
export function CitizenHeading({ citizenId, citizen }: { citizenId: string; citizen: GrantCitizen }) {
  const { street, postalCode, city } = citizen.address;
  const role = useSession()?.user.role;
  return (
    <div className="citizen-heading">
      <p className="font-lead mt-0 mb-2">
        <strong>{citizen.name}</strong>, CPR-nr. {citizen.cprMasked}
        {citizen.status !== 'ACTIVE' && <span className="badge badge-warning ml-3">{CITIZEN_STATUS_NAMES[citizen.status]}</span>}
      </p>
      <p className="mt-0">
        {street}, {postalCode} {city}
      </p>
      <p className="citizen-links">
        <Link to={`/borgere/${citizenId}/brugerdata`} className="button button-secondary">
          Brugerdata
        </Link>
        <Link to={`/borgere/${citizenId}/ordrer`} className="button button-secondary">
          Vis ordrehistorik
        </Link>
      </p>
      {mayAudit(role) && (
        <p className="citizen-links">
          <Link to={historyPath(citizenId)} className="button button-tertiary">
            Hændelseshistorik
          </Link>
          <Link to={grantAsOfPath(citizenId)} className="button button-tertiary">
            Bevilling på et tidspunkt
          </Link>
          <Link to={accessLogPath(citizenId)} className="button button-tertiary">
            Adgangslog
          </Link>
        </p>
      )}
    </div>
  );
}
