import { isApiError } from './api-error';
import { errorMessage, fieldMessage } from './error-messages';

/**
 * What a failed form shows (DKFDS): an error summary at the top linking to each field, and the message again
 * next to the field. Fields are named as the API names them (`details.fields[].path` without `body.`).
 */
export interface SummaryItem {
  /** The field's id on the page: the summary links to it. */
  readonly field?: string;
  readonly message: string;
}

export interface FormErrors {
  readonly summary: readonly SummaryItem[];
  readonly fields: Readonly<Record<string, string>>;
}

export const NO_ERRORS: FormErrors = { summary: [], fields: {} };

export const hasErrors = (errors: FormErrors): boolean => errors.summary.length > 0;

/** Errors found before sending: `{ field: message }` for each field in trouble. */
export function fieldErrors(fields: Readonly<Record<string, string | undefined>>): FormErrors {
  const entries = Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return { summary: entries.map(([field, message]) => ({ field, message })), fields: Object.fromEntries(entries) };
}

/** An API refusal for a form with these fields: fields the form has get their own message, the rest the summary. */
export function formErrorsFrom(error: unknown, formFields: readonly string[]): FormErrors {
  const fields: Record<string, string> = {};
  if (isApiError(error)) {
    for (const problem of error.fields) {
      if (formFields.includes(problem.field) && !fields[problem.field]) fields[problem.field] = fieldMessage(problem.code);
    }
  }
  const fieldItems = Object.entries(fields).map(([field, message]) => ({ field, message }));
  return { summary: fieldItems.length > 0 ? fieldItems : [{ message: errorMessage(error) }], fields };
}

/**
 * An API refusal for a form whose fields have ids of their own. `codes` names the field a domain refusal concerns
 * (e.g. ADDRESS_OUTSIDE_MUNICIPALITY → the postal code); `paths` maps a validation problem's path (without
 * `body.`) to a field id. The message stands next to the field and in the summary, which links to it.
 */
export function refusalErrors(error: unknown, map: { codes?: Readonly<Record<string, string>>; paths: Readonly<Record<string, string>> }): FormErrors {
  const field = isApiError(error) ? map.codes?.[error.code] : undefined;
  if (field) {
    const message = errorMessage(error);
    return { summary: [{ field, message }], fields: { [field]: message } };
  }
  const byPath = formErrorsFrom(error, Object.keys(map.paths));
  const fields = Object.fromEntries(Object.entries(byPath.fields).map(([path, message]) => [map.paths[path]!, message]));
  return { summary: byPath.summary.map((item) => (item.field ? { ...item, field: map.paths[item.field] } : item)), fields };
}
