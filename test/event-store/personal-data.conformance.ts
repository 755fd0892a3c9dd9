/**
 * Crypto-shredding over an EventStore adapter (infrastructure/personal-data): the cases every backend must pass
 * with the PersonalDataProtection decorator on top of it. The keys live in an SQL database of their own here
 * (PGlite), as they do beside EventStoreDB in production.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEventRegistry } from '../../src/composition/event-registry.js';
import { protectPersonalData } from '../../src/composition/personal-data.js';
import { LocalKeyEncryption } from '../../src/infrastructure/personal-data/local-key-encryption.js';
import { PersonalDataKeys } from '../../src/infrastructure/personal-data/personal-data-keys.js';
import { SqlDataKeyStore } from '../../src/infrastructure/personal-data/sql-data-key-store.js';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import type { EventStore, NewEvent, ReadAllSlice, RecordedEvent } from '../../src/kernel/event-store.port.js';
import type { DomainEvent } from '../../src/shared/decider.js';
import { dataSubject, ERASED } from '../../src/shared/personal-data.js';
import { pgliteDatabase } from '../support/databases.js';

export interface PersonalDataSubject {
  readonly name: string;
  readonly skipAll?: string;
  /** The adapter under test, bare; closed by the suite. */
  open(): Promise<{ store: EventStore; dispose(): Promise<void> }>;
}

const registry = createEventRegistry();
const MASTER_KEY = Buffer.alloc(32, 7);

/** A fictitious citizen: the strings the raw log must never show. */
function citizen() {
  const citizenId = randomUUID();
  const secrets = { cpr: '0101501234', firstName: 'Ingeborg', lastName: `Fiktivsen${randomUUID().slice(0, 6)}`, street: 'Opdigtet Allé 7', city: 'Fantasiby' };
  const events: DomainEvent[] = [
    {
      type: 'CitizenRegistered',
      data: {
        citizenId,
        municipalityId: 'municipality-1',
        cpr: secrets.cpr,
        birthDate: '1950-01-01',
        gender: 'female',
        firstName: secrets.firstName,
        lastName: secrets.lastName,
        address: { street: secrets.street, postalCode: '9999', city: secrets.city },
        phone: '12345678',
        webshopUsername: secrets.cpr,
        status: 'ACTIVE',
      },
    },
    { type: 'CitizenContactDetailsChanged', data: { citizenId, phone: null } },
    { type: 'CitizenRemoved', data: { citizenId, from: 'ACTIVE', status: 'DECEASED', reason: `${secrets.firstName} døde` } },
  ];
  return { citizenId, secrets, events, subject: dataSubject('citizen', citizenId) };
}

const toNew = (events: readonly DomainEvent[], ids = events.map(() => randomUUID())): NewEvent[] =>
  events.map((event, index) => ({ eventId: ids[index]!, type: event.type, data: registry.encode(event).data, metadata: { schemaVersion: 1 } }));

const stored = (events: readonly RecordedEvent[]) => JSON.stringify(events.map((event) => event.data));

async function firstSlice(store: EventStore, streamPrefix: string, count: number): Promise<ReadAllSlice['events']> {
  const controller = new AbortController();
  const seen: RecordedEvent[] = [];
  for await (const slice of store.subscribeToAll({ filter: { streamPrefixes: [streamPrefix] }, signal: controller.signal })) {
    seen.push(...slice.events);
    if (seen.length >= count) break;
  }
  controller.abort();
  return seen;
}

export function personalDataConformance(subject: PersonalDataSubject): void {
  describe(`Personal data sealed over the EventStore [${subject.name}]`, () => {
    if (subject.skipAll !== undefined) {
      it.skip(`skipped: ${subject.skipAll}`, () => undefined);
      return;
    }
    let bare: EventStore;
    let dispose: () => Promise<void>;
    let keyDb: SqlDatabase;
    let keys: PersonalDataKeys;
    let store: EventStore;
    const prefix = `pdconf${randomUUID().slice(0, 8)}-`;

    beforeAll(async () => {
      ({ store: bare, dispose } = await subject.open());
      keyDb = await pgliteDatabase();
      keys = new PersonalDataKeys(await SqlDataKeyStore.open(keyDb), new LocalKeyEncryption(MASTER_KEY));
      store = protectPersonalData(bare, keys);
    });
    afterAll(async () => {
      await dispose();
      await keyDb.close();
    });

    /** Another process: its own cache, the same key store. */
    const otherProcess = async () => protectPersonalData(bare, new PersonalDataKeys(await SqlDataKeyStore.open(keyDb), new LocalKeyEncryption(MASTER_KEY)));

    it('stores no personal value in the log, and every read path gives the events back as written', async () => {
      const person = citizen();
      const stream = `${prefix}citizen-${person.citizenId}`;
      const written = toNew(person.events);
      await store.appendToStream(stream, written, 'no_stream');

      const raw = stored(await bare.readStream(stream));
      for (const secret of Object.values(person.secrets)) expect(raw).not.toContain(secret);
      expect(raw).toContain(person.citizenId);
      expect(raw).toContain('"status":"DECEASED"');

      const expected = written.map((event) => event.data);
      expect((await store.readStream(stream)).map((event) => event.data)).toEqual(expected);
      const all = await store.readAll({ maxCount: 100, filter: { streamPrefixes: [stream] } });
      expect(all.events.map((event) => event.data)).toEqual(expected);
      expect((await firstSlice(store, stream, expected.length)).map((event) => event.data)).toEqual(expected);
      expect((await (await otherProcess()).readStream(stream)).map((event) => event.data)).toEqual(expected);
    });

    it('reads every personal field of an erased subject as slettet, in this process and any other, and the rest as written', async () => {
      const person = citizen();
      const stream = `${prefix}citizen-${person.citizenId}`;
      await store.appendToStream(stream, toNew(person.events), 'no_stream');
      const before = await store.readStream(stream); // cached in this process

      expect(await keys.erase(person.subject, new Date())).toBe('erased');

      for (const reader of [store, await otherProcess()]) {
        const after = await reader.readStream(stream);
        expect(after.map((event) => event.eventId)).toEqual(before.map((event) => event.eventId));
        const registered = after[0]!.data as Record<string, unknown>;
        expect(registered).toMatchObject({ citizenId: person.citizenId, municipalityId: 'municipality-1', status: 'ACTIVE', cpr: ERASED, firstName: ERASED, gender: ERASED });
        expect(registered.address).toEqual({ street: ERASED, postalCode: ERASED, city: ERASED });
        expect(after[1]!.data).toEqual({ citizenId: person.citizenId, phone: null });
        expect(after[2]!.data).toMatchObject({ status: 'DECEASED', reason: ERASED });
        // Deciders and projections can still fold it: the schemas take the erased value.
        for (const event of after) expect(() => registry.decode(event.type, event.data, 1)).not.toThrow();
        expect(JSON.stringify(after.map((event) => event.data))).not.toContain(person.secrets.lastName);
      }
      expect(await keys.erase(person.subject, new Date())).toBe('already-erased');
    });

    it('writes slettet, not what was given, in the personal fields of an event about an erased subject', async () => {
      const person = citizen();
      const stream = `${prefix}citizen-${person.citizenId}`;
      await store.appendToStream(stream, toNew(person.events.slice(0, 1)), 'no_stream');
      await keys.erase(person.subject, new Date());
      await store.appendToStream(stream, toNew(person.events.slice(2)), 0);
      await (await otherProcess()).appendToStream(stream, toNew(person.events.slice(2)), 1);
      const raw = await bare.readStream(stream);
      expect(raw.slice(1).map((event) => event.data)).toEqual([1, 2].map(() => ({ citizenId: person.citizenId, from: 'ACTIVE', status: 'DECEASED', reason: ERASED })));
      expect(stored(raw)).not.toContain(person.secrets.firstName);
    });

    it('recognises a retried append by its event ids, though sealing it again gives other bytes', async () => {
      const person = citizen();
      const stream = `${prefix}citizen-${person.citizenId}`;
      const ids = person.events.map(() => randomUUID());
      const first = await store.appendToStream(stream, toNew(person.events, ids), 'no_stream');
      const retry: unknown = await store.appendToStream(stream, toNew(person.events, ids), 'no_stream').catch((error: unknown) => error);
      // A retry is either answered as the first append or refused as a conflict; it never writes twice.
      if (!(retry instanceof Error)) expect((retry as typeof first).position).toEqual(first.position);
      expect(await bare.readStream(stream)).toHaveLength(person.events.length);
    });

    it('gives a subject one key when two processes write their first events at once', async () => {
      const person = citizen();
      const [one, two] = [await otherProcess(), await otherProcess()];
      const written = toNew([person.events[0]!, person.events[2]!]); // both with personal fields
      await Promise.all([
        one.appendToStream(`${prefix}a-${person.citizenId}`, written.slice(0, 1), 'no_stream'),
        two.appendToStream(`${prefix}b-${person.citizenId}`, written.slice(1), 'no_stream'),
      ]);
      const reader = await otherProcess();
      expect((await reader.readStream(`${prefix}a-${person.citizenId}`)).map((event) => event.data)).toEqual([written[0]!.data]);
      expect((await reader.readStream(`${prefix}b-${person.citizenId}`)).map((event) => event.data)).toEqual([written[1]!.data]);
    });

    it('reads payloads written in plaintext (before sealing existed) as they are', async () => {
      const person = citizen();
      const stream = `${prefix}citizen-${person.citizenId}`;
      const plaintext = toNew(person.events);
      await bare.appendToStream(stream, plaintext, 'no_stream');
      expect((await store.readStream(stream)).map((event) => event.data)).toEqual(plaintext.map((event) => event.data));
    });

    it('treats a subject as erased from its erasure event on, even while its key is still being deleted', async () => {
      const person = citizen();
      const stream = `${prefix}citizen-${person.citizenId}`;
      const reader = await otherProcess();
      await store.appendToStream(stream, toNew(person.events), 'no_stream');
      expect(((await reader.readStream(stream))[0]!.data as { firstName: string }).firstName).toBe(person.secrets.firstName);
      const erasure: DomainEvent = {
        type: 'CitizenPersonalDataErased',
        data: { citizenId: person.citizenId, removedAt: '2020-01-01T00:00:00.000Z', status: 'DECEASED', retentionYears: 5, reason: 'Opbevaringsperioden er udløbet', orderIds: [] },
      };
      await store.appendToStream(stream, toNew([erasure]), person.events.length - 1);
      // Once the erasure has passed through the reader (its subscription, as every process has one), its key is not
      // used again there, though the key store still holds it. (Events of the same slice before it may open or not:
      // slices are the adapter's.)
      const seen = await firstSlice(reader, stream, person.events.length + 1);
      expect(seen.at(-1)!.type).toBe('CitizenPersonalDataErased');
      expect(((await reader.readStream(stream))[0]!.data as { firstName: string }).firstName).toBe(ERASED);
      expect((await (await SqlDataKeyStore.open(keyDb)).find([person.subject])).get(person.subject)?.state).toBe('active');
    });
  });
}
