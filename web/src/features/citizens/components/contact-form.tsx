import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/alert';
import { ErrorSummary } from '../../../components/error-summary';
import { fieldErrors, formErrorsFrom, hasErrors, NO_ERRORS } from '../../../lib/form-errors';
import { useChangeContactDetails, type CitizenRecord } from '../api';
import { contactChanges, contactFieldsOf, contactProblems, type ContactFields } from '../citizen-form';
import { ContactDetailsFields } from './contact-fields';

const ID: Readonly<Record<keyof ContactFields, string>> = {
  street: 'contact-street',
  postalCode: 'contact-postalCode',
  city: 'contact-city',
  phone: 'contact-phone',
  email: 'contact-email',
};

const REFUSALS = {
  codes: { ADDRESS_OUTSIDE_MUNICIPALITY: ID.postalCode },
  paths: { 'address.street': ID.street, 'address.postalCode': ID.postalCode, 'address.city': ID.city, phone: ID.phone, email: ID.email },
};

/**
 * Address, phone and e-mail (user guide p. 8, "Når en borger flytter"): a move within the municipality is changed
 * here; a postal code outside it is refused (the citizen is then "Fraflyttet" and created anew where they live).
 */
export function ContactForm({ record }: { record: CitizenRecord }) {
  const save = useChangeContactDetails(record.citizenId);
  const [fields, setFields] = useState(() => contactFieldsOf(record));
  const [errors, setErrors] = useState(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const [outcome, setOutcome] = useState<'saved' | 'unchanged' | null>(null);

  const change = (field: keyof ContactFields) => (event: { target: { value: string } }) => {
    setFields((current) => ({ ...current, [field]: event.target.value }));
    setOutcome(null);
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const problems = contactProblems(fields);
    const local = fieldErrors(Object.fromEntries(Object.entries(problems).map(([field, message]) => [ID[field as keyof ContactFields], message])));
    setErrors(local);
    if (hasErrors(local)) return;
    const changes = contactChanges(record, fields);
    if (!changes) return setOutcome('unchanged');
    save.mutate(changes, {
      onSuccess: () => setOutcome('saved'),
      onError: (error) => setErrors(formErrorsFrom(error, Object.values(REFUSALS.paths), REFUSALS)),
    });
  };

  const field = (name: keyof ContactFields) => ({ id: ID[name], value: fields[name], onChange: change(name), error: errors.fields[ID[name]] });

  return (
    <form onSubmit={submit} noValidate aria-labelledby="contact-heading">
      <h2 id="contact-heading">Kontaktoplysninger</h2>
      <p>Flytter borgeren inden for kommunen, retter du adressen her. Flytter borgeren til en anden kommune, skifter du status til "Fraflyttet".</p>
      <ErrorSummary items={errors.summary} attempt={attempt} />
      {outcome === 'saved' && <Alert variant="success">Kontaktoplysningerne er gemt.</Alert>}
      {outcome === 'unchanged' && <Alert variant="info">Der er ingen ændringer at gemme.</Alert>}
      <ContactDetailsFields field={field} />
      <button type="submit" className="button button-primary button-accept mt-5" disabled={save.isPending}>
        Gem data
      </button>
    </form>
  );
}
