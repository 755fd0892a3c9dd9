import { Link } from 'react-router';
import { CITIZEN_STATUS_NAMES } from '../../../lib/citizen-status';
import type { GrantCitizen } from '../api';

/** Whose grant this is: name and masked CPR number, the address orders go to, and the way to the record and the orders. */
export function CitizenHeading({ citizenId, citizen }: { citizenId: string; citizen: GrantCitizen }) {
  const { street, postalCode, city } = citizen.address;
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
    </div>
  );
}
