import { useRef, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { Alert } from '../../../components/alert';
import { ErrorSummary } from '../../../components/error-summary';
import { PageHeading } from '../../../components/page-heading';
import { isApiError } from '../../../lib/api-error';
import { fieldErrors, hasErrors, NO_ERRORS } from '../../../lib/form-errors';
import { useSetPasswordWithLink } from '../api';
import { NewPasswordFields, newPasswordErrors, type NewPassword } from '../components/new-password-fields';
import { LOGIN_PATH, type LoginState } from '../login-state';
import { newPasswordRefusal } from '../password-form';

/** The link's token travels in the fragment (`/adgangskode#token=…`): a fragment never reaches a server or a log. */
const tokenIn = (hash: string): string | null => new URLSearchParams(hash.replace(/^#/, '')).get('token');

/** The page the e-mailed links open (user guide p. 8): a new account's first password, or a forgotten one. */
export function SetPasswordPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const token = tokenIn(location.hash);
  const setPassword = useSetPasswordWithLink();
  const value = useRef<NewPassword & { acceptable: boolean }>({ password: '', repeated: '', acceptable: false });
  const [errors, setErrors] = useState(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const linkInvalid = isApiError(setPassword.error) && (setPassword.error.code === 'TOKEN_INVALID' || setPassword.error.code === 'RESET_TOKEN_INVALID');

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const local = fieldErrors(newPasswordErrors(value.current));
    if (hasErrors(local) || !token) return setErrors(local);
    setErrors(NO_ERRORS);
    setPassword.mutate(
      { token, newPassword: value.current.password },
      {
        // Replacing the entry also drops the link (and its token) from the browser's history.
        onSuccess: () => navigate(LOGIN_PATH, { replace: true, state: { notice: 'password-set' } satisfies LoginState }),
        onError: (error) => setErrors(newPasswordRefusal(error, ['newPassword'])),
      },
    );
  };

  return (
    <div className="row">
      <div className="col-12 col-md-8 col-lg-6">
        <PageHeading title="Vælg adgangskode">Vælg adgangskode</PageHeading>
        {!token || linkInvalid ? (
          <LinkProblem missing={!token} />
        ) : (
          <>
            <p>Vælg den adgangskode, du vil logge ind med. Linket kan kun bruges én gang.</p>
            <ErrorSummary items={errors.summary} attempt={attempt} />
            <form onSubmit={submit} noValidate>
              <NewPasswordFields errors={errors.fields} onChange={(next) => (value.current = next)} />
              <button type="submit" className="button button-primary" disabled={setPassword.isPending}>
                Gem adgangskode
              </button>
            </form>
          </>
        )}
      </div>
    </div>
  );
}

function LinkProblem({ missing }: { missing: boolean }) {
  return (
    <>
      <Alert variant="error" heading={missing ? 'Linket er ufuldstændigt' : 'Linket virker ikke længere'}>
        {missing
          ? 'Åbn linket direkte fra e-mailen. Hvis det er delt over to linjer, så kopiér hele linket ind i adressefeltet.'
          : 'Linket er allerede brugt, udløbet eller ugyldigt. Et link til at nulstille adgangskoden virker i 30 minutter, et link til en ny bruger i 72 timer, og begge kan kun bruges én gang.'}
      </Alert>
      <p>
        <Link to="/glemt-adgangskode">Bed om et nyt link</Link>
      </p>
    </>
  );
}
