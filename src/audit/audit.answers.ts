import { z } from 'zod';

/**
 * What the audit routes answer (a citizen's history, the access log and its GDPR extract), as schemas for the
 * OpenAPI document (the portal's client is typed from them). They describe the query handlers' views
 * (citizen-history.ts, access-log-views.ts); nothing validates against them.
 */
const isoDate = z.string().describe('YYYY-MM-DD, Europe/Copenhagen');

/** GDPR Art. 15 (DOMAIN §7): when and why the record was opened, oldest first, never by whom. */
export const accessLogExtractAnswer = z.object({
  citizenId: z.string(),
  items: z.array(z.object({ date: isoDate, purpose: z.string() })).describe('Every opening of the record, oldest first: its date and purpose'),
});

const actor = z.object({
  userId: z.string().nullable(),
  role: z.string().nullable(),
  municipalityId: z.string().nullable(),
  name: z.string().nullable().describe("The user's name today; null for the system and for the citizen's own webshop login"),
});

const historyItem = z.object({
  position: z.string(),
  at: z.string().nullable().describe('When it happened (the command’s clock), ISO-8601 UTC'),
  recordedAt: z.string().describe('When the store wrote it'),
  stream: z.string().describe("The stream's category: citizen, grant, order"),
  streamName: z.string(),
  type: z.string().describe('The event type, e.g. GrantLineAdded'),
  actor,
  correlationId: z.string().nullable(),
  causationId: z.string().nullable(),
  commandId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).describe('The event’s payload, every CPR number masked (DDMMYY-XXXX)'),
});

export const citizenHistoryAnswer = z.object({
  items: z.array(historyItem).describe('Oldest first, in the log’s order'),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const accessLogAnswer = z
  .array(
    z.object({
      at: z.string(),
      purpose: z.string(),
      role: z.string().nullable(),
      userId: z.string().nullable(),
      name: z.string().nullable().describe("The user's name today; null when unknown"),
      fullCprShown: z.boolean(),
    }),
  )
  .describe('Newest first');
