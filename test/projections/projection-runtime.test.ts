import { afterEach, describe, expect, it } from '@jest/globals';
import type { EventStore, Position, ReadAllSlice, SubscribeOptions } from '../../src/kernel/event-store.port.js';
import { ProjectionRuntime, type ProjectionRuntimeOptions } from '../../src/infrastructure/projections/projection-runtime.js';
import { PostgresProjectionStorage } from '../../src/infrastructure/read-model-store/postgres/postgres-projection-storage.js';
import { PostgresReadModelStore } from '../../src/infrastructure/read-model-store/postgres/postgres-read-model-store.js';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import { describeEachBackend, type Backend } from '../support/databases.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';
import { append, decodeRaw, PAGES_READ_MODEL, visit, visitsProjection, type PageDoc } from './visits.fixture.js';

/** Delegates to another store; subclasses change how subscriptions deliver. */
class EventStoreWrapper implements EventStore {
  constructor(protected readonly inner: EventStore) {}
  appendToStream: EventStore['appendToStream'] = (...args) => this.inner.appendToStream(...args);
  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  readAll: EventStore['readAll'] = (...args) => this.inner.readAll(...args);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  checkPosition: EventStore['checkPosition'] = (candidate) => this.inner.checkPosition(candidate);
  close: EventStore['close'] = () => this.inner.close();
  subscribeToAll(options: SubscribeOptions): AsyncIterable<ReadAllSlice> {
    return this.inner.subscribeToAll(options);
  }
}

/** At-least-once at its worst: every slice twice, and every subscription from the very start of the log. */
class DuplicatingEventStore extends EventStoreWrapper {
  override async *subscribeToAll(options: SubscribeOptions): AsyncIterable<ReadAllSlice> {
    for await (const slice of this.inner.subscribeToAll({ ...options, after: undefined })) {
      yield slice;
      yield slice;
    }
  }
}

/** Holds subscriptions back until opened: a build that cannot finish yet. */
class GatedEventStore extends EventStoreWrapper {
  private openGate!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.openGate = resolve));
  open(): void {
    this.openGate();
  }
  override async *subscribeToAll(options: SubscribeOptions): AsyncIterable<ReadAllSlice> {
    await this.gate;
    yield* this.inner.subscribeToAll(options);
  }
}

/** A database whose writes fail while `failing` is set: a read-model database that is down. */
function flakyDatabase(db: SqlDatabase): SqlDatabase & { failing: boolean } {
  const flaky = Object.assign(Object.create(db) as SqlDatabase, { failing: false });
  const down = () => Promise.reject(new Error('connection refused'));
  flaky.transaction = (work) => (flaky.failing ? down() : db.transaction(work));
  // A batch commits in one statement of its own (guarded-commit.ts), not in a transaction.
  flaky.query = (sql, params) => (flaky.failing && /^\s*(with|insert|update|delete)\b/i.test(sql) ? down() : db.query(sql, params));
  return flaky;
}

async function eventually<T>(probe: () => Promise<T>, until: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (until(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const FAST = { batchSize: 2, quickRetries: 1, retryBaseMs: 5, retryMaxMs: 20, slowRetryMs: 50 };

describeEachBackend('ProjectionRuntime', (backend: Backend) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function database(): Promise<SqlDatabase> {
    const db = await backend.open();
    cleanup.push(() => db.close());
    return db;
  }

  function runtime(options: Partial<Omit<ProjectionRuntimeOptions, 'storage'>> & Pick<ProjectionRuntimeOptions, 'eventStore'> & { storage: SqlDatabase }): ProjectionRuntime {
    const created = new ProjectionRuntime({
      projections: [visitsProjection()],
      decode: decodeRaw,
      runner: FAST,
      checkpointPollMs: 20,
      ...options,
      storage: new PostgresProjectionStorage(options.storage),
    });
    cleanup.push(() => created.stop());
    return created;
  }

  const page = (db: SqlDatabase, id: string) => new PostgresReadModelStore(db).get<PageDoc>(PAGES_READ_MODEL, id);

  describe('projecting', () => {
    it('turns the events into documents, in batches, and waitForPosition resolves once they are applied', async () => {
      const db = await database();
      const events = new InMemoryEventStore();
      await visit(events, 'a', 'ann');
      await visit(events, 'b', 'bob');
      await visit(events, 'a', 'cy');
      const projections = runtime({ storage: db, eventStore: events });
      await projections.start();
      const last = await visit(events, 'a', 'dan');
      await expect(projections.waitForPosition([PAGES_READ_MODEL], last, 5_000)).resolves.toBe(true);
      await expect(page(db, 'a')).resolves.toEqual({ page: 'a', visits: 3, visitors: ['ann', 'cy', 'dan'] });
      await expect(page(db, 'b')).resolves.toMatchObject({ visits: 1 });
      const [status] = await projections.status();
      expect(status).toMatchObject({ name: PAGES_READ_MODEL, checkpoint: last, head: last, caughtUp: true, parked: 0, healthy: true });
    });

    it('waitForPosition answers false when the read model does not reach the position in time', async () => {
      const db = await database();
      const projections = runtime({ storage: db, eventStore: new InMemoryEventStore() });
      await projections.start();
      const started = Date.now();
      await expect(projections.waitForPosition([PAGES_READ_MODEL], InMemoryEventStore.position(99), 150)).resolves.toBe(false);
      expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    });

    it('moves the checkpoint over events the projection does not handle, so waiting on them ends', async () => {
      const db = await database();
      const events = new InMemoryEventStore();
      const projections = runtime({ storage: db, eventStore: events });
      await projections.start();
      await visit(events, 'a', 'ann');
      const unrelated = await append(events, 'other-1', 'SomethingElse', {});
      await expect(projections.waitForPosition([PAGES_READ_MODEL], unrelated, 5_000)).resolves.toBe(true);
    });

    it('waitForPosition also sees checkpoints committed by another instance (by polling)', async () => {
      const db = await database();
      const events = new InMemoryEventStore();
      await runtime({ storage: db, eventStore: events }).start();
      const elsewhere = runtime({ storage: db, eventStore: events });
      const position = await visit(events, 'a', 'ann');
      await expect(elsewhere.waitForPosition([PAGES_READ_MODEL], position, 5_000)).resolves.toBe(true);
    });
  });

  describe('at-least-once delivery', () => {
    it('a duplicated delivery never double-counts', async () => {
      const db = await database();
      const events = new DuplicatingEventStore(new InMemoryEventStore());
      for (const visitor of ['ann', 'bob', 'cy', 'dan', 'eve']) await visit(events, 'a', visitor);
      const projections = runtime({ storage: db, eventStore: events });
      await projections.start();
      const last = await visit(events, 'a', 'fay');
      expect(await projections.waitForPosition([PAGES_READ_MODEL], last, 5_000)).toBe(true);
      await projections.stop();
      await runtime({ storage: db, eventStore: events }).start(); // a restart redelivers everything from the start
      await new Promise((resolve) => setTimeout(resolve, 100));
      await expect(page(db, 'a')).resolves.toMatchObject({ visits: 6, visitors: ['ann', 'bob', 'cy', 'dan', 'eve', 'fay'] });
    });

    it('after a stop between batches, a restart resumes from the checkpoint without counting twice', async () => {
      const db = await database();
      const events = new InMemoryEventStore();
      const first = runtime({ storage: db, eventStore: events });
      await first.start();
      for (const visitor of ['ann', 'bob']) await visit(events, 'a', visitor);
      const third = await visit(events, 'a', 'cy');
      expect(await first.waitForPosition([PAGES_READ_MODEL], third, 5_000)).toBe(true);
      await first.stop();
      await visit(events, 'a', 'dan');
      const last = await visit(events, 'a', 'eve');
      const second = runtime({ storage: db, eventStore: events });
      await second.start();
      expect(await second.waitForPosition([PAGES_READ_MODEL], last, 5_000)).toBe(true);
      await expect(page(db, 'a')).resolves.toMatchObject({ visits: 5, visitors: ['ann', 'bob', 'cy', 'dan', 'eve'] });
    });

    it('two instances running the same projection count every event once', async () => {
      const db = await database();
      const events = new InMemoryEventStore();
      const one = runtime({ storage: db, eventStore: events });
      const two = runtime({ storage: db, eventStore: events });
      await Promise.all([one.start(), two.start()]);
      let last: Position | undefined;
      for (let n = 0; n < 20; n++) last = await visit(events, n % 2 ? 'a' : 'b', `v${n}`);
      expect(await one.waitForPosition([PAGES_READ_MODEL], last!, 10_000)).toBe(true);
      await expect(page(db, 'a')).resolves.toMatchObject({ visits: 10 });
      await expect(page(db, 'b')).resolves.toMatchObject({ visits: 10 });
    });
  });

  describe('failures', () => {
    it('parks an event evolve keeps failing on after the configured attempts, and goes on', async () => {
      const db = await database();
      const events = new InMemoryEventStore();
      let poisonCalls = 0;
      const projections = runtime({
        storage: db,
        eventStore: events,
        projections: [visitsProjection({ onPoison: () => poisonCalls++ })],
        runner: { ...FAST, maxEventAttempts: 3 },
      });
      await projections.start();
      await visit(events, 'a', 'ann');
      const poison = await visit(events, 'a', 'poison');
      const last = await visit(events, 'a', 'bob');
      expect(await projections.waitForPosition([PAGES_READ_MODEL], last, 5_000)).toBe(true);
      expect(poisonCalls).toBe(3);
      await expect(page(db, 'a')).resolves.toMatchObject({ visits: 2, visitors: ['ann', 'bob'] });
      const parked = await projections.listParked(PAGES_READ_MODEL);
      expect(parked).toEqual([
        expect.objectContaining({ position: poison, eventType: 'PageVisited', streamName: 'page-a', revision: 1, attempts: 3, error: 'Error: cannot handle the poison visitor' }),
      ]);
      expect(JSON.stringify(parked)).not.toContain('"visitor"'); // no copy of the payload
      const [status] = await projections.status();
      expect(status).toMatchObject({ parked: 1, healthy: true });
    });

    it('replays a parked event once the projection is fixed, and unparks it', async () => {
      const db = await database();
      const events = new InMemoryEventStore();
      let broken = true;
      const projections = runtime({ storage: db, eventStore: events, projections: [visitsProjection({ broken: () => broken })] });
      await projections.start();
      await visit(events, 'a', 'ann');
      const poison = await visit(events, 'a', 'poison');
      const last = await visit(events, 'a', 'bob');
      expect(await projections.waitForPosition([PAGES_READ_MODEL], last, 5_000)).toBe(true);

      await expect(projections.replayParked(PAGES_READ_MODEL, poison)).resolves.toMatchObject({ outcome: 'parked-again' });
      expect(await projections.listParked(PAGES_READ_MODEL)).toEqual([expect.objectContaining({ position: poison, attempts: 4 })]);

      broken = false;
      await expect(projections.replayParked(PAGES_READ_MODEL, poison)).resolves.toMatchObject({ outcome: 'replayed' });
      await expect(page(db, 'a')).resolves.toMatchObject({ visits: 3, visitors: ['ann', 'bob', 'poison'] });
      await expect(projections.listParked(PAGES_READ_MODEL)).resolves.toEqual([]);
      await expect(projections.replayParked(PAGES_READ_MODEL, poison)).resolves.toEqual({ outcome: 'not-found' });
    });

    it('parks an event that cannot be decoded', async () => {
      const db = await database();
      const events = new InMemoryEventStore();
      const projections = runtime({ storage: db, eventStore: events, projections: [{ ...visitsProjection(), handles: ['PageVisited', 'Garbled'] }] });
      await projections.start();
      const garbled = await append(events, 'page-a', 'Garbled', { page: 'a' });
      const last = await visit(events, 'a', 'ann');
      expect(await projections.waitForPosition([PAGES_READ_MODEL], last, 5_000)).toBe(true);
      expect(await projections.listParked(PAGES_READ_MODEL)).toEqual([expect.objectContaining({ position: garbled, eventType: 'Garbled' })]);
    });

    it('reports unhealthy while commits keep failing, keeps retrying, and recovers', async () => {
      const db = flakyDatabase(await database());
      const events = new InMemoryEventStore();
      const projections = runtime({ storage: db, eventStore: events });
      await projections.start();
      db.failing = true;
      const position = await visit(events, 'a', 'ann');
      const [failing] = await eventually(() => projections.status(), ([status]) => status?.healthy === false);
      expect(failing).toMatchObject({ healthy: false, caughtUp: false, lastError: { message: 'connection refused' } });
      db.failing = false;
      expect(await projections.waitForPosition([PAGES_READ_MODEL], position, 5_000)).toBe(true);
      // Caught up, it reports healthy from its next successful commit on (a retry in flight may still fail first).
      const [recovered] = await eventually(() => projections.status(), ([status]) => status?.healthy === true);
      expect(recovered).toMatchObject({ healthy: true, caughtUp: true });
    });
  });

  describe('blue-green', () => {
    const tableExists = async (db: SqlDatabase, table: string) =>
      (await db.query<{ exists: string | null }>(`select to_regclass($1)::text as exists`, [table])).rows[0]?.exists === table;

    it('a new version is built beside the live table, served only after the swap, and the old table is dropped', async () => {
      const db = await database();
      const events = new InMemoryEventStore();
      const v1 = runtime({ storage: db, eventStore: events });
      await v1.start();
      await visit(events, 'a', 'ann');
      const before = await visit(events, 'a', 'bob');
      expect(await v1.waitForPosition([PAGES_READ_MODEL], before, 5_000)).toBe(true);
      await v1.stop();

      const gated = new GatedEventStore(events);
      const v2 = runtime({ storage: db, eventStore: gated, projections: [visitsProjection({ version: 2, shape: 'v2' })] });
      await v2.start();
      const [building] = await v2.status();
      expect(building).toMatchObject({ liveTable: 'rm_pages_v1_b1', liveVersion: 1, build: { table: 'rm_pages_v2_b2', version: 2 } });
      await expect(page(db, 'a')).resolves.toEqual({ page: 'a', visits: 2, visitors: ['ann', 'bob'] });

      gated.open();
      const [swapped] = await eventually(() => v2.status(), ([status]) => status?.liveTable === 'rm_pages_v2_b2');
      expect(swapped).toMatchObject({ liveVersion: 2, build: undefined });
      await expect(page(db, 'a')).resolves.toEqual({ page: 'a', visits: 2, visitors: ['ann', 'bob'], shape: 'v2' });
      expect(await tableExists(db, 'rm_pages_v1_b1')).toBe(false);

      const after = await visit(events, 'a', 'cy');
      expect(await v2.waitForPosition([PAGES_READ_MODEL], after, 5_000)).toBe(true);
      await expect(page(db, 'a')).resolves.toMatchObject({ visits: 3, shape: 'v2' });
    });

    it('a forced rebuild of the current version builds a new table while the live one stays current, then swaps', async () => {
      const db = await database();
      const events = new InMemoryEventStore();
      const projections = runtime({ storage: db, eventStore: events });
      await projections.start();
      for (const visitor of ['ann', 'bob', 'cy']) await visit(events, 'a', visitor);
      const build = await projections.rebuild(PAGES_READ_MODEL);
      expect(build).toMatchObject({ table: 'rm_pages_v1_b2', version: 1, state: 'building' });
      await expect(projections.rebuild(PAGES_READ_MODEL)).rejects.toThrow(/already being rebuilt/);
      await eventually(() => projections.status(), ([status]) => status?.liveTable === build.table);
      expect(await tableExists(db, 'rm_pages_v1_b1')).toBe(false);
      const last = await visit(events, 'a', 'dan');
      expect(await projections.waitForPosition([PAGES_READ_MODEL], last, 5_000)).toBe(true);
      await expect(page(db, 'a')).resolves.toMatchObject({ visits: 4, visitors: ['ann', 'bob', 'cy', 'dan'] });
    });

    it('an instance on an older version leaves a newer live table alone', async () => {
      const db = await database();
      const events = new InMemoryEventStore();
      await visit(events, 'a', 'ann');
      const v2 = runtime({ storage: db, eventStore: events, projections: [visitsProjection({ version: 2 })] });
      await v2.start();
      await v2.stop();
      const v1 = runtime({ storage: db, eventStore: events });
      await v1.start();
      expect(v1.phase(PAGES_READ_MODEL)).toBe('superseded');
      const [status] = await v1.status();
      expect(status).toMatchObject({ liveTable: 'rm_pages_v2_b1', build: undefined });
    });
  });
});
