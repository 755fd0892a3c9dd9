import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/alert';
import { ErrorSummary } from '../../../components/error-summary';
import { TextField } from '../../../components/text-field';
import { fieldErrors, formErrorsFrom, hasErrors, NO_ERRORS } from '../../../lib/form-errors';
import { useChangeContactDetails, type CitizenRecord } from '../api';

const REFUSALS = { paths: { firstName: 'name-firstName', lastName: 'name-lastName' } };

/** "Opdatere alle borgerens data": a misspelt name is corrected here. */
export function NameForm({ record }: { record: CitizenRecord }) {
  const save = useChangeContactDetails(record.citizenId);
  const [firstName, setFirstName] = useState(record.firstName);
  const [lastName, setLastName] = useState(record.lastName);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const [outcome, setOutcome] = useState<'saved' | 'unchanged' | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const local = fieldErrors({
      'name-firstName': firstName.trim() ? undefined : 'Skriv borgerens fornavn.',
      'name-lastName': lastName.trim() ? undefined : 'Skriv borgerens efternavn.',
    });
    setErrors(local);
    if (hasErrors(local)) return;
    if (firstName.trim() === record.firstName && lastName.trim() === record.lastName) return setOutcome('unchanged');
    save.mutate(
      { firstName: firstName.trim(), lastName: lastName.trim() },
      { onSuccess: () => setOutcome('saved'), onError: (error) => setErrors(formErrorsFrom(error, Object.values(REFUSALS.paths), REFUSALS)) },
    );
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="name-heading">
      <h2 id="name-heading">Navn</h2>
      <ErrorSummary items={errors.summary} attempt={attempt} />
      {outcome === 'saved' && <Alert variant="success">Navnet er gemt.</Alert>}
      {outcome === 'unchanged' && <Alert variant="info">Der er ingen ændringer at gemme.</Alert>}
      <TextField
        id="name-firstName"
        label="Fornavn"
        required
        value={firstName}
        onChange={(event) => (setFirstName(event.target.value), setOutcome(null))}
        maxLength={100}
        autoComplete="off"
        error={errors.fields['name-firstName']}
      />
      <TextField
        id="name-lastName"
        label="Efternavn"
        required
        value={lastName}
        onChange={(event) => (setLastName(event.target.value), setOutcome(null))}
        maxLength={100}
        autoComplete="off"
        error={errors.fields['name-lastName']}
      />
      <button type="submit" className="button button-primary mt-5" disabled={save.isPending}>
        Gem navn
      </button>
    </form>
  );
}
