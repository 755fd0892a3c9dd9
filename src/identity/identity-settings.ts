/** How accounts, sessions and set-password links behave (DOMAIN §6); read from the configuration once. */
export interface IdentitySettings {
  readonly sessionIdleSeconds: number;
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

export const IDENTITY_SETTINGS = Symbol('IdentitySettings');
