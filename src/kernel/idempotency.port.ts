/** Stored first answers of commands sent with an Idempotency-Key. */
export type IdempotencyRecord =
  | { readonly requestHash: string; readonly state: 'pending' }
  | { readonly requestHash: string; readonly state: 'done'; readonly status: number; readonly body: unknown };

export interface IdempotencyStore {
  /**
   * Claims the key for this request, or returns what is recorded under it. A pending claim is taken over when its
   * owner (the service instance that claimed it) is no longer alive — it crashed mid-request — or when it is older
   * than staleBefore (a request that hung).
   */
  claim(scopeKey: string, requestHash: string, staleBefore: Date): Promise<'claimed' | IdempotencyRecord>;
  complete(scopeKey: string, status: number, body: unknown): Promise<void>;
  /** Forgets a claim whose request failed in a way worth retrying (a 5xx). */
  abandon(scopeKey: string): Promise<void>;
  /**
   * Forgets the answers stored before `instant` (the retention job): an answer may hold personal data (a
   * registered citizen, say) that must not outlive its erasure. Returns how many were forgotten.
   */
  forgetAnswersBefore(instant: Date): Promise<number>;
}

export const IDEMPOTENCY_STORE = Symbol('IdempotencyStore');
