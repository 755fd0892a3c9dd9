/**
 * Reservations keep a value unique across streams (a CPR number, a username): a command reserves the value in the
 * value's registry stream first and then writes the stream that owns it (the citizen, the user). Two appends, so a
 * process that dies, or a write that fails, between them leaves a reservation whose owner never claims the value.
 * This is the one rule, shared by every registry, for when such a reservation has lapsed and stops blocking anyone.
 */

/**
 * How long a reservation whose owner does not claim the value is left to the command that made it. Between its two
 * appends a command makes a few round trips (milliseconds); a minute leaves room for a store that stalls, a long
 * garbage collection or a failover, while a registration retried after a crash waits at most that long. Not a
 * setting: shorter than the longest a live command can take between its two appends, a takeover could give the
 * value a second owner, and nothing an operator wants depends on it.
 */
export const RESERVATION_GRACE_MS = 60_000;

/** What the application found out for the decision: the instant, and whether the holder's own stream claims the value. */
export interface HolderCheck {
  /** ISO 8601 instant. */
  readonly now: string;
  /**
   * Whether the holder's stream holds the value as its own (a citizen registered and not removed with this CPR
   * number or webshop username, a user with this username). Filled by the application, which reads that stream.
   */
  readonly holderClaims: boolean;
}

/**
 * A reservation has lapsed when its holder does not claim the value and it is older than the grace period: the
 * command that made it died or failed before writing its owner. A reservation without a time (recorded before
 * reservations were dated) is as old as can be.
 */
export function hasLapsed(reservedAt: string | null, check: HolderCheck): boolean {
  if (check.holderClaims) return false;
  if (reservedAt === null) return true;
  const age = Date.parse(check.now) - Date.parse(reservedAt);
  return Number.isFinite(age) && age > RESERVATION_GRACE_MS;
}
