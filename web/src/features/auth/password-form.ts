import type { FormErrors } from '../../lib/form-errors';
import { formErrorsFrom } from '../../lib/form-errors';
import { passwordProblems } from '../../lib/error-messages';

/** A refused new password: the policy's problems in Danish next to the field and in the summary. */
export function newPasswordRefusal(error: unknown, formFields: readonly string[]): FormErrors {
  const problems = passwordProblems(error);
  if (problems.length === 0) return formErrorsFrom(error, formFields);
  return { summary: problems.map((message) => ({ field: 'newPassword', message })), fields: { newPassword: problems.join(' ') } };
}

/**
 * Why the forced "Skift adgangskode" opened, in the page's words: a one-time password from a caseworker, or a
 * password older than the maximum age. A session stored before the login said why gets both.
 */
export function forcedChangeText(reason: 'one-time' | 'expired' | null | undefined): string {
  if (reason === 'one-time') return 'Du er logget ind med en engangsadgangskode. Vælg din egen adgangskode, før du fortsætter.';
  if (reason === 'expired') return 'Din adgangskode er udløbet. Vælg en ny adgangskode, før du fortsætter.';
  return 'Din adgangskode skal skiftes: den er udløbet, eller du har fået en engangsadgangskode. Vælg en ny adgangskode, før du fortsætter.';
}
