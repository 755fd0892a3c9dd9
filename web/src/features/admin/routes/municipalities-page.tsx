import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../../components/alert';
import { BackLink } from '../../../components/back-link';
import { ErrorSummary } from '../../../components/error-summary';
import { PageHeading } from '../../../components/page-heading';
import { Spinner } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { TextareaField } from '../../../components/textarea-field';
import { isApiError } from '../../../lib/api-error';
import { errorMessage } from '../../../lib/error-messages';
import { fieldErrors, formErrorsFrom, hasErrors, NO_ERRORS, type FormErrors } from '../../../lib/form-errors';
import { agreementPath } from '../../agreements/api';
import { useMunicipality, useSaveMunicipality } from '../api';
import { EMPTY_MUNICIPALITY, fieldsOf, municipalityBody, municipalityProblems, type MunicipalityFields } from '../municipality-form';
import { MunicipalityList } from '../components/municipality-list';
import { ADMIN_PATH } from '../paths';
import { isMunicipalityId } from '../user-form';

const TITLE = 'Kommuner';

const ID = { name: 'municipality-name', postalCodes: 'municipality-postalCodes', grantAreas: 'municipality-grantAreas' } as const;
const REFUSALS = {
  codes: { POSTAL_CODES_REQUIRED: ID.postalCodes, GRANT_AREAS_REQUIRED: ID.grantAreas },
  paths: ID,
};

/**
 * "Kommuner": a municipality found by its number, with its name, postal codes and grant areas to change; a number
 * not registered yet is offered "Opret kommune" with the same fields. Below, "Alle kommuner" lists them, each
 * number a link to the municipality's page.
 */
export function MunicipalitiesPage() {
  const [typed, setTyped] = useState('');
  const [typedError, setTypedError] = useState<string | undefined>();
  const [id, setId] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const municipality = useMunicipality(id);

  const find = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = typed.trim();
    if (!isMunicipalityId(value)) {
      setTypedError(value === '' ? 'Udfyld kommunenummer.' : 'Kommunenummeret er 3 cifre, fx 101.');
      return;
    }
    setTypedError(undefined);
    setNotice(null);
    setId(value);
  };

  const unknown = municipality.isError && isApiError(municipality.error) && municipality.error.status === 404;
  return (
    <>
      <BackLink to={ADMIN_PATH}>Tilbage til Administration</BackLink>
      <PageHeading title={TITLE}>{TITLE}</PageHeading>
      <p>En kommunes postnumre afgør, hvilke adresser dens borgere kan have; dens bevillingsområder er dem, medarbejderne kan få adgang til.</p>
      <form onSubmit={find} noValidate>
        <TextField id="find-municipality" label="Kommunenummer" hint="3 cifre, fx 101" width="xs" inputMode="numeric" autoComplete="off" value={typed} onChange={(event) => setTyped(event.target.value)} error={typedError} />
        <button type="submit" className="button button-secondary">
          Find kommune
        </button>
      </form>
      {notice && (
        <Alert variant="success" id="municipality-notice">
          {notice}
        </Alert>
      )}
      {municipality.isFetching && <Spinner status="Henter kommunen …" />}
      {municipality.isError && !unknown && <Alert variant="error">{errorMessage(municipality.error)}</Alert>}
      {id && unknown && <MunicipalityForm key={`new-${id}`} id={id} initial={EMPTY_MUNICIPALITY} create onSaved={setNotice} />}
      {id && municipality.data && !municipality.isFetching && <MunicipalityForm key={`edit-${id}`} id={id} initial={fieldsOf(municipality.data)} create={false} onSaved={setNotice} />}
      <MunicipalityList />
    </>
  );
}

export function MunicipalityForm({ id, initial, create, onSaved }: { id: string; initial: MunicipalityFields; create: boolean; onSaved: (notice: string | null) => void }) {
  const save = useSaveMunicipality();
  const [fields, setFields] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    onSaved(null);
    const problems = municipalityProblems(fields);
    const local = fieldErrors(Object.fromEntries(Object.entries(problems).map(([field, message]) => [ID[field as keyof MunicipalityFields], message])));
    setErrors(local);
    if (hasErrors(local)) return;
    // mutateAsync, not mutate's callbacks: the saved municipality is read back, and this form gives way to the edit
    // form (a new one) before the answer's callbacks would run; the page's notice outlives it.
    save
      .mutateAsync({ id, body: municipalityBody(fields), create })
      .then(() => onSaved(create ? `Kommune ${id} er oprettet.` : 'Ændringerne er gemt.'))
      .catch((error: unknown) => setErrors(formErrorsFrom(error, Object.values(ID), REFUSALS)));
  };

  const field = (name: keyof MunicipalityFields) => ({
    id: ID[name],
    value: fields[name],
    onChange: (event: { target: { value: string } }) => setFields((current) => ({ ...current, [name]: event.target.value })),
    error: errors.fields[ID[name]],
    required: true,
  });

  return (
    <section aria-labelledby="municipality-heading" className="mt-7">
      <h2 id="municipality-heading">{create ? `Opret kommune ${id}` : `Kommune ${id}`}</h2>
      {create && <p>Der er ingen kommune med nummer {id}. Udfyld felterne for at oprette den.</p>}
      {!create && (
        <p>
          <Link to={agreementPath(id)}>Se og ret kommunens aftalesortiment</Link>
        </p>
      )}
      <form onSubmit={submit} noValidate>
        <ErrorSummary items={errors.summary} attempt={attempt} />
        <TextField {...field('name')} label="Navn" autoComplete="off" />
        <TextareaField {...field('postalCodes')} label="Postnumre" hint="Adskilt af komma, mellemrum eller linjeskift" />
        <TextareaField {...field('grantAreas')} label="Bevillingsområder" hint="Ét bevillingsområde pr. linje" rows={6} />
        <button type="submit" className="button button-primary button-accept" disabled={save.isPending}>
          {create ? 'Opret kommune' : 'Gem ændringer'}
        </button>
      </form>
    </section>
  );
}
