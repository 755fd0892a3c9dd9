import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { decodePosition, PostgresEventStore } from '../../src/infrastructure/event-store/postgres/postgres-event-store.js';
import type { ExpectedRevision, NewEvent, Position } from '../../src/kernel/event-store.port.js';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import { backends, describeEachBackend, pgliteDatabase, serverDatabase } from '../support/databases.js';
import { eventStoreConformance, type GapHarness, type OpenTransaction, type PositionExamples } from './conformance.js';
import { personalDataConformance } from './personal-data.conformance.js';

const POSITIONS: PositionExamples = {
  beyondAnyWrite: '7fffffffffffffff-0000000000000001' as Position,
  malformed: [
    '00000000000004D2-0000000000000001', // upper case
    '0000000000000001-8000000000000000', // seq beyond a bigint
    '00000000000004d2:0000000000000001',
    '0000000000000001', // the shape of another store's positions
  ],
};

/** Gaps need transactions held open on connections of their own, beside the store's pool. */
function gapHarness(connectionString: string): GapHarness {
  const openTransaction = async (): Promise<{ client: pg.Client; tx: OpenTransaction }> => {
    const client = new pg.Client({ connectionString });
    client.on('error', () => undefined);
    await client.connect();
    await client.query('begin');
    let open = true;
    const end = async (statement: 'commit' | 'rollback') => {
      if (!open) return;
      open = false;
      try {
        await client.query(statement);
      } finally {
        await client.end();
      }
    };
    return { client, tx: { commit: () => end('commit'), rollback: () => end('rollback') } };
  };
  return {
    async beginSlowAppend(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision) {
      const { client, tx } = await openTransaction();
      try {
        // The adapter itself, over a SqlDatabase that is this one open transaction.
        const inTransaction: SqlDatabase = {
          driver: 'pg',
          concurrentConnections: true,
          query: async <R>(sql: string, params?: readonly unknown[]) => ({
            rows: (await client.query(sql, params as unknown[] | undefined)).rows as R[],
          }),
          exec: async (sql) => void (await client.query(sql)),
          transaction: () => Promise.reject(new Error('already in a transaction')),
          listen: () => Promise.reject(new Error('not supported here')),
          close: () => tx.rollback(),
        };
        const result = await new PostgresEventStore(inTransaction).appendToStream(streamName, events, expected);
        return { ...tx, result };
      } catch (error) {
        await tx.rollback();
        throw error;
      }
    },
    async beginIdleTransaction() {
      const { client, tx } = await openTransaction();
      await client.query('select pg_current_xact_id()');
      return tx;
    },
  };
}

for (const backend of backends()) {
  if (backend.name === 'pglite') {
    eventStoreConformance({
      name: 'pglite',
      positions: POSITIONS,
      gaps: { supported: false, reason: 'PGlite has one connection, so no transaction can be held open beside an append' },
      async open() {
        const db = await backend.open();
        const store = await PostgresEventStore.open(db);
        return { store, dispose: () => store.close().then(() => db.close()) };
      },
    });
  } else if (backend.skipReason !== undefined) {
    eventStoreConformance({
      name: backend.name,
      positions: POSITIONS,
      gaps: { supported: false, reason: backend.skipReason },
      skipAll: backend.skipReason,
      open: () => Promise.reject(new Error(backend.skipReason)),
    });
  } else {
    eventStoreConformance({
      name: 'postgres',
      positions: POSITIONS,
      gaps: { supported: true },
      async open() {
        // Enough connections for the 20 concurrent writers to really run at once.
        const db = await serverDatabase({ maxConnections: 24 });
        const store = await PostgresEventStore.open(db);
        return { store, gaps: gapHarness(db.connectionString), dispose: () => store.close().then(() => db.close()) };
      },
    });
  }
}

for (const backend of backends()) {
  personalDataConformance({
    name: backend.name,
    skipAll: backend.skipReason,
    async open() {
      const db = await backend.open();
      const store = await PostgresEventStore.open(db);
      return { store, dispose: () => store.close().then(() => db.close()) };
    },
  });
}

/** Beyond the port: what only this adapter promises. */
describe('PostgresEventStore specifics [pglite]', () => {
  let db: SqlDatabase;
  let store: PostgresEventStore;
  beforeAll(async () => {
    db = await pgliteDatabase();
    store = await PostgresEventStore.open(db);
  });
  afterAll(async () => {
    await store.close();
    await db.close();
  });
  const event = (): NewEvent => ({ eventId: randomUUID(), type: 'T', data: {}, metadata: {} });

  it('refuses an event id already recorded in another stream (ids are unique store-wide)', async () => {
    const shared = event();
    await store.appendToStream('a-1', [shared], 'no_stream');
    await expect(store.appendToStream('b-1', [shared], 'no_stream')).rejects.toThrow(/already recorded in another stream/);
    expect(await store.readStream('b-1')).toEqual([]);
  });

  it('migrates idempotently and positions are fixed-width hex pairs', async () => {
    await store.migrate();
    const { position } = await store.appendToStream('c-1', [event()], 'no_stream');
    expect(position).toMatch(/^[0-9a-f]{16}-[0-9a-f]{16}$/);
  });

  it('the head is the newest event even after transaction ids gain a digit (numeric, not text, order)', async () => {
    const first = await store.appendToStream('d-1', [event()], 'no_stream');
    const xid = Number(decodePosition(first.position!)[0]);
    const nextPowerOfTen = 10 ** String(xid).length;
    // Burn transaction ids up to the next power of ten: text order would then put the older event last.
    for (let burned = xid; burned < nextPowerOfTen; burned++) await db.query('select pg_current_xact_id()');
    const second = await store.appendToStream('d-1', [event()], 0);
    expect(Number(decodePosition(second.position!)[0])).toBeGreaterThanOrEqual(nextPowerOfTen);
    expect(await store.headPosition()).toBe(second.position);
  });
});

/**
 * An append wakes this process's own live subscriptions in memory: not through its notification coming back over
 * LISTEN. Here LISTEN never delivers, and the idle wake-up is a minute away: only the in-memory wake-up can bring
 * the event within the test's ten seconds.
 */
describeEachBackend('PostgresEventStore wakes its own subscribers without LISTEN', (backend) => {
  let db: SqlDatabase;
  let deaf: SqlDatabase;
  let notifications: number;
  beforeAll(async () => {
    db = await backend.open();
    notifications = 0;
    deaf = Object.assign(Object.create(db) as SqlDatabase, {
      query: (sql: string, params?: readonly unknown[]) => {
        if (sql.includes('pg_notify(')) notifications++;
        return db.query(sql, params);
      },
      listen: async () => async () => undefined,
    });
    await PostgresEventStore.open(deaf);
  });
  afterAll(async () => db?.close());
  const event = (): NewEvent => ({ eventId: randomUUID(), type: 'T', data: {}, metadata: {} });

  /** The first event of `streamName` that a live subscription on `reader` is handed after `append` runs. */
  async function delivered(reader: PostgresEventStore, streamName: string, append: () => Promise<unknown>) {
    const stop = new AbortController();
    try {
      const slices = reader.subscribeToAll({ after: await reader.headPosition(), signal: stop.signal })[Symbol.asyncIterator]();
      // The subscription's first read (nothing new): once it has yielded or is waiting, it is live.
      const first = slices.next();
      await Promise.race([first, new Promise((resolve) => setTimeout(resolve, 200))]);
      await append();
      for (let slice = await first; !slice.done; slice = await slices.next()) {
        const found = slice.value.events.find((recorded) => recorded.streamName === streamName);
        if (found) return found;
      }
      return undefined;
    } finally {
      stop.abort();
    }
  }

  it('an append wakes a live subscription on the same store long before its idle wake-up', async () => {
    const store = new PostgresEventStore(deaf, { idleWakeUpIntervalMs: 60_000 });
    const found = await delivered(store, 'wake-1', () => store.appendToStream('wake-1', [event()], 'no_stream'));
    expect(found?.revision).toBe(0);
    await store.close();
  }, 10_000);

  it('and a live subscription of another store on the same database in this process', async () => {
    const reader = new PostgresEventStore(deaf, { idleWakeUpIntervalMs: 60_000 });
    const writer = new PostgresEventStore(deaf);
    const found = await delivered(reader, 'wake-2', () => writer.appendToStream('wake-2', [event()], 'no_stream'));
    expect(found?.revision).toBe(0);
    await Promise.all([reader.close(), writer.close()]);
  }, 10_000);

  it('appends within the wake-up delay are handed over together, in one slice', async () => {
    // A long delay, so that the three appends surely fall within it however slow the machine.
    const store = new PostgresEventStore(deaf, { idleWakeUpIntervalMs: 60_000, localWakeDelayMs: 1_000 });
    const stop = new AbortController();
    const slices = store.subscribeToAll({ after: await store.headPosition(), signal: stop.signal })[Symbol.asyncIterator]();
    const first = slices.next();
    await Promise.race([first, new Promise((resolve) => setTimeout(resolve, 200))]);
    for (const stream of ['together-1', 'together-2', 'together-3']) await store.appendToStream(stream, [event()], 'no_stream');
    let handed: string[] = [];
    for (let slice = await first; !slice.done; slice = await slices.next()) {
      handed = slice.value.events.map((recorded) => recorded.streamName).filter((name) => name.startsWith('together-'));
      if (handed.length > 0) break;
    }
    stop.abort();
    expect(handed).toEqual(['together-1', 'together-2', 'together-3']);
    await store.close();
  }, 10_000);

  it(`notifies other processes ${backend.name === 'pglite' ? 'never (no other process can open the database)' : 'after appends, throttled'}`, async () => {
    const store = new PostgresEventStore(deaf);
    notifications = 0;
    for (let index = 0; index < 5; index++) await store.appendToStream('notified-1', [event()], index - 1 < 0 ? 'no_stream' : index - 1);
    await store.close();
    if (backend.name === 'pglite') expect(notifications).toBe(0);
    else expect(notifications).toBeGreaterThanOrEqual(1);
  });
});
