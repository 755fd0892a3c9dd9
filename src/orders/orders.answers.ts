import { z } from 'zod';
import { ORDER_CHANNELS } from './order.events.js';
import { DELIVERY_STATUSES, ORDER_STATUSES } from './order.state.js';

/**
 * What the order history and an order's detail answer, as schemas for the OpenAPI document (the portal's client
 * is typed from it). They describe the query handlers' views (order.queries.ts); nothing validates against them.
 */
const isoDate = z.string().describe('YYYY-MM-DD, Europe/Copenhagen');

const placedBy = z.object({
  role: z.string(),
  name: z.string(),
  channel: z.enum(ORDER_CHANNELS).describe('Where the order came from: the citizen, the municipality or customer service'),
});

const orderRow = z.object({
  orderId: z.string(),
  orderNumber: z.string(),
  orderDate: isoDate,
  status: z.enum(ORDER_STATUSES),
  placedBy,
  lineCount: z.number().int(),
  invoiceNumbers: z.array(z.string()),
});

export const orderHistoryAnswer = z.object({
  citizen: z
    .object({ citizenId: z.string(), name: z.string(), cprMasked: z.string().describe('DDMMYY-xxxx: never the full number') })
    .describe('Whose history this is, as a heading shows it'),
  from: isoDate.describe('The period searched (inclusive): the query\'s, or the default last month'),
  to: isoDate,
  items: z.array(orderRow),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

const address = z.object({ street: z.string(), postalCode: z.string(), city: z.string() });

const orderLine = z.object({
  lineId: z.string(),
  itemNumber: z.string(),
  productName: z.string().nullable(),
  grantArea: z.string(),
  salesUnits: z.number().int(),
  shipped: z.number().int(),
  backordered: z.number().int().describe('Sales units back-ordered and not yet shipped'),
  cancelled: z.number().int(),
  credited: z.array(z.object({ salesUnits: z.number().int(), creditNoteNumber: z.string() })),
  deliveryStatus: z.enum(DELIVERY_STATUSES),
});

export const orderDetailAnswer = z.object({
  orderId: z.string(),
  orderNumber: z.string(),
  citizenId: z.string(),
  orderDate: isoDate,
  placedAt: z.string().describe('ISO-8601 instant'),
  status: z.enum(ORDER_STATUSES),
  placedBy: placedBy.extend({ userId: z.string() }),
  remarks: z.string().nullable(),
  deliveryAddress: address,
  invoiceNumbers: z.array(z.string()),
  cancellationReason: z.string().nullable(),
  lines: z.array(orderLine),
});

/** What POST /citizens/:id/orders answers: the confirmation the portal shows (DOMAIN §5). */
export const orderPlacedAnswer = z.object({
  orderId: z.string(),
  orderNumber: z.string().describe('YYMMDD-NNNNNN: the order date and six digits'),
  position: z.string().describe('Send as X-Consistent-With to read the order back'),
});
