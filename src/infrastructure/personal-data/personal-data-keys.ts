import { randomBytes } from 'node:crypto';
import { DataKeyMissingError, type DataKeyStore, type DataSubjectErasure, type KeyEncryption } from '../../kernel/personal-data-keys.port.js';

/** A subject's data key as this process holds it: unwrapped, or erased. */
export type DataKey = Buffer | 'erased';

/**
 * The data keys a process uses, unwrapped once and kept (least recently used goes first), fetched for many
 * subjects at once: a rebuild reads slices of thousands of events, and asks the key store once per slice.
 *
 * An erased subject is remembered as erased for good. A process learns of an erasure from the key store, or
 * earlier from the erasure event passing through it (`markErased`): the event is written before the key is
 * deleted, so a key fetched in between would otherwise stay cached after its deletion.
 */
export class PersonalDataKeys implements DataSubjectErasure {
  private readonly cache = new Map<string, DataKey>();

  constructor(
    private readonly store: DataKeyStore,
    private readonly keyEncryption: KeyEncryption,
    private readonly cachedKeys = 100_000,
  ) {}

  /** Keys to seal new events with, made for subjects that have none; `erased` for a subject that was erased. */
  async forWriting(subjects: Iterable<string>): Promise<Map<string, DataKey>> {
    const wanted = new Set(subjects);
    const keys = await this.forReading(wanted, { allowMissing: true });
    for (const subject of wanted) if (!keys.has(subject)) keys.set(subject, await this.create(subject));
    return keys;
  }

  /** Keys to open stored events with. A subject without a key that was never erased throws (the key store was lost). */
  async forReading(subjects: Iterable<string>, options: { allowMissing?: boolean } = {}): Promise<Map<string, DataKey>> {
    const keys = new Map<string, DataKey>();
    const wanted: string[] = [];
    for (const subject of new Set(subjects)) {
      const cached = this.cache.get(subject);
      if (cached === undefined) wanted.push(subject);
      else keys.set(subject, this.touch(subject, cached));
    }
    if (wanted.length === 0) return keys;
    const stored = await this.store.find(wanted);
    for (const subject of wanted) {
      const found = stored.get(subject);
      if (!found) {
        if (!options.allowMissing) throw new DataKeyMissingError();
        continue;
      }
      const key = found.state === 'erased' ? 'erased' : await this.unwrap(found.wrapped, found.keyId);
      // Fetched while an erasure event marked it: the event wins.
      keys.set(subject, this.remember(subject, this.cache.get(subject) === 'erased' ? 'erased' : key));
    }
    return keys;
  }

  /** Deletes the subject's key in the key store: from then on every personal field about them reads `slettet`. */
  async erase(subject: string, at: Date): Promise<'erased' | 'already-erased' | 'unknown'> {
    const result = await this.store.erase(subject, at);
    this.markErased(subject);
    return result;
  }

  requestErasure(subject: string, at: Date): Promise<void> {
    return this.store.requestErasure(subject, at);
  }

  withdrawErasure(subject: string): Promise<void> {
    return this.store.withdrawErasure(subject);
  }

  requestedErasures(limit: number): Promise<string[]> {
    return this.store.requestedErasures(limit);
  }

  /** This process has seen the subject erased (their erasure event): no key of theirs is used again here. */
  markErased(subject: string): void {
    this.remember(subject, 'erased');
  }

  private async create(subject: string): Promise<DataKey> {
    const key = randomBytes(32);
    const stored = await this.store.createIfAbsent(subject, await this.keyEncryption.wrap(key), this.keyEncryption.keyId);
    // Another process may have made one first: the stored key is the key.
    const winner = stored.state === 'erased' ? 'erased' : await this.unwrap(stored.wrapped, stored.keyId);
    return this.remember(subject, winner);
  }

  private async unwrap(wrapped: string, keyId: string): Promise<Buffer> {
    if (keyId !== this.keyEncryption.keyId) throw new Error(`A data key is wrapped under ${keyId}, not under the configured ${this.keyEncryption.keyId}`);
    return this.keyEncryption.unwrap(wrapped);
  }

  private touch(subject: string, key: DataKey): DataKey {
    this.cache.delete(subject);
    this.cache.set(subject, key);
    return key;
  }

  private remember(subject: string, key: DataKey): DataKey {
    this.touch(subject, key);
    while (this.cache.size > this.cachedKeys) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
    return key;
  }
}
