import { z } from 'zod';
import { assertNever } from '../shared/decider.js';
import { kronerNumberToOere, parseKroner, type KronerRejection } from './money.js';
import { ITEM_NUMBER_PATTERN, type ProductRow } from './product.events.js';

/**
 * One row of the supplier's product file (API.md "Catalogue"), checked field by field. A CSV row arrives as
 * text; a JSON row may also carry numbers (piecesPerSalesUnit, listPrice, itemNumber) and arrays (group,
 * datasheetUrls). Each check names the code it fails with; the first failing column decides the row's code.
 */

export const REQUIRED_CATALOGUE_COLUMNS = [
  'itemNumber',
  'name',
  'description',
  'manufacturer',
  'manufacturerRef',
  'group',
  'seriesId',
  'salesUnitName',
  'piecesPerSalesUnit',
  'listPrice',
] as const;
export const OPTIONAL_CATALOGUE_COLUMNS = ['datasheetUrls'] as const;
export const CATALOGUE_COLUMNS = [...REQUIRED_CATALOGUE_COLUMNS, ...OPTIONAL_CATALOGUE_COLUMNS] as const;
export type CatalogueColumn = (typeof CATALOGUE_COLUMNS)[number];

export const CATALOGUE_LIMITS = {
  name: 200,
  description: 4000,
  manufacturer: 100,
  manufacturerRef: 100,
  groupPart: 100,
  groupDepth: 5,
  seriesId: 100,
  salesUnitName: 50,
  pieces: 100_000,
  datasheetUrls: 10,
  url: 2000,
} as const;

const FIELD_CODES = [
  'ITEM_NUMBER_MISSING',
  'ITEM_NUMBER_INVALID',
  'NAME_MISSING',
  'MANUFACTURER_MISSING',
  'GROUP_MISSING',
  'GROUP_INVALID',
  'SALES_UNIT_NAME_MISSING',
  'PIECES_MISSING',
  'PIECES_INVALID',
  'PRICE_MISSING',
  'PRICE_INVALID',
  'DATASHEET_URL_INVALID',
  'FIELD_TOO_LONG',
  'FIELD_TYPE_INVALID',
  'FIELD_INVALID',
] as const;
type FieldCode = (typeof FIELD_CODES)[number];

/** Every reason a row is rejected; the last three are about the row as a whole (catalogue-file.ts). */
export const CATALOGUE_ROW_CODES = [...FIELD_CODES, 'COLUMN_COUNT_MISMATCH', 'ROW_NOT_OBJECT', 'DUPLICATE_ITEM_NUMBER'] as const;
export type CatalogueRowCode = (typeof CATALOGUE_ROW_CODES)[number];

export type CatalogueRowCheck =
  | { readonly ok: true; readonly product: ProductRow }
  | { readonly ok: false; readonly code: CatalogueRowCode; readonly message: string };

/** The raw fields of one row, by column name; absent or null: the row has no such value. */
export type CatalogueRawRow = Readonly<Partial<Record<CatalogueColumn, unknown>>>;

export function checkCatalogueRow(fields: CatalogueRawRow): CatalogueRowCheck {
  const parsed = rowSchema.safeParse(fields);
  if (!parsed.success) return rejection(parsed.error.issues[0]!);
  const row = parsed.data;
  return {
    ok: true,
    product: {
      itemNumber: row.itemNumber,
      name: row.name,
      description: row.description,
      manufacturer: row.manufacturer,
      manufacturerRef: row.manufacturerRef,
      group: row.group,
      seriesId: row.seriesId === '' ? null : row.seriesId,
      salesUnit: { name: row.salesUnitName, pieces: row.piecesPerSalesUnit },
      listPrice: row.listPrice,
      datasheetUrls: row.datasheetUrls,
    },
  };
}

/** The row's item number if it is a valid one, whatever else is wrong with the row (for duplicate checks). */
export function readItemNumber(value: unknown): string | null {
  const itemNumber = itemNumberText(value);
  return itemNumber !== null && ITEM_NUMBER_PATTERN.test(itemNumber) ? itemNumber : null;
}

/** Text as given, trimmed; a JSON whole number as its digits; anything else is not an item number. */
function itemNumberText(value: unknown): string | null {
  if (typeof value === 'string') return value.trim();
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? String(value) : null;
}

// --- field schemas --------------------------------------------------------------------------------------

/** A missing value (absent key, JSON null) fails with `missing`; a value of the wrong JSON type with `invalid`. */
const typed = (missing: FieldCode, invalid: FieldCode = 'FIELD_TYPE_INVALID') => ({
  error: (issue: { readonly input?: unknown }) => (issue.input === undefined || issue.input === null ? missing : invalid),
});

const oneLine = (value: string) => value.replace(/\s+/g, ' ');
const nonEmpty = (parts: readonly string[]) => parts.filter((part) => part !== '');

const requiredLine = (missing: FieldCode, max: number) =>
  z.string(typed(missing)).trim().overwrite(oneLine).min(1, missing).max(max, 'FIELD_TOO_LONG');

/** May be empty; a JSON row may also leave it out or send null. */
const optionalLine = (max: number) =>
  z
    .string(typed('FIELD_TYPE_INVALID'))
    .trim()
    .overwrite(oneLine)
    .max(max, 'FIELD_TOO_LONG')
    .nullish()
    .transform((value) => value ?? '');

const descriptionField = z
  .string(typed('FIELD_TYPE_INVALID'))
  .trim()
  .overwrite((value) => value.replace(/\r\n?/g, '\n'))
  .max(CATALOGUE_LIMITS.description, 'FIELD_TOO_LONG')
  .nullish()
  .transform((value) => value ?? '');

const itemNumberField = z.unknown().transform((value, context) => {
  const itemNumber = itemNumberText(value);
  if (itemNumber === '' || value === undefined || value === null) return fail(context, 'ITEM_NUMBER_MISSING');
  return itemNumber !== null && ITEM_NUMBER_PATTERN.test(itemNumber) ? itemNumber : fail(context, 'ITEM_NUMBER_INVALID');
});

/** `Stomi > Poser` → ['Stomi', 'Poser']: parts trimmed, empty parts dropped. */
const groupField = z
  .union([z.string(), z.array(z.string())], typed('GROUP_MISSING', 'GROUP_INVALID'))
  .transform((value) => nonEmpty((typeof value === 'string' ? value.split('>') : value).map((part) => oneLine(part.trim()))))
  .pipe(
    z
      .array(z.string().max(CATALOGUE_LIMITS.groupPart, 'FIELD_TOO_LONG'))
      .min(1, 'GROUP_MISSING')
      .max(CATALOGUE_LIMITS.groupDepth, 'GROUP_INVALID'),
  );

const piecesField = z
  .union([z.string(), z.number()], typed('PIECES_MISSING', 'PIECES_INVALID'))
  .transform((value, context) => {
    const text = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : '-') : value.trim();
    if (text === '') return fail(context, 'PIECES_MISSING');
    if (!/^[0-9]{1,6}$/.test(text)) return fail(context, 'PIECES_INVALID');
    const pieces = Number(text);
    return pieces >= 1 && pieces <= CATALOGUE_LIMITS.pieces ? pieces : fail(context, 'PIECES_INVALID');
  });

/** Kroner per sales unit: text with a decimal comma, or a JSON number read through its decimal string. */
const priceField = z
  .union([z.string(), z.number()], typed('PRICE_MISSING', 'PRICE_INVALID'))
  .transform((value, context) => {
    const parsed = typeof value === 'number' ? kronerNumberToOere(value) : parseKroner(value);
    if (parsed.ok) return parsed.oere;
    return fail(context, parsed.reason === 'EMPTY' ? 'PRICE_MISSING' : 'PRICE_INVALID', { reason: parsed.reason });
  });

/** Space-separated in CSV; an array or the same text in JSON. */
const datasheetUrlsField = z
  .union([z.string(), z.array(z.string())], typed('DATASHEET_URL_INVALID', 'DATASHEET_URL_INVALID'))
  .nullish()
  .transform((value) => nonEmpty(typeof value === 'string' ? value.split(/\s+/) : (value ?? []).map((url) => url.trim())))
  .pipe(
    z
      .array(z.url({ protocol: /^https?$/, error: 'DATASHEET_URL_INVALID' }).max(CATALOGUE_LIMITS.url, 'FIELD_TOO_LONG'))
      .max(CATALOGUE_LIMITS.datasheetUrls, 'DATASHEET_URL_INVALID'),
  );

// Key order is column order: the first failing column decides a row's code.
const rowSchema = z.object({
  itemNumber: itemNumberField,
  name: requiredLine('NAME_MISSING', CATALOGUE_LIMITS.name),
  description: descriptionField,
  manufacturer: requiredLine('MANUFACTURER_MISSING', CATALOGUE_LIMITS.manufacturer),
  manufacturerRef: optionalLine(CATALOGUE_LIMITS.manufacturerRef),
  group: groupField,
  seriesId: optionalLine(CATALOGUE_LIMITS.seriesId),
  salesUnitName: requiredLine('SALES_UNIT_NAME_MISSING', CATALOGUE_LIMITS.salesUnitName),
  piecesPerSalesUnit: piecesField,
  listPrice: priceField,
  datasheetUrls: datasheetUrlsField,
});

function fail(context: z.RefinementCtx, code: FieldCode, params?: Record<string, unknown>): never {
  context.addIssue({ code: 'custom', message: code, ...(params ? { params } : {}) });
  return z.NEVER;
}

// --- messages: say what is expected, never echo the value (it may be huge) --------------------------------

const PRICE_REASONS: Record<KronerRejection, string> = {
  EMPTY: 'it is empty',
  NEGATIVE: 'it must not be negative',
  DECIMALS: 'at most 2 decimals (øre)',
  THOUSANDS: 'a dot separates thousands in groups of 3 digits; use a comma for decimals',
  TOO_LARGE: 'it is too large',
  FORMAT: 'it is not a number',
};

function rejection(issue: z.core.$ZodIssue): CatalogueRowCheck {
  const column = String(issue.path[0] ?? 'row');
  const code: FieldCode = (FIELD_CODES as readonly string[]).includes(issue.message) ? (issue.message as FieldCode) : 'FIELD_INVALID';
  return { ok: false, code, message: describe(code, column, issue) };
}

function describe(code: FieldCode, column: string, issue: z.core.$ZodIssue): string {
  switch (code) {
    case 'ITEM_NUMBER_MISSING':
    case 'NAME_MISSING':
    case 'MANUFACTURER_MISSING':
    case 'SALES_UNIT_NAME_MISSING':
    case 'PIECES_MISSING':
    case 'PRICE_MISSING':
      return `${column} is required`;
    case 'ITEM_NUMBER_INVALID':
      return 'itemNumber must be 1 to 40 letters, digits, ".", "_" or "-", starting with a letter or digit';
    case 'GROUP_MISSING':
      return 'group is required, as a path like "Stomi > Poser"';
    case 'GROUP_INVALID':
      return `group must be a path of at most ${CATALOGUE_LIMITS.groupDepth} levels, like "Stomi > Poser"`;
    case 'PIECES_INVALID':
      return `piecesPerSalesUnit must be a whole number from 1 to ${CATALOGUE_LIMITS.pieces}`;
    case 'PRICE_INVALID': {
      const reason = issue.code === 'custom' ? (issue.params?.['reason'] as KronerRejection | undefined) : undefined;
      const detail = reason ? `: ${PRICE_REASONS[reason]}` : '';
      return `listPrice must be kroner per sales unit with a decimal comma, like 1.299,50${detail}`;
    }
    case 'DATASHEET_URL_INVALID':
      return `datasheetUrls must be at most ${CATALOGUE_LIMITS.datasheetUrls} http(s) URLs, separated by spaces`;
    case 'FIELD_TOO_LONG':
      return `${column} must be at most ${issue.code === 'too_big' ? String(issue.maximum) : 'the allowed number of'} characters`;
    case 'FIELD_TYPE_INVALID':
      return `${column} must be text`;
    case 'FIELD_INVALID':
      return `${column} is not valid`;
    default:
      return assertNever(code);
  }
}
