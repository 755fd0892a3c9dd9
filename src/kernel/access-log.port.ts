import type { CommandContext } from './command-context.js';

/**
 * DOMAIN §7: every opening of a citizen's record, and every display of a full CPR number, is recorded with its
 * purpose. Whatever context opens a record records it here; the audit context keeps the log and answers for it.
 */
export interface AccessLog {
  recordOpened(context: CommandContext, citizenId: string, purpose: string, fullCprShown: boolean): Promise<void>;
}

export const ACCESS_LOG = Symbol('AccessLog');
