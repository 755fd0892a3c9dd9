import type { ReadModelDefinition } from '../../src/kernel/read-model-store.port.js';
import type { Role } from '../../src/shared/actor.js';

/** User accounts, for login (by username) and for the administrators' list. */
export const usersReadModel: ReadModelDefinition = {
  name: 'users',
  version: 1,
  indexes: [
    { field: 'usernameKey', kind: 'equals' },
    { field: 'municipalityId', kind: 'equals' },
    { field: 'role', kind: 'equals' },
    { field: 'username', kind: 'sort' },
  ],
};

export interface UserDocument {
  readonly userId: string;
  readonly username: string;
  /** Usernames are matched case-insensitively. */
  readonly usernameKey: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly municipalityId: string | null;
  readonly grantAreas: readonly string[];
  readonly disabled: boolean;
  readonly termsVersion: string | null;
  readonly passwordChangedAt: string | null;
}

export { normalizeUsername as usernameKey } from '../../src/identity/username-registry.decider.js';
