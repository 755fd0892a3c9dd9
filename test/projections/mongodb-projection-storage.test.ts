import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import type { Db } from 'mongodb';
import { mongoDbServer } from '../support/containers.js';
import { freshDatabase, type TestDatabase } from '../support/mongodb.js';
import type { Position } from '../../src/kernel/event-store.port.js';
import { MongoProjectionStorage, type MongoCommitMode } from '../../src/infrastructure/read-model-store/mongodb/mongo-projection-storage.js';
import { DEFAULT_RUNNER_OPTIONS, ProjectionRunner } from '../../src/infrastructure/projections/projection-runner.js';
import type {
  BatchOutcome,
  CommitRequest,
  ParkedEventInput,
  ProjectionStorage,
  StoredDocument,
} from '../../src/infrastructure/projections/projection-storage.js';
import { MongoReadModelStore } from '../../src/infrastructure/read-model-store/mongodb/mongo-read-model-store.js';
import type { ReadModelDefinition, ReadModelStore } from '../../src/kernel/read-model-store.port.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';
import { decodeRaw, PAGES_READ_MODEL, visit, visitsProjection, type PageDoc } from './visits.fixture.js';

/**
 * The ProjectionStorage contract, written against the port only (it holds for PostgresProjectionStorage
 * too), run on MongoDB when TEST_MONGODB_URL names a server or a container runtime answers: in guarded mode on any server, and with
 * transactions too when the server is a replica set or a sharded cluster. Then MongoDB's own rules (position
 * guards, collections, indexes, the sweep) and two competing runners. With neither, the file registers one
 * skipped test saying why.
 */
export interface StorageHarness {
  readonly storage: ProjectionStorage;
  readonly store: ReadModelStore;
  close(): Promise<void>;
}

const MODEL: ReadModelDefinition = { name: 'storage-check', version: 1, indexes: [{ field: 'n', kind: 'sort' }] };
const at = (sequence: number) => String(sequence).padStart(16, '0') as Position;
const stored = (value: object, position: number): StoredDocument => ({ json: JSON.stringify(value), position: at(position) });
const nothing = (): BatchOutcome => ({ documents: new Map(), parked: [] });
const writes = (entries: Array<[string, StoredDocument | null]>, parked: ParkedEventInput[] = []) => (): BatchOutcome => ({
  documents: new Map(entries),
  parked,
});

function request(table: string, overrides: Partial<CommitRequest> = {}): CommitRequest {
  return {
    table,
    expectedCheckpoint: undefined,
    requiredState: 'live',
    documentIds: [],
    apply: nothing,
    checkpoint: undefined,
    promote: false,
    ...overrides,
  };
}

const poison = (position: number, attempts = 3): ParkedEventInput => ({
  position: at(position),
  eventId: `e-${position}`,
  eventType: 'PageVisited',
  streamName: 'page-a',
  revision: position,
  error: 'Error: cannot handle it',
  attempts,
});

export function projectionStorageContract(open: () => Promise<StorageHarness>): void {
  const harnesses: StorageHarness[] = [];
  afterEach(async () => {
    for (const harness of harnesses.splice(0)) await harness.close();
  });
  async function fresh(): Promise<StorageHarness> {
    const harness = await open();
    harnesses.push(harness);
    await harness.storage.migrate();
    return harness;
  }
  async function live(storage: ProjectionStorage, definition = MODEL) {
    const table = await storage.createTable(definition, 'live');
    if (!table) throw new Error('no live table');
    return table;
  }

  describe('tables', () => {
    it('are named after read model, version and build; at most one live and one building', async () => {
      const { storage } = await fresh();
      const first = await live(storage);
      expect(first).toEqual({ table: 'rm_storage_check_v1_b1', readModel: MODEL.name, version: 1, build: 1, state: 'live', checkpoint: undefined });
      await expect(storage.createTable(MODEL, 'live')).resolves.toBeUndefined();
      const build = await storage.createTable({ ...MODEL, version: 2 }, 'building');
      expect(build).toMatchObject({ table: 'rm_storage_check_v2_b2', version: 2, build: 2, state: 'building' });
      await expect(storage.createTable(MODEL, 'building')).resolves.toBeUndefined();
      await expect(storage.tables(MODEL.name)).resolves.toEqual([first, build]);
      await expect(storage.table(first.table)).resolves.toEqual(first);
      await expect(storage.table('rm_nothing_v1_b1')).resolves.toBeUndefined();
      await expect(storage.tables('nothing')).resolves.toEqual([]);
    });

    it('migrate can run again, and from two places at once', async () => {
      const { storage } = await fresh();
      const table = await live(storage);
      await Promise.all([storage.migrate(), storage.migrate()]);
      await expect(storage.tables(MODEL.name)).resolves.toEqual([table]);
    });

    it('dropTable removes the table with its parked events; the store no longer finds the read model', async () => {
      const { storage, store } = await fresh();
      const table = await live(storage);
      await storage.commit(request(table.table, { apply: writes([['a', stored({ n: 1 }, 1)]], [poison(1)]), checkpoint: at(1) }));
      await storage.dropTable(table.table);
      await expect(storage.tables(MODEL.name)).resolves.toEqual([]);
      await expect(storage.listParked(MODEL.name)).resolves.toEqual([]);
      await expect(store.get(MODEL.name, 'a')).rejects.toThrow();
      await expect(store.checkpoint(MODEL.name)).resolves.toBeUndefined();
    });
  });

  describe('commit', () => {
    it('writes the documents and moves the checkpoint together; the store serves them', async () => {
      const { storage, store } = await fresh();
      const table = await live(storage);
      const result = await storage.commit(
        request(table.table, { apply: writes([['a', stored({ n: 1 }, 4)], ['b', stored({ n: 2 }, 5)]]), checkpoint: at(5) }),
      );
      expect(result).toEqual({ kind: 'committed' });
      await expect(storage.table(table.table)).resolves.toMatchObject({ checkpoint: at(5) });
      await expect(store.get(MODEL.name, 'a')).resolves.toEqual({ n: 1 });
      await expect(store.checkpoint(MODEL.name)).resolves.toBe(at(5));
      await expect(storage.liveCheckpoints([MODEL.name, 'nothing'])).resolves.toEqual(new Map([[MODEL.name, at(5)]]));
      await expect(store.find(MODEL.name, { where: [], sort: [{ field: 'n', direction: 'desc' }], page: 1, pageSize: 5 })).resolves.toEqual({
        items: [{ n: 2 }, { n: 1 }],
        total: 2,
      });
    });

    it('hands apply the stored documents of the ids asked for, with their positions', async () => {
      const { storage, store } = await fresh();
      const table = await live(storage);
      await storage.commit(request(table.table, { apply: writes([['a', stored({ n: 1 }, 3)], ['b', stored({ n: 2 }, 3)]]), checkpoint: at(3) }));
      let seen: ReadonlyMap<string, StoredDocument> | undefined;
      const result = await storage.commit(
        request(table.table, {
          expectedCheckpoint: at(3),
          documentIds: ['a', 'missing'],
          apply: (documents) => {
            seen = documents;
            return { documents: new Map([['a', stored({ n: 10 }, 7)]]), parked: [] };
          },
          checkpoint: at(7),
        }),
      );
      expect(result).toEqual({ kind: 'committed' });
      expect([...seen!.keys()]).toEqual(['a']);
      expect(seen!.get('a')!.position).toBe(at(3));
      expect(JSON.parse(seen!.get('a')!.json)).toEqual({ n: 1 });
      await expect(store.get(MODEL.name, 'a')).resolves.toEqual({ n: 10 });
      await expect(store.get(MODEL.name, 'b')).resolves.toEqual({ n: 2 });
    });

    it('deletes a document the batch turned into null', async () => {
      const { storage, store } = await fresh();
      const table = await live(storage);
      await storage.commit(request(table.table, { apply: writes([['a', stored({ n: 1 }, 1)]]), checkpoint: at(1) }));
      await storage.commit(request(table.table, { expectedCheckpoint: at(1), documentIds: ['a'], apply: writes([['a', null]]), checkpoint: at(2) }));
      await expect(store.get(MODEL.name, 'a')).resolves.toBeNull();
      await expect(store.find(MODEL.name, { where: [], sort: [], page: 1, pageSize: 5 })).resolves.toEqual({ items: [], total: 0 });
    });

    it('refuses a batch read after a checkpoint that has moved: moved, with the checkpoint, and nothing written', async () => {
      const { storage, store } = await fresh();
      const table = await live(storage);
      await storage.commit(request(table.table, { apply: writes([['a', stored({ n: 1 }, 5)]]), checkpoint: at(5) }));
      let applied = false;
      const result = await storage.commit(
        request(table.table, {
          documentIds: ['a'],
          apply: () => {
            applied = true;
            return writes([['a', stored({ n: 99 }, 3)], ['c', stored({ n: 3 }, 3)]])();
          },
          checkpoint: at(3),
        }),
      );
      expect(result).toEqual({ kind: 'moved', checkpoint: at(5) });
      expect(applied).toBe(false);
      await expect(store.get(MODEL.name, 'a')).resolves.toEqual({ n: 1 });
      await expect(store.get(MODEL.name, 'c')).resolves.toBeNull();
      await expect(storage.table(table.table)).resolves.toMatchObject({ checkpoint: at(5) });
    });

    it('is gone for a table not in the required state, or dropped', async () => {
      const { storage } = await fresh();
      const table = await live(storage);
      await expect(storage.commit(request(table.table, { requiredState: 'building', checkpoint: at(1) }))).resolves.toEqual({ kind: 'gone' });
      await storage.dropTable(table.table);
      await expect(storage.commit(request(table.table, { checkpoint: at(1) }))).resolves.toEqual({ kind: 'gone' });
    });

    it('without a new checkpoint leaves the checkpoint as it is', async () => {
      const { storage } = await fresh();
      const table = await live(storage);
      await storage.commit(request(table.table, { checkpoint: at(4) }));
      await expect(storage.commit(request(table.table, { expectedCheckpoint: at(4) }))).resolves.toEqual({ kind: 'committed' });
      await expect(storage.table(table.table)).resolves.toMatchObject({ checkpoint: at(4) });
    });
  });

  describe('parked events', () => {
    it('are kept with their position and error, listed, counted and found', async () => {
      const { storage } = await fresh();
      const table = await live(storage);
      await storage.commit(request(table.table, { apply: writes([], [poison(4), poison(2, 1)]), checkpoint: at(5) }));
      const listed = await storage.listParked(MODEL.name);
      expect(listed).toEqual([
        { ...poison(2, 1), projection: MODEL.name, table: table.table, parkedAt: expect.any(Date) },
        { ...poison(4), projection: MODEL.name, table: table.table, parkedAt: expect.any(Date) },
      ]);
      await expect(storage.parkedCounts()).resolves.toEqual(new Map([[MODEL.name, 2]]));
      await expect(storage.findParked(MODEL.name, at(4))).resolves.toMatchObject({ position: at(4), table: table.table, attempts: 3 });
      await expect(storage.findParked(MODEL.name, at(9))).resolves.toBeUndefined();
      await expect(storage.listParked('nothing')).resolves.toEqual([]);
    });

    it('a failed replay adds an attempt and replaces the error', async () => {
      const { storage } = await fresh();
      const table = await live(storage);
      await storage.commit(request(table.table, { apply: writes([], [poison(4)]), checkpoint: at(5) }));
      await storage.recordReplayFailure(table.table, at(4), 'Error: still broken');
      await expect(storage.findParked(MODEL.name, at(4))).resolves.toMatchObject({ attempts: 4, error: 'Error: still broken' });
    });

    it('only a live table counts; the live table entry is found first when a build parked the same event', async () => {
      const { storage } = await fresh();
      const current = await live(storage);
      const build = (await storage.createTable({ ...MODEL, version: 2 }, 'building'))!;
      await storage.commit(request(build.table, { requiredState: 'building', apply: writes([], [poison(4, 1)]), checkpoint: at(5) }));
      await expect(storage.parkedCounts()).resolves.toEqual(new Map());
      await storage.commit(request(current.table, { apply: writes([], [poison(4, 2)]), checkpoint: at(5) }));
      await expect(storage.parkedCounts()).resolves.toEqual(new Map([[MODEL.name, 1]]));
      await expect(storage.findParked(MODEL.name, at(4))).resolves.toMatchObject({ table: current.table, attempts: 2 });
      await expect(storage.listParked(MODEL.name)).resolves.toHaveLength(2);
    });
  });

  describe('replay', () => {
    it('applies a parked event over the stored documents and unparks it', async () => {
      const { storage, store } = await fresh();
      const table = await live(storage);
      await storage.commit(request(table.table, { apply: writes([['a', stored({ n: 1 }, 6)]], [poison(4)]), checkpoint: at(6) }));
      const result = await storage.replay({
        table: table.table,
        position: at(4),
        documentIds: ['a'],
        apply: (documents) => {
          const current = documents.get('a')!;
          return { documents: new Map([['a', { json: JSON.stringify({ n: JSON.parse(current.json).n + 1 }), position: current.position }]]), parked: [] };
        },
      });
      expect(result).toBe('replayed');
      await expect(store.get(MODEL.name, 'a')).resolves.toEqual({ n: 2 });
      await expect(storage.listParked(MODEL.name)).resolves.toEqual([]);
    });

    it('is parked-again when the event still fails, and changes nothing', async () => {
      const { storage, store } = await fresh();
      const table = await live(storage);
      await storage.commit(request(table.table, { apply: writes([['a', stored({ n: 1 }, 6)]], [poison(4)]), checkpoint: at(6) }));
      const result = await storage.replay({
        table: table.table,
        position: at(4),
        documentIds: ['a'],
        apply: writes([['a', stored({ n: 99 }, 6)]], [poison(4, 1)]),
      });
      expect(result).toBe('parked-again');
      await expect(store.get(MODEL.name, 'a')).resolves.toEqual({ n: 1 });
      await expect(storage.listParked(MODEL.name)).resolves.toHaveLength(1);
    });

    it('is gone for a table that is not registered', async () => {
      const { storage } = await fresh();
      await expect(storage.replay({ table: 'rm_nothing_v1_b1', position: at(1), documentIds: [], apply: nothing })).resolves.toBe('gone');
    });
  });

  describe('blue-green swap', () => {
    it('promotes the build with its last batch, drops the old live table and its parked events', async () => {
      const { storage, store } = await fresh();
      const old = await live(storage);
      await storage.commit(request(old.table, { apply: writes([['a', stored({ v: 1 }, 1)]], [poison(1)]), checkpoint: at(2) }));
      const build = (await storage.createTable({ ...MODEL, version: 2 }, 'building'))!;
      await storage.commit(request(build.table, { requiredState: 'building', apply: writes([['a', stored({ v: 2 }, 1)]]), checkpoint: at(1) }));
      await expect(store.get(MODEL.name, 'a')).resolves.toEqual({ v: 1 });
      const result = await storage.commit(
        request(build.table, { requiredState: 'building', expectedCheckpoint: at(1), apply: writes([['b', stored({ v: 2 }, 2)]]), checkpoint: at(2), promote: true }),
      );
      expect(result).toEqual({ kind: 'committed' });
      await expect(storage.tables(MODEL.name)).resolves.toEqual([{ ...build, state: 'live', checkpoint: at(2) }]);
      await expect(store.get(MODEL.name, 'a')).resolves.toEqual({ v: 2 });
      await expect(store.get(MODEL.name, 'b')).resolves.toEqual({ v: 2 });
      await expect(store.checkpoint(MODEL.name)).resolves.toBe(at(2));
      await expect(storage.listParked(MODEL.name)).resolves.toEqual([]);
      // The old live table's runner finds it gone.
      await expect(storage.commit(request(old.table, { expectedCheckpoint: at(2), checkpoint: at(3) }))).resolves.toEqual({ kind: 'gone' });
    });

    it('promotes a build on an empty log without a checkpoint', async () => {
      const { storage } = await fresh();
      const build = (await storage.createTable(MODEL, 'building'))!;
      await expect(storage.commit(request(build.table, { requiredState: 'building', promote: true }))).resolves.toEqual({ kind: 'committed' });
      await expect(storage.tables(MODEL.name)).resolves.toEqual([{ ...build, state: 'live', checkpoint: undefined }]);
    });

    it('never swaps an older version in over a newer live one', async () => {
      const { storage } = await fresh();
      const newer = await live(storage, { ...MODEL, version: 3 });
      const build = (await storage.createTable({ ...MODEL, version: 2 }, 'building'))!;
      await expect(storage.commit(request(build.table, { requiredState: 'building', promote: true, checkpoint: at(1) }))).resolves.toEqual({ kind: 'gone' });
      await expect(storage.tables(MODEL.name)).resolves.toEqual([build, newer]); // by table name: v2_b2 before v3_b1
    });

    it('a swap whose checkpoint moved is refused as moved, the old table staying live', async () => {
      const { storage } = await fresh();
      const old = await live(storage);
      const build = (await storage.createTable({ ...MODEL, version: 2 }, 'building'))!;
      await storage.commit(request(build.table, { requiredState: 'building', checkpoint: at(3) }));
      const result = await storage.commit(request(build.table, { requiredState: 'building', expectedCheckpoint: at(1), promote: true, checkpoint: at(4) }));
      expect(result).toEqual({ kind: 'moved', checkpoint: at(3) });
      await expect(storage.tables(MODEL.name)).resolves.toEqual([old, { ...build, checkpoint: at(3) }]);
    });
  });
}

// A server from TEST_MONGODB_URL or a container (test/support/containers.ts), started before the suites register:
// which commit modes run depends on what the server is.
const server = await mongoDbServer();
const running = server.available ? await server.start() : undefined;
const url = running?.url;
afterAll(async () => running?.stop());

/** Whether the server takes transactions (a replica set or a mongos), asked once before the suites register. */
async function supportsTransactions(serverUrl: string): Promise<boolean> {
  const { db, close } = await freshDatabase(serverUrl);
  try {
    return (await new MongoProjectionStorage(db).mode()) === 'transactions';
  } finally {
    await close();
  }
}

/** Every MongoDB case of the storage in one commit mode; `openDatabase` gives a fresh, empty database each call. */
export function mongoProjectionStorageSuite(mode: MongoCommitMode, openDatabase: () => Promise<TestDatabase>): void {
  projectionStorageContract(async () => {
    const { db, close } = await openDatabase();
    return { storage: new MongoProjectionStorage(db, { mode }), store: new MongoReadModelStore(db), close };
  });

  describe('MongoDB specifics', () => {
    const cleanup: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const step of cleanup.splice(0).reverse()) await step();
    });
    const open = async () => {
      const database = await openDatabase();
      cleanup.push(database.close);
      const storage = new MongoProjectionStorage(database.db, { mode });
      await storage.migrate();
      return { ...database, storage, store: new MongoReadModelStore(database.db) };
    };
    const collections = async (db: Db) => (await db.listCollections({}, { nameOnly: true }).toArray()).map((collection) => collection.name).sort();

    it('runs in the mode asked for', async () => {
      const { storage } = await open();
      await expect(storage.mode()).resolves.toBe(mode);
    });

    it('keeps each document as { _id, doc, position }, and the position of its last event', async () => {
      const { db, storage } = await open();
      const table = (await storage.createTable(MODEL, 'live'))!;
      await storage.commit(request(table.table, { apply: writes([['a', stored({ n: 1, list: [1, 'two', null], nested: { x: true } }, 7)]]), checkpoint: at(7) }));
      await expect(db.collection(table.table).findOne({ _id: 'a' as never })).resolves.toEqual({
        _id: 'a',
        doc: { n: 1, list: [1, 'two', null], nested: { x: true } },
        position: at(7),
      });
    });

    if (mode === 'guarded') {
      it('never writes a document over a newer one: the failed guard (E11000 on the upsert) reads as "already newer"', async () => {
        const { storage, store } = await open();
        const table = (await storage.createTable(MODEL, 'live'))!;
        await storage.commit(request(table.table, { apply: writes([['a', stored({ n: 5 }, 5)]]), checkpoint: at(5) }));
        const stale = await storage.commit(
          request(table.table, { expectedCheckpoint: at(5), apply: writes([['a', stored({ n: 3 }, 3)], ['b', stored({ n: 3 }, 3)]]), checkpoint: at(6) }),
        );
        expect(stale).toEqual({ kind: 'committed' });
        await expect(store.get(MODEL.name, 'a')).resolves.toEqual({ n: 5 });
        await expect(store.get(MODEL.name, 'b')).resolves.toEqual({ n: 3 });
      });
    }

    it('drops the old collection after a swap, and migrate sweeps collections no registry row names', async () => {
      const { db, storage } = await open();
      const old = (await storage.createTable(MODEL, 'live'))!;
      const build = (await storage.createTable({ ...MODEL, version: 2 }, 'building'))!;
      expect(await collections(db)).toEqual(expect.arrayContaining([old.table, build.table]));
      await storage.commit(request(build.table, { requiredState: 'building', promote: true, checkpoint: at(1) }));
      expect(await collections(db)).not.toContain(old.table);
      await db.createCollection('rm_orphan_v1_b7');
      await storage.migrate();
      const after = await collections(db);
      expect(after).not.toContain('rm_orphan_v1_b7');
      expect(after).toContain(build.table);
    });

    it('never gives a build number twice, even after the build was dropped', async () => {
      const { storage } = await open();
      const first = (await storage.createTable(MODEL, 'building'))!;
      await storage.dropTable(first.table);
      const second = (await storage.createTable(MODEL, 'building'))!;
      expect([first.table, second.table]).toEqual(['rm_storage_check_v1_b1', 'rm_storage_check_v1_b2']);
    });

    it('two runners on one table apply every event once', async () => {
      const { storage, store } = await open();
      const projection = visitsProjection();
      const table = (await storage.createTable(projection.readModel, 'live'))!;
      const events = new InMemoryEventStore();
      const controller = new AbortController();
      const options = { ...DEFAULT_RUNNER_OPTIONS, batchSize: 3, retryBaseMs: 5, retryMaxMs: 20 };
      const runners = [1, 2].map(() =>
        new ProjectionRunner({ projection, table, eventStore: events, storage, decode: decodeRaw, options, signal: controller.signal }).run(),
      );
      try {
        let last: Position | undefined;
        for (let n = 0; n < 20; n++) last = await visit(events, n % 2 ? 'a' : 'b', `v${n}`);
        const deadline = Date.now() + 15_000;
        while ((await store.checkpoint(PAGES_READ_MODEL)) !== last && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
        await expect(store.checkpoint(PAGES_READ_MODEL)).resolves.toBe(last);
        await expect(store.get<PageDoc>(PAGES_READ_MODEL, 'a')).resolves.toMatchObject({ visits: 10 });
        await expect(store.get<PageDoc>(PAGES_READ_MODEL, 'b')).resolves.toMatchObject({ visits: 10 });
      } finally {
        controller.abort();
        await Promise.all(runners);
      }
    });
  });
}

const modes: MongoCommitMode[] = url ? ((await supportsTransactions(url)) ? ['transactions', 'guarded'] : ['guarded']) : [];

describe('MongoProjectionStorage [mongodb]', () => {
  if (!url) {
    it.skip(`skipped: ${server.available ? 'unreachable' : server.reason}`, () => undefined);
    return;
  }
  for (const mode of modes) describe(`${mode} commits`, () => mongoProjectionStorageSuite(mode, () => freshDatabase(url)));
});
