import { Buffer, isUtf8 } from 'node:buffer';
import { CsvError, parse } from 'csv-parse/sync';
import { DomainError } from '../shared/domain-error.js';
import {
  CATALOGUE_COLUMNS,
  REQUIRED_CATALOGUE_COLUMNS,
  checkCatalogueRow,
  readItemNumber,
  type CatalogueColumn,
  type CatalogueRawRow,
  type CatalogueRowCode,
} from './catalogue-row.js';
import type { ProductRow } from './product.events.js';

/**
 * The supplier's product file (API.md "Catalogue") → the rows to import and the rows rejected with reasons.
 * A bad row never stops the good ones; only a file that cannot be read as a product file at all is refused
 * as a whole (400), since nothing in it can be trusted to be in the right column.
 *
 * Row numbers: CSV rows are counted as a spreadsheet shows them — the header is row 1, the first product
 * row 2 (blank rows count; a quoted value spanning lines is one row). JSON rows are the 1-based position in
 * the array.
 */

export type CatalogueFileFormat = 'csv' | 'json';

export interface CatalogueFileRow {
  readonly row: number;
  readonly product: ProductRow;
}

export interface CatalogueRowRejection {
  readonly row: number;
  readonly code: CatalogueRowCode;
  readonly message: string;
  /** When the row has a valid one: helps find the row in a large file. */
  readonly itemNumber?: string;
}

export interface ParsedCatalogueFile {
  readonly format: CatalogueFileFormat;
  readonly rows: CatalogueFileRow[];
  readonly rejected: CatalogueRowRejection[];
}

/** `format` from the request's content type; without it, a body starting with `[` or `{` is read as JSON. */
export function parseCatalogueFile(content: string | Uint8Array, format?: CatalogueFileFormat): ParsedCatalogueFile {
  const input = typeof content === 'string' ? checkedText(content) : checkedBytes(content);
  if (firstCharacter(input) === '') throw fileInvalid('The file is empty');
  if ((format ?? sniff(input)) === 'csv') return csvRows(input);
  let value: unknown;
  try {
    value = JSON.parse(typeof input === 'string' ? input : stripBom(Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString()));
  } catch {
    throw fileInvalid('The file is neither a ";"-separated product file nor valid JSON');
  }
  return parseCatalogueJson(value);
}

/** A JSON body as the HTTP edge already parsed it: an array of objects with the CSV's column names. */
export function parseCatalogueJson(value: unknown): ParsedCatalogueFile {
  if (!Array.isArray(value)) throw fileInvalid('A JSON product file must be an array of products');
  const rows = new RowCollector('json');
  value.forEach((element: unknown, index) => {
    if (typeof element !== 'object' || element === null || Array.isArray(element)) {
      rows.reject(index + 1, 'ROW_NOT_OBJECT', 'Each element of the array must be an object with the product fields');
      return;
    }
    const fields: Partial<Record<CatalogueColumn, unknown>> = {};
    for (const column of CATALOGUE_COLUMNS) {
      if (Object.hasOwn(element, column)) fields[column] = (element as Record<string, unknown>)[column];
    }
    rows.check(index + 1, fields);
  });
  return rows.result();
}

/** Bytes must be UTF-8; they go to the CSV parser as they are (no second copy of a large file as text). */
export function parseCatalogueCsv(input: string | Uint8Array): ParsedCatalogueFile {
  return csvRows(typeof input === 'string' ? checkedText(input) : checkedBytes(input));
}

function csvRows(input: string | Uint8Array): ParsedCatalogueFile {
  const records = readCsv(input);
  const columns = headerColumns(records[0] ?? []);
  const rows = new RowCollector('csv');
  for (let index = 1; index < records.length; index++) {
    const record = records[index]!;
    const row = index + 1;
    if (record.every(isBlank)) continue;
    if (record.length < columns.length || (record.length > columns.length && !record.slice(columns.length).every(isBlank))) {
      rows.reject(
        row,
        'COLUMN_COUNT_MISMATCH',
        `The row has ${record.length} values but the header has ${columns.length} columns; a ";" inside a value must be quoted`,
      );
      continue;
    }
    const fields: Partial<Record<CatalogueColumn, unknown>> = {};
    columns.forEach((column, position) => {
      if (column !== null) fields[column] = record[position];
    });
    rows.check(row, fields);
  }
  return rows.result();
}

/** Collects accepted and rejected rows; the second row with an item number is rejected, the first counts. */
class RowCollector {
  private readonly rows: CatalogueFileRow[] = [];
  private readonly rejected: CatalogueRowRejection[] = [];
  private readonly firstRowOf = new Map<string, number>();

  constructor(private readonly format: CatalogueFileFormat) {}

  check(row: number, fields: CatalogueRawRow): void {
    const itemNumber = readItemNumber(fields.itemNumber);
    if (itemNumber !== null) {
      const first = this.firstRowOf.get(itemNumber);
      if (first !== undefined) {
        this.reject(row, 'DUPLICATE_ITEM_NUMBER', `The item number is already on row ${first}; only one row per item is imported`, itemNumber);
        return;
      }
      // Even a rejected row claims its item number: a file that says two things about one item is not guessed at.
      this.firstRowOf.set(itemNumber, row);
    }
    const checked = checkCatalogueRow(fields);
    if (checked.ok) this.rows.push({ row, product: checked.product });
    else this.reject(row, checked.code, checked.message, itemNumber ?? undefined);
  }

  reject(row: number, code: CatalogueRowCode, message: string, itemNumber?: string): void {
    this.rejected.push({ row, code, message, ...(itemNumber === undefined ? {} : { itemNumber }) });
  }

  result(): ParsedCatalogueFile {
    return { format: this.format, rows: this.rows, rejected: this.rejected };
  }
}

function readCsv(text: string | Uint8Array): string[][] {
  try {
    // Blank lines are kept (and skipped later) so that row numbers stay those a spreadsheet shows. Quotes
    // inside an unquoted value (`Kateter 12"`) are taken literally.
    return parse(text, { delimiter: ';', bom: true, relax_quotes: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // `records`: how many records were read before the broken one.
    const row = typeof error['records'] === 'number' ? error['records'] + 1 : undefined;
    const where = row === undefined ? '' : ` at row ${row}`;
    const what = error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quoted value is never closed' : 'the file is not valid CSV';
    throw fileInvalid(`The file cannot be read${where}: ${what}`, { reason: error.code, ...(row === undefined ? {} : { row }) });
  }
}

/** Maps each header position to its column, or null for a column this import does not know (ignored). */
function headerColumns(header: readonly string[]): (CatalogueColumn | null)[] {
  const byName = new Map<string, CatalogueColumn>(CATALOGUE_COLUMNS.map((column) => [column.toLowerCase(), column]));
  const columns = header.map((name) => byName.get(name.trim().toLowerCase()) ?? null);
  if (columns.every((column) => column === null)) {
    throw fileInvalid(
      `The first row must be the header, ";"-separated: ${REQUIRED_CATALOGUE_COLUMNS.join(';')} (optional: datasheetUrls)`,
    );
  }
  const missingColumns = REQUIRED_CATALOGUE_COLUMNS.filter((column) => !columns.includes(column));
  const duplicateColumns = CATALOGUE_COLUMNS.filter((column) => columns.filter((known) => known === column).length > 1);
  if (missingColumns.length > 0 || duplicateColumns.length > 0) {
    const problems = [
      missingColumns.length > 0 ? `missing ${missingColumns.join(', ')}` : '',
      duplicateColumns.length > 0 ? `more than once: ${duplicateColumns.join(', ')}` : '',
    ].filter((problem) => problem !== '');
    throw new DomainError('bad_request', 'CATALOGUE_HEADER_INVALID', `The header row has columns ${problems.join('; ')}`, {
      missingColumns,
      duplicateColumns,
    });
  }
  return columns;
}

/** UTF-8 text, or the whole file is refused; a NUL never occurs in text (a spreadsheet, an archive …). */
function checkedBytes(bytes: Uint8Array): Uint8Array {
  if (!isUtf8(bytes)) throw fileInvalid('The file must be text in UTF-8');
  if (bytes.includes(0)) throw notText();
  return bytes;
}

function checkedText(text: string): string {
  if (text.includes('\u0000')) throw notText();
  return stripBom(text);
}

const notText = () => fileInvalid('The file must be text in UTF-8, not a binary file');

const isBlank = (field: string): boolean => !/\S/.test(field);

const stripBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** The first character that is not white space or a byte-order mark; '' for none. */
function firstCharacter(input: string | Uint8Array): string {
  if (typeof input === 'string') return /[^\s\uFEFF]/.exec(input)?.[0] ?? '';
  let index = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? 3 : 0;
  while (index < input.length && ASCII_WHITE_SPACE.includes(input[index]!)) index++;
  return index < input.length ? String.fromCharCode(input[index]!) : '';
}

const ASCII_WHITE_SPACE: readonly number[] = [0x09, 0x0a, 0x0d, 0x20];

const sniff = (input: string | Uint8Array): CatalogueFileFormat => (['[', '{'].includes(firstCharacter(input)) ? 'json' : 'csv');

const fileInvalid = (message: string, details: Record<string, unknown> = {}) =>
  new DomainError('bad_request', 'CATALOGUE_FILE_INVALID', message, details);
