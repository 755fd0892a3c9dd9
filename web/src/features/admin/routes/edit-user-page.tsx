import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { Alert } from '../../../components/alert';
import { BackLink } from '../../../components/back-link';
import { ErrorSummary } from '../../../components/error-summary';
import { PageHeading } from '../../../components/page-heading';
import { RequiredMark } from '../../../components/required-mark';
import { SelectField } from '../../../components/select-field';
import { Spinner } from '../../../components/spinner';
import { TextField } from '../../../components/text-field';
import { isApiError } from '../../../lib/api-error';
import { errorMessage } from '../../../lib/error-messages';
import { fieldErrors, formErrorsFrom, hasErrors, NO_ERRORS, type FormErrors } from '../../../lib/form-errors';
import { roleName } from '../../../lib/roles';
import { useChangeUser, useUser, type UserRow } from '../api';
import { MunicipalScopeFields } from '../components/municipal-scope-fields';
import { USERS_PATH } from '../paths';
import { changeBody, changeProblems, fieldsOfUser, isMunicipalRole, STAFF_ROLES, type UserFields } from '../user-form';

/** Each field's id on the page (the summary links to it). The grant areas link to their group's first box. */
const ID = {
  name: 'user-name',
  email: 'user-email',
  role: 'user-role',
  municipalityId: 'user-municipalityId',
  grantAreas: 'user-grantAreas',
} as const;

const REFUSALS = {
  codes: {
    MUNICIPALITY_REQUIRED: ID.municipalityId,
    MUNICIPALITY_UNKNOWN: ID.municipalityId,
    GRANT_AREA_UNKNOWN: ID.grantAreas,
    ROLE_SCOPE_INVALID: ID.role,
  },
  paths: ID,
};

/**
 * "Redigér bruger" (from "Brugere"): a staff account's name, e-mail, role, and for a municipal role its municipality
 * and grant areas — the fields of "Opret ny bruger" but the username, which is kept. Refusals are shown at their field.
 */
export function EditUserPage() {
  const { userId = '' } = useParams();
  const user = useUser(userId);
  const title = user.data ? `Redigér bruger ${user.data.username}` : 'Redigér bruger';
  const unknown = user.isError && isApiError(user.error) && (user.error.status === 404 || user.error.status === 400);
  return (
    <>
      <BackLink to={USERS_PATH}>Tilbage til Brugere</BackLink>
      <PageHeading title={title}>{title}</PageHeading>
      {user.isPending && <Spinner status="Henter brugeren …" />}
      {unknown && <Alert variant="error">Brugeren findes ikke.</Alert>}
      {user.isError && !unknown && <Alert variant="error">{errorMessage(user.error)}</Alert>}
      {user.data && <EditUserForm key={user.data.userId} user={user.data} />}
    </>
  );
}

function EditUserForm({ user }: { user: UserRow }) {
  const change = useChangeUser();
  const [fields, setFields] = useState<UserFields>(() => fieldsOfUser(user));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const [saved, setSaved] = useState(false);
  const municipal = isMunicipalRole(fields.role);

  const set = <K extends keyof UserFields>(field: K, value: UserFields[K]) => {
    setSaved(false);
    setFields((current) => ({ ...current, [field]: value }));
  };
  const toggleArea = (area: string, checked: boolean) => set('grantAreas', checked ? [...fields.grantAreas, area] : fields.grantAreas.filter((a) => a !== area));

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    setSaved(false);
    const problems = changeProblems(fields);
    const local = fieldErrors(Object.fromEntries(Object.entries(problems).map(([field, message]) => [ID[field as keyof typeof ID], message])));
    setErrors(local);
    if (hasErrors(local)) return;
    change.mutate(
      { userId: user.userId, body: changeBody(fields) },
      {
        onSuccess: () => setSaved(true),
        onError: (error) => setErrors(formErrorsFrom(error, Object.values(ID), REFUSALS)),
      },
    );
  };

  const field = (name: 'name' | 'email') => ({
    id: ID[name],
    value: fields[name],
    onChange: (event: { target: { value: string } }) => set(name, event.target.value),
    error: errors.fields[ID[name]],
  });

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary items={errors.summary} attempt={attempt} />
      {saved && (
        <Alert variant="success" id="user-notice">
          Ændringerne er gemt.
        </Alert>
      )}
      <p className="form-hint">
        Felter markeret med <RequiredMark /> <span className="sr-only">stjerne</span> skal udfyldes. Brugernavnet ({user.username}) kan ikke ændres.
      </p>
      <TextField {...field('name')} label="Navn" required autoComplete="off" />
      <TextField {...field('email')} label="E-mail" type="email" required autoComplete="off" />
      <SelectField id={ID.role} label="Rolle" required value={fields.role} onChange={(event) => set('role', event.target.value)} error={errors.fields[ID.role]}>
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
          onMunicipalityChange={(value) => {
            setSaved(false);
            setFields((current) => ({ ...current, municipalityId: value, grantAreas: [] }));
          }}
          onToggleArea={toggleArea}
        />
      )}
      {change.isError && !isApiError(change.error) && <Alert variant="error">Ændringerne blev ikke gemt. Prøv igen.</Alert>}
      <button type="submit" className="button button-primary button-accept mt-5" disabled={change.isPending}>
        Gem ændringer
      </button>
    </form>
  );
}
