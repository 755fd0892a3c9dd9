import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '../../../components/alert';
import { ErrorSummary } from '../../../components/error-summary';
import { Modal } from '../../../components/modal';
import { SelectField } from '../../../components/select-field';
import { TextField } from '../../../components/text-field';
import { CITIZEN_STATUSES, CITIZEN_STATUS_NAMES, isRemovalStatus, type CitizenStatus } from '../../../lib/citizen-status';
import { fieldErrors, formErrorsFrom, NO_ERRORS } from '../../../lib/form-errors';
import { useChangeCitizenStatus, type CitizenRecord } from '../api';
import type { SearchPageState } from '../search-criteria';
import { statusChangeConsequence, statusChangedNotice } from '../status-change';

/**
 * "Status" (user guide p. 8): a change is confirmed in a DKFDS modal that says what it does. After "Mors" or
 * "Fraflyttet" the citizen is gone from the municipality's views, so the page returns to the search.
 */
export function StatusForm({ record }: { record: CitizenRecord }) {
  const navigate = useNavigate();
  const change = useChangeCitizenStatus(record.citizenId);
  const [status, setStatus] = useState<CitizenStatus>(record.status);
  const [reason, setReason] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const [changedTo, setChangedTo] = useState<CitizenStatus | null>(null);

  const ask = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    if (status === record.status) return setErrors(fieldErrors({ 'citizen-status': `Borgeren har allerede status "${CITIZEN_STATUS_NAMES[status]}". Vælg en anden status.` }));
    setErrors(NO_ERRORS);
    setConfirming(true);
  };

  const confirm = () => {
    change.mutate(
      { status, reason: reason.trim() || null },
      {
        onSuccess: () => {
          setConfirming(false);
          if (isRemovalStatus(status)) {
            const state: SearchPageState = { notice: statusChangedNotice(status) };
            navigate('/borgere', { state });
            return;
          }
          setChangedTo(status);
          setReason('');
        },
        onError: (error) => {
          setConfirming(false);
          setAttempt((n) => n + 1);
          setErrors(formErrorsFrom(error, []));
        },
      },
    );
  };

  return (
    <form onSubmit={ask} noValidate aria-labelledby="status-heading">
      <h2 id="status-heading">Status</h2>
      <ErrorSummary items={errors.summary} attempt={attempt} />
      {changedTo && changedTo === record.status && <Alert variant="success">{statusChangedNotice(changedTo)}</Alert>}
      <SelectField
        id="citizen-status"
        label="Status"
        value={status}
        onChange={(event) => setStatus(event.target.value as CitizenStatus)}
        options={CITIZEN_STATUSES.map((value) => ({ value, label: CITIZEN_STATUS_NAMES[value] }))}
        error={errors.fields['citizen-status']}
      />
      <TextField id="status-reason" label="Begrundelse (valgfri)" value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} autoComplete="off" />
      <button type="submit" className="button button-secondary mt-5" disabled={change.isPending}>
        Skift status …
      </button>
      <Modal
        id="confirm-status"
        open={confirming}
        heading={`Skift status til "${CITIZEN_STATUS_NAMES[status]}"?`}
        onClose={() => setConfirming(false)}
        actions={
          <>
            <button type="button" className={`button ${isRemovalStatus(status) ? 'button-warning' : 'button-primary'}`} onClick={confirm} disabled={change.isPending}>
              Ja, skift status
            </button>
            <button type="button" className="button button-tertiary" onClick={() => setConfirming(false)}>
              Fortryd
            </button>
          </>
        }
      >
        <p>{statusChangeConsequence(status)}</p>
      </Modal>
    </form>
  );
}
