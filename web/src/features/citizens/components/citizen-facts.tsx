import type { ReactNode } from 'react';
import { CITIZEN_STATUS_NAMES } from '../../../lib/citizen-status';
import { formatDate } from '../../../lib/format';
import type { CitizenRecord } from '../api';
import { hyphenatedCpr } from '../cpr-input';

/** The record's facts, the full CPR number among them (asked for with a purpose, and recorded). */
export function CitizenFacts({ record, showContact }: { record: CitizenRecord; showContact: boolean }) {
  return (
    <dl className="profile-list profile-columns">
      <Fact term="Navn">
        {record.firstName} {record.lastName}
      </Fact>
      <Fact term="CPR-nummer">{hyphenatedCpr(record.cpr)}</Fact>
      <Fact term="Fødselsdato">{formatDate(record.birthDate)}</Fact>
      <Fact term="Køn">{record.gender === 'female' ? 'Kvinde' : 'Mand'}</Fact>
      <Fact term="Brugernavn til webshop">{record.webshopUsername}</Fact>
      <Fact term="Status">{CITIZEN_STATUS_NAMES[record.status]}</Fact>
      <Fact term="Aktive bevillingsområder">{record.grantAreas.length > 0 ? record.grantAreas.join(', ') : 'Ingen'}</Fact>
      <Fact term="Kommune">{record.municipalityId}</Fact>
      {showContact && (
        <>
          <Fact term="Adresse">
            {record.address.street}, {record.address.postalCode} {record.address.city}
          </Fact>
          <Fact term="Telefon">{record.phone ?? 'Ikke oplyst'}</Fact>
          <Fact term="E-mail">{record.email ?? 'Ikke oplyst'}</Fact>
        </>
      )}
    </dl>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
