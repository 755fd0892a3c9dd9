import { CITIZEN_STATUS_NAMES } from '../../../lib/citizen-status';
import { formatDate } from '../../../lib/format';
import type { CitizenRecord } from '../api';
import { hyphenatedCpr } from '../cpr-input';

/** The record's facts, the full CPR number among them (asked for with a purpose, and recorded). */
export function CitizenFacts({ record, showContact }: { record: CitizenRecord; showContact: boolean }) {
  return (
    <dl className="profile-list">
      <dt>Navn</dt>
      <dd>
        {record.firstName} {record.lastName}
      </dd>
      <dt>CPR-nummer</dt>
      <dd>{hyphenatedCpr(record.cpr)}</dd>
      <dt>Fødselsdato</dt>
      <dd>{formatDate(record.birthDate)}</dd>
      <dt>Køn</dt>
      <dd>{record.gender === 'female' ? 'Kvinde' : 'Mand'}</dd>
      <dt>Brugernavn til webshop</dt>
      <dd>{record.webshopUsername}</dd>
      <dt>Status</dt>
      <dd>{CITIZEN_STATUS_NAMES[record.status]}</dd>
      <dt>Aktive bevillingsområder</dt>
      <dd>{record.grantAreas.length > 0 ? record.grantAreas.join(', ') : 'Ingen'}</dd>
      <dt>Kommune</dt>
      <dd>{record.municipalityId}</dd>
      {showContact && (
        <>
          <dt>Adresse</dt>
          <dd>
            {record.address.street}, {record.address.postalCode} {record.address.city}
          </dd>
          <dt>Telefon</dt>
          <dd>{record.phone ?? 'Ikke oplyst'}</dd>
          <dt>E-mail</dt>
          <dd>{record.email ?? 'Ikke oplyst'}</dd>
        </>
      )}
    </dl>
  );
}
