import { z } from 'zod';
import { ROLES } from '../shared/actor.js';
import { defineEvent, type EventOf } from '../shared/event-schema.js';
import { aboutUser, noPersonalData } from '../shared/personal-data.js';

/** Municipalities and user accounts are event-sourced reference data (DOMAIN §6). */

const municipalityFields = {
  name: z.string(),
  postalCodes: z.array(z.string()),
  grantAreas: z.array(z.string()),
};

const municipalityData = noPersonalData('municipalityId', 'name', 'postalCodes', 'grantAreas');

export const MunicipalityRegistered = defineEvent('MunicipalityRegistered', z.object({ municipalityId: z.string(), ...municipalityFields }), {
  personalData: municipalityData,
});
export const MunicipalityUpdated = defineEvent('MunicipalityUpdated', z.object({ municipalityId: z.string(), ...municipalityFields }), {
  personalData: municipalityData,
});

export const UserCreated = defineEvent(
  'UserCreated',
  z.object({
    userId: z.string(),
    username: z.string(),
    name: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    municipalityId: z.string().nullable(),
    grantAreas: z.array(z.string()),
  }),
  { personalData: aboutUser(['username', 'name', 'email'], ['userId', 'role', 'municipalityId', 'grantAreas']) },
);
export const UserChanged = defineEvent(
  'UserChanged',
  z.object({
    userId: z.string(),
    name: z.string().optional(),
    email: z.string().optional(),
    role: z.enum(ROLES).optional(),
    municipalityId: z.string().nullable().optional(),
    grantAreas: z.array(z.string()).optional(),
  }),
  { personalData: aboutUser(['name', 'email'], ['userId', 'role', 'municipalityId', 'grantAreas']) },
);
export const UserDisabled = defineEvent('UserDisabled', z.object({ userId: z.string() }), { personalData: noPersonalData('userId') });
export const UserEnabled = defineEvent('UserEnabled', z.object({ userId: z.string() }), { personalData: noPersonalData('userId') });
/** The password itself (its hash) is a credential kept outside the event log; the log records that it changed. */
export const UserPasswordChanged = defineEvent('UserPasswordChanged', z.object({ userId: z.string(), changedAt: z.string() }), {
  personalData: noPersonalData('userId', 'changedAt'),
});
export const UserAcceptedTerms = defineEvent('UserAcceptedTerms', z.object({ userId: z.string(), termsVersion: z.string() }), {
  personalData: noPersonalData('userId', 'termsVersion'),
});

/**
 * Username uniqueness across user streams: one reservation stream per keyed hash of the username. The owner is a
 * staff user or a citizen (their webshop login). `reservedAt` is absent on reservations made before they were dated.
 */
export const UsernameReserved = defineEvent('UsernameReserved', z.object({ ownerId: z.string(), reservedAt: z.iso.datetime({ offset: true }).optional() }), {
  personalData: noPersonalData('ownerId', 'reservedAt'),
});
export const UsernameReleased = defineEvent('UsernameReleased', z.object({ ownerId: z.string() }), { personalData: noPersonalData('ownerId') });
/**
 * The reservation for an owner who never came to hold the username ended: the user's creation or the citizen's
 * registration, username change, CPR change or reopening that reserved it did not complete within the grace
 * period (shared/reservation.ts).
 */
export const UsernameReservationLapsed = defineEvent(
  'UsernameReservationLapsed',
  z.object({ ownerId: z.string(), reservedAt: z.iso.datetime({ offset: true }).nullable(), lapsedAt: z.iso.datetime({ offset: true }) }),
  { personalData: noPersonalData('ownerId', 'reservedAt', 'lapsedAt') },
);

export const municipalityEvents = [MunicipalityRegistered, MunicipalityUpdated] as const;
export const userEvents = [UserCreated, UserChanged, UserDisabled, UserEnabled, UserPasswordChanged, UserAcceptedTerms] as const;
export const usernameEvents = [UsernameReserved, UsernameReleased, UsernameReservationLapsed] as const;
export const identityEvents = [...municipalityEvents, ...userEvents, ...usernameEvents] as const;

export type MunicipalityEvent = EventOf<(typeof municipalityEvents)[number]>;
export type UserEvent = EventOf<(typeof userEvents)[number]>;
export type UsernameEvent = EventOf<(typeof usernameEvents)[number]>;
