import { z } from 'zod';

/**
 * What the product search answers (API.md "Catalogue"), for the OpenAPI document the portal's client is typed
 * from: catalogue.queries.ts's ProductRowView in a page. Prices are øre, for the caller's municipality today.
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

export const productPageAnswer = z.object({
  items: z.array(productRowAnswer),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
