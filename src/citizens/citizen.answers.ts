import { z } from 'zod';
import { ERASED } from '../shared/personal-data.js';
import { CITIZEN_STATUSES } from './citizen.events.js';

/**
 * What the citizen routes answer, as schemas for the OpenAPI document (the portal's client is typed from it).
 * They describe the query contracts of citizen.queries.ts; the e2e suite parses real answers with them, so the
 * description cannot drift from what the service sends.
 */
const status = z.enum(CITIZEN_STATUSES);

export const citizenSearchRow = z.object({
  citizenId: z.string(),
  cprMasked: z.string().describe('DDMMYY-XXXX: the serial number never leaves the service in a search'),
  name: z.string(),
  address: z.string().describe('The street address'),
  city: z.string(),
  postalCode: z.string(),
  municipalityId: z.string().describe('The citizen’s municipality (the supplier’s staff search across them)'),
  status,
  grantAreas: z.array(z.string()).describe('Areas of active grant lines, only those the caller may see'),
  nextOrderDate: z.string().nullable().describe('The earliest next order date of the active lines the caller may see; after today = ordering is blocked (the bell)'),
});

export const citizenSearchAnswer = z.object({
  items: z.array(citizenSearchRow),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const citizenProfileAnswer = z.object({
  citizenId: z.string(),
  municipalityId: z.string(),
  cpr: z.string().describe('The full number: the look-up is access-logged with its purpose. `slettet` once the personal data is erased'),
  cprMasked: z.string(),
  birthDate: z.string().describe('YYYY-MM-DD; `slettet` once the personal data is erased'),
  gender: z.enum(['male', 'female', ERASED]),
  firstName: z.string(),
  lastName: z.string(),
  address: z.object({ street: z.string(), postalCode: z.string(), city: z.string() }),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  webshopUsername: z.string(),
  status,
  grantAreas: z.array(z.string()),
  erased: z.boolean().describe('The personal data was erased when the retention period after the removal ran out: every personal field reads `slettet`'),
});

export const citizenRegisteredAnswer = z.object({ citizenId: z.string(), position: z.string().nullable() });

export const webshopOneTimePasswordAnswer = z.object({
  password: z
    .string()
    .describe('The one-time password for the webshop login, shown once: it is stored only as a hash, and the citizen must change it at the first login'),
});
