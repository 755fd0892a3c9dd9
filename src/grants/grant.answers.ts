import { z } from 'zod';
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
  onAgreement: z.boolean(),
  pricePerSalesUnit: z.number().int().nullable().describe('øre; null when the product is no longer listed'),
  pricePerPiece: z.number().int().nullable(),
  grantArea: z.string(),
  kind: z.enum(LINE_KINDS),
  status: z.enum(['ACTIVE', 'INACTIVE']),
  startDate: date,
  endDate: date.nullable().describe('A one-time line’s last day (inclusive)'),
  allowance: allowanceSchema.nullable(),
  window: windowAnswer.nullable(),
  remaining: z.number().int().nullable().describe('Sales units left in the current window; null: no cap'),
  expired: z.boolean(),
  lastOrderDate: date.nullable(),
  nextOrderDate: date.nullable(),
  history: z.array(windowAnswer.extend({ grantedMax: z.number().int() })),
});

export const grantAnswer = z.object({
  citizenId: z.string(),
  asOf: z.string().optional().describe('With ?asOf: the instant the grant is shown as of'),
  areas: z.array(z.object({ grantArea: z.string(), lines: z.array(grantLineAnswer) })),
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
