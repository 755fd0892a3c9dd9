/**
 * The EventStoreDB adapter against an in-process model of an EventStoreDB node (eventstoredb-fake-server.ts),
 * through the real client over gRPC: the conformance suite on two server generations, then what only this
 * adapter does. The model follows KurrentDB's source; a real node is tested by eventstoredb.conformance.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import {
  WrongExpectedRevisionError,
  comparePositions,
  type AppendResult,
  type NewEvent,
  type Position,
  type ReadAllSlice,
  type RecordedEvent,
} from '../../src/kernel/event-store.port.js';
import {
  EventStoreDbEventStore,
  type EventStoreDbEventStoreOptions,
} from '../../src/infrastructure/event-store/eventstoredb/eventstoredb-event-store.js';
import { encodePosition } from '../../src/infrastructure/event-store/eventstoredb/position.js';
import { eventStoreConformance } from './conformance.js';
import { personalDataConformance } from './personal-data.conformance.js';
import { ESDB_POSITIONS } from './eventstoredb-position-examples.js';
import { FakeEventStoreDb, type FakeServerOptions } from './eventstoredb-fake-server.js';

const GAPS_REASON = 'EventStoreDB has a single writer: $all has no commit-order gaps to provoke';

const variants: { name: string; options: FakeServerOptions }[] = [
  { name: 'eventstoredb model node 24.x: batch appends, caught-up notices', options: {} },
  {
    name: 'eventstoredb model node 22.x: unary appends, no caught-up notices, idempotent retries without position',
    options: { batchAppend: false, caughtUpNotices: false, idempotentRetryPosition: false },
  },
];

for (const variant of variants) {
  const open = async () => {
    const node = await FakeEventStoreDb.start(variant.options);
    const store = EventStoreDbEventStore.connect(node.url, { idleProbeMs: 100 });
    return {
      store,
      dispose: async () => {
        await store.close();
        await node.stop();
      },
    };
  };
  eventStoreConformance({ name: variant.name, positions: ESDB_POSITIONS, gaps: { supported: false, reason: GAPS_REASON }, open });
  // The adapter's own mapping of the sealed payloads (JSON in, JSON out over gRPC), short of a real node.
  personalDataConformance({ name: variant.name, open });
}

const event = (type = 'Happened', metadata: Record<string, unknown> = {}): NewEvent => ({ eventId: randomUUID(), type, data: { at: Date.now() }, metadata });
const events = (count: number, type = 'Happened') => Array.from({ length: count }, () => event(type));
const stream = (category = 'spec') => `${category}${randomUUID().slice(0, 8)}-1`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

/** The promise's outcome, or 'still running' after `ms` (the timer does not outlive the race). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'still running'>((resolve) => {
    timer = setTimeout(() => resolve('still running'), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs a subscription in the background, collecting its slices, until stopped. */
function follow(store: EventStoreDbEventStore, options: Omit<Parameters<EventStoreDbEventStore['subscribeToAll']>[0], 'signal'>) {
  const controller = new AbortController();
  const slices: ReadAllSlice[] = [];
  const done = (async () => {
    for await (const slice of store.subscribeToAll({ ...options, signal: controller.signal })) slices.push(slice);
  })();
  return {
    slices,
    events: () => slices.flatMap((slice) => slice.events),
    done,
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}

describe('EventStoreDbEventStore specifics [eventstoredb model node]', () => {
  let node: FakeEventStoreDb;
  const stores: EventStoreDbEventStore[] = [];
  const open = (options: EventStoreDbEventStoreOptions = {}) => {
    const store = EventStoreDbEventStore.connect(node.url, { idleProbeMs: 50, ...options });
    stores.push(store);
    return store;
  };

  beforeAll(async () => {
    node = await FakeEventStoreDb.start();
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });
  afterAll(async () => {
    await node.stop();
  });

  describe('appends', () => {
    it("sends the port's event ids as the events' ids (what the server recognises a retry by)", async () => {
      const name = stream();
      const batch = events(3);
      await open().appendToStream(name, batch, 'no_stream');
      expect(node.streamIds(name)).toEqual(batch.map((e) => e.eventId));
    });

    it('a retry with the expectation of the first attempt is recognised by the server, even after it forgot its recent ids', async () => {
      const store = open();
      const name = stream();
      await store.appendToStream(name, events(1), 'no_stream');
      const batch = events(2);
      const original = await store.appendToStream(name, batch, 0);
      node.forgetRecentIds();
      expect(await store.appendToStream(name, batch, 0)).toEqual(original);
      expect(node.streamIds(name)).toHaveLength(3);
    });

    it('EventStoreDB differs here: a retry with `any` after the server forgot its recent ids (a restart) is appended again', async () => {
      const store = open();
      const name = stream();
      const batch = events(2);
      await store.appendToStream(name, batch, 'any');
      expect((await store.appendToStream(name, batch, 'any')).nextExpectedRevision).toBe(1);
      node.forgetRecentIds();
      expect((await store.appendToStream(name, batch, 'any')).nextExpectedRevision).toBe(3);
      expect(node.streamIds(name)).toHaveLength(4);
    });

    it('a retry whose events lie further back than the idempotence window is reported as a conflict', async () => {
      const name = stream();
      const batch = events(2);
      await open().appendToStream(name, events(1), 'no_stream');
      await open().appendToStream(name, batch, 0);
      await open().appendToStream(name, events(3), 2);
      // Retried with an expectation that no longer holds: the server reports a conflict, the adapter looks back.
      const narrow = open({ idempotenceWindow: 3 });
      const error = await narrow.appendToStream(name, batch, 'no_stream').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WrongExpectedRevisionError);
      expect(error).toMatchObject({ streamName: name, expected: 'no_stream', actual: 5 });
      expect((await open({ idempotenceWindow: 5 }).appendToStream(name, batch, 'no_stream')).nextExpectedRevision).toBe(2);
      expect(node.streamIds(name)).toHaveLength(6);
    });

    it('an empty append sends nothing to the server', async () => {
      const store = open();
      const name = stream();
      await store.appendToStream(name, events(1), 'no_stream');
      const before = node.appendRequests;
      expect(await store.appendToStream(name, [], 0)).toEqual({ nextExpectedRevision: 0, position: null });
      expect(node.appendRequests).toBe(before);
    });

    it('the append answers with the position of its last event, as $all has it', async () => {
      const store = open();
      const name = stream();
      const result = await store.appendToStream(name, events(3), 'no_stream');
      const last = node.log.filter((e) => e.streamName === name).at(-1);
      expect(result.position).toBe(encodePosition({ commit: last!.position, prepare: last!.position }));
    });

    it('refuses an event id that is not a UUID before sending anything', async () => {
      const before = node.appendRequests;
      await expect(open().appendToStream(stream(), [{ ...event(), eventId: 'command-1/0' }], 'any')).rejects.toThrow(/must be a UUID/);
      expect(node.appendRequests).toBe(before);
    });
  });

  describe('metadata', () => {
    it("is written with EventStoreDB's $correlationId / $causationId beside the port's keys, and read back without them", async () => {
      const store = open();
      const name = stream();
      const metadata = { correlationId: 'corr-1', causationId: 'cause-1', actor: { userId: 'u-1' }, schemaVersion: 1 };
      await store.appendToStream(name, [event('Described', metadata)], 'no_stream');
      const stored = node.log.find((e) => e.streamName === name);
      expect(JSON.parse(Buffer.from(stored!.metadata).toString('utf8'))).toEqual({ ...metadata, $correlationId: 'corr-1', $causationId: 'cause-1' });
      const [read] = await store.readStream(name);
      expect(read?.metadata).toEqual(metadata);
    });
  });

  describe('reads', () => {
    it('readStream with an instant and maxCount counts only the events up to the instant', async () => {
      const store = open();
      const name = stream();
      await store.appendToStream(name, events(3), 'no_stream');
      const all = await store.readStream(name);
      const until = (all[1] as RecordedEvent).recordedAt;
      expect((await store.readStream(name, { until, maxCount: 1 })).map((e) => e.revision)).toEqual([0]);
      expect((await store.readStream(name, { until, maxCount: 5 })).map((e) => e.revision)).toEqual(
        all.filter((e) => e.recordedAt <= until).map((e) => e.revision),
      );
      expect(await store.readStream(name, { fromRevision: 2, toRevision: 1 })).toEqual([]);
      expect(await store.readStream(name, { maxCount: 0 })).toEqual([]);
    });

    it("system events — the node's own and the links its system projections write — never appear in $all reads or the head", async () => {
      const store = open();
      const name = stream('sys');
      const result = await store.appendToStream(name, events(2), 'no_stream');
      node.writeSystemEvent('$stats-127.0.0.1:2113', '$statsCollected');
      expect(node.log.at(-1)?.type).toBe('$statsCollected');
      expect(await store.headPosition()).toBe(result.position);
      const seen: RecordedEvent[] = [];
      let after: Position | undefined;
      for (;;) {
        const slice = await store.readAll({ after, maxCount: 50 });
        seen.push(...slice.events);
        after = slice.next;
        if (slice.isEnd) break;
      }
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.filter((e) => e.type.startsWith('$') || e.streamName.startsWith('$'))).toEqual([]);
      // …but the reader's checkpoint moves over them: nothing is left after it.
      expect(comparePositions(after as Position, encodePosition({ commit: node.log.at(-1)!.position, prepare: node.log.at(-1)!.position }))).toBe(0);
    });

    it('the head of a store without user events is undefined', async () => {
      const empty = await FakeEventStoreDb.start();
      const store = EventStoreDbEventStore.connect(empty.url);
      try {
        expect(empty.log.length).toBeGreaterThan(0);
        expect(await store.headPosition()).toBeUndefined();
        expect(await store.readAll({ maxCount: 10 })).toMatchObject({ events: [], isEnd: true });
      } finally {
        await store.close();
        await empty.stop();
      }
    });
  });

  describe('subscriptions', () => {
    it('hand out slices of at most batchSize events in $all order, the last catch-up slice at the end', async () => {
      const store = open({ idleProbeMs: 60_000 });
      const name = stream('batch');
      const appended = [...events(4), ...events(6)];
      await store.appendToStream(name, appended.slice(0, 4), 'no_stream');
      await store.appendToStream(name, appended.slice(4), 3);
      const subscription = follow(store, { filter: { streamPrefixes: [name] }, batchSize: 3 });
      try {
        await until(() => subscription.slices.some((slice) => slice.isEnd), 'the end of the catch-up');
        expect(subscription.events().map((e) => e.eventId)).toEqual(appended.map((e) => e.eventId));
        expect(subscription.slices.every((slice) => slice.events.length <= 3)).toBe(true);
      } finally {
        await subscription.stop();
      }
    });

    it("without events to deliver, the server's checkpoints still move next", async () => {
      // No idle probe here: only the server's checkpoints (every 32 events considered) can move next.
      const store = open({ idleProbeMs: 60_000, checkpointInterval: 1 });
      const start = await store.headPosition();
      const subscription = follow(store, { after: start, filter: { eventTypes: [`Never${randomUUID()}`] } });
      try {
        const results: AppendResult[] = [];
        for (let i = 0; i < 40; i++) results.push(await store.appendToStream(stream('noise'), events(1), 'no_stream'));
        await until(() => subscription.slices.some((slice) => slice.next !== undefined && slice.next > (results[0]?.position as string)), 'a checkpoint');
        expect(subscription.events()).toEqual([]);
      } finally {
        await subscription.stop();
      }
    });

    it('a quiet subscription moves next up to the head itself, over events the server filter skipped', async () => {
      const store = open({ idleProbeMs: 50 });
      const name = stream('tail');
      const subscription = follow(store, { filter: { streamPrefixes: [name] } });
      try {
        await store.appendToStream(name, events(1), 'no_stream');
        const last = await store.appendToStream(stream('other'), events(3), 'no_stream');
        await until(
          () => subscription.slices.some((slice) => slice.isEnd && slice.next !== undefined && slice.next >= (last.position as string)),
          'next at the head',
        );
        expect(subscription.events()).toHaveLength(1);
      } finally {
        await subscription.stop();
      }
    });

    it('on a node without caught-up notices (before 23.10), the end is found by the probe', async () => {
      const old = await FakeEventStoreDb.start({ caughtUpNotices: false });
      const store = EventStoreDbEventStore.connect(old.url, { idleProbeMs: 50 });
      const name = stream('old');
      await store.appendToStream(name, events(5), 'no_stream');
      const subscription = follow(store, { filter: { streamPrefixes: [name] }, batchSize: 2 });
      try {
        await until(() => subscription.slices.some((slice) => slice.isEnd), 'the end');
        expect(subscription.events()).toHaveLength(5);
      } finally {
        await subscription.stop();
        await store.close();
        await old.stop();
      }
    });

    it('an abort ends the subscription on the node too', async () => {
      const store = open();
      const before = node.liveSubscriptions;
      const subscription = follow(store, {});
      await until(() => node.liveSubscriptions === before + 1, 'the subscription on the node');
      await subscription.stop();
      await until(() => node.liveSubscriptions === before, 'the node to drop the subscription');
    });

    it('close() ends live subscriptions', async () => {
      const store = EventStoreDbEventStore.connect(node.url);
      const subscription = follow(store, {});
      await sleep(50);
      await store.close();
      await expect(within(subscription.done, 5_000)).resolves.toBeUndefined();
    });

    it('a subscription whose node goes away fails (its runner starts it again)', async () => {
      const doomed = await FakeEventStoreDb.start();
      const store = EventStoreDbEventStore.connect(doomed.url);
      const subscription = follow(store, {});
      try {
        await until(() => doomed.liveSubscriptions === 1, 'the subscription on the node');
        await doomed.stop();
        await expect(within(subscription.done, 10_000)).rejects.toThrow();
      } finally {
        await subscription.stop().catch(() => undefined);
        await store.close();
      }
    });
  });

  describe('connecting', () => {
    it('open() reads $all once, so an unreachable server fails at start', async () => {
      const started = Date.now();
      await expect(EventStoreDbEventStore.open('esdb://127.0.0.1:1?tls=false')).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(15_000);
    });

    it('takes kurrentdb:// connection strings as well', async () => {
      const store = await EventStoreDbEventStore.open(node.url.replace(/^esdb:/, 'kurrentdb:'));
      stores.push(store);
      expect(await store.readStream(stream())).toEqual([]);
    });
  });
});
