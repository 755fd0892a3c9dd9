import { useRef, useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { Alert } from '../../../components/alert';
import { ErrorSummary } from '../../../components/error-summary';
import { PageHeading } from '../../../components/page-heading';
import { TextField } from '../../../components/text-field';
import { fieldErrors, hasErrors, NO_ERRORS } from '../../../lib/form-errors';
import { useSession } from '../../../lib/use-session';
import { useChangePassword, useMe } from '../api';
import { NewPasswordFields, newPasswordErrors, type NewPassword } from '../components/new-password-fields';
import { HOME_PATH, type LoginState } from '../login-state';
import { forcedChangeText, newPasswordRefusal } from '../password-form';

/**
 * "Skift adgangskode": by choice, or forced when the password is older than the maximum age (the login answers
 * mustChangePassword, or a call answers 403 PASSWORD_CHANGE_REQUIRED), or after logging in with a one-time password
 * from a caseworker — then nothing else opens until it is done, and the page says which of the two it is.
 */
export function ChangePasswordPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const current = useSession();
  const forced = current?.mustChangePassword ?? false;
  const me = useMe();
  const change = useChangePassword();
  const value = useRef<NewPassword & { acceptable: boolean }>({ password: '', repeated: '', acceptable: false });
  const [errors, setErrors] = useState(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const currentPassword = String(new FormData(event.currentTarget).get('currentPassword') ?? '');
    setAttempt((n) => n + 1);
    const local = fieldErrors({ currentPassword: currentPassword ? undefined : 'Udfyld din nuværende adgangskode.', ...newPasswordErrors(value.current) });
    if (hasErrors(local)) return setErrors(local);
    setErrors(NO_ERRORS);
    change.mutate(
      { currentPassword, newPassword: value.current.password },
      {
        onSuccess: () => navigate((location.state as LoginState | null)?.from ?? HOME_PATH, { replace: true }),
        onError: (error) => setErrors(newPasswordRefusal(error, ['currentPassword', 'newPassword'])),
      },
    );
  };

  return (
    <div className="row">
      <div className="col-12 col-md-8 col-lg-6">
        <PageHeading title="Skift adgangskode">Skift adgangskode</PageHeading>
        {forced && <Alert variant="warning">{forcedChangeText(current?.passwordChangeReason)}</Alert>}
        <ErrorSummary items={errors.summary} attempt={attempt} />
        <form onSubmit={submit} noValidate>
          <TextField id="currentPassword" label="Nuværende adgangskode" type="password" autoComplete="current-password" error={errors.fields.currentPassword} />
          <NewPasswordFields username={me.data?.username} errors={errors.fields} onChange={(next) => (value.current = next)} />
          <button type="submit" className="button button-primary" disabled={change.isPending}>
            Skift adgangskode
          </button>
        </form>
      </div>
    </div>
  );
}
