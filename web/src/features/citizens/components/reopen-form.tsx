import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/alert';
import { ErrorSummary } from '../../../components/error-summary';
import { Modal } from '../../../components/modal';
import { Spinner } from '../../../components/spinner';
import { TextareaField } from '../../../components/textarea-field';
import { CITIZEN_STATUS_NAMES } from '../../../lib/citizen-status';
import { isApiError } from '../../../lib/api-error';
import { errorMessage } from '../../../lib/error-messages';
import { fieldErrors, formErrorsFrom, NO_ERRORS } from '../../../lib/form-errors';
import { useReopenCitizen, useReopenPreview, type CitizenRecord } from '../api';

const REASON_ID = 'reopen-reason';
/** CPR_REGISTERED_ELSEWHERE on a reopening (DOMAIN §2.3): another citizen holds the number now, in whichever municipality. */
const REOPEN_CPR_TAKEN = 'Borgeren kan ikke genåbnes: CPR-nummeret er nu registreret på en anden borger. Ret det først.';

/**
 * "Genåbn borger" (PORTAL.md, customer service; DOMAIN §2.3): a citizen registered as dead or moved away by mistake
 * comes back with a reason. Before confirming, the dialog shows what comes back: the grant lines that were active
 * when the citizen was removed (the service names them), restored with windows from today. Once reopened, the
 * record is read again (the citizen is no longer removed) and the page says what happened (`onReopened`).
 */
export function ReopenForm({ record, onReopened }: { record: CitizenRecord; onReopened: () => void }) {
  const reopen = useReopenCitizen(record.citizenId);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const preview = useReopenPreview(record.citizenId, confirming);

  const ask = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    if (reason.trim() === '') return setErrors(fieldErrors({ [REASON_ID]: 'Skriv hvorfor borgeren genåbnes.' }));
    setErrors(NO_ERRORS);
    setConfirming(true);
  };

  const confirm = () =>
    reopen.mutate(reason.trim(), {
      onSuccess: () => {
        setConfirming(false);
        onReopened();
      },
      onError: (error) => {
        setConfirming(false);
        setAttempt((n) => n + 1);
        setErrors(
          isApiError(error) && error.code === 'CPR_REGISTERED_ELSEWHERE'
            ? { summary: [{ message: REOPEN_CPR_TAKEN }], fields: {} }
            : formErrorsFrom(error, [REASON_ID], { paths: { reason: REASON_ID } }),
        );
      },
    });

  const restored = preview.data
    ? preview.data.areas.flatMap((area) => area.lines).filter((line) => (preview.data.restoredOnReopen ?? []).includes(line.lineId))
    : [];

  return (
    <form onSubmit={ask} noValidate aria-labelledby="reopen-heading">
      <h2 id="reopen-heading">Genåbn borger</h2>
      <p>
        Borgeren har status "{CITIZEN_STATUS_NAMES[record.status]}". Er det en fejl, kan borgeren genåbnes: status bliver "Aktiv", og de varer, der var
        aktive ved fjernelsen, bliver aktive igen fra i dag.
      </p>
      <ErrorSummary items={errors.summary} attempt={attempt} />
      <TextareaField id={REASON_ID} label="Begrundelse" required value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} error={errors.fields[REASON_ID]} />
      <button type="submit" className="button button-primary mt-5" disabled={reopen.isPending}>
        Genåbn borger …
      </button>
      <Modal
        id="confirm-reopen"
        open={confirming}
        heading="Genåbn borgeren?"
        onClose={() => setConfirming(false)}
        actions={
          <>
            <button type="button" className="button button-primary button-accept" onClick={confirm} disabled={reopen.isPending || preview.isPending}>
              Ja, genåbn borgeren
            </button>
            <button type="button" className="button button-tertiary" onClick={() => setConfirming(false)}>
              Fortryd
            </button>
          </>
        }
      >
        <p>Borgeren får status "Aktiv" og kan bestille igen.</p>
        {preview.isPending && <Spinner status="Henter de varer, der kommer tilbage …" />}
        {preview.isError && <Alert variant="error">{errorMessage(preview.error)}</Alert>}
        {preview.data &&
          (restored.length === 0 ? (
            <p>Ingen varer bliver aktive igen: borgeren havde ingen aktive varer, da borgeren blev fjernet.</p>
          ) : (
            <>
              <p>Disse varer bliver aktive igen fra i dag:</p>
              <ul id="reopen-restored-lines">
                {restored.map((line) => (
                  <li key={line.lineId}>
                    {line.productName ?? 'Ukendt produkt'} (varenr. {line.itemNumber}), {line.grantArea}
                    {line.allowance ? `, bevilget max. ${line.allowance.grantedMax}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ))}
      </Modal>
    </form>
  );
}
