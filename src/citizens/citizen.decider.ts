import { assertNever, type Decider } from '../shared/decider.js';
import { conflict, DomainError, notFound, unprocessable } from '../shared/domain-error.js';
import { parseCpr } from './cpr.js';
import { ERASED } from '../shared/personal-data.js';
import type { Role } from '../shared/actor.js';
import type { CitizenScope } from '../kernel/access-policy.js';
import {
  isRemovalStatus,
  type Address,
  type CitizenContactDetailsChanged,
  type CitizenCprChanged,
  type CitizenNameChanged,
  type CitizenPersonalDataErased,
  type CitizenWebshopUsernameChanged,
  type CitizenEvent,
  type CitizenRegistered,
  type CitizenRemoved,
  type CitizenReopened,
  type CitizenStatus,
  type CitizenStatusChanged,
  type RemovalStatus,
} from './citizen.events.js';

/**
 * The citizen aggregate (stream `citizen-<citizenId>`). CPR uniqueness across citizens is not decided here
 * but by the CPR registry (cpr-registry.decider.ts), which the application reserves before registering.
 */

export interface RegisterCitizen {
  readonly type: 'RegisterCitizen';
  readonly data: {
    readonly citizenId: string;
    readonly municipalityId: string;
    /** The municipality's postal codes (DOMAIN §2.4 applies to creation too). */
    readonly municipalityPostalCodes: readonly string[];
    /** As typed: DDMMYY-SSSS or DDMMYYSSSS. */
    readonly cpr: string;
    readonly confirmUnusualCpr?: boolean;
    readonly firstName: string;
    readonly lastName: string;
    readonly address: Address;
    readonly phone?: string | null;
    readonly email?: string | null;
    readonly webshopUsername?: string | null;
    /** YYYY-MM-DD in Europe/Copenhagen, decided by the caller: a birth date after it is refused. */
    readonly today: string;
  };
}

export interface ChangeCitizenContactDetails {
  readonly type: 'ChangeCitizenContactDetails';
  readonly data: {
    readonly citizenId: string;
    readonly municipalityPostalCodes: readonly string[];
    /** Absent: unchanged; a correction of the name ("Opdatere alle borgerens data"). */
    readonly firstName?: string;
    readonly lastName?: string;
    /** Absent: unchanged. */
    readonly address?: Address;
    /** Absent: unchanged; null or blank: removed. */
    readonly phone?: string | null;
    readonly email?: string | null;
  };
}

/** DOMAIN §2.3: to GRANT_ENDED, OTHER_SUPPLIER, back to ACTIVE, or a removal (DECEASED, MOVED_AWAY). */
export interface ChangeCitizenStatus {
  readonly type: 'ChangeCitizenStatus';
  readonly data: { readonly citizenId: string; readonly role: Role; readonly status: CitizenStatus; readonly reason?: string | null };
}

/** "Genåbne": customer service brings a removed citizen back. The CPR was reserved again by the application. */
export interface ReopenCitizen {
  readonly type: 'ReopenCitizen';
  readonly data: { readonly citizenId: string; readonly role: Role; readonly reason: string };
}

/** DOMAIN §2.1 rule 5. The new number's uniqueness was reserved by the application before this command. */
export interface ChangeCitizenCpr {
  readonly type: 'ChangeCitizenCpr';
  readonly data: {
    readonly citizenId: string;
    readonly role: Role;
    readonly cpr: string;
    readonly confirmUnusualCpr?: boolean;
    readonly reason: string;
    readonly today: string;
  };
}

export const citizenStream = (citizenId: string): string => `citizen-${citizenId}`;

/** A webshop login's acceptance of the terms; the same version again records nothing. */
export interface AcceptWebshopTerms {
  readonly type: 'AcceptWebshopTerms';
  readonly data: { readonly citizenId: string; readonly termsVersion: string };
}

/** DOMAIN §6: a one-time password for the webshop login was given (caseworkers and customer service). */
export interface RecordWebshopOneTimePassword {
  readonly type: 'RecordWebshopOneTimePassword';
  readonly data: { readonly citizenId: string; readonly role: Role };
}

/** A new webshop username; its uniqueness was reserved by the application before this command. */
export interface ChangeWebshopUsername {
  readonly type: 'ChangeWebshopUsername';
  readonly data: { readonly citizenId: string; readonly role: Role; readonly webshopUsername: string };
}

/**
 * GDPR erasure of a removed citizen's personal data once the retention period after the removal has run out
 * (the application then deletes the citizen's key: crypto-shredding). Run by the retention job, which may run
 * again: an erased citizen is erased already, and that is no refusal.
 */
export interface EraseCitizenPersonalData {
  readonly type: 'EraseCitizenPersonalData';
  readonly data: {
    readonly citizenId: string;
    /** The instant of the removal now in force (its CitizenRemoved's occurredAt), supplied by the application. */
    readonly removedAt: string;
    /** The retention rule: whole years after the removal. */
    readonly retentionYears: number;
    readonly reason: string;
    /** ISO instant of the decision: the retention period must have run out by it. */
    readonly now: string;
    /** Every order of the citizen (the grant counts them all): the order read model blanks each one's personal fields. */
    readonly orderIds: readonly string[];
  };
}

export type CitizenCommand =
  | ChangeWebshopUsername
  | EraseCitizenPersonalData
  | RegisterCitizen
  | ChangeCitizenContactDetails
  | ChangeCitizenStatus
  | ReopenCitizen
  | ChangeCitizenCpr
  | AcceptWebshopTerms
  | RecordWebshopOneTimePassword;

export type CitizenState =
  | { readonly status: 'none' }
  | {
      readonly status: 'registered';
      readonly citizenId: string;
      readonly municipalityId: string;
      readonly cpr: string;
      readonly citizenStatus: CitizenStatus;
      readonly firstName: string;
      readonly lastName: string;
      readonly address: Address;
      readonly phone: string | null;
      readonly email: string | null;
      readonly webshopUsername: string;
      /** The terms version last accepted at a webshop login, if any. */
      readonly termsVersion?: string;
      /** Personal data erased (CitizenPersonalDataErased): every personal field reads `slettet`, and nothing more is decided. */
      readonly erased: boolean;
    };

export const initialCitizenState: CitizenState = { status: 'none' };

/** The citizen as record-level access sees them (kernel/access-policy.ts); null before registration. */
export const citizenScope = (state: CitizenState): CitizenScope | null =>
  state.status === 'registered' ? { citizenId: state.citizenId, municipalityId: state.municipalityId, removed: isRemovalStatus(state.citizenStatus) } : null;

export function evolveCitizen(state: CitizenState, event: CitizenEvent): CitizenState {
  switch (event.type) {
    case 'CitizenRegistered': {
      const { citizenId, municipalityId, cpr, status, address, phone, email, webshopUsername, firstName, lastName } = event.data;
      return {
        status: 'registered',
        citizenId,
        firstName,
        lastName,
        municipalityId,
        cpr,
        webshopUsername,
        citizenStatus: status,
        address,
        phone: phone ?? null,
        email: email ?? null,
        erased: false,
      };
    }
    case 'CitizenPersonalDataErased':
      return state.status === 'registered' ? erasedState(state) : state;
    case 'CitizenStatusChanged':
      return state.status === 'registered' ? { ...state, citizenStatus: event.data.to } : state;
    case 'CitizenRemoved':
      return state.status === 'registered' ? { ...state, citizenStatus: event.data.status } : state;
    case 'CitizenReopened':
      return state.status === 'registered' ? { ...state, citizenStatus: 'ACTIVE' } : state;
    case 'CitizenCprChanged':
      return state.status === 'registered' ? { ...state, cpr: event.data.cpr, webshopUsername: event.data.webshopUsername ?? state.webshopUsername } : state;
    case 'CitizenAcceptedTerms':
      return state.status === 'registered' ? { ...state, termsVersion: event.data.termsVersion } : state;
    case 'CitizenWebshopOneTimePasswordIssued':
      return state;
    case 'CitizenNameChanged':
      return state.status === 'registered' ? { ...state, firstName: event.data.firstName, lastName: event.data.lastName } : state;
    case 'CitizenWebshopUsernameChanged':
      return state.status === 'registered' ? { ...state, webshopUsername: event.data.webshopUsername } : state;
    case 'CitizenContactDetailsChanged': {
      if (state.status !== 'registered') return state;
      const { address, phone, email } = event.data;
      return {
        ...state,
        address: address ?? state.address,
        phone: phone === undefined ? state.phone : phone,
        email: email === undefined ? state.email : email,
      };
    }
    default:
      return assertNever(event);
  }
}

export function decideCitizen(command: CitizenCommand, state: CitizenState): CitizenEvent[] {
  // Nothing is decided about an erased citizen any more: there is nobody left to decide about (GDPR erasure).
  if (state.status === 'registered' && state.erased && command.type !== 'EraseCitizenPersonalData' && command.type !== 'RegisterCitizen') {
    throw citizenErased();
  }
  switch (command.type) {
    case 'EraseCitizenPersonalData':
      return erase(command.data, state);
    case 'RegisterCitizen':
      return register(command.data, state);
    case 'ChangeCitizenContactDetails':
      return changeContactDetails(command.data, state);
    case 'ChangeCitizenStatus':
      return changeStatus(command.data, state);
    case 'ReopenCitizen':
      return reopen(command.data, state);
    case 'ChangeCitizenCpr':
      return changeCpr(command.data, state);
    case 'AcceptWebshopTerms':
      if (state.status !== 'registered') throw notFound('Citizen not found');
      return state.termsVersion === command.data.termsVersion ? [] : [{ type: 'CitizenAcceptedTerms', data: command.data }];
    case 'ChangeWebshopUsername':
      return changeWebshopUsername(command.data, state);
    case 'RecordWebshopOneTimePassword':
      requireRole(command.data.role, LOGIN_GIVING_ROLES, 'Only caseworkers and customer service give a webshop password');
      if (state.status !== 'registered') throw notFound('Citizen not found');
      requireNotRemoved(state);
      return [{ type: 'CitizenWebshopOneTimePasswordIssued', data: { citizenId: state.citizenId } }];
    default:
      return assertNever(command);
  }
}

export const citizenDecider: Decider<CitizenCommand, CitizenEvent, CitizenState> = {
  initialState: initialCitizenState,
  evolve: evolveCitizen,
  decide: decideCitizen,
};

function register(command: RegisterCitizen['data'], state: CitizenState): CitizenRegistered[] {
  if (state.status !== 'none') throw conflict('CITIZEN_ALREADY_EXISTS', 'A citizen with this id already exists');

  const firstName = command.firstName.trim();
  const lastName = command.lastName.trim();
  const address = trimAddress(command.address);
  requireFields({ firstName, lastName, ...prefixed(address) });

  const parsed = validCpr(command.cpr, command.today, command.confirmUnusualCpr);
  requirePostalCodeOfMunicipality(address.postalCode, command.municipalityPostalCodes);

  const phone = optionalText(command.phone);
  const email = optionalText(command.email);
  return [
    {
      type: 'CitizenRegistered',
      data: {
        citizenId: command.citizenId,
        municipalityId: command.municipalityId,
        cpr: parsed.cpr,
        birthDate: parsed.birthDate,
        gender: parsed.gender,
        firstName,
        lastName,
        address,
        ...(phone === null ? {} : { phone }),
        ...(email === null ? {} : { email }),
        webshopUsername: optionalText(command.webshopUsername) ?? parsed.cpr,
        status: 'ACTIVE',
      },
    },
  ];
}

function changeContactDetails(command: ChangeCitizenContactDetails['data'], state: CitizenState): Array<CitizenNameChanged | CitizenContactDetailsChanged> {
  if (state.status !== 'registered') throw notFound('Citizen not found');
  requireNotRemoved(state);

  const events: Array<CitizenNameChanged | CitizenContactDetailsChanged> = [];
  if (command.firstName !== undefined || command.lastName !== undefined) {
    const firstName = (command.firstName ?? state.firstName).trim();
    const lastName = (command.lastName ?? state.lastName).trim();
    requireFields({ ...(command.firstName === undefined ? {} : { firstName }), ...(command.lastName === undefined ? {} : { lastName }) });
    if (firstName !== state.firstName || lastName !== state.lastName) events.push({ type: 'CitizenNameChanged', data: { citizenId: state.citizenId, firstName, lastName } });
  }

  const change: CitizenContactDetailsChanged['data'] = { citizenId: state.citizenId };
  if (command.address !== undefined) {
    const address = trimAddress(command.address);
    requireFields(prefixed(address));
    // Only a *new* postal code must be the municipality's: a street correction never fails because the
    // municipality's list changed after the citizen moved in.
    if (address.postalCode !== state.address.postalCode) {
      requirePostalCodeOfMunicipality(address.postalCode, command.municipalityPostalCodes);
    }
    if (!sameAddress(address, state.address)) change.address = address;
  }
  if (command.phone !== undefined) {
    const phone = optionalText(command.phone);
    if (phone !== state.phone) change.phone = phone;
  }
  if (command.email !== undefined) {
    const email = optionalText(command.email);
    if (email !== state.email) change.email = email;
  }
  const changed = change.address !== undefined || change.phone !== undefined || change.email !== undefined;
  if (changed) events.push({ type: 'CitizenContactDetailsChanged', data: change });
  return events;
}

/** The same username again changes nothing; a removed citizen's is not changed (their username is released). */
function changeWebshopUsername(command: ChangeWebshopUsername['data'], state: CitizenState): CitizenWebshopUsernameChanged[] {
  requireRole(command.role, LOGIN_GIVING_ROLES, 'Only caseworkers and customer service change a webshop username');
  if (state.status !== 'registered') throw notFound('Citizen not found');
  requireNotRemoved(state);
  const webshopUsername = command.webshopUsername.trim();
  requireFields({ webshopUsername });
  if (webshopUsername === state.webshopUsername) return [];
  return [{ type: 'CitizenWebshopUsernameChanged', data: { citizenId: state.citizenId, webshopUsername } }];
}

/** DOMAIN §2.1 rules 1–3, for a new citizen and a changed number alike. */
function validCpr(input: string, today: string, confirmUnusualCpr: boolean | undefined) {
  const parsed = parseCpr(input, today);
  if (!parsed.ok) {
    throw parsed.code === 'CPR_FORMAT'
      ? unprocessable('CPR_FORMAT', 'The CPR number must be 10 digits, written DDMMYY-SSSS or DDMMYYSSSS')
      : unprocessable('CPR_DATE', 'The birth date in the CPR number does not exist or lies in the future');
  }
  if (parsed.checksum === 'unconfirmed' && confirmUnusualCpr !== true) {
    throw unprocessable(
      'CPR_CHECKSUM_UNCONFIRMED',
      'The CPR number fails the check-digit test; confirm it (confirmUnusualCpr) if it is typed correctly',
    );
  }
  return parsed;
}

const STATUS_CHANGING_ROLES: readonly Role[] = ['caseworker', 'nurse'];
const REOPENING_ROLES: readonly Role[] = ['customer_service'];
const CPR_CHANGING_ROLES: readonly Role[] = ['caseworker', 'customer_service'];
const LOGIN_GIVING_ROLES: readonly Role[] = ['caseworker', 'customer_service'];

type Registered = Extract<CitizenState, { status: 'registered' }>;

function requireRole(role: Role, roles: readonly Role[], message: string): void {
  if (!roles.includes(role)) throw new DomainError('forbidden', 'FORBIDDEN', message);
}

function requireNotRemoved(state: Registered): void {
  if (isRemovalStatus(state.citizenStatus)) {
    throw conflict('CITIZEN_REMOVED', 'The citizen is removed (deceased or moved away); customer service can reopen them');
  }
}

/**
 * DOMAIN §2.3. The same status again changes nothing. A removed citizen changes status only by being reopened
 * (customer service), so caseworkers meet CITIZEN_REMOVED here (in practice they no longer see the citizen).
 */
function changeStatus(command: ChangeCitizenStatus['data'], state: CitizenState): Array<CitizenStatusChanged | CitizenRemoved> {
  requireRole(command.role, STATUS_CHANGING_ROLES, 'Only caseworkers and nurses change a citizen\'s status');
  if (state.status !== 'registered') throw notFound('Citizen not found');
  requireNotRemoved(state);
  const from = state.citizenStatus as CitizenStatusChanged['data']['from'];
  if (command.status === from) return [];
  const reason = optionalText(command.reason);
  const withReason = reason === null ? {} : { reason };
  if (isRemovalStatus(command.status)) {
    return [{ type: 'CitizenRemoved', data: { citizenId: state.citizenId, from, status: command.status, ...withReason } }];
  }
  return [{ type: 'CitizenStatusChanged', data: { citizenId: state.citizenId, from, to: command.status, ...withReason } }];
}

function reopen(command: ReopenCitizen['data'], state: CitizenState): CitizenReopened[] {
  requireRole(command.role, REOPENING_ROLES, 'Only customer service reopens a removed citizen');
  if (state.status !== 'registered') throw notFound('Citizen not found');
  const reason = optionalText(command.reason);
  if (reason === null) requireFields({ reason: '' });
  if (!isRemovalStatus(state.citizenStatus)) throw conflict('CITIZEN_NOT_REMOVED', 'Only a deceased or moved-away citizen can be reopened');
  return [{ type: 'CitizenReopened', data: { citizenId: state.citizenId, from: state.citizenStatus, reason: reason ?? '' } }];
}

/** The same number again changes nothing; a removed citizen's number is not changed (reopen them first). */
function changeCpr(command: ChangeCitizenCpr['data'], state: CitizenState): CitizenCprChanged[] {
  requireRole(command.role, CPR_CHANGING_ROLES, 'Only caseworkers and customer service change a CPR number');
  if (state.status !== 'registered') throw notFound('Citizen not found');
  requireNotRemoved(state);
  const reason = optionalText(command.reason);
  if (reason === null) requireFields({ reason: '' });
  const parsed = validCpr(command.cpr, command.today, command.confirmUnusualCpr);
  if (parsed.cpr === state.cpr) return [];
  const { cpr, birthDate, gender } = parsed;
  // The default webshop username is the CPR number: a default follows the number, a chosen one stays.
  const webshopUsername = state.webshopUsername === state.cpr ? { webshopUsername: cpr } : {};
  return [{ type: 'CitizenCprChanged', data: { citizenId: state.citizenId, cpr, birthDate, gender, reason: reason ?? '', ...webshopUsername } }];
}

/** 409: every command on a citizen whose personal data was erased. */
export const citizenErased = (): DomainError =>
  conflict('CITIZEN_ERASED', "The citizen's personal data has been erased; nothing more can be done for them");

/**
 * The state as a fresh read gives it once the citizen's key is gone: every personal field `slettet` (a phone or
 * e-mail the citizen never gave stays absent). Kept this way so a cached fold and a fresh read agree.
 */
function erasedState(state: Registered): Registered {
  return {
    ...state,
    cpr: ERASED,
    firstName: ERASED,
    lastName: ERASED,
    address: { street: ERASED, postalCode: ERASED, city: ERASED },
    phone: state.phone === null ? null : ERASED,
    email: state.email === null ? null : ERASED,
    webshopUsername: ERASED,
    erased: true,
  };
}

/**
 * Accepted for a removed citizen (DOMAIN §2.3: deceased or moved away) once `retentionYears` whole years have
 * passed since the removal; a second run finds the citizen erased and records nothing.
 */
function erase(command: EraseCitizenPersonalData['data'], state: CitizenState): CitizenPersonalDataErased[] {
  if (state.status !== 'registered') throw notFound('Citizen not found');
  if (state.erased) return [];
  if (!isRemovalStatus(state.citizenStatus)) {
    throw conflict('CITIZEN_NOT_REMOVED', 'Only a deceased or moved-away citizen\'s personal data is erased');
  }
  if (!Number.isInteger(command.retentionYears) || command.retentionYears < 0) {
    throw unprocessable('RETENTION_YEARS_INVALID', 'The retention period must be a whole number of years, 0 or more');
  }
  const reason = optionalText(command.reason);
  if (reason === null) requireFields({ reason: '' });
  const expires = retentionExpiry(command.removedAt, command.retentionYears);
  if (expires.getTime() > instant(command.now, 'now').getTime()) {
    throw conflict('RETENTION_NOT_EXPIRED', 'The retention period after the removal has not run out yet', { retentionExpiresAt: expires.toISOString() });
  }
  const status: RemovalStatus = state.citizenStatus;
  return [
    {
      type: 'CitizenPersonalDataErased',
      data: {
        citizenId: state.citizenId,
        removedAt: instant(command.removedAt, 'removedAt').toISOString(),
        status,
        retentionYears: command.retentionYears,
        reason: reason ?? '',
        orderIds: [...new Set(command.orderIds)],
      },
    },
  ];
}

/**
 * When a removal's retention period runs out: the same instant `years` calendar years on (UTC). A removal on
 * 29 February runs out on 1 March of a common year: never early.
 */
export function retentionExpiry(removedAt: string, years: number): Date {
  const expires = instant(removedAt, 'removedAt');
  expires.setUTCFullYear(expires.getUTCFullYear() + years);
  return expires;
}

/**
 * The cutoff for a retention period of `years` at `now`: removals on or before it are due (the retention job's list).
 * Calendar years in UTC, as retentionExpiry counts them; on a 29 February the two may differ by a day, and the
 * decider decides.
 */
export function retentionCutoff(now: Date, years: number): string {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(cutoff.getUTCFullYear() - years);
  return cutoff.toISOString();
}

/** The instants come from the application, never from a user: a malformed one is a programming error. */
function instant(value: string, name: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(date.getTime())) throw new Error(`${name} must be an ISO instant`);
  return date;
}

function requirePostalCodeOfMunicipality(postalCode: string, municipalityPostalCodes: readonly string[]): void {
  if (!municipalityPostalCodes.some((code) => code.trim() === postalCode)) {
    throw unprocessable(
      'ADDRESS_OUTSIDE_MUNICIPALITY',
      "The postal code is not one of the municipality's; a citizen who moves away is set MOVED_AWAY and created anew there",
    );
  }
}

/**
 * The edge's schemas catch most of this; blank-after-trim gets through them and is refused here, in the same
 * shape as the edge's 400 (ARCHITECTURE §6). Field paths only, never their values.
 */
function requireFields(fields: Record<string, string>): void {
  const missing = Object.entries(fields)
    .filter(([, value]) => value === '')
    .map(([path]) => ({ path, code: 'too_small', message: 'Required: must not be empty' }));
  if (missing.length > 0) {
    throw new DomainError('bad_request', 'VALIDATION_FAILED', 'The request is not valid', { fields: missing });
  }
}

const trimAddress = (address: Address): Address => ({
  street: address.street.trim(),
  postalCode: address.postalCode.trim(),
  city: address.city.trim(),
});

const prefixed = (address: Address): Record<string, string> => ({
  'address.street': address.street,
  'address.postalCode': address.postalCode,
  'address.city': address.city,
});

const sameAddress = (a: Address, b: Address): boolean =>
  a.street === b.street && a.postalCode === b.postalCode && a.city === b.city;

/** Blank means "none": the portal sends empty strings for fields left empty. */
function optionalText(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
