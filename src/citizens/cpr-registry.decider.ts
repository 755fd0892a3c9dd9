import { z } from 'zod';
import { assertNever, type Decider } from '../shared/decider.js';
import { conflict } from '../shared/domain-error.js';
import { defineEvent, type EventOf } from '../shared/event-schema.js';
import { noPersonalData } from '../shared/personal-data.js';
import { hasLapsed, type HolderCheck } from '../shared/reservation.js';

/**
 * CPR uniqueness across citizens (DOMAIN §2.1 "Uniqueness"): one reservation stream per CPR number,
 * `cprreg-<keyed hash of the CPR>`, appended with the exact expected revision (`no_stream` when new), so of N
 * simultaneous creations of one CPR exactly one reservation wins, on every backend.
 *
 * The application computes the hash with a secret key (HMAC): a plain hash could be reversed by hashing every
 * possible number, as there are only a few hundred million. It reserves *before* it registers the citizen (or
 * changes their number, or reopens them), having decided the citizen's own event first, so a reservation is
 * written only for a command that will write its owner; one whose owner still never came lapses
 * (shared/reservation.ts). This decider never sees or stores the CPR number itself.
 */

const instant = z.iso.datetime({ offset: true });

/** The registry stream of one CPR number, named by its keyed hash (never the number). */
export const cprRegistryStream = (cprHash: string): string => `cprreg-${cprHash}`;

/** The number is reserved for a citizen; again for the same citizen when a later command renews an unclaimed reservation. */
export const CprReserved = defineEvent(
  'CprReserved',
  z.object({ citizenId: z.string().min(1), municipalityId: z.string().min(1), reservedAt: instant }),
  { personalData: noPersonalData('citizenId', 'municipalityId', 'reservedAt') },
);
export type CprReserved = EventOf<typeof CprReserved>;

/** The citizen gave the number up: removed (DOMAIN §2.3), or their number changed (§2.1 rule 5). */
export const CprReleased = defineEvent('CprReleased', z.object({ citizenId: z.string().min(1), releasedAt: instant }), {
  personalData: noPersonalData('citizenId', 'releasedAt'),
});
export type CprReleased = EventOf<typeof CprReleased>;

/**
 * The reservation for a citizen who never came to hold the number ended: the registration, CPR change or
 * reopening that reserved it did not complete within the grace period (shared/reservation.ts). Says when it was
 * made, so an auditor sees how long it stood.
 */
export const CprReservationLapsed = defineEvent(
  'CprReservationLapsed',
  z.object({ citizenId: z.string().min(1), reservedAt: instant, lapsedAt: instant }),
  { personalData: noPersonalData('citizenId', 'reservedAt', 'lapsedAt') },
);
export type CprReservationLapsed = EventOf<typeof CprReservationLapsed>;

export type CprRegistryEvent = CprReserved | CprReleased | CprReservationLapsed;
export const cprRegistryEventDefinitions = [CprReserved, CprReleased, CprReservationLapsed] as const;

export interface ReserveCpr {
  readonly type: 'ReserveCpr';
  /** `holderClaims`: whether the current holder's citizen holds this number (filled by the application). */
  readonly data: HolderCheck & { readonly citizenId: string; readonly municipalityId: string };
}

export interface ReleaseCpr {
  readonly type: 'ReleaseCpr';
  readonly data: { readonly citizenId: string; readonly now: string };
}

/** Ends the reservation for `citizenId` if it has lapsed (the reaction that looks for reservations nobody completed). */
export interface LapseCprReservation {
  readonly type: 'LapseCprReservation';
  readonly data: HolderCheck & { readonly citizenId: string };
}

export type CprRegistryCommand = ReserveCpr | ReleaseCpr | LapseCprReservation;

export type CprRegistryState =
  | { readonly status: 'free' }
  | { readonly status: 'held'; readonly citizenId: string; readonly municipalityId: string; readonly reservedAt: string };

export const initialCprRegistryState: CprRegistryState = { status: 'free' };

export function evolveCprRegistry(state: CprRegistryState, event: CprRegistryEvent): CprRegistryState {
  switch (event.type) {
    case 'CprReserved':
      return { status: 'held', ...event.data };
    case 'CprReleased':
    case 'CprReservationLapsed':
      return state.status === 'held' && state.citizenId === event.data.citizenId ? { status: 'free' } : state;
    default:
      return assertNever(event);
  }
}

export function decideCprRegistry(command: CprRegistryCommand, state: CprRegistryState): CprRegistryEvent[] {
  switch (command.type) {
    case 'ReserveCpr':
      return reserve(command.data, state);
    case 'ReleaseCpr':
      return release(command.data, state);
    case 'LapseCprReservation':
      return state.status === 'held' && state.citizenId === command.data.citizenId && hasLapsed(state.reservedAt, command.data) ? [lapsed(state, command.data.now)] : [];
    default:
      return assertNever(command);
  }
}

export const cprRegistryDecider: Decider<CprRegistryCommand, CprRegistryEvent, CprRegistryState> = {
  initialState: initialCprRegistryState,
  evolve: evolveCprRegistry,
  decide: decideCprRegistry,
};

function reserve(command: ReserveCpr['data'], state: CprRegistryState): CprRegistryEvent[] {
  const reservation: CprReserved = {
    type: 'CprReserved',
    data: { citizenId: command.citizenId, municipalityId: command.municipalityId, reservedAt: command.now },
  };
  if (state.status === 'free') return [reservation];
  if (state.citizenId === command.citizenId) {
    // The citizen holds the number already: nothing to do. A reservation of theirs that they do not claim yet
    // is an earlier command's that never finished (or this one's, retried): reserved again, so the grace period
    // runs from now and the reservation cannot lapse under the command that is about to complete it.
    return command.holderClaims ? [] : [reservation];
  }
  if (hasLapsed(state.reservedAt, command)) {
    // The lapse first, so the history says plainly that the orphaned reservation ended here, and why.
    return [lapsed(state, command.now), reservation];
  }
  if (state.municipalityId === command.municipalityId) {
    throw conflict('CPR_ALREADY_REGISTERED', 'A citizen with this CPR number is already registered in the municipality', {
      citizenId: state.citizenId,
    });
  }
  // Reveals nothing about the other citizen: no id, no municipality.
  throw conflict('CPR_REGISTERED_ELSEWHERE', 'This CPR number is registered with another municipality');
}

function release(command: ReleaseCpr['data'], state: CprRegistryState): CprRegistryEvent[] {
  if (state.status !== 'held' || state.citizenId !== command.citizenId) return [];
  return [{ type: 'CprReleased', data: { citizenId: command.citizenId, releasedAt: command.now } }];
}

function lapsed(state: Extract<CprRegistryState, { status: 'held' }>, now: string): CprReservationLapsed {
  return { type: 'CprReservationLapsed', data: { citizenId: state.citizenId, reservedAt: state.reservedAt, lapsedAt: now } };
}
