import { z } from 'zod';

/**
 * What the product search, a product's detail and the product groups answer, as schemas for the OpenAPI document
 * (the portal's client is typed from it). They describe the query handlers' views (catalogue.queries.ts).
 */
const oere = z.number().int().describe('øre');

const productRow = z.object({
  itemNumber: z.string(),
  name: z.string(),
  manufacturer: z.string(),
  manufacturerRef: z.string(),
  salesUnit: z.object({ name: z.string().describe('æske, pose, pakke …'), pieces: z.number().int() }),
  onAgreement: z.boolean().describe("The star: on the caller's municipality's agreement today (never for a caller without a municipality)"),
  pricePerSalesUnit: oere.describe('The agreement price when starred, else the list price'),
  pricePerPiece: oere,
  listPrice: oere.describe('List price per sales unit'),
  group: z.string().describe("The group path as shown: 'Stomi > Poser'"),
  seriesId: z.string().nullable(),
  discontinued: z.boolean(),
});

export const productSearchAnswer = z.object({
  items: z.array(productRow),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const productDetailAnswer = productRow.extend({
  description: z.string(),
  datasheets: z.array(z.string()).describe('Links to the datasheets (PDF)'),
  series: z.array(productRow).describe('The other sizes and variants of the series'),
  similar: z.array(productRow).describe('Other products of the same group'),
});

export const productGroupsAnswer = z.object({
  items: z.array(
    z.object({
      group: z.string().describe("The path: 'Stomi' or 'Stomi > Poser'; GET /products?group= takes it"),
      name: z.string().describe('The last part of the path'),
      parent: z.string().nullable().describe('The path one level up; null for a top group'),
      productCount: z.number().int().describe('Products in the group and its subgroups that are in the search'),
    }),
  ),
});

/** What a catalogue import answers (POST /catalogue/imports): the counts and each rejected row with its reason. */
export const catalogueImportAnswer = z.object({
  accepted: z.number().int().describe('Rows that passed validation, whether or not they changed anything'),
  added: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(
    z.object({
      row: z.number().int().describe('Row number, the header counting as row 1 (in JSON: the array position from 1)'),
      code: z.string(),
      message: z.string(),
      itemNumber: z.string().optional(),
    }),
  ),
  position: z.string().nullable(),
});

/** A municipality's agreement assortment (GET /municipalities/:id/agreement), item by item, paged. */
export const agreementAnswer = z.object({
  municipalityId: z.string(),
  items: z.array(
    z.object({
      itemNumber: z.string(),
      name: z.string().describe("The product's name; '' when the item is not in the catalogue"),
      inCatalogue: z.boolean(),
      discontinued: z.boolean(),
      salesUnit: z.object({ name: z.string(), pieces: z.number().int() }),
      listPrice: oere.describe('List price per sales unit'),
      periods: z
        .array(
          z.object({
            pricePerSalesUnit: oere.describe('Agreement price per sales unit'),
            validFrom: z.iso.date().describe('First day on agreement'),
            validTo: z.iso.date().nullable().describe('Last day on agreement (inclusive); null: until further notice'),
            validToday: z.boolean(),
          }),
        )
        .describe('Its periods on the agreement, earliest first; never overlapping'),
      priceToday: oere.nullable().describe('The agreement price today; null when no period holds today'),
    }),
  ),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int().describe('Items (item numbers) matching, not periods'),
});
