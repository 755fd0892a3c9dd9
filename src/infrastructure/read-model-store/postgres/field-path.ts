/**
 * Document fields (dot paths) as SQL expressions. Index definitions and queries must produce the very same
 * expression text, or PostgreSQL will not use the index; so both go through these functions.
 * Paths are code-defined but may be chosen by a request (a sort parameter), hence the strict pattern:
 * only then is it safe to write them into SQL text.
 */
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export class InvalidFieldPathError extends Error {
  constructor(readonly field: string) {
    super(`Invalid document field path: ${JSON.stringify(field)}`);
    this.name = 'InvalidFieldPathError';
  }
}

function segments(field: string): string[] {
  if (!FIELD_PATH.test(field)) throw new InvalidFieldPathError(field);
  return field.split('.');
}

/** The field as text: what 'equals', 'contains' and 'prefix' compare. */
export function textAt(field: string): string {
  const parts = segments(field);
  return parts.length === 1 ? `(doc ->> '${parts[0]}')` : `(doc #>> '{${parts.join(',')}}')`;
}

/** The field as jsonb: arrays ('has', 'hasAny') and sorting, where numbers must order as numbers. */
export function jsonAt(field: string): string {
  const parts = segments(field);
  return parts.length === 1 ? `(doc -> '${parts[0]}')` : `(doc #> '{${parts.join(',')}}')`;
}
