/**
 * Document fields (dot paths) as MongoDB paths. Documents are stored as `{ _id, doc, position }`, so a read
 * model's field `address.city` is `doc.address.city` in filters, sorts and index keys alike.
 *
 * Paths are code-defined but may be chosen by a request (a sort parameter), hence the strict pattern, the
 * same as the PostgreSQL adapter's: no `$` (an operator or a variable), no empty or numeric segment (an
 * array position), nothing that could reach `_id` or `position`.
 */
const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;
const ELEMENT_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export class InvalidFieldPathError extends Error {
  constructor(readonly field: string) {
    super(`Invalid document field path: ${JSON.stringify(field)}`);
    this.name = 'InvalidFieldPathError';
  }
}

/** The stored document's root: every read-model field lives under it. */
export const DOC = 'doc';

/** `field` as a path into the stored record: `doc.<field>`. */
export function docPath(field: string): string {
  if (typeof field !== 'string' || !FIELD_PATH.test(field)) throw new InvalidFieldPathError(String(field));
  return `${DOC}.${field}`;
}

/** `field` as an aggregation field reference: `$doc.<field>`. */
export const docRef = (field: string): string => `$${docPath(field)}`;

/** A key of an array element (anyElement): one plain segment. */
export function elementKey(key: string): string {
  if (typeof key !== 'string' || !ELEMENT_KEY.test(key)) throw new InvalidFieldPathError(String(key));
  return key;
}
