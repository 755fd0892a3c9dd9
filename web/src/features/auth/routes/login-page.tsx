import { useState, type FormEvent } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { Alert } from '../../../components/alert';
import { ErrorSummary } from '../../../components/error-summary';
import { PageHeading } from '../../../components/page-heading';
import { TextField } from '../../../components/text-field';
import { fieldErrors, formErrorsFrom, hasErrors, NO_ERRORS } from '../../../lib/form-errors';
import { useSession } from '../../../lib/use-session';
import { useTerms } from '../../terms/api';
import { useLogin } from '../api';
import { CHANGE_PASSWORD_PATH, HOME_PATH, type LoginState } from '../login-state';

/** "Log ind" (user guide p. 1): username, password and the acceptance of the current terms in one click. */
export function LoginPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const state = (location.state ?? {}) as LoginState;
  const current = useSession();
  const login = useLogin();
  const terms = useTerms();
  const [errors, setErrors] = useState(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);

  if (current && !login.isPending && !login.isSuccess) return <Navigate to={current.mustChangePassword ? CHANGE_PASSWORD_PATH : HOME_PATH} replace />;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const username = String(form.get('username') ?? '').trim();
    const password = String(form.get('password') ?? '');
    setAttempt((n) => n + 1);
    const missing = fieldErrors({ username: username ? undefined : 'Udfyld dit brugernavn.', password: password ? undefined : 'Udfyld din adgangskode.' });
    if (hasErrors(missing)) return setErrors(missing);
    setErrors(NO_ERRORS);
    login.mutate(
      { username, password },
      {
        onSuccess: (answer) => {
          const back = state.from ?? HOME_PATH;
          if (answer.mustChangePassword) navigate(CHANGE_PASSWORD_PATH, { replace: true, state: { from: back } });
          else navigate(back, { replace: true });
        },
        onError: (error) => setErrors(formErrorsFrom(error, ['username', 'password'])),
      },
    );
  };

  return (
    <div className="row">
      <div className="col-12 col-md-8 col-lg-6">
        <PageHeading title="Log ind">Log ind</PageHeading>
        <Notice state={state} />
        <ErrorSummary items={errors.summary} attempt={attempt} />
        <form onSubmit={submit} noValidate>
          <TextField id="username" label="Brugernavn" autoComplete="username" error={errors.fields.username} autoCapitalize="none" spellCheck={false} />
          <TextField id="password" label="Adgangskode" type="password" autoComplete="current-password" error={errors.fields.password} />
          <p>
            <Link to="/glemt-adgangskode">Glemt adgangskode?</Link>
          </p>
          <p className="form-hint" id="terms-hint">
            Når du logger ind, accepterer du <Link to="/brugervilkaar">brugervilkår &amp; privatlivspolitik</Link>
            {terms.data ? ` (version ${terms.data.version})` : ''}.
          </p>
          <button type="submit" className="button button-primary button-accept" aria-describedby="terms-hint" disabled={login.isPending}>
            Acceptér brugervilkår &amp; privatlivspolitik og log ind
          </button>
        </form>
      </div>
    </div>
  );
}

function Notice({ state }: { state: LoginState }) {
  if (state.notice === 'password-set') return <Alert variant="success">Din adgangskode er gemt. Log ind med din nye adgangskode.</Alert>;
  if (state.reason === 'idle') {
    const minutes = state.idleMinutes ?? 20;
    return <Alert variant="info">Du er blevet logget ud, fordi du ikke har været aktiv i {minutes === 1 ? '1 minut' : `${minutes} minutter`}. Log ind igen for at fortsætte.</Alert>;
  }
  if (state.reason === 'expired') return <Alert variant="info">Du er blevet logget ud. Log ind igen for at fortsætte, så kommer du tilbage til siden, du var på.</Alert>;
  if (state.reason === 'logout') return <Alert variant="success">Du er nu logget ud.</Alert>;
  return null;
}
