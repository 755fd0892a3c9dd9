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

/** Where a form shows refusals that are not plain field validation. */
export interface RefusalPlaces {
  /** A domain refusal (its code) about one field, e.g. END_DATE_REQUIRED → `endDate`: its Danish text goes there. */
  readonly codes?: Readonly<Record<string, string>>;
  /** An API path (`details.fields[].path` without `body.`) that the form shows at a field of another name. */
  readonly paths?: Readonly<Record<string, string>>;
}

/**
 * An API refusal for a form with these fields: fields the form has get their own message (and a summary link to
 * it), the rest the summary alone.
 */
export function formErrorsFrom(error: unknown, formFields: readonly string[], places: RefusalPlaces = {}): FormErrors {
  const fields: Record<string, string> = {};
  if (isApiError(error)) {
    const codeField = places.codes?.[error.code];
    if (codeField) fields[codeField] = errorMessage(error);
    for (const problem of error.fields) {
      const field = places.paths?.[problem.field] ?? problem.field;
      if (formFields.includes(field) && !fields[field]) fields[field] = fieldMessage(problem.code);
    }
  }
  const fieldItems = Object.entries(fields).map(([field, message]) => ({ field, message }));
  return { summary: fieldItems.length > 0 ? fieldItems : [{ message: errorMessage(error) }], fields };
}
