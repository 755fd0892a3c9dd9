/**
 * Who a user id is, by name, for views a person reads (the auditors' history and access log). The composition
 * root serves it from the users read model (identity's user directory), so a context that only shows names
 * need not know identity.
 */
export interface UserNames {
  byId(userId: string): Promise<{ readonly name: string } | null>;
}

export const USER_NAMES = Symbol('UserNames');
