import { describe, expect, it } from '@jest/globals';
import { catalogueCsvHeader, renderCatalogueCsv } from '../../src/catalogue/catalogue-csv.js';
import { parseCatalogueCsv, parseCatalogueFile, parseCatalogueJson, type ParsedCatalogueFile } from '../../src/catalogue/catalogue-file.js';
import { generateCatalogue } from '../../src/seed/demo-catalogue.js';
import type { ProductRow } from '../../src/catalogue/product.events.js';
import { DomainError } from '../../src/shared/domain-error.js';

/**
 * The product file of API.md "Catalogue". Row numbers in CSV are those a spreadsheet shows: the header is
 * row 1, the first product row 2. In JSON they are the 1-based position in the array.
 */

const HEADER = 'itemNumber;name;description;manufacturer;manufacturerRef;group;seriesId;salesUnitName;piecesPerSalesUnit;listPrice;datasheetUrls';
const LINE = '301004;Lyngby Cath Mand CH 14;Hydrofilt engangskateter;Lyngby Urologi;LCM-14;Kateter > Engangskatetre;LC-MAND;æske;30;1.299,50;https://produktdata.example/lcm.pdf';

const PRODUCT: ProductRow = {
  itemNumber: '301004',
  name: 'Lyngby Cath Mand CH 14',
  description: 'Hydrofilt engangskateter',
  manufacturer: 'Lyngby Urologi',
  manufacturerRef: 'LCM-14',
  group: ['Kateter', 'Engangskatetre'],
  seriesId: 'LC-MAND',
  salesUnit: { name: 'æske', pieces: 30 },
  listPrice: 129950,
  datasheetUrls: ['https://produktdata.example/lcm.pdf'],
};

const csv = (...lines: string[]): string => `${lines.join('\n')}\n`;

/** The standard line with some columns replaced, by name. */
function line(values: Record<string, string>, header = HEADER, base = LINE): string {
  const columns = header.split(';');
  const fields = base.split(';');
  return columns.map((column, index) => (column in values ? values[column] : fields[index])).join(';');
}

function refusal(parse: () => unknown): DomainError {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('Expected the file to be refused');
}

const productsOf = (parsed: ParsedCatalogueFile) => parsed.rows.map((row) => row.product);

describe('reading the CSV product file', () => {
  it('reads `;`-separated rows: decimal comma with thousands dot → øre, group path → array, URLs → array', () => {
    expect(parseCatalogueFile(csv(HEADER, LINE))).toEqual({ format: 'csv', rows: [{ row: 2, product: PRODUCT }], rejected: [] });
  });

  it('takes the columns in any order, in any letter case, and ignores columns it does not know', () => {
    const header = 'listPrice;Colour;GROUP;piecesPerSalesUnit;salesUnitName;seriesId;manufacturerRef;manufacturer;description;name;itemNumber';
    const row = '1.299,50;blå;Kateter > Engangskatetre;30;æske;LC-MAND;LCM-14;Lyngby Urologi;Hydrofilt engangskateter;Lyngby Cath Mand CH 14;301004';
    expect(productsOf(parseCatalogueFile(csv(header, row)))).toEqual([{ ...PRODUCT, datasheetUrls: [] }]);
  });

  it('strips a UTF-8 byte-order mark, in text and in bytes', () => {
    expect(productsOf(parseCatalogueFile(`\uFEFF${csv(HEADER, LINE)}`))).toEqual([PRODUCT]);
    expect(productsOf(parseCatalogueFile(Buffer.from(`\uFEFF${csv(HEADER, LINE)}`, 'utf8')))).toEqual([PRODUCT]);
  });

  it('reads Windows line endings', () => {
    expect(productsOf(parseCatalogueFile(`${HEADER}\r\n${LINE}\r\n`))).toEqual([PRODUCT]);
  });

  it('allows quoted values: a `;`, doubled quotes and a line break inside them', () => {
    const row = line({ name: '"Kateter; 40 cm ""Nelaton"""', description: '"Første linje\nanden linje"' });
    expect(productsOf(parseCatalogueFile(csv(HEADER, row, line({ itemNumber: '301005' }))))).toEqual([
      { ...PRODUCT, name: 'Kateter; 40 cm "Nelaton"', description: 'Første linje\nanden linje' },
      { ...PRODUCT, itemNumber: '301005' },
    ]);
  });

  it('takes a quote inside an unquoted value literally (12" is a size)', () => {
    expect(productsOf(parseCatalogueFile(csv(HEADER, line({ name: 'Slange 12" lang' }))))[0]!.name).toBe('Slange 12" lang');
  });

  it('trims values, drops empty parts of the group path and collapses white space in one-line fields', () => {
    const row = line({ name: '  Lyngby   Cath\tMand CH 14 ', group: ' > Kateter >>  Engangskatetre > ', datasheetUrls: '  https://a.example/1.pdf   http://b.example/2.pdf ' });
    expect(productsOf(parseCatalogueFile(csv(HEADER, row)))).toEqual([
      { ...PRODUCT, datasheetUrls: ['https://a.example/1.pdf', 'http://b.example/2.pdf'] },
    ]);
  });

  it('leaves description, manufacturerRef, seriesId and datasheetUrls empty when the row does; an empty series is null', () => {
    const row = line({ description: '', manufacturerRef: '', seriesId: '  ', datasheetUrls: '' });
    expect(productsOf(parseCatalogueFile(csv(HEADER, row)))).toEqual([{ ...PRODUCT, description: '', manufacturerRef: '', seriesId: null, datasheetUrls: [] }]);
  });

  it('skips blank rows, which still count in the row numbers', () => {
    const parsed = parseCatalogueFile(csv(HEADER, '', LINE, ' ;  ;', line({ itemNumber: '301005', listPrice: 'gratis' })));
    expect(parsed.rows.map((row) => row.row)).toEqual([3]);
    expect(parsed.rejected).toEqual([expect.objectContaining({ row: 5, code: 'PRICE_INVALID' })]);
  });

  it('a header with no rows is an empty import', () => {
    expect(parseCatalogueFile(csv(HEADER))).toEqual({ format: 'csv', rows: [], rejected: [] });
  });
});

describe('a bad row is rejected with its row number, code and reason; the good rows go in', () => {
  it.each([
    [{ itemNumber: '' }, 'ITEM_NUMBER_MISSING'],
    [{ itemNumber: 'vare 1' }, 'ITEM_NUMBER_INVALID'],
    [{ itemNumber: '-301004' }, 'ITEM_NUMBER_INVALID'],
    [{ itemNumber: 'x'.repeat(41) }, 'ITEM_NUMBER_INVALID'],
    [{ name: '   ' }, 'NAME_MISSING'],
    [{ name: 'x'.repeat(201) }, 'FIELD_TOO_LONG'],
    [{ manufacturer: '' }, 'MANUFACTURER_MISSING'],
    [{ group: '' }, 'GROUP_MISSING'],
    [{ group: ' > > ' }, 'GROUP_MISSING'],
    [{ group: 'a > b > c > d > e > f' }, 'GROUP_INVALID'],
    [{ salesUnitName: '' }, 'SALES_UNIT_NAME_MISSING'],
    [{ piecesPerSalesUnit: '' }, 'PIECES_MISSING'],
    [{ piecesPerSalesUnit: '0' }, 'PIECES_INVALID'],
    [{ piecesPerSalesUnit: '-5' }, 'PIECES_INVALID'],
    [{ piecesPerSalesUnit: '2,5' }, 'PIECES_INVALID'],
    [{ piecesPerSalesUnit: '100001' }, 'PIECES_INVALID'],
    [{ listPrice: '' }, 'PRICE_MISSING'],
    [{ listPrice: '-1' }, 'PRICE_INVALID'],
    [{ listPrice: '1,2,3' }, 'PRICE_INVALID'],
    [{ listPrice: '12,505' }, 'PRICE_INVALID'],
    [{ listPrice: '1299.50' }, 'PRICE_INVALID'],
    [{ datasheetUrls: 'ftp://produktdata.example/a.pdf' }, 'DATASHEET_URL_INVALID'],
    [{ datasheetUrls: 'javascript:alert(1)' }, 'DATASHEET_URL_INVALID'],
    [{ datasheetUrls: 'produktdata.example/a.pdf' }, 'DATASHEET_URL_INVALID'],
    [{ datasheetUrls: Array.from({ length: 11 }, (_, i) => `https://a.example/${i}.pdf`).join(' ') }, 'DATASHEET_URL_INVALID'],
  ])('%j → %s', (values, code) => {
    const parsed = parseCatalogueFile(csv(HEADER, line({ itemNumber: '101001' }), line(values), line({ itemNumber: '101003' })));
    expect(parsed.rows.map((row) => row.row)).toEqual([2, 4]);
    expect(parsed.rejected).toEqual([expect.objectContaining({ row: 3, code, message: expect.any(String) })]);
  });

  it('the reason names the column and what is expected', () => {
    const parsed = parseCatalogueFile(csv(HEADER, line({ listPrice: '1.29,50' }), line({ itemNumber: '301005', name: '' })));
    expect(parsed.rejected).toEqual([
      {
        row: 2,
        code: 'PRICE_INVALID',
        message: 'listPrice must be kroner per sales unit with a decimal comma, like 1.299,50: a dot separates thousands in groups of 3 digits; use a comma for decimals',
        itemNumber: '301004',
      },
      { row: 3, code: 'NAME_MISSING', message: 'name is required', itemNumber: '301005' },
    ]);
  });

  it('the first failing column, in the order of API.md, decides the code', () => {
    const parsed = parseCatalogueFile(csv(HEADER, line({ name: '', piecesPerSalesUnit: '0', listPrice: 'x' })));
    expect(parsed.rejected.map((rejection) => rejection.code)).toEqual(['NAME_MISSING']);
  });

  it('never echoes a value: a huge one gives a short message', () => {
    const parsed = parseCatalogueFile(csv(HEADER, line({ name: 'x'.repeat(100_000), itemNumber: 'y'.repeat(100_000) })));
    expect(parsed.rejected).toEqual([{ row: 2, code: 'ITEM_NUMBER_INVALID', message: expect.any(String) }]);
    expect(parsed.rejected[0]!.message.length).toBeLessThan(200);
    expect(parseCatalogueFile(csv(HEADER, line({ description: 'z'.repeat(100_000) }))).rejected).toEqual([
      { row: 2, code: 'FIELD_TOO_LONG', message: 'description must be at most 4000 characters', itemNumber: '301004' },
    ]);
  });

  it('a row with a different number of values than the header (an unquoted `;`) is rejected, not shifted', () => {
    const parsed = parseCatalogueFile(csv(HEADER, line({ name: 'Kateter; 40 cm' }), '301006;for få', line({ itemNumber: '301007' })));
    expect(parsed.rejected).toEqual([
      expect.objectContaining({ row: 2, code: 'COLUMN_COUNT_MISMATCH' }),
      expect.objectContaining({ row: 3, code: 'COLUMN_COUNT_MISMATCH' }),
    ]);
    expect(parsed.rows.map((row) => row.row)).toEqual([4]);
  });

  it('empty values after the last column (a spreadsheet’s trailing `;`) are ignored', () => {
    expect(productsOf(parseCatalogueFile(csv(HEADER, `${LINE};;`)))).toEqual([PRODUCT]);
  });

  it('the same item number twice in one file: the second row is rejected, the first counts', () => {
    const parsed = parseCatalogueFile(csv(HEADER, LINE, line({ itemNumber: '301005' }), line({ name: 'Andet navn' })));
    expect(parsed.rows.map((row) => row.row)).toEqual([2, 3]);
    expect(parsed.rejected).toEqual([
      { row: 4, code: 'DUPLICATE_ITEM_NUMBER', message: 'The item number is already on row 2; only one row per item is imported', itemNumber: '301004' },
    ]);
  });

  it('a rejected row still claims its item number: a file that says two things about an item is not guessed at', () => {
    const parsed = parseCatalogueFile(csv(HEADER, line({ listPrice: 'x' }), LINE));
    expect(parsed.rows).toEqual([]);
    expect(parsed.rejected.map(({ row, code }) => [row, code])).toEqual([
      [2, 'PRICE_INVALID'],
      [3, 'DUPLICATE_ITEM_NUMBER'],
    ]);
  });
});

describe('a file that is not a product file is refused as a whole (400)', () => {
  it('a header without a required column: CATALOGUE_HEADER_INVALID, listing the missing columns', () => {
    const header = HEADER.replace('listPrice;', '').replace(';seriesId', '');
    const error = refusal(() => parseCatalogueFile(csv(header, '301004')));
    expect(error).toMatchObject({ kind: 'bad_request', code: 'CATALOGUE_HEADER_INVALID' });
    expect(error.details).toEqual({ missingColumns: ['seriesId', 'listPrice'], duplicateColumns: [] });
    expect(error.message).toBe('The header row has columns missing seriesId, listPrice');
  });

  it('a column twice in the header: CATALOGUE_HEADER_INVALID', () => {
    const error = refusal(() => parseCatalogueFile(csv(`${HEADER};Name`, LINE)));
    expect(error).toMatchObject({ code: 'CATALOGUE_HEADER_INVALID', details: { missingColumns: [], duplicateColumns: ['name'] } });
  });

  it.each([
    ['an empty file', ''],
    ['only white space', ' \n\r\n '],
    ['a comma-separated file', HEADER.replaceAll(';', ',') + '\n' + LINE.replaceAll(';', ',')],
    ['prose', 'Kære leverandør,\nher er filen.\n'],
    ['a quoted value never closed', csv(HEADER, LINE, line({ itemNumber: '301005', name: '"Kateter' }), line({ itemNumber: '301006' }))],
    ['broken JSON', '[{"itemNumber": "301004",'],
    ['a JSON object instead of an array', '{"itemNumber": "301004"}'],
  ])('%s: CATALOGUE_FILE_INVALID', (_case, content) => {
    expect(refusal(() => parseCatalogueFile(content))).toMatchObject({ kind: 'bad_request', code: 'CATALOGUE_FILE_INVALID' });
  });

  it('says where a quoted value was opened and never closed', () => {
    const error = refusal(() => parseCatalogueFile(csv(HEADER, LINE, line({ itemNumber: '301005', name: '"Kateter' }), line({ itemNumber: '301006' }))));
    expect(error.message).toBe('The file cannot be read at row 3: a quoted value is never closed');
    expect(error.details).toEqual({ reason: 'CSV_QUOTE_NOT_CLOSED', row: 3 });
  });

  it.each([
    ['a PNG image', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d])],
    ['a ZIP archive (an .xlsx)', Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(16)])],
    ['Latin-1 text (not UTF-8)', Buffer.from(csv(HEADER, LINE), 'latin1')],
  ])('%s: CATALOGUE_FILE_INVALID', (_case, bytes) => {
    expect(refusal(() => parseCatalogueFile(bytes))).toMatchObject({ kind: 'bad_request', code: 'CATALOGUE_FILE_INVALID' });
  });

  it('the content type decides when given: CSV sent as JSON is refused, not guessed', () => {
    expect(refusal(() => parseCatalogueFile(csv(HEADER, LINE), 'json')).code).toBe('CATALOGUE_FILE_INVALID');
    expect(refusal(() => parseCatalogueFile('[]', 'csv')).code).toBe('CATALOGUE_FILE_INVALID');
  });
});

describe('reading the JSON product file: an array of objects with the same fields', () => {
  const json = {
    itemNumber: '301004',
    name: 'Lyngby Cath Mand CH 14',
    description: 'Hydrofilt engangskateter',
    manufacturer: 'Lyngby Urologi',
    manufacturerRef: 'LCM-14',
    group: 'Kateter > Engangskatetre',
    seriesId: 'LC-MAND',
    salesUnitName: 'æske',
    piecesPerSalesUnit: '30',
    listPrice: '1.299,50',
    datasheetUrls: 'https://produktdata.example/lcm.pdf',
  };

  it('reads the fields as in the CSV, rows numbered by position from 1', () => {
    expect(parseCatalogueFile(JSON.stringify([json]))).toEqual({ format: 'json', rows: [{ row: 1, product: PRODUCT }], rejected: [] });
  });

  it('also takes numbers (listPrice exactly, through its decimal string), arrays, and null or absent optional fields', () => {
    const row = { ...json, itemNumber: 301004, piecesPerSalesUnit: 30, listPrice: 1299.5, group: ['Kateter', 'Engangskatetre'], seriesId: null, description: undefined };
    expect(productsOf(parseCatalogueJson([row]))).toEqual([{ ...PRODUCT, seriesId: null, description: '' }]);
    expect(productsOf(parseCatalogueJson([{ ...json, datasheetUrls: ['https://a.example/1.pdf'] }]))).toEqual([{ ...PRODUCT, datasheetUrls: ['https://a.example/1.pdf'] }]);
  });

  it('rejects bad elements by position, with the same codes as the CSV', () => {
    const parsed = parseCatalogueJson([
      json,
      'not an object',
      { ...json, itemNumber: '301005', listPrice: 0.1 + 0.2 },
      { ...json, itemNumber: '301006', piecesPerSalesUnit: 2.5 },
      { ...json, itemNumber: '301007', name: 42 },
      { ...json, itemNumber: '301008', listPrice: null },
      null,
      { ...json, name: 'twice' },
    ]);
    expect(parsed.rows.map((row) => row.row)).toEqual([1]);
    expect(parsed.rejected.map(({ row, code }) => [row, code])).toEqual([
      [2, 'ROW_NOT_OBJECT'],
      [3, 'PRICE_INVALID'],
      [4, 'PIECES_INVALID'],
      [5, 'FIELD_TYPE_INVALID'],
      [6, 'PRICE_MISSING'],
      [7, 'ROW_NOT_OBJECT'],
      [8, 'DUPLICATE_ITEM_NUMBER'],
    ]);
  });

  it('reads only the product fields: other keys, even "__proto__", are ignored', () => {
    const parsed = parseCatalogueFile(`[{"__proto__": {"name": "x"}, "colour": "blå", ${JSON.stringify(json).slice(1)}]`);
    expect(productsOf(parsed)).toEqual([PRODUCT]);
  });
});

describe('large files', () => {
  it('what renderCatalogueCsv writes, the parser reads back to the same rows', () => {
    const products = [...generateCatalogue(600)];
    expect(productsOf(parseCatalogueCsv(renderCatalogueCsv(products, { bom: true })))).toEqual(products);
    expect(renderCatalogueCsv([])).toBe(catalogueCsvHeader());
  });

  // How fast is measured by `npm run bench:catalogue`, not here: a timed bound fails on a busy machine.
  it('50,000 rows parse, none rejected', () => {
    const file = Buffer.from(renderCatalogueCsv(generateCatalogue(50_000)), 'utf8');
    const parsed = parseCatalogueFile(file);
    expect(parsed.rows).toHaveLength(50_000);
    expect(parsed.rejected).toEqual([]);
  });
});
