/**
 * Operational state of accounts that is not event-sourced (implemented in infrastructure, used by identity): credentials (a password hash must not live
 * forever in an immutable log) and sessions (read on every request; their last seen written at most once a minute). The log records that a password
 * changed or terms were accepted; these stores keep the secrets and the counters.
 */
export interface Credential {
  readonly userId: string;
  readonly passwordHash: string;
  readonly passwordChangedAt: Date;
  readonly failedAttempts: number;
  readonly lockedUntil: Date | null;
  /** A one-time password given by staff: it must be changed at the first login (DOMAIN §6). */
  readonly mustChange: boolean;
}

export interface CredentialStore {
  get(userId: string): Promise<Credential | null>;
  /** A new password; `mustChange` marks a one-time password (default: the user's own, not to be changed). */
  setPassword(userId: string, passwordHash: string, changedAt: Date, options?: { mustChange?: boolean }): Promise<void>;
  /** Counts a failed login; locks the account until `lockUntil` when the count reaches `lockAfter`. Returns the lock, if any. */
  recordFailure(userId: string, lockAfter: number, lockUntil: Date): Promise<Date | null>;
  clearFailures(userId: string): Promise<void>;
}

export interface StoredSession {
  readonly tokenHash: string;
  readonly userId: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  /** The password had passed its maximum age at login, or was a one-time password: nothing but a password change is allowed. */
  readonly mustChangePassword: boolean;
}

export interface SessionStore {
  create(session: StoredSession): Promise<void>;
  find(tokenHash: string): Promise<StoredSession | null>;
  touch(tokenHash: string, at: Date): Promise<void>;
  delete(tokenHash: string): Promise<void>;
  deleteForUser(userId: string): Promise<void>;
}

/** invitation: a new account's first password; reset: a forgotten one (DOMAIN §6). */
export type PasswordTokenPurpose = 'invitation' | 'reset';

/** Single-use set-password tokens, stored as SHA-256 only. */
export interface PasswordTokenStore {
  create(token: { tokenHash: string; userId: string; purpose: PasswordTokenPurpose; createdAt: Date; expiresAt: Date }): Promise<void>;
  /** Marks the token used and answers whose it was; null when unknown, used or expired. */
  consume(tokenHash: string, now: Date): Promise<{ userId: string; purpose: PasswordTokenPurpose } | null>;
  /** Whose the token is, without using it; null when unknown, used or expired. */
  peek(tokenHash: string, now: Date): Promise<{ userId: string; purpose: PasswordTokenPurpose } | null>;
  revokeForUser(userId: string, now: Date): Promise<void>;
}

/** Failed logins per source address (a keyed hash of it), in a fixed window. */
export interface SourceThrottle {
  recordFailure(sourceKey: string, now: Date, windowSeconds: number): Promise<number>;
  failures(sourceKey: string, now: Date, windowSeconds: number): Promise<number>;
}

export const CREDENTIAL_STORE = Symbol('CredentialStore');
export const SESSION_STORE = Symbol('SessionStore');
export const PASSWORD_TOKEN_STORE = Symbol('PasswordTokenStore');
export const SOURCE_THROTTLE = Symbol('SourceThrottle');
