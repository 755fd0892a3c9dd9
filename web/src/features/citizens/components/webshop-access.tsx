import { Alert } from '../../../components/alert';
import { errorMessage } from '../../../lib/error-messages';
import { useResetWebshopPassword, type CitizenRecord } from '../api';
import { OneTimePassword } from './one-time-password';

/**
 * The citizen's webshop login (user guide p. 8: "Nulstille borgerens adgangskode og bede systemet sende et nyt
 * login til borgeren via email"). Without an e-mail address there is nowhere to send the link: the caseworker
 * gives a one-time password instead (OneTimePassword).
 */
export function WebshopAccess({ record }: { record: CitizenRecord }) {
  return (
    <section aria-labelledby="webshop-heading">
      <h2 id="webshop-heading">Adgangskode til webshoppen</h2>
      {record.email ? (
        <WebshopLink record={record} />
      ) : (
        <>
          <p>
            Borgeren logger ind i webshoppen med brugernavnet <strong>{record.webshopUsername}</strong>.
          </p>
          <OneTimePassword record={record} />
        </>
      )}
    </section>
  );
}

function WebshopLink({ record }: { record: CitizenRecord }) {
  const reset = useResetWebshopPassword(record.citizenId);
  return (
    <>
      <p>
        Borgeren logger ind i webshoppen med brugernavnet <strong>{record.webshopUsername}</strong>. Nulstil adgangskoden, så får borgeren en e-mail med
        et link til at vælge en ny.
      </p>
      {reset.isSuccess && <Alert variant="success">Linket er sendt til borgerens e-mailadresse.</Alert>}
      {reset.isError && (
        <Alert variant="error" heading="Linket kan ikke sendes">
          {errorMessage(reset.error)}
        </Alert>
      )}
      <button type="button" className="button button-secondary" onClick={() => reset.mutate()} disabled={reset.isPending}>
        Nulstil adgangskode
      </button>
    </>
  );
}
