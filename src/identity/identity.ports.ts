import type { Role } from '../shared/actor.js';
import type { CommandContext } from '../kernel/command-context.js';


/** The users read model as identity needs it (implemented over the read-model store, wired in the composition root). */
export interface UserRecord {
  readonly userId: string;
  readonly username: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  readonly municipalityId: string | null;
  readonly grantAreas: readonly string[];
  readonly disabled: boolean;
}

export interface UserDirectory {
  byId(userId: string): Promise<UserRecord | null>;
  byUsername(username: string): Promise<UserRecord | null>;
}

export const USER_DIRECTORY = Symbol('UserDirectory');

/**
 * A citizen's webshop login accepts the terms on the citizen's own stream (the citizens context's), not on a
 * user stream: the processes implement this, so identity need not know citizens.
 */
export interface WebshopTerms {
  recordAccepted(citizenId: string, termsVersion: string, context: CommandContext): Promise<void>;
}

export const WEBSHOP_TERMS = Symbol('WebshopTerms');
