import { z } from 'zod';
import { defineEvent, type EventOf } from '../shared/event-schema.js';
import { aboutCitizen, erasable, noPersonalData } from '../shared/personal-data.js';

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

/** Personal fields that free text's `slettet` would not pass as they are (shared/personal-data.ts). */
const cprSchema = erasable(z.string().regex(/^[0-9]{10}$/));
const genderSchema = erasable(z.enum(['male', 'female']));

export const CitizenRegistered = defineEvent(
  'CitizenRegistered',
  z.object({
    citizenId: z.string().min(1),
    municipalityId: z.string().min(1),
    /** 10 digits. Personal data: only ever in event payloads, never in stream names, logs or metrics. */
    cpr: cprSchema,
    birthDate: erasable(z.iso.date()),
    gender: genderSchema,
    firstName: nonBlank,
    lastName: nonBlank,
    address: addressSchema,
    phone: nonBlank.optional(),
    email: nonBlank.optional(),
    webshopUsername: nonBlank,
    status: z.literal('ACTIVE'),
  }),
  {
    personalData: aboutCitizen(
      ['cpr', 'birthDate', 'gender', 'firstName', 'lastName', 'address', 'phone', 'email', 'webshopUsername'],
      ['citizenId', 'municipalityId', 'status'],
    ),
  },
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
  { personalData: aboutCitizen(['address', 'phone', 'email'], ['citizenId']) },
);
export type CitizenContactDetailsChanged = EventOf<typeof CitizenContactDetailsChanged>;

/** The statuses that remove a citizen (DOMAIN §2.3): gone from every municipal view, CPR released. */
export const REMOVAL_STATUSES = ['DECEASED', 'MOVED_AWAY'] as const;
export type RemovalStatus = (typeof REMOVAL_STATUSES)[number];
export const isRemovalStatus = (status: CitizenStatus): status is RemovalStatus => (REMOVAL_STATUSES as readonly string[]).includes(status);

/**
 * Between ACTIVE, GRANT_ENDED and OTHER_SUPPLIER (DOMAIN §2.3). Ending the grant inactivates every active line;
 * that happens on the grant stream (GrantLinesInactivatedForStatus), caused by this event.
 */
export const CitizenStatusChanged = defineEvent(
  'CitizenStatusChanged',
  z.object({
    citizenId: z.string().min(1),
    from: z.enum(['ACTIVE', 'GRANT_ENDED', 'OTHER_SUPPLIER']),
    to: z.enum(['ACTIVE', 'GRANT_ENDED', 'OTHER_SUPPLIER']),
    reason: nonBlank.optional(),
  }),
  { personalData: aboutCitizen(['reason'], ['citizenId', 'from', 'to']) },
);
export type CitizenStatusChanged = EventOf<typeof CitizenStatusChanged>;

/**
 * DECEASED or MOVED_AWAY: the citizen is removed. Nothing is deleted; the effects on other streams (lines
 * inactivated, unshipped orders cancelled, the CPR released) follow from this event (citizen-status.reaction.ts).
 */
export const CitizenRemoved = defineEvent(
  'CitizenRemoved',
  z.object({
    citizenId: z.string().min(1),
    from: z.enum(['ACTIVE', 'GRANT_ENDED', 'OTHER_SUPPLIER']),
    status: z.enum(REMOVAL_STATUSES),
    reason: nonBlank.optional(),
  }),
  { personalData: aboutCitizen(['reason'], ['citizenId', 'from', 'status']) },
);
export type CitizenRemoved = EventOf<typeof CitizenRemoved>;

/**
 * The compensating event of a removal ("genåbne", customer service only): the citizen is ACTIVE again, and the
 * lines that were active at the removal are restored on the grant (GrantLinesRestored).
 */
export const CitizenReopened = defineEvent(
  'CitizenReopened',
  z.object({ citizenId: z.string().min(1), from: z.enum(REMOVAL_STATUSES), reason: nonBlank }),
  { personalData: aboutCitizen(['reason'], ['citizenId', 'from']) },
);
export type CitizenReopened = EventOf<typeof CitizenReopened>;

/** DOMAIN §2.1 rule 5: a corrected or new CPR number; the old one stays in the earlier events. */
export const CitizenCprChanged = defineEvent(
  'CitizenCprChanged',
  z.object({
    citizenId: z.string().min(1),
    cpr: cprSchema,
    birthDate: erasable(z.iso.date()),
    gender: genderSchema,
    reason: nonBlank,
    /** Present when the webshop username was the old number (its default): it follows the new one. */
    webshopUsername: nonBlank.optional(),
  }),
  { personalData: aboutCitizen(['cpr', 'birthDate', 'gender', 'reason', 'webshopUsername'], ['citizenId']) },
);
export type CitizenCprChanged = EventOf<typeof CitizenCprChanged>;

/** The citizen accepted the terms and privacy policy at a webshop login (DOMAIN §6), recorded with the version. */
export const CitizenAcceptedTerms = defineEvent('CitizenAcceptedTerms', z.object({ citizenId: z.string().min(1), termsVersion: nonBlank }), {
  personalData: noPersonalData('citizenId', 'termsVersion'),
});
export type CitizenAcceptedTerms = EventOf<typeof CitizenAcceptedTerms>;

/** A corrected name ("Opdatere alle borgerens data"): both names, as they now are. */
export const CitizenNameChanged = defineEvent('CitizenNameChanged', z.object({ citizenId: z.string().min(1), firstName: nonBlank, lastName: nonBlank }), {
  personalData: aboutCitizen(['firstName', 'lastName'], ['citizenId']),
});
export type CitizenNameChanged = EventOf<typeof CitizenNameChanged>;

/**
 * A new webshop username, reserved in the one username registry before this event; the old one is released as
 * its effect (citizen-lifecycle.ts). The webshop login follows: the citizen logs in with the new one.
 */
export const CitizenWebshopUsernameChanged = defineEvent('CitizenWebshopUsernameChanged', z.object({ citizenId: z.string().min(1), webshopUsername: nonBlank }), {
  personalData: aboutCitizen(['webshopUsername'], ['citizenId']),
});
export type CitizenWebshopUsernameChanged = EventOf<typeof CitizenWebshopUsernameChanged>;

/**
 * Staff gave the citizen a one-time password for the webshop login (a citizen with no e-mail address, DOMAIN
 * §6). Who gave it is the event's actor; the password itself is never in the log.
 */
export const CitizenWebshopOneTimePasswordIssued = defineEvent('CitizenWebshopOneTimePasswordIssued', z.object({ citizenId: z.string().min(1) }), {
  personalData: noPersonalData('citizenId'),
});
export type CitizenWebshopOneTimePasswordIssued = EventOf<typeof CitizenWebshopOneTimePasswordIssued>;

/**
 * The citizen's personal data was erased (crypto-shredded) once the retention period after their removal had run
 * out: their key is gone, so every personal field of every event about them reads as `slettet`. Says when, under
 * which rule and why; who is the event's actor. Nothing personal in it (the reason is the rule's, not about the
 * citizen). The citizen's orders, grant lines and
 * amounts stay; the citizen can never be reopened, and their CPR number may be registered again as a new citizen.
 */
export const CitizenPersonalDataErased = defineEvent(
  'CitizenPersonalDataErased',
  z.object({
    citizenId: z.string().min(1),
    /** When the citizen was removed (the CitizenRemoved event's instant) and as what. */
    removedAt: z.iso.datetime({ offset: true }),
    status: z.enum(REMOVAL_STATUSES),
    /** The rule applied: years after the removal. */
    retentionYears: z.number().int().nonnegative(),
    reason: z.string().min(1),
    /**
     * The citizen's orders, named so that the order read model can blank their personal fields on this event
     * alone: a projection changes the documents an event names, and orders are documents of their own.
     */
    orderIds: z.array(z.string().min(1)),
  }),
  { personalData: noPersonalData('citizenId', 'removedAt', 'status', 'retentionYears', 'reason', 'orderIds') },
);
export type CitizenPersonalDataErased = EventOf<typeof CitizenPersonalDataErased>;

// Change a payload only with a version bump and an upcaster.
export type CitizenEvent =
  | CitizenRegistered
  | CitizenContactDetailsChanged
  | CitizenStatusChanged
  | CitizenRemoved
  | CitizenReopened
  | CitizenCprChanged
  | CitizenAcceptedTerms
  | CitizenWebshopOneTimePasswordIssued
  | CitizenNameChanged
  | CitizenWebshopUsernameChanged
  | CitizenPersonalDataErased;

export const citizenEventDefinitions = [
  CitizenRegistered,
  CitizenContactDetailsChanged,
  CitizenStatusChanged,
  CitizenRemoved,
  CitizenReopened,
  CitizenCprChanged,
  CitizenAcceptedTerms,
  CitizenWebshopOneTimePasswordIssued,
  CitizenNameChanged,
  CitizenWebshopUsernameChanged,
  CitizenPersonalDataErased,
] as const;
