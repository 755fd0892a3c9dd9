import { afterEach, expect, it } from '@jest/globals';
import { type AllFilter, comparePositions, type EventStore, type Position, type RecordedEvent } from '../../src/kernel/event-store.port.js';
import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres/postgres-event-store.js';
import { SharedAllSubscription } from '../../src/infrastructure/event-store/shared-all-subscription.js';
import { ProjectionRuntime } from '../../src/infrastructure/projections/projection-runtime.js';
import { PostgresProjectionStorage } from '../../src/infrastructure/read-model-store/postgres/postgres-projection-storage.js';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import { describeEachBackend } from '../support/databases.js';
import { append, decodeRaw, PAGES_READ_MODEL, visit, visitsProjection } from '../projections/visits.fixture.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Counts the statements and transactions a component sends (each is one commit on the server). */
function counting(db: SqlDatabase): SqlDatabase & { readonly commits: () => number } {
  let commits = 0;
  return {
    driver: db.driver,
    concurrentConnections: db.concurrentConnections,
    commits: () => commits,
    query: (sql, params) => (commits++, db.query(sql, params)),
    exec: (sql) => (commits++, db.exec(sql)),
    transaction: (work) => (commits++, db.transaction(work)),
    listen: (channel, onNotify) => db.listen(channel, onNotify),
    close: () => db.close(),
  };
}

/**
 * What a subscriber must get: every event after `after` up to `head` (the last one appended) that its filter
 * takes, in log order, once. It reads on until it has passed `head`: on a server, a read stops short of the
 * newest events while any older transaction in the cluster runs (other test files share it), and a subscriber
 * that read a moment earlier may well be further on.
 */
async function expected(store: EventStore, after: Position | undefined, filter: AllFilter | undefined, head: Position): Promise<string[]> {
  const ids: string[] = [];
  for (let cursor = after; ; ) {
    const slice = await store.readAll({ after: cursor, maxCount: 100, filter });
    ids.push(...slice.events.map((event) => event.eventId));
    if (slice.isEnd && slice.next !== undefined && comparePositions(slice.next, head) >= 0) return ids;
    if (slice.isEnd) await sleep(20);
    cursor = slice.next;
  }
}

interface Follower {
  readonly received: RecordedEvent[];
  readonly done: Promise<void>;
  readonly filter: AllFilter | undefined;
  readonly after: Position | undefined;
}

/** Follows the shared subscription until `until` says stop; `pauseMs` makes it a slow subscriber. */
function follow(store: EventStore, after: Position | undefined, filter: AllFilter | undefined, signal: AbortSignal, pauseMs = 0): Follower {
  const received: RecordedEvent[] = [];
  const done = (async () => {
    let last = after;
    for await (const slice of store.subscribeToAll({ after, filter, batchSize: 4, signal })) {
      for (const event of slice.events) {
        // In order, nothing at or before what was handed before.
        if (last !== undefined) expect(event.position > last).toBe(true);
        last = event.position;
        received.push(event);
      }
      if (slice.next !== undefined && last !== undefined) expect(slice.next >= last).toBe(true);
      if (slice.next !== undefined) last = slice.next;
      if (pauseMs > 0) await sleep(pauseMs);
    }
  })();
  return { received, done, filter, after };
}

describeEachBackend('SharedAllSubscription over the PostgreSQL event store', (backend) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function setUp(options: ConstructorParameters<typeof SharedAllSubscription>[1] = {}) {
    const db = counting(await backend.open());
    cleanup.push(() => db.close());
    const inner = await PostgresEventStore.open(db, { wakeUpIntervalMs: 25 });
    const store = new SharedAllSubscription(inner, { batchSize: 5, ...options });
    cleanup.push(() => store.close());
    const controller = new AbortController();
    cleanup.push(async () => controller.abort());
    return { db, store, signal: controller.signal, controller };
  }

  const types = ['A', 'B', 'C'] as const;
  const appendMany = async (store: EventStore, from: number, count: number) => {
    let last: Position | undefined;
    for (let i = from; i < from + count; i++) last = await append(store, `s-${i % 4}`, types[i % 3]!, { i });
    return last!;
  };

  it('hands every subscriber its events in order, once: different filters, behind, ahead, late and slow', async () => {
    const { store, signal } = await setUp({ detachAfterMs: 100, maxQueuedSlices: 1 });
    const early = await appendMany(store, 0, 12);
    // The first subscriber starts the shared reader at the head; the others are behind it, at the start or in the middle.
    const followers = [
      follow(store, early, undefined, signal),
      follow(store, undefined, undefined, signal),
      follow(store, undefined, { eventTypes: ['A'] }, signal),
      follow(store, early, { eventTypes: ['B', 'C'] }, signal),
      follow(store, undefined, { streamPrefixes: ['s-1', 's-2'] }, signal, 30),
    ];
    const middle = await appendMany(store, 12, 20);
    followers.push(follow(store, middle, { eventTypes: ['C'] }, signal), follow(store, undefined, { eventTypes: ['B'] }, signal, 15));
    // Appends racing the subscribers while they catch up and join.
    await Promise.all([appendMany(store, 32, 15), appendMany(store, 100, 15)]);
    const last = await appendMany(store, 200, 3);
    followers.push(follow(store, last, undefined, signal));
    const tail = await appendMany(store, 300, 4);

    for (const follower of followers) {
      const want = await expected(store, follower.after, follower.filter, tail);
      const deadline = Date.now() + 20_000;
      while (follower.received.length < want.length && Date.now() < deadline) await sleep(20);
      await sleep(50);
      expect(follower.received.map((event) => event.eventId)).toEqual(want);
    }
    expect(followers.at(-1)!.received.at(-1)?.position).toBe(tail);
  });

  it('reads the log once per append however many subscribe, and not at all while idle', async () => {
    const { db, store, signal } = await setUp();
    await appendMany(store, 0, 3);
    const followers = Array.from({ length: 8 }, (_, i) => follow(store, undefined, { eventTypes: [types[i % 3]!] }, signal));
    const head = await appendMany(store, 3, 1);
    const deadline = Date.now() + 10_000;
    while (followers.some((follower) => follower.received.at(-1)?.position !== head && follower.filter?.eventTypes?.[0] === 'A') && Date.now() < deadline) await sleep(20);
    await sleep(200);
    expect(store.attached).toBe(8);
    const before = db.commits();
    await sleep(1_000);
    expect(db.commits() - before).toBe(0);
    await append(store, 'x', 'A', {});
    await sleep(300);
    // One append (and its notification), then one read of the shared reader: not one read per subscriber.
    expect(db.commits() - before).toBeLessThanOrEqual(4);
  });

  it('ends every subscription when the store closes; an aborted subscriber leaves', async () => {
    const { store, signal } = await setUp();
    await appendMany(store, 0, 2);
    const own = new AbortController();
    const leaving = follow(store, undefined, undefined, own.signal);
    const staying = follow(store, undefined, undefined, signal);
    await sleep(200);
    expect(store.attached).toBe(2);
    own.abort();
    await leaving.done;
    expect(store.attached).toBe(1);
    await store.close();
    await staying.done;
    expect(store.attached).toBe(0);
  });

  it('a projection that handled nothing reaches the head in memory at once and in storage after the interval, then stops writing', async () => {
    const { db, store } = await setUp();
    const storage = new PostgresProjectionStorage(db);
    const runtime = new ProjectionRuntime({ projections: [visitsProjection()], eventStore: store, storage, decode: decodeRaw, runner: { checkpointIntervalMs: 2_000 } });
    cleanup.push(() => runtime.stop());
    await visit(store, 'a', 'ann');
    await runtime.start();
    const visited = await visit(store, 'a', 'bob');
    expect(await runtime.waitForPosition([PAGES_READ_MODEL], visited, 10_000)).toBe(true);
    const stored = async () => (await storage.liveCheckpoints([PAGES_READ_MODEL])).get(PAGES_READ_MODEL);
    expect((await stored())! >= visited).toBe(true);

    const other = await append(store, 'other-1', 'SomethingElse', {});
    expect(await runtime.waitForPosition([PAGES_READ_MODEL], other, 10_000)).toBe(true);
    // Reached, yet not stored: the wait was answered from memory, with no commit for a slice with nothing to apply...
    expect((await stored())! < other).toBe(true);
    // ...which follows once the interval has passed.
    const deadline = Date.now() + 10_000;
    while (!((await stored())! >= other) && Date.now() < deadline) await sleep(50);
    expect((await stored())! >= other).toBe(true);

    // Caught up and idle: no further commit, although the horizon moves with every transaction.
    await sleep(500);
    const before = db.commits();
    await db.query('select 1');
    await sleep(1_000);
    expect(db.commits() - before).toBe(1);
  });

  it('another instance’s read-your-writes wait does not wait for a checkpoint-only advance, and still waits for a handled event', async () => {
    const { db, store } = await setUp();
    const storage = new PostgresProjectionStorage(db);
    const options = { projections: [visitsProjection()], eventStore: store, storage, decode: decodeRaw, checkpointPollMs: 20 };
    const projecting = new ProjectionRuntime({ ...options, runner: { checkpointIntervalMs: 60_000 } });
    cleanup.push(() => projecting.stop());
    await projecting.start();
    // The other instance only waits (its own runners are not started).
    const waiting = new ProjectionRuntime(options);
    const visited = await visit(store, 'a', 'ann');
    expect(await waiting.waitForPosition([PAGES_READ_MODEL], visited, 10_000)).toBe(true);
    const other = await append(store, 'other-1', 'SomethingElse', {});
    expect(await projecting.waitForPosition([PAGES_READ_MODEL], other, 10_000)).toBe(true);
    expect((await storage.liveCheckpoints([PAGES_READ_MODEL])).get(PAGES_READ_MODEL)! < other).toBe(true);
    expect(await waiting.waitForPosition([PAGES_READ_MODEL], other, 2_000)).toBe(true);

    await projecting.stop();
    const unprojected = await visit(store, 'a', 'bob');
    const later = await append(store, 'other-2', 'SomethingElse', {});
    expect(await waiting.waitForPosition([PAGES_READ_MODEL], later, 300)).toBe(false);
    expect(await waiting.waitForPosition([PAGES_READ_MODEL], unprojected, 300)).toBe(false);
  });
});
