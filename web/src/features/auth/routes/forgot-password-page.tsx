import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../../components/alert';
import { ErrorSummary } from '../../../components/error-summary';
import { PageHeading } from '../../../components/page-heading';
import { TextField } from '../../../components/text-field';
import { fieldErrors, formErrorsFrom, hasErrors, NO_ERRORS } from '../../../lib/form-errors';
import { useRequestPasswordReset } from '../api';

/**
 * "Glemt adgangskode?" (user guide p. 8). The answer is the same whether or not the username exists, so the
 * page never tells who has an account.
 */
export function ForgotPasswordPage() {
  const request = useRequestPasswordReset();
  const [errors, setErrors] = useState(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const username = String(new FormData(event.currentTarget).get('username') ?? '').trim();
    setAttempt((n) => n + 1);
    const missing = fieldErrors({ username: username ? undefined : 'Udfyld dit brugernavn.' });
    if (hasErrors(missing)) return setErrors(missing);
    setErrors(NO_ERRORS);
    request.mutate(username, { onError: (error) => setErrors(formErrorsFrom(error, ['username'])) });
  };

  return (
    <div className="row">
      <div className="col-12 col-md-8 col-lg-6">
        <PageHeading title="Glemt adgangskode">Glemt adgangskode?</PageHeading>
        {request.isSuccess ? (
          <>
            <Alert variant="success" heading="Tjek din e-mail">
              Hvis brugernavnet findes, har vi sendt en e-mail med et link, hvor du kan vælge en ny adgangskode. Linket virker i 30
              minutter og kan kun bruges én gang.
            </Alert>
            <p>
              <Link to="/log-ind">Tilbage til log ind</Link>
            </p>
          </>
        ) : (
          <>
            <p>Skriv dit brugernavn, så sender vi et link til den e-mailadresse, der hører til din bruger.</p>
            <ErrorSummary items={errors.summary} attempt={attempt} />
            <form onSubmit={submit} noValidate>
              <TextField id="username" label="Brugernavn" autoComplete="username" error={errors.fields.username} autoCapitalize="none" spellCheck={false} />
              <button type="submit" className="button button-primary" disabled={request.isPending}>
                Send link
              </button>
            </form>
            <p className="mt-5">
              <Link to="/log-ind">Tilbage til log ind</Link>
            </p>
          </>
        )}
      </div>
    </div>
  );
}
