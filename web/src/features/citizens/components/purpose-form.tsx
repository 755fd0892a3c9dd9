import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../../components/error-summary';
import { RadioGroup } from '../../../components/radio-group';
import { TextField } from '../../../components/text-field';
import { fieldErrors, NO_ERRORS } from '../../../lib/form-errors';
import { LOOK_UP_PURPOSES, OTHER_PURPOSE, purposeOf } from '../look-up-purposes';

/**
 * Asked before a citizen's full record is shown (DOMAIN §7): the look-up is recorded with its purpose, and the
 * citizen may later read when and why their data was looked up.
 */
export function PurposeForm({ onPurpose }: { onPurpose: (purpose: string) => void }) {
  const [choice, setChoice] = useState('');
  const [other, setOther] = useState('');
  const [errors, setErrors] = useState(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const result = purposeOf(choice, other);
    if ('purpose' in result) return onPurpose(result.purpose);
    setErrors(
      fieldErrors(result.problem === 'choice' ? { purpose: 'Vælg formålet med opslaget.' } : { 'purpose-other': 'Skriv formålet med opslaget.' }),
    );
  };

  return (
    <form onSubmit={submit} noValidate className="mb-6">
      <ErrorSummary items={errors.summary} attempt={attempt} />
      <RadioGroup
        id="purpose"
        legend="Hvad er formålet med opslaget?"
        hint="Opslaget i borgerens oplysninger bliver registreret med formålet. Borgeren kan se dato og formål."
        options={[...LOOK_UP_PURPOSES, OTHER_PURPOSE].map((purpose) => ({ value: purpose, label: purpose }))}
        value={choice}
        onChange={setChoice}
        error={errors.fields.purpose}
      />
      {choice === OTHER_PURPOSE && (
        <TextField id="purpose-other" label="Beskriv formålet" value={other} onChange={(event) => setOther(event.target.value)} error={errors.fields['purpose-other']} maxLength={200} autoComplete="off" />
      )}
      <button type="submit" className="button button-primary mt-5">
        Vis brugerdata
      </button>
    </form>
  );
}
