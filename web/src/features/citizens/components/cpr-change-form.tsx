import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/alert';
import { CheckboxField } from '../../../components/checkbox-field';
import { ErrorSummary } from '../../../components/error-summary';
import { TextField } from '../../../components/text-field';
import { TextareaField } from '../../../components/textarea-field';
import { isApiError } from '../../../lib/api-error';
import { fieldErrors, formErrorsFrom, NO_ERRORS } from '../../../lib/form-errors';
import { useChangeCpr, type CitizenRecord } from '../api';
import { hyphenatedCpr, withoutSeparators } from '../cpr-input';

const CPR_ID = 'new-cpr';
const REASON_ID = 'cpr-reason';
const CONFIRM_ID = 'cpr-confirmUnusualCpr';

/** Refusals at their field (the Danish texts are the one table's, lib/error-messages.ts). */
const REFUSALS = {
  codes: { CPR_FORMAT: CPR_ID, CPR_DATE: CPR_ID, CPR_CHECKSUM_UNCONFIRMED: CPR_ID, CPR_ALREADY_REGISTERED: CPR_ID, CPR_REGISTERED_ELSEWHERE: CPR_ID },
  paths: { cpr: CPR_ID, reason: REASON_ID },
};

/**
 * "Skift CPR-nummer" (PORTAL.md, customer service; API.md PUT /citizens/:id/cpr): the citizen keeps their id, grant
 * and orders; the reason is required. An unusual number (no valid checksum) is asked to be confirmed, as when a
 * citizen is registered; a number already registered is refused at the field.
 */
export function CprChangeForm({ record }: { record: CitizenRecord }) {
  const change = useChangeCpr(record.citizenId);
  const [cpr, setCpr] = useState('');
  const [reason, setReason] = useState('');
  const [questioned, setQuestioned] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const [changedTo, setChangedTo] = useState<string | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const digits = withoutSeparators(cpr);
    const problems = {
      [CPR_ID]: digits === '' ? 'Skriv det nye CPR-nummer.' : digits === record.cpr ? 'Det er borgerens nuværende CPR-nummer. Skriv det nye.' : undefined,
      [REASON_ID]: reason.trim() === '' ? 'Skriv hvorfor CPR-nummeret skiftes.' : undefined,
    };
    if (problems[CPR_ID] || problems[REASON_ID]) return setErrors(fieldErrors(problems));
    change.mutate(
      { cpr: digits, reason: reason.trim(), ...(questioned && confirmed ? { confirmUnusualCpr: true } : {}) },
      {
        onSuccess: () => {
          setErrors(NO_ERRORS);
          setChangedTo(digits);
          setCpr('');
          setReason('');
          setQuestioned(false);
          setConfirmed(false);
        },
        onError: (error) => {
          setAttempt((n) => n + 1);
          setErrors(formErrorsFrom(error, [CPR_ID, REASON_ID], REFUSALS));
          if (isApiError(error) && error.code === 'CPR_CHECKSUM_UNCONFIRMED') setQuestioned(true);
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="cpr-change-heading">
      <h2 id="cpr-change-heading">Skift CPR-nummer</h2>
      {changedTo && <Alert variant="success">CPR-nummeret er skiftet til {hyphenatedCpr(changedTo)}.</Alert>}
      <ErrorSummary items={errors.summary} attempt={attempt} />
      <TextField
        id={CPR_ID}
        label="Nyt CPR-nummer"
        hint="10 cifre, fx 010190-1234."
        required
        width="s"
        inputMode="numeric"
        autoComplete="off"
        value={cpr}
        onChange={(event) => {
          setCpr(event.target.value);
          setQuestioned(false);
          setConfirmed(false);
        }}
        error={errors.fields[CPR_ID]}
      />
      {questioned && <CheckboxField id={CONFIRM_ID} label="CPR-nummeret er kontrolleret og korrekt" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} />}
      <TextareaField id={REASON_ID} label="Begrundelse" required value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} error={errors.fields[REASON_ID]} />
      <button type="submit" className="button button-secondary mt-5" disabled={change.isPending}>
        Skift CPR-nummer
      </button>
    </form>
  );
}
