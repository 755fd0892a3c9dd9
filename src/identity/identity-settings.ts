/** How accounts, sessions and set-password links behave (DOMAIN §6); read from the configuration once. */
export interface IdentitySettings {
  readonly sessionIdleSeconds: number;
  /**
   * How often, at most, a session's "last seen" is written to the session store (see SessionService): idle
   * expiry is exact on the instance that served the session, and at most this much early on another.
   */
  readonly sessionLastSeenResolutionSeconds: number;
  readonly sessionAbsoluteSeconds: number;
  readonly passwordMaxAgeDays: number;
  readonly termsVersion: string;
  /** Failed logins in a row before the account locks, and for how long. */
  readonly lockAfterFailures: number;
  readonly lockSeconds: number;
  /** Failed logins from one source address within the window before it is refused for the rest of it. */
  readonly sourceFailureLimit: number;
  readonly sourceWindowSeconds: number;
  /** Where the portal is: set-password links point there. */
  readonly publicUrl: string;
  /** Validity of a reset link (DOMAIN §6: 30 minutes) and of a new account's invitation. */
  readonly resetTokenMinutes: number;
  readonly invitationTokenHours: number;
  /** A reset request answers no sooner than this, whether or not the user exists (no timing oracle). */
  readonly resetRequestMinMs: number;
}

/**
 * The resolution of a session's stored "last seen": a request writes it only when the stored value is at least
 * this old, so an authenticated read costs no durable write (issue 15). README "Configuration" explains the effect.
 */
export const SESSION_LAST_SEEN_RESOLUTION_SECONDS = 60;

export const IDENTITY_SETTINGS = Symbol('IdentitySettings');
