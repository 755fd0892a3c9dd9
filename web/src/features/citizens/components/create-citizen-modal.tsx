import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { CheckboxField } from '../../../components/checkbox-field';
import { ErrorSummary } from '../../../components/error-summary';
import { Modal } from '../../../components/modal';
import { RequiredMark } from '../../../components/required-mark';
import { TextField } from '../../../components/text-field';
import { isApiError } from '../../../lib/api-error';
import { fieldErrors, formErrorsFrom, hasErrors, NO_ERRORS, type FormErrors } from '../../../lib/form-errors';
import { useRegisterCitizen } from '../api';
import { registrationBody, registrationProblems, type RegistrationFields } from '../citizen-form';
import { withoutSeparators } from '../cpr-input';
import { grantPath } from '../paths';
import { ContactDetailsFields } from './contact-fields';

const EMPTY: RegistrationFields = { cpr: '', webshopUsername: '', firstName: '', lastName: '', street: '', postalCode: '', city: '', phone: '', email: '' };

/** Each field's id on the page (the summary links to it), by the form's and the API's names for it. */
const ID: Readonly<Record<keyof RegistrationFields, string>> = {
  cpr: 'new-cpr',
  webshopUsername: 'new-webshopUsername',
  firstName: 'new-firstName',
  lastName: 'new-lastName',
  street: 'new-street',
  postalCode: 'new-postalCode',
  city: 'new-city',
  phone: 'new-phone',
  email: 'new-email',
};
const CONFIRM_ID = 'new-confirmUnusualCpr';

const REFUSALS = {
  codes: {
    CPR_FORMAT: ID.cpr,
    CPR_DATE: ID.cpr,
    CPR_CHECKSUM_UNCONFIRMED: ID.cpr,
    CPR_ALREADY_REGISTERED: ID.cpr,
    CPR_REGISTERED_ELSEWHERE: ID.cpr,
    ADDRESS_OUTSIDE_MUNICIPALITY: ID.postalCode,
    USERNAME_TAKEN: ID.webshopUsername,
  },
  paths: {
    cpr: ID.cpr,
    webshopUsername: ID.webshopUsername,
    firstName: ID.firstName,
    lastName: ID.lastName,
    'address.street': ID.street,
    'address.postalCode': ID.postalCode,
    'address.city': ID.city,
    phone: ID.phone,
    email: ID.email,
  },
};

/**
 * "Opret ny borger …" (user guide p. 2), a DKFDS modal: the CPR number first, copied into "Brugernavn til webshop"
 * until the user writes a username of their own; the red-star fields required. A number that fails the modulus-11
 * check is a likely typo, so the service asks for it to be checked, and an explicit confirmation sends it again
 * (DOMAIN §2.1). "Gem data" goes straight on to the new citizen's grant, to add products.
 */
export function CreateCitizenModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const register = useRegisterCitizen();
  const [fields, setFields] = useState(EMPTY);
  const [ownUsername, setOwnUsername] = useState(false);
  const [checksumQuestioned, setChecksumQuestioned] = useState(false);
  const [confirmed, setConfirmed] = useState(false);
  const [existingCitizen, setExistingCitizen] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);

  const close = () => {
    setFields(EMPTY);
    setOwnUsername(false);
    setChecksumQuestioned(false);
    setConfirmed(false);
    setExistingCitizen(null);
    setErrors(NO_ERRORS);
    register.reset();
    onClose();
  };

  const change = (field: keyof RegistrationFields) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    setFields((current) => ({ ...current, [field]: value, ...(field === 'cpr' && !ownUsername ? { webshopUsername: withoutSeparators(value) } : {}) }));
    if (field === 'webshopUsername') setOwnUsername(true);
    if (field === 'cpr') {
      // A new number is a new question: the confirmation and the refusal were about the old one.
      setChecksumQuestioned(false);
      setConfirmed(false);
      setExistingCitizen(null);
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const problems = registrationProblems(fields);
    const local = fieldErrors({
      ...Object.fromEntries(Object.entries(problems).map(([field, message]) => [ID[field as keyof RegistrationFields], message])),
      [CONFIRM_ID]: checksumQuestioned && !confirmed ? 'Kontrollér CPR-nummeret, og sæt flueben, hvis det er korrekt.' : undefined,
    });
    setErrors(local);
    if (hasErrors(local)) return;
    register.mutate(registrationBody(fields, checksumQuestioned && confirmed), {
      onSuccess: ({ citizenId }) => {
        close();
        navigate(grantPath(citizenId));
      },
      onError: (error) => {
        setErrors(formErrorsFrom(error, Object.values(REFUSALS.paths), REFUSALS));
        if (!isApiError(error)) return;
        if (error.code === 'CPR_CHECKSUM_UNCONFIRMED') setChecksumQuestioned(true);
        if (error.code === 'CPR_ALREADY_REGISTERED' && typeof error.details.citizenId === 'string') setExistingCitizen(error.details.citizenId);
      },
    });
  };

  const field = (name: keyof RegistrationFields) => ({ id: ID[name], value: fields[name], onChange: change(name), error: errors.fields[ID[name]] });

  return (
    <Modal
      id="create-citizen"
      open={open}
      heading="Opret ny borger"
      onClose={close}
      actions={
        <>
          <button type="submit" form="create-citizen-form" className="button button-primary button-accept" disabled={register.isPending}>
            Gem data
          </button>
          <button type="button" className="button button-tertiary" onClick={close}>
            Annullér
          </button>
        </>
      }
    >
      {open && (
        <form id="create-citizen-form" onSubmit={submit} noValidate>
          <ErrorSummary items={errors.summary} attempt={attempt} />
          <p className="form-hint">
            Start med CPR-nummeret. Felter markeret med <RequiredMark /> <span className="sr-only">stjerne</span> skal udfyldes.
          </p>
          <TextField {...field('cpr')} label="CPR-nummer" hint="ddmmåå-xxxx" required autoComplete="off" inputMode="numeric" />
          {existingCitizen && (
            <p>
              <Link to={grantPath(existingCitizen)} className="function-link">
                Gå til borgeren, der allerede er oprettet
              </Link>
            </p>
        )}
        {checksumQuestioned && (
          <CheckboxField id={CONFIRM_ID} label="CPR-nummeret er kontrolleret og korrekt" checked={confirmed} onChange={(event) => setConfirmed(event.target.checked)} error={errors.fields[CONFIRM_ID]} />
        )}
        <TextField {...field('webshopUsername')} label="Brugernavn til webshop" hint="Udfyldes med CPR-nummeret. Du kan skrive et andet." autoComplete="off" />
        <div className="row">
          <div className="col-12 col-md-6">
            <TextField {...field('firstName')} label="Fornavn" required autoComplete="off" />
          </div>
          <div className="col-12 col-md-6">
            <TextField {...field('lastName')} label="Efternavn" required autoComplete="off" />
          </div>
        </div>
        <ContactDetailsFields field={field} streetHint="Vej, husnummer, etage" />
      </form>
      )}
    </Modal>
  );
}
