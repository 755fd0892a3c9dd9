import { z } from 'zod';
import { CITIZEN_STATUSES } from '../citizens/citizen.events.js';
import { allowanceSchema } from './allowance.js';
import { LINE_KINDS } from './grant.events.js';

/**
 * What GET /citizens/:id/grant answers (DOMAIN §4.3, API.md's `line`), as a schema for the OpenAPI document: the
 * portal's grant page is typed from it. Dates are YYYY-MM-DD (Europe/Copenhagen), money is øre.
 */
const isoDate = z.string().describe('YYYY-MM-DD, Europe/Copenhagen');

const windowAnswer = z.object({
  start: isoDate,
  end: isoDate.describe('Exclusive: the next window’s start'),
  lastDay: isoDate.describe('Inclusive'),
  ordered: z.number().int(),
  delivered: z.number().int(),
});

const lineAnswer = z.object({
  lineId: z.string(),
  itemNumber: z.string(),
  productName: z.string().nullable(),
  onAgreement: z.boolean().describe('The star: on the municipality’s agreement today'),
  pricePerSalesUnit: z.number().int().nullable().describe('øre; the agreement price when starred, else the list price'),
  pricePerPiece: z.number().int().nullable().describe('øre'),
  salesUnit: z.object({ name: z.string(), pieces: z.number().int() }).nullable().describe('null: the product is not in the catalogue'),
  grantArea: z.string(),
  kind: z.enum(LINE_KINDS),
  status: z.enum(['ACTIVE', 'INACTIVE']),
  startDate: isoDate,
  endDate: isoDate.nullable().describe('A one-time line’s last day'),
  allowance: allowanceSchema.nullable(),
  window: windowAnswer.nullable().describe('The current window; null when no cap applies today'),
  remaining: z.number().int().nullable().describe('Sales units left in the current window; null: no cap'),
  expired: z.boolean(),
  lastOrderDate: isoDate.nullable(),
  nextOrderDate: isoDate.nullable().describe('Later than today: the bell (ordering blocked until then); null: cannot be ordered again'),
  history: z.array(windowAnswer.extend({ grantedMax: z.number().int() })).describe('Past windows, oldest first'),
});

const citizenAnswer = z.object({
  name: z.string(),
  cprMasked: z.string().describe('DDMMYY-XXXX'),
  address: z.object({ street: z.string(), postalCode: z.string(), city: z.string() }).describe('Where an order is delivered'),
  status: z.enum(CITIZEN_STATUSES),
});

export const grantOverviewAnswer = z.object({
  citizenId: z.string(),
  citizen: citizenAnswer,
  asOf: z.string().optional().describe('Only with ?asOf=: the instant the grant is shown as of'),
  areas: z.array(z.object({ grantArea: z.string(), lines: z.array(lineAnswer) })).describe('Only the caller’s grant areas'),
});
