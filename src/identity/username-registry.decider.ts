import { assertNever, type Decider } from '../shared/decider.js';
import { conflict } from '../shared/domain-error.js';
import { hasLapsed, type HolderCheck } from '../shared/reservation.js';
import type { UsernameEvent } from './identity.events.js';

/**
 * Usernames are unique across all accounts (staff and citizens' webshop logins). Each username has a
 * reservation stream named by a keyed hash of it, so the stream name reveals nothing. A command reserves the
 * name before it writes its owner (the user, the citizen), having decided the owner's events first; a
 * reservation whose owner still never came lapses (shared/reservation.ts).
 */
export type UsernameCommand =
  /** `holderClaims`: whether the current holder's own stream holds this username (filled by the application). */
  | ({ readonly type: 'ReserveUsername'; readonly ownerId: string } & HolderCheck)
  | { readonly type: 'ReleaseUsername'; readonly ownerId: string }
  /** Ends the reservation for `ownerId` if it has lapsed (the reaction that looks for reservations nobody completed). */
  | ({ readonly type: 'LapseUsernameReservation'; readonly ownerId: string } & HolderCheck);

export type UsernameState = { readonly holder: string | null; readonly reservedAt: string | null };

export const usernameRegistryDecider: Decider<UsernameCommand, UsernameEvent, UsernameState> = {
  initialState: { holder: null, reservedAt: null },

  decide(command, state) {
    switch (command.type) {
      case 'ReserveUsername': {
        const reservation: UsernameEvent = { type: 'UsernameReserved', data: { ownerId: command.ownerId, reservedAt: command.now } };
        if (state.holder === null) return [reservation];
        // The owner's own reservation, not claimed yet: an earlier command's that never finished, or this one's
        // retried. Reserved again, so the grace period runs from now and it cannot lapse under this command.
        if (state.holder === command.ownerId) return command.holderClaims ? [] : [reservation];
        if (hasLapsed(state.reservedAt, command)) return [lapsed(state.holder, state.reservedAt, command.now), reservation];
        throw conflict('USERNAME_TAKEN', 'The username is already in use');
      }
      case 'ReleaseUsername':
        return state.holder === command.ownerId ? [{ type: 'UsernameReleased', data: { ownerId: command.ownerId } }] : [];
      case 'LapseUsernameReservation':
        return state.holder === command.ownerId && hasLapsed(state.reservedAt, command) ? [lapsed(state.holder, state.reservedAt, command.now)] : [];
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'UsernameReserved':
        return { holder: event.data.ownerId, reservedAt: event.data.reservedAt ?? null };
      case 'UsernameReleased':
      case 'UsernameReservationLapsed':
        return state.holder === event.data.ownerId ? { holder: null, reservedAt: null } : state;
      default:
        return assertNever(event);
    }
  },
};

const lapsed = (ownerId: string, reservedAt: string | null, now: string): UsernameEvent => ({
  type: 'UsernameReservationLapsed',
  data: { ownerId, reservedAt, lapsedAt: now },
});

export const usernameStream = (usernameHash: string) => `username-${usernameHash}`;

/** Usernames are matched case-insensitively, spaces around them ignored: the registry's key and the read models'. */
export const normalizeUsername = (username: string): string => username.trim().toLowerCase();
