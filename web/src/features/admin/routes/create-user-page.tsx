import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '../../../components/alert';
import { BackLink } from '../../../components/back-link';
import { ErrorSummary } from '../../../components/error-summary';
import { PageHeading } from '../../../components/page-heading';
import { RequiredMark } from '../../../components/required-mark';
import { SelectField } from '../../../components/select-field';
import { TextField } from '../../../components/text-field';
import { isApiError } from '../../../lib/api-error';
import { fieldErrors, formErrorsFrom, hasErrors, NO_ERRORS, type FormErrors } from '../../../lib/form-errors';
import { roleName } from '../../../lib/roles';
import { useCreateUser } from '../api';
import { MunicipalScopeFields } from '../components/municipal-scope-fields';
import { USERS_PATH } from '../paths';
import { EMPTY_USER, isMunicipalRole, STAFF_ROLES, userBody, userProblems, type UserFields } from '../user-form';
import type { CreatedNotice } from './users-page';

const TITLE = 'Opret ny bruger';

/** Each field's id on the page (the summary links to it). The grant areas link to their group's first box. */
const ID = {
  username: 'user-username',
  name: 'user-name',
  email: 'user-email',
  role: 'user-role',
  municipalityId: 'user-municipalityId',
  grantAreas: 'user-grantAreas',
} as const;

const REFUSALS = {
  codes: {
    USERNAME_TAKEN: ID.username,
    MUNICIPALITY_REQUIRED: ID.municipalityId,
    MUNICIPALITY_UNKNOWN: ID.municipalityId,
    GRANT_AREA_UNKNOWN: ID.grantAreas,
    ROLE_SCOPE_INVALID: ID.role,
  },
  paths: ID,
};

/**
 * "Opret ny bruger" (DOMAIN §6): username, name, e-mail and role; a municipal role (sagsbehandler, sygeplejerske,
 * bestiller) also a municipality and the grant areas the user may work in, offered from the municipality's own.
 * The new user gets an e-mail with a link to choose a password.
 */
export function CreateUserPage() {
  const navigate = useNavigate();
  const create = useCreateUser();
  const [fields, setFields] = useState<UserFields>(EMPTY_USER);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const municipal = isMunicipalRole(fields.role);

  const set = <K extends keyof UserFields>(field: K, value: UserFields[K]) => setFields((current) => ({ ...current, [field]: value }));
  const toggleArea = (area: string, checked: boolean) =>
    setFields((current) => ({ ...current, grantAreas: checked ? [...current.grantAreas, area] : current.grantAreas.filter((a) => a !== area) }));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const problems = userProblems(fields);
    const local = fieldErrors(Object.fromEntries(Object.entries(problems).map(([field, message]) => [ID[field as keyof UserFields], message])));
    setErrors(local);
    if (hasErrors(local)) return;
    create.mutate(userBody(fields), {
      onSuccess: (created) => {
        const state: CreatedNotice = { created: { name: created.name, email: created.email, invitation: created.invitation } };
        navigate(USERS_PATH, { state });
      },
      onError: (error) => setErrors(formErrorsFrom(error, Object.values(ID), REFUSALS)),
    });
  };

  const field = (name: 'username' | 'name' | 'email') => ({
    id: ID[name],
    value: fields[name],
    onChange: (event: { target: { value: string } }) => set(name, event.target.value),
    error: errors.fields[ID[name]],
  });

  return (
    <>
      <BackLink to={USERS_PATH}>Tilbage til Brugere</BackLink>
      <PageHeading title={TITLE}>{TITLE}</PageHeading>
      <form onSubmit={submit} noValidate>
        <ErrorSummary items={errors.summary} attempt={attempt} />
        <p className="form-hint">
          Felter markeret med <RequiredMark /> <span className="sr-only">stjerne</span> skal udfyldes. Brugeren får en e-mail med et link til at vælge adgangskode.
        </p>
        <TextField {...field('username')} label="Brugernavn" hint="Bogstaver, tal og . _ @ -, fx fornavn.kommune" required autoComplete="off" />
        <TextField {...field('name')} label="Navn" required autoComplete="off" />
        <TextField {...field('email')} label="E-mail" type="email" required autoComplete="off" />
        <SelectField id={ID.role} label="Rolle" required value={fields.role} onChange={(event) => set('role', event.target.value)} error={errors.fields[ID.role]}>
          <option value="">Vælg rolle</option>
          {STAFF_ROLES.map((role) => (
            <option key={role} value={role}>
              {roleName(role)}
            </option>
          ))}
        </SelectField>
        {municipal && (
          <MunicipalScopeFields
            ids={ID}
            municipalityId={fields.municipalityId}
            grantAreas={fields.grantAreas}
            errors={{ municipalityId: errors.fields[ID.municipalityId], grantAreas: errors.fields[ID.grantAreas] }}
            onMunicipalityChange={(value) => setFields((current) => ({ ...current, municipalityId: value, grantAreas: [] }))}
            onToggleArea={toggleArea}
          />
        )}
        {create.isError && !isApiError(create.error) && <Alert variant="error">Brugeren blev ikke oprettet. Prøv igen.</Alert>}
        <button type="submit" className="button button-primary button-accept mt-5" disabled={create.isPending}>
          Opret bruger
        </button>
      </form>
    </>
  );
}
