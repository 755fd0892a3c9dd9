import { z } from 'zod';

/** What POST /citizens/:id/orders answers: the confirmation the portal shows (DOMAIN §5), as a schema for the OpenAPI document. */
export const orderPlacedAnswer = z.object({
  orderId: z.string(),
  orderNumber: z.string().describe('YYMMDD-NNNNNN: the order date and six digits'),
  position: z.string().describe('Send as X-Consistent-With to read the order back'),
});
