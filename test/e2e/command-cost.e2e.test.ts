import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SqlClient, SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import { newId } from '../../src/shared/ids.js';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { describeEachBackend, type Backend } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';

/**
 * What one command costs at the database (issue 15): the statements of the command path, counted by kind
 * through a wrapper around the SQL seam. Projections and reactions run beside it and are counted apart
 * ('other'): their cost is theirs. The counts are deterministic, so they are asserted, not timed.
 */
const KINDS = [
  ['append', /es_append\(/],
  ['stream read', /from es_events\s+where stream_name = \$1/],
  ['notify', /pg_notify\(/],
  ['idempotency', /idempotency_keys/],
  ['session', /\bsessions\b/],
] as const;
type Kind = (typeof KINDS)[number][0] | 'other';

function counting(database: SqlDatabase) {
  const counts = new Map<Kind, number>();
  const count = (sql: string) => {
    const kind = KINDS.find(([, pattern]) => pattern.test(sql))?.[0] ?? 'other';
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  };
  const client = (inner: SqlClient): SqlClient => ({
    query: (sql, params) => {
      count(sql);
      return inner.query(sql, params);
    },
  });
  const wrapped: SqlDatabase = Object.assign(Object.create(database) as SqlDatabase, {
    query: (sql: string, params?: readonly unknown[]) => {
      count(sql);
      return database.query(sql, params);
    },
    transaction: <T>(work: (tx: SqlClient) => Promise<T>) => database.transaction((tx) => work(client(tx))),
  });
  return { database: wrapped, counts };
}

const HEADER = 'itemNumber;name;description;manufacturer;manufacturerRef;group;seriesId;salesUnitName;piecesPerSalesUnit;listPrice';
const CATALOGUE = [HEADER, ['CC-S1', 'Stomipose Lukket', '', 'Ordrefabrik', 'OF-CC-S1', 'Stomi > Poser', '', 'æske', '10', '100,00'].join(';')].join('\n');

describeEachBackend('What one command costs at the database (issue 15)', (backend) => {
  let t: TestApp;
  let counted: ReturnType<typeof counting>;
  let caseworker: string;
  let citizenId: string;
  let lineId: string;

  beforeAll(async () => {
    const measured: Backend = {
      ...backend,
      open: async () => {
        counted = counting(await backend.open());
        return counted.database;
      },
    };
    t = await startTestApp(measured);
    const admin = await t.login('admin');
    expect((await t.request('POST', '/api/v1/catalogue/imports', { token: admin, csv: CATALOGUE })).status).toBe(200);
    caseworker = await t.login('sagsbehandler.kbh');
    const created = await t.request('POST', '/api/v1/citizens', {
      token: caseworker,
      body: { cpr: fictitiousCpr('010261', '1', { checksum: 'valid' }), firstName: 'Ole', lastName: 'Omkostning', address: { street: 'Ordrevej 1', postalCode: '2300', city: 'København S' } },
    });
    expect(created.status).toBe(201);
    citizenId = created.body.citizenId;
    const added = await t.request('POST', `/api/v1/citizens/${citizenId}/grant/lines`, {
      token: caseworker,
      body: { itemNumber: 'CC-S1', grantArea: 'Stomi', kind: 'continuous', allowance: { grantedMax: 1000, periodMonths: 12, salesUnitsPerOrder: 1000 } },
    });
    expect(added.status).toBe(201);
    lineId = added.body.lineId;
  });
  afterAll(async () => t?.close());

  async function xactCommit(): Promise<number | undefined> {
    if (backend.name !== 'postgres') return undefined;
    const { rows } = await t.infra.database.query<{ n: string }>(`select pg_stat_get_db_xact_commit(oid)::text as n from pg_database where datname = current_database()`);
    return Number(rows[0]!.n);
  }

  /** The statements an operation makes, by kind; the second of two alike, so that caches are warm as in use. */
  async function cost(operation: () => Promise<void>) {
    await operation();
    // Server statistics reach pg_stat_database up to a second after the transaction.
    await sleep(backend.name === 'postgres' ? 1500 : 300);
    const commits = await xactCommit();
    counted.counts.clear();
    await operation();
    const result: Record<string, number> = Object.fromEntries(counted.counts);
    result['commandPath'] = [...counted.counts].filter(([kind]) => kind !== 'other').reduce((sum, [, n]) => sum + n, 0);
    // Durable commits on the server (pg_stat_database; the reading itself is one), projections included.
    if (commits !== undefined) {
      await sleep(1500);
      result['xactCommit'] = (await xactCommit())! - commits - 1;
    }
    return result;
  }

  it('placing an order reads only the citizen (for access), and appends three times', async () => {
    const counts = await cost(async () => {
      const placed = await t.request('POST', `/api/v1/citizens/${citizenId}/orders`, {
        token: caseworker,
        headers: { 'idempotency-key': newId() },
        body: { lines: [{ lineId, salesUnits: 1 }] },
      });
      expect(placed.status).toBe(201);
    });
    process.stdout.write(`[${backend.name}] POST /citizens/:id/orders: ${JSON.stringify(counts)}\n`);
    // Grant, order number, order.
    expect(counts['append']).toBe(3);
    // The citizen's tail (for access). The grant is decided on its cached state, and the order number and the
    // order are created without a read: each append's expected revision is the check.
    expect(counts['stream read']).toBe(1);
    // This process's subscribers are woken in memory; on PGlite no other process can be listening (on a server,
    // other instances are notified, at most once per interval however many appends).
    if (backend.name === 'pglite') expect(counts['notify'] ?? 0).toBe(0);
  });

  it('eight orders at once on one citizen wait in line in the process: no append is tried twice', async () => {
    counted.counts.clear();
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.request('POST', `/api/v1/citizens/${citizenId}/orders`, { token: caseworker, headers: { 'idempotency-key': newId() }, body: { lines: [{ lineId, salesUnits: 1 }] } }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 8 }, () => 201));
    // Each order appends to its grant, its order number and its order once: a conflict on the grant would retry.
    expect(counted.counts.get('append')).toBe(24);
  });

  it('changing a citizen\'s phone reads the citizen once and appends once', async () => {
    let phone = 10_000_000;
    const counts = await cost(async () => {
      phone++;
      const changed = await t.request('PATCH', `/api/v1/citizens/${citizenId}`, { token: caseworker, headers: { 'idempotency-key': newId() }, body: { phone: String(phone) } });
      expect(changed.status).toBe(200);
    });
    process.stdout.write(`[${backend.name}] PATCH /citizens/:id: ${JSON.stringify(counts)}\n`);
    expect(counts['append']).toBe(1);
    expect(counts['stream read']).toBe(1);
  });
});
