import type { FormErrors } from '../../lib/form-errors';
import { formErrorsFrom } from '../../lib/form-errors';
import { passwordProblems } from '../../lib/error-messages';

/** A refused new password: the policy's problems in Danish next to the field and in the summary. */
export function newPasswordRefusal(error: unknown, formFields: readonly string[]): FormErrors {
  const problems = passwordProblems(error);
  if (problems.length === 0) return formErrorsFrom(error, formFields);
  return { summary: problems.map((message) => ({ field: 'newPassword', message })), fields: { newPassword: problems.join(' ') } };
}
