import { assertNever, type Decider } from '../shared/decider.js';
import { conflict } from '../shared/domain-error.js';
import type { UsernameEvent } from './identity.events.js';

/**
 * Usernames are unique across all accounts (staff and citizens' webshop logins). Each username has a
 * reservation stream named by a keyed hash of it, so the stream name reveals nothing.
 */
export type UsernameCommand =
  | { readonly type: 'ReserveUsername'; readonly ownerId: string }
  | { readonly type: 'ReleaseUsername'; readonly ownerId: string };

export type UsernameState = { readonly holder: string | null };

export const usernameRegistryDecider: Decider<UsernameCommand, UsernameEvent, UsernameState> = {
  initialState: { holder: null },

  decide(command, state) {
    switch (command.type) {
      case 'ReserveUsername':
        if (state.holder === command.ownerId) return [];
        if (state.holder !== null) throw conflict('USERNAME_TAKEN', 'The username is already in use');
        return [{ type: 'UsernameReserved', data: { ownerId: command.ownerId } }];
      case 'ReleaseUsername':
        return state.holder === command.ownerId ? [{ type: 'UsernameReleased', data: { ownerId: command.ownerId } }] : [];
      default:
        return assertNever(command);
    }
  },

  evolve(state, event) {
    switch (event.type) {
      case 'UsernameReserved':
        return { holder: event.data.ownerId };
      case 'UsernameReleased':
        return state.holder === event.data.ownerId ? { holder: null } : state;
      default:
        return assertNever(event);
    }
  },
};

export const usernameStream = (usernameHash: string) => `username-${usernameHash}`;

/** Usernames are matched case-insensitively, spaces around them ignored: the registry's key and the read models'. */
export const normalizeUsername = (username: string): string => username.trim().toLowerCase();
