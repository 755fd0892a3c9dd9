import { z } from 'zod';

/**
 * What the audit routes answer, as schemas for the OpenAPI document (the portal's client is typed from it). They
 * describe the views of access-log-views.ts; nothing validates against them.
 */
const isoDate = z.string().describe('YYYY-MM-DD, Europe/Copenhagen');

/** GDPR Art. 15 (DOMAIN §7): when and why the record was opened, oldest first, never by whom. */
export const accessLogExtractAnswer = z.object({
  citizenId: z.string(),
  items: z.array(z.object({ date: isoDate, purpose: z.string() })).describe('Every opening of the record, oldest first: its date and purpose'),
});
