/**
 * Ports of crypto-shredding (infrastructure/personal-data): a data key per data subject, kept wrapped by a key
 * encryption key (a KMS in production), never in the event log.
 */

/** The key encryption key: wraps and unwraps data keys. A KMS in production; a local master key otherwise. */
export interface KeyEncryption {
  /** Names the key that wraps, stored beside each wrapped key: a data key wrapped under another one is refused by name. */
  readonly keyId: string;
  wrap(dataKey: Buffer): Promise<string>;
  unwrap(wrapped: string): Promise<Buffer>;
}

/** A subject's key as stored: wrapped, or gone (the subject was erased; the row stays as the tombstone). */
export type StoredDataKey = { readonly state: 'active'; readonly wrapped: string; readonly keyId: string } | { readonly state: 'erased'; readonly erasedAt: Date };

/** Where the wrapped data keys live: their own table, in their own database in production (README, threat model). */
export interface DataKeyStore {
  /** The keys of these subjects; a subject that never had one is absent. */
  find(subjects: readonly string[]): Promise<Map<string, StoredDataKey>>;
  /** Stores the key unless the subject has one (or was erased); answers what is stored now, whoever won. */
  createIfAbsent(subject: string, wrapped: string, keyId: string): Promise<StoredDataKey>;
  /**
   * Deletes the subject's key, keeping a tombstone so no new key is made for them: `erased` when this call
   * deleted it, `already-erased` when it was gone, `unknown` when the subject never had one (a tombstone is written).
   */
  erase(subject: string, at: Date): Promise<'erased' | 'already-erased' | 'unknown'>;
  /**
   * Notes that the subject is about to be erased, before their erasure event is written: a job stopped between
   * the event and the key's deletion finds the subject here next time (`requestedErasures`), so no key outlives
   * its subject's erasure. `withdrawErasure` takes the note back when the erasure was refused.
   */
  requestErasure(subject: string, at: Date): Promise<void>;
  withdrawErasure(subject: string): Promise<void>;
  /** Subjects whose erasure was requested and whose key is still there. */
  requestedErasures(limit: number): Promise<string[]>;
}

/** An event was sealed under a key the key store does not have and never erased: the key store was lost or restored. */
export class DataKeyMissingError extends Error {
  constructor() {
    super('An event is sealed under a data key that the key store does not hold');
    this.name = 'DataKeyMissingError';
  }
}

/** What erasing a data subject takes of the key store, as the retention job sees it (PersonalDataKeys implements it). */
export interface DataSubjectErasure extends Pick<DataKeyStore, 'requestErasure' | 'withdrawErasure' | 'requestedErasures'> {
  /** Deletes the subject's key: from then on every personal field about them reads `slettet`. */
  erase(subject: string, at: Date): Promise<'erased' | 'already-erased' | 'unknown'>;
}
