import { PostgresProjectionStorage } from '../../src/infrastructure/read-model-store/postgres/postgres-projection-storage.js';
import { afterEach, expect, it } from '@jest/globals';
import type { Position } from '../../src/kernel/event-store.port.js';
import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres/postgres-event-store.js';
import { ProjectionRuntime } from '../../src/infrastructure/projections/projection-runtime.js';
import { PostgresReadModelStore } from '../../src/infrastructure/read-model-store/postgres/postgres-read-model-store.js';
import { describeEachBackend } from '../support/databases.js';
import { append, decodeRaw, PAGES_READ_MODEL, visit, visitsProjection, type PageDoc } from './visits.fixture.js';

/**
 * The runtime over the real PostgreSQL event store, both in one database (the one-database deployment;
 * with PGlite, one connection for both, so the runtime must never wait on the store inside a transaction).
 */
describeEachBackend('ProjectionRuntime on the PostgreSQL event store', (backend) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function setUp() {
    const db = await backend.open();
    cleanup.push(() => db.close());
    const eventStore = await PostgresEventStore.open(db, { wakeUpIntervalMs: 25 });
    cleanup.push(() => eventStore.close());
    const runtime = new ProjectionRuntime({ projections: [visitsProjection()], eventStore, storage: new PostgresProjectionStorage(db), decode: decodeRaw, runner: { batchSize: 3 } });
    cleanup.push(() => runtime.stop());
    return { db, eventStore, runtime };
  }

  it('projects appended events and answers read-your-writes waits', async () => {
    const { db, eventStore, runtime } = await setUp();
    await visit(eventStore, 'a', 'ann');
    await runtime.start();
    let last: Position | undefined;
    for (const visitor of ['bob', 'cy', 'dan', 'eve']) last = await visit(eventStore, 'a', visitor);
    last = await append(eventStore, 'other-1', 'SomethingElse', {});
    expect(await runtime.waitForPosition([PAGES_READ_MODEL], last, 10_000)).toBe(true);
    await expect(new PostgresReadModelStore(db).get<PageDoc>(PAGES_READ_MODEL, 'a')).resolves.toMatchObject({ visits: 5 });
    const [status] = await runtime.status();
    expect(status).toMatchObject({ caughtUp: true, healthy: true });
  });

  it('once caught up, stops writing checkpoints although every transaction moves the store’s horizon', async () => {
    const { db, eventStore, runtime } = await setUp();
    await runtime.start();
    const last = await visit(eventStore, 'a', 'ann');
    expect(await runtime.waitForPosition([PAGES_READ_MODEL], last, 10_000)).toBe(true);
    const updated = () => db.query<{ at: string }>(`select updated_at::text as at from read_model_registry where read_model = $1`, [PAGES_READ_MODEL]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const settled = (await updated()).rows[0]?.at;
    await new Promise((resolve) => setTimeout(resolve, 300)); // a dozen wake-ups of the subscription
    expect((await updated()).rows[0]?.at).toBe(settled);
  });

  it('rebuilds blue-green from the start of the log', async () => {
    const { db, eventStore, runtime } = await setUp();
    await runtime.start();
    let last: Position | undefined;
    for (const visitor of ['ann', 'bob', 'cy', 'dan']) last = await visit(eventStore, 'a', visitor);
    const build = await runtime.rebuild(PAGES_READ_MODEL);
    for (let tries = 0; tries < 200 && (await runtime.status())[0]?.liveTable !== build.table; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect((await runtime.status())[0]).toMatchObject({ liveTable: build.table });
    // The build swaps in once it holds the log as far as it is visible; on a shared server another database's
    // open transaction can hold that horizon back, so the swapped-in table may still be catching up.
    expect(await runtime.waitForPosition([PAGES_READ_MODEL], last!, 10_000)).toBe(true);
    await expect(new PostgresReadModelStore(db).get<PageDoc>(PAGES_READ_MODEL, 'a')).resolves.toMatchObject({ visits: 4 });
  });
});
