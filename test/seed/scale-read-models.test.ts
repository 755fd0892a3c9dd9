import { afterEach, expect, it } from '@jest/globals';
import { generateHistory, type GeneratedEvent } from '../../bench/scale/history.js';
import { insertGeneratedEvents, lastWrittenPosition } from '../../bench/scale/load-history.js';
import { allProjections, decodeEvent } from '../../src/composition/projections.js';
import { grantDecider } from '../../src/grants/grant.decider.js';
import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres/postgres-event-store.js';
import { ProjectionRuntime } from '../../src/infrastructure/projections/projection-runtime.js';
import { rebuildReadModel } from '../../src/infrastructure/projections/rebuild-read-model.js';
import { PostgresProjectionStorage } from '../../src/infrastructure/read-model-store/postgres/postgres-projection-storage.js';
import { orderDecider } from '../../src/orders/order.decider.js';
import { fold } from '../../src/shared/decider.js';
import { describeEachBackend } from '../support/databases.js';
import { liveDocuments } from '../support/read-model-documents.js';

/**
 * bench:scale's history, written by its bulk loader into the PostgreSQL event store: the read models the live
 * runtime projects from it (half of it loaded before the runtime starts, half while it runs) are the very ones
 * a blue-green rebuild of each makes from scratch, and the grants and orders read models hold exactly the
 * deciders' own fold of each grant and order stream.
 */
const NOW = new Date('2026-12-01T09:00:00Z');
const CITIZENS = 120;
const history = [...generateHistory({ citizens: CITIZENS, seed: 7, now: NOW, years: 3, batchCitizens: 20 })];

describeEachBackend('The generated national-scale history, loaded in bulk, projected live and rebuilt (bench:scale)', (backend) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('the live read models equal a fresh rebuild of each, and grants and orders equal the deciders’ folds', async () => {
    const db = await backend.open();
    cleanup.push(() => db.close());
    // Frequent wake-ups: the bulk loader writes past the store's appends, so no append wakes the subscriptions.
    const eventStore = await PostgresEventStore.open(db, { wakeUpIntervalMs: 20, idleWakeUpIntervalMs: 20 });
    cleanup.push(() => eventStore.close());
    const storage = new PostgresProjectionStorage(db);
    const runtime = new ProjectionRuntime({ projections: allProjections, eventStore, storage, decode: decodeEvent, runner: { batchSize: 100 } });
    cleanup.push(() => runtime.stop());

    const half = Math.ceil(history.length / 2);
    for (const batch of history.slice(0, half)) await insertGeneratedEvents(db, batch);
    await runtime.start();
    for (const batch of history.slice(half)) await insertGeneratedEvents(db, batch);
    const events: GeneratedEvent[] = history.flat();
    const head = await lastWrittenPosition(db);
    expect(await runtime.waitForPosition(allProjections.map((p) => p.readModel.name), head!, 60_000)).toBe(true);
    await runtime.stop();

    const live = await liveDocuments(db);
    // The stored log is the generated one, event for event.
    const { rows: stored } = await db.query<{ n: string }>('select count(*)::text as n from es_events');
    expect(Number(stored[0]!.n)).toBe(events.length);

    // Grants and orders: the read model's state is the decider's fold of the stream.
    const streams = new Map<string, GeneratedEvent[]>();
    for (const event of events) streams.set(event.streamName, [...(streams.get(event.streamName) ?? []), event]);
    const grantStreams = [...streams].filter(([name]) => name.startsWith('grant-'));
    const orderStreams = [...streams].filter(([name]) => name.startsWith('order-'));
    expect(grantStreams.length).toBe(CITIZENS);
    expect(orderStreams.length).toBeGreaterThan(2 * CITIZENS);
    for (const [name, stream] of grantStreams) {
      const doc = live.get('grants')?.get(name.slice('grant-'.length)) as { state: unknown } | undefined;
      expect(doc?.state).toEqual(JSON.parse(JSON.stringify(fold(grantDecider, stream as never))));
    }
    for (const [name, stream] of orderStreams) {
      const state = fold(orderDecider, stream as never) as { status: string; order?: unknown };
      const doc = live.get('orders')?.get(name.slice('order-'.length)) as { order: unknown } | undefined;
      if (state.status === 'placed') expect(doc?.order).toEqual(JSON.parse(JSON.stringify(state.order)));
      else expect(doc).toBeUndefined();
    }

    // A blue-green rebuild of every read model from the start of the log makes the same documents.
    for (const projection of allProjections) {
      const exit = await rebuildReadModel({ projection, eventStore, storage, decode: decodeEvent, signal: new AbortController().signal, runner: { batchSize: 500 } });
      expect(exit).toBe('swapped');
    }
    const rebuilt = await liveDocuments(db);
    expect([...rebuilt.keys()].sort()).toEqual([...live.keys()].sort());
    for (const [readModel, docs] of live) {
      expect(docs.size).toBeGreaterThan(0);
      expect(rebuilt.get(readModel)).toEqual(docs);
    }
  }, 180_000);
});
