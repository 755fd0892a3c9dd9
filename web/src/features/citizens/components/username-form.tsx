import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/alert';
import { ErrorSummary } from '../../../components/error-summary';
import { TextField } from '../../../components/text-field';
import { fieldErrors, formErrorsFrom, hasErrors, NO_ERRORS } from '../../../lib/form-errors';
import { useChangeWebshopUsername, type CitizenRecord } from '../api';

const FIELD = 'webshop-username';
const REFUSALS = { codes: { USERNAME_TAKEN: FIELD }, paths: { webshopUsername: FIELD } };

/** The citizen's username for the webshop: unique across every login; the citizen logs in with the new one at once. */
export function UsernameForm({ record }: { record: CitizenRecord }) {
  const save = useChangeWebshopUsername(record.citizenId);
  const [username, setUsername] = useState(record.webshopUsername);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const [outcome, setOutcome] = useState<'saved' | 'unchanged' | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const local = fieldErrors({ [FIELD]: username.trim() ? undefined : 'Skriv et brugernavn.' });
    setErrors(local);
    if (hasErrors(local)) return;
    if (username.trim() === record.webshopUsername) return setOutcome('unchanged');
    save.mutate(username.trim(), {
      onSuccess: () => setOutcome('saved'),
      onError: (error) => setErrors(formErrorsFrom(error, [FIELD], REFUSALS)),
    });
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="username-heading">
      <h2 id="username-heading">Brugernavn til webshoppen</h2>
      <ErrorSummary items={errors.summary} attempt={attempt} />
      {outcome === 'saved' && <Alert variant="success">Brugernavnet er gemt. Borgeren logger ind med det nye brugernavn fra nu af.</Alert>}
      {outcome === 'unchanged' && <Alert variant="info">Der er ingen ændringer at gemme.</Alert>}
      <TextField
        id={FIELD}
        label="Brugernavn"
        required
        hint="Brugernavnet skal være unikt. Borgerens adgangskode er den samme."
        value={username}
        onChange={(event) => (setUsername(event.target.value), setOutcome(null))}
        maxLength={100}
        autoComplete="off"
        error={errors.fields[FIELD]}
      />
      <button type="submit" className="button button-primary mt-5" disabled={save.isPending}>
        Gem brugernavn
      </button>
    </form>
  );
}
