import { z } from 'zod';
import { assertNever, type Decider } from '../shared/decider.js';
import { conflict } from '../shared/domain-error.js';
import { defineEvent, type EventOf } from '../shared/event-schema.js';

/**
 * CPR uniqueness across citizens (DOMAIN §2.1 "Uniqueness"): one reservation stream per CPR number,
 * `cprreg-<keyed hash of the CPR>`, appended with the exact expected revision (`no_stream` when new), so of N
 * simultaneous creations of one CPR exactly one reservation wins, on every backend.
 *
 * The application computes the hash with a secret key (HMAC): a plain hash could be reversed by hashing every
 * possible number, as there are only a few hundred million. It reserves *before* it registers the citizen.
 * This decider never sees or stores the CPR number itself.
 */

const instant = z.iso.datetime({ offset: true });

/** The registry stream of one CPR number, named by its keyed hash (never the number). */
export const cprRegistryStream = (cprHash: string): string => `cprreg-${cprHash}`;

export const CprReserved = defineEvent(
  'CprReserved',
  z.object({ citizenId: z.string().min(1), municipalityId: z.string().min(1), reservedAt: instant }),
);
export type CprReserved = EventOf<typeof CprReserved>;

export const CprReleased = defineEvent('CprReleased', z.object({ citizenId: z.string().min(1), releasedAt: instant }));
export type CprReleased = EventOf<typeof CprReleased>;

export type CprRegistryEvent = CprReserved | CprReleased;
export const cprRegistryEventDefinitions = [CprReserved, CprReleased] as const;

/**
 * How old a reservation must be before it may be taken over when its holder's citizen stream does not exist.
 * Reserve-then-register is two appends; a creation that crashes between them would otherwise lock the CPR
 * number for ever. The grace period must exceed the longest a creation can take between the two appends
 * (the command's timeout), so an in-flight creation is never overtaken; a slow creation that still
 * completes after a takeover would be the one way to get two holders.
 */
export const ABANDONED_RESERVATION_GRACE_MS = 60_000;

export interface ReserveCpr {
  readonly type: 'ReserveCpr';
  readonly data: {
    readonly citizenId: string;
    readonly municipalityId: string;
    /** ISO 8601 instant. */
    readonly now: string;
    /** Filled by the application: whether the current holder's citizen stream exists. */
    readonly holderExists: boolean;
  };
}

export interface ReleaseCpr {
  readonly type: 'ReleaseCpr';
  readonly data: { readonly citizenId: string; readonly now: string };
}

export type CprRegistryCommand = ReserveCpr | ReleaseCpr;

export type CprRegistryState =
  | { readonly status: 'free' }
  | { readonly status: 'held'; readonly citizenId: string; readonly municipalityId: string; readonly reservedAt: string };

export const initialCprRegistryState: CprRegistryState = { status: 'free' };

export function evolveCprRegistry(state: CprRegistryState, event: CprRegistryEvent): CprRegistryState {
  switch (event.type) {
    case 'CprReserved':
      return { status: 'held', ...event.data };
    case 'CprReleased':
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
  // A retried creation (same citizen id) finds its own reservation: nothing to do.
  if (state.citizenId === command.citizenId) return [];
  if (isAbandoned(state, command)) {
    // Released first, so the history says plainly that the orphaned reservation ended here.
    return [{ type: 'CprReleased', data: { citizenId: state.citizenId, releasedAt: command.now } }, reservation];
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

/** Holder never registered and reservation past the grace period: a creation that crashed half-way. */
function isAbandoned(state: Extract<CprRegistryState, { status: 'held' }>, command: ReserveCpr['data']): boolean {
  if (command.holderExists) return false;
  const age = Date.parse(command.now) - Date.parse(state.reservedAt);
  return Number.isFinite(age) && age > ABANDONED_RESERVATION_GRACE_MS;
}
