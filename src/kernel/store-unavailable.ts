/**
 * A store could not be reached (its server is restarting, down, or the connection broke mid-request). Nothing
 * the caller did is wrong and nothing was decided: the edge answers 503 with Retry-After, and loops that work
 * through the log (reactions) wait for the store instead of counting it against the event.
 */
export class StoreUnavailableError extends Error {
  constructor(
    readonly store: string,
    options?: { cause?: unknown },
  ) {
    super(`The ${store} cannot be reached`, options);
    this.name = 'StoreUnavailableError';
  }
}

/** How long a client is told to wait before retrying while a store is unreachable (seconds). */
export const STORE_RETRY_AFTER_SECONDS = 2;

/** The error, or anything it was caused by, is a StoreUnavailableError (layers above may wrap it). */
export function isStoreUnavailable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 10; current = current.cause, depth++) {
    if (current instanceof StoreUnavailableError) return true;
  }
  return false;
}
