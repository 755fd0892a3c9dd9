import { z } from 'zod';
import { defineEvent, type EventOf } from '../shared/event-schema.js';

/** Events of the citizen stream, `citizen-<citizenId>` (DOMAIN §2). */

/** Aktiv, Mors, Fraflyttet, Bevilling ophørt, Valgt anden leverandør (DOMAIN §1). */
export const CITIZEN_STATUSES = ['ACTIVE', 'DECEASED', 'MOVED_AWAY', 'GRANT_ENDED', 'OTHER_SUPPLIER'] as const;
export type CitizenStatus = (typeof CITIZEN_STATUSES)[number];

const nonBlank = z.string().trim().min(1);

export const addressSchema = z.object({
  street: nonBlank,
  postalCode: nonBlank,
  city: nonBlank,
});
export type Address = z.infer<typeof addressSchema>;

export const CitizenRegistered = defineEvent(
  'CitizenRegistered',
  z.object({
    citizenId: z.string().min(1),
    municipalityId: z.string().min(1),
    /** 10 digits. Personal data: only ever in event payloads, never in stream names, logs or metrics. */
    cpr: z.string().regex(/^[0-9]{10}$/),
    birthDate: z.iso.date(),
    gender: z.enum(['male', 'female']),
    firstName: nonBlank,
    lastName: nonBlank,
    address: addressSchema,
    phone: nonBlank.optional(),
    email: nonBlank.optional(),
    webshopUsername: nonBlank,
    status: z.literal('ACTIVE'),
  }),
);
export type CitizenRegistered = EventOf<typeof CitizenRegistered>;

/**
 * Only what changed is present. `null` means the phone or e-mail was removed; an absent key means unchanged.
 * The address always changes as a whole, so the read models never hold half of an old address.
 */
export const CitizenContactDetailsChanged = defineEvent(
  'CitizenContactDetailsChanged',
  z.object({
    citizenId: z.string().min(1),
    address: addressSchema.optional(),
    phone: nonBlank.nullable().optional(),
    email: nonBlank.nullable().optional(),
  }),
);
export type CitizenContactDetailsChanged = EventOf<typeof CitizenContactDetailsChanged>;

// The lifecycle events of DOMAIN §2.3 and the CPR correction of §2.1 rule 5 come with a later issue, e.g.
// CitizenStatusChanged (GRANT_ENDED / OTHER_SUPPLIER / ACTIVE), CitizenRemoved (DECEASED / MOVED_AWAY),
// CitizenReopened (customer service, with a reason) and CitizenCprChanged (old number kept in the history).
// Add each here, to the union and to the list below; change a payload only with a version bump and an upcaster.

export type CitizenEvent = CitizenRegistered | CitizenContactDetailsChanged;

export const citizenEventDefinitions = [CitizenRegistered, CitizenContactDetailsChanged] as const;
