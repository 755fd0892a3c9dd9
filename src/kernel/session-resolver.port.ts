import type { Principal } from './principal.js';

/** How the HTTP edge turns a bearer token into the caller (identity's sessions implement it). */
export interface SessionResolver {
  /** The principal behind the token, or null when the session is unknown, expired, or its user disabled. */
  resolve(token: string): Promise<Principal | null>;
}

export const SESSION_RESOLVER = Symbol('SessionResolver');
