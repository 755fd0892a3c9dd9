import { z } from 'zod';

/**
 * What the product search and a product's page answer (API.md "Catalogue"), for the OpenAPI document the portal's
 * client is typed from: catalogue.queries.ts's ProductRowView in a page, and its ProductDetailView. Prices are
 * øre, for the caller's municipality today.
 */
const productRowAnswer = z.object({
  itemNumber: z.string(),
  name: z.string(),
  manufacturer: z.string(),
  manufacturerRef: z.string(),
  salesUnit: z.object({ name: z.string(), pieces: z.number().int() }),
  onAgreement: z.boolean().describe('The star: on the caller’s municipality’s agreement today'),
  pricePerSalesUnit: z.number().int().describe('Agreement price if starred, else list price (øre)'),
  pricePerPiece: z.number().int(),
  listPrice: z.number().int(),
  group: z.string(),
  seriesId: z.string().nullable(),
  discontinued: z.boolean(),
});

export const productAnswer = productRowAnswer.extend({
  description: z.string(),
  datasheets: z.array(z.string()),
  series: z.array(productRowAnswer).describe('The other sizes and variants of the series'),
  similar: z.array(productRowAnswer).describe('Other products of the same group'),
});

export const productPageAnswer = z.object({
  items: z.array(productRowAnswer),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
