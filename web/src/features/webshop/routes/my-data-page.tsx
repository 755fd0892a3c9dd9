import type { ReactNode } from 'react';
import { Alert } from '../../../components/alert';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { CITIZEN_STATUS_NAMES } from '../../../lib/citizen-status';
import { errorMessage } from '../../../lib/error-messages';
import { formatDate } from '../../../lib/format';
import { useCitizenRecord, type CitizenRecord } from '../../citizens/api';
import { OWN_DATA_PURPOSE, useAccessLogExtract, useOwnCitizenId } from '../api';
import { OnlyForCitizens } from '../components/only-for-citizens';

const TITLE = 'Mine oplysninger';

/**
 * "Mine oplysninger" (PORTAL.md "Citizen (webshop)"): the citizen's own record as the municipality keeps it, and
 * "Hvem har set mine oplysninger": every time the record was opened, with the date and the purpose given
 * (GDPR Art. 15, DOMAIN §7) — never who. Opening this page is itself such an opening, so it is read first and
 * the list after it.
 */
export function MyDataPage() {
  const citizenId = useOwnCitizenId();
  if (!citizenId) return <OnlyForCitizens title={TITLE} />;
  return <OwnData citizenId={citizenId} />;
}

function OwnData({ citizenId }: { citizenId: string }) {
  const record = useCitizenRecord(citizenId, OWN_DATA_PURPOSE);
  // After the record, so that this opening is on the list too.
  const extract = useAccessLogExtract(citizenId, !record.isPending);

  return (
    <>
      <PageHeading title={TITLE}>{TITLE}</PageHeading>
      {record.isPending && <Spinner status="Henter dine oplysninger …" />}
      {record.isError && <Alert variant="error">{errorMessage(record.error)}</Alert>}
      {record.data && <Facts record={record.data} />}
      <section aria-labelledby="hvem-har-set" className="mt-7">
        <h2 id="hvem-har-set">Hvem har set mine oplysninger</h2>
        <p>Hver gang dine oplysninger bliver åbnet, bliver det registreret med dato og formål. Her kan du se dem alle, de nyeste først.</p>
        {extract.isPending && <Spinner status="Henter listen …" />}
        {extract.isError && <Alert variant="error">{errorMessage(extract.error)}</Alert>}
        {extract.data &&
          (extract.data.items.length === 0 ? (
            <p>Ingen har åbnet dine oplysninger endnu.</p>
          ) : (
            <table className="table table--zebra webshop-access-log">
              <caption className="sr-only">Hvornår og hvorfor dine oplysninger er åbnet</caption>
              <thead>
                <tr>
                  <th scope="col">Dato</th>
                  <th scope="col">Formål</th>
                </tr>
              </thead>
              <tbody>
                {[...extract.data.items].reverse().map((item, index) => (
                  <tr key={index}>
                    <td className="text-nowrap">{formatDate(item.date)}</td>
                    <td>{item.purpose}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
      </section>
    </>
  );
}

function Facts({ record }: { record: CitizenRecord }) {
  const cpr = /^\d{10}$/.test(record.cpr) ? `${record.cpr.slice(0, 6)}-${record.cpr.slice(6)}` : record.cpr;
  return (
    <>
      <dl className="profile-list">
        <Fact term="Navn">
          {record.firstName} {record.lastName}
        </Fact>
        <Fact term="CPR-nummer">{cpr}</Fact>
        <Fact term="Fødselsdato">{formatDate(record.birthDate)}</Fact>
        <Fact term="Adresse">
          {record.address.street}, {record.address.postalCode} {record.address.city}
        </Fact>
        <Fact term="Telefon">{record.phone ?? 'Ikke oplyst'}</Fact>
        <Fact term="E-mail">{record.email ?? 'Ikke oplyst'}</Fact>
        <Fact term="Brugernavn til webshop">{record.webshopUsername}</Fact>
        <Fact term="Status">{CITIZEN_STATUS_NAMES[record.status]}</Fact>
        <Fact term="Bevillingsområder">{record.grantAreas.length > 0 ? record.grantAreas.join(', ') : 'Ingen'}</Fact>
      </dl>
      <p className="form-hint">Er noget forkert, så kontakt din kommune: den retter dine oplysninger.</p>
    </>
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
