import { z } from 'zod';
import { CITIZEN_STATUSES } from '../citizens/citizen.events.js';
import { allowanceSchema } from './allowance.js';
import { LINE_KINDS } from './grant.events.js';

/**
 * What the grant routes answer (API.md "Grant"), as schemas for the OpenAPI document: the portal's client is
 * typed from them. They describe grant-view.ts's GrantView and the commands' answers; the routes do not parse
 * their answers with them.
 */

const date = z.iso.date();
const position = z.string().nullable().describe('Pass as consistentWith to read the change; null when nothing changed');

const windowAnswer = z.object({
  start: date,
  end: date.describe('Exclusive: the next window’s start (the bell date)'),
  lastDay: date.describe('Inclusive'),
  ordered: z.number().int(),
  delivered: z.number().int(),
});

const grantLineAnswer = z.object({
  lineId: z.string(),
  itemNumber: z.string(),
  productName: z.string().nullable(),
  onAgreement: z.boolean().describe('The star: on the municipality’s agreement today'),
  pricePerSalesUnit: z.number().int().nullable().describe('øre; the agreement price when starred, else the list price; null when the product is no longer listed'),
  pricePerPiece: z.number().int().nullable().describe('øre'),
  salesUnit: z.object({ name: z.string(), pieces: z.number().int() }).nullable().describe('null: the product is not in the catalogue'),
  grantArea: z.string(),
  kind: z.enum(LINE_KINDS),
  status: z.enum(['ACTIVE', 'INACTIVE']),
  startDate: date,
  endDate: date.nullable().describe('A one-time line’s last day (inclusive)'),
  allowance: allowanceSchema.nullable(),
  window: windowAnswer
    .nullable()
    .describe(
      'The current calculation window; without an allowance, the current consumption period (a continuous line: the calendar month, cut at the line’s start; a one-time line: its whole life). null when the line is not in force today (inactive, not started, expired)',
    ),
  remaining: z.number().int().nullable().describe('Sales units left in the current window; null: no cap'),
  expired: z.boolean(),
  lastOrderDate: date.nullable(),
  nextOrderDate: date.nullable().describe('Later than today: the bell (ordering blocked until then); null: cannot be ordered again'),
  history: z
    .array(windowAnswer.extend({ grantedMax: z.number().int().nullable().describe('The cap in force then; null: no allowance (a consumption period)') }))
    .describe('Past windows, oldest first; without an allowance, past calendar months (a one-time line: its whole life, once ended)'),
});

const citizenAnswer = z.object({
  name: z.string(),
  cprMasked: z.string().describe('DDMMYY-XXXX'),
  address: z.object({ street: z.string(), postalCode: z.string(), city: z.string() }).describe('Where an order is delivered'),
  status: z.enum(CITIZEN_STATUSES),
});

export const grantAnswer = z.object({
  citizenId: z.string(),
  citizen: citizenAnswer,
  asOf: z.string().optional().describe('With ?asOf: the instant the grant is shown as of'),
  areas: z.array(z.object({ grantArea: z.string(), lines: z.array(grantLineAnswer) })).describe('Only the caller’s grant areas'),
  restoredOnReopen: z
    .array(z.string())
    .optional()
    .describe('With ?asOf: the ids of the lines the citizen’s removal inactivated, which a reopening would restore (empty: none)'),
});

export const allowanceCalculationAnswer = z.object({
  piecesPerPeriod: z.number().describe('May be a quarter: 1 a day over 3 months is 91.25'),
  grantedMax: z.number().int(),
  salesUnitsPerOrder: z.number().int().nullable().describe('= grantedMax for 3 months; null for 12 (the user’s choice)'),
});

export const lineAddedAnswer = z.object({ lineId: z.string(), position });

export const lineChangedAnswer = z.object({
  lineId: z.string().describe('The line that holds the item now: a new line when the kind changed'),
  position,
});

export const lineReactivatedAnswer = z.object({ position });
