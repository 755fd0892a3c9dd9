import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { decodePosition, PostgresEventStore } from '../../src/infrastructure/event-store/postgres/postgres-event-store.js';
import type { ExpectedRevision, NewEvent } from '../../src/kernel/event-store.port.js';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import { backends, pgliteDatabase, serverDatabase } from '../support/databases.js';
import { eventStoreConformance, type GapHarness, type OpenTransaction } from './conformance.js';

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
      gaps: { supported: false, reason: backend.skipReason },
      skipAll: backend.skipReason,
      open: () => Promise.reject(new Error(backend.skipReason)),
    });
  } else {
    eventStoreConformance({
      name: 'postgres',
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
