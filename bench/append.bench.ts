/**
 * Append and $all read throughput of the PostgreSQL event store, beside raw baselines measured in the same
 * run on the same database:
 *   - raw single-row   BEGIN; INSERT (1 row); COMMIT      — against which 1-event appends are judged
 *   - raw batched      BEGIN; INSERT (10 rows); COMMIT    — against which 10-event appends are judged
 * into a plain table of the event table's shape (same columns, same three indexes), through the same
 * SqlDatabase seam (pool / PGlite) as the store.
 *
 *   npx tsx bench/append.bench.ts                 PGlite (in memory)
 *   DATABASE_URL=postgres://… npx tsx bench/…      also the server, in a scratch database created and dropped here
 *   BENCH_SECONDS=3                                 measuring time per case (default 3; plus 0.5 s warm-up)
 *
 * Each append case and its raw baseline run in alternating slices, so background load hits both alike.
 */
import { randomUUID } from 'node:crypto';
import { PostgresEventStore } from '../src/infrastructure/event-store/postgres/postgres-event-store.js';
import type { NewEvent, Position } from '../src/kernel/event-store.port.js';
import type { SqlDatabase } from '../src/infrastructure/sql/sql-database.js';
import { openPgliteDatabase } from '../src/infrastructure/sql/pglite-database.js';
import { withScratchDatabase } from './scratch-database.js';

const MEASURE_MS = Number(process.env.BENCH_SECONDS ?? 3) * 1000;
const WARMUP_MS = 500;
const TARGETS = { single: 1.1, batched: 0.8 };

/** ~300 bytes of JSON, like a domain event with its metadata. */
function newEvent(): NewEvent {
  return {
    eventId: randomUUID(),
    type: 'OrderLineAdded',
    data: { orderId: randomUUID(), itemNumber: '123456', quantity: 3, unit: 'stk', note: 'Leveres til døren' },
    metadata: {
      commandId: randomUUID(),
      correlationId: randomUUID(),
      actor: { userId: 'u-42', role: 'orderer', municipalityId: '0101' },
      occurredAt: new Date().toISOString(),
      schemaVersion: 1,
    },
  };
}

const RAW_DDL = `
drop table if exists bench_raw;
create table bench_raw (
  seq bigserial primary key, stream_name text not null, revision bigint not null, event_id uuid not null unique,
  type text not null, data jsonb not null, metadata jsonb not null, recorded_at timestamptz not null default clock_timestamp(),
  unique (stream_name, revision)
);`;

interface Measurement {
  readonly ops: number;
  readonly events: number;
  readonly seconds: number;
}

const add = (a: Measurement, b: Measurement): Measurement => ({ ops: a.ops + b.ops, events: a.events + b.events, seconds: a.seconds + b.seconds });
const ZERO: Measurement = { ops: 0, events: 0, seconds: 0 };

/** Runs `workers` concurrent loops of `op` for `ms` and counts the completed ops. */
async function run(workers: number, eventsPerOp: number, ms: number, op: (worker: number) => Promise<void>): Promise<Measurement> {
  let ops = 0;
  const started = Date.now();
  const ends = started + ms;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (Date.now() < ends) {
        await op(worker);
        ops++;
      }
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  return { ops, events: ops * eventsPerOp, seconds };
}

/**
 * Measures two operations against each other in alternating slices (A B B A A B …), so that a change in
 * the machine's background load during the run weighs on both alike.
 */
async function compare(
  workers: number,
  eventsPerOp: number,
  a: (worker: number) => Promise<void>,
  b: (worker: number) => Promise<void>,
): Promise<[Measurement, Measurement]> {
  await run(workers, eventsPerOp, WARMUP_MS, a);
  await run(workers, eventsPerOp, WARMUP_MS, b);
  const slices = 6;
  const sliceMs = MEASURE_MS / (slices / 2);
  let ma = ZERO;
  let mb = ZERO;
  for (let i = 0; i < slices; i++) {
    const aFirst = i % 2 === 0;
    if (aFirst) ma = add(ma, await run(workers, eventsPerOp, sliceMs / 2, a));
    mb = add(mb, await run(workers, eventsPerOp, sliceMs / 2, b));
    if (!aFirst) ma = add(ma, await run(workers, eventsPerOp, sliceMs / 2, a));
  }
  return [ma, mb];
}

/** Each writer appends to its own streams with exact expected revisions, moving to a new stream every 50 appends. */
function appender(store: PostgresEventStore, eventsPerAppend: number) {
  const run = randomUUID().slice(0, 8);
  const state = new Map<number, { stream: string; revision: number; appends: number }>();
  return async (worker: number) => {
    let s = state.get(worker);
    if (!s || s.appends >= 50) {
      s = { stream: `bench-${run}${worker}${randomUUID().slice(0, 8)}`, revision: -1, appends: 0 };
      state.set(worker, s);
    }
    const events = Array.from({ length: eventsPerAppend }, newEvent);
    const result = await store.appendToStream(s.stream, events, s.revision < 0 ? 'no_stream' : s.revision);
    s.revision = result.nextExpectedRevision;
    s.appends++;
  };
}

function rawInserter(db: SqlDatabase, rows: number) {
  const run = randomUUID().slice(0, 8);
  const revisions = new Map<number, number>();
  const values = Array.from({ length: rows }, (_, i) => `($1, $${i * 4 + 2}, $${i * 4 + 3}, 'OrderLineAdded', $${i * 4 + 4}, $${i * 4 + 5})`);
  const sql = `insert into bench_raw (stream_name, revision, event_id, type, data, metadata) values ${values.join(', ')}`;
  return async (worker: number) => {
    const revision = revisions.get(worker) ?? 0;
    revisions.set(worker, revision + rows);
    const params: unknown[] = [`raw-${run}-${worker}`];
    for (let i = 0; i < rows; i++) {
      const e = newEvent();
      params.push(revision + i, e.eventId, JSON.stringify(e.data), JSON.stringify(e.metadata));
    }
    await db.transaction((tx) => tx.query(sql, params));
  };
}

async function measureReadAll(store: PostgresEventStore): Promise<Measurement> {
  const started = Date.now();
  let events = 0;
  let after: Position | undefined;
  for (;;) {
    const slice = await store.readAll({ after, maxCount: 1000 });
    events += slice.events.length;
    after = slice.next;
    if (slice.isEnd || Date.now() - started > MEASURE_MS) break;
  }
  return { ops: events / 1000, events, seconds: (Date.now() - started) / 1000 };
}

interface Row {
  readonly backend: string;
  readonly what: string;
  readonly writers: number;
  readonly perOp: number;
  readonly m: Measurement;
  readonly baseline?: { readonly name: string; readonly m: Measurement; readonly target: number };
}

async function benchBackend(backend: string, db: SqlDatabase): Promise<Row[]> {
  const store = await PostgresEventStore.open(db);
  await db.exec(RAW_DDL);
  const rows: Row[] = [];
  const say = (what: string) => process.stderr.write(`  ${backend}: ${what}\n`);
  for (const writers of [1, 8]) {
    say(`1 event per transaction, ${writers} connection(s)`);
    const [rawSingle, single] = await compare(writers, 1, rawInserter(db, 1), appender(store, 1));
    say(`10 events per transaction, ${writers} connection(s)`);
    const [rawBatch, batch] = await compare(writers, 10, rawInserter(db, 10), appender(store, 10));
    rows.push(
      { backend, what: 'raw BEGIN; INSERT 1 row; COMMIT', writers, perOp: 1, m: rawSingle },
      { backend, what: 'append, 1 event', writers, perOp: 1, m: single, baseline: { name: 'raw 1 row', m: rawSingle, target: TARGETS.single } },
      { backend, what: 'raw BEGIN; INSERT 10 rows; COMMIT', writers, perOp: 10, m: rawBatch },
      { backend, what: 'append, 10 events', writers, perOp: 10, m: batch, baseline: { name: 'raw 10 rows', m: rawBatch, target: TARGETS.batched } },
    );
  }
  say('read $all in pages of 1000');
  rows.push({ backend, what: 'read $all, pages of 1000', writers: 1, perOp: 1000, m: await measureReadAll(store) });
  await store.close();
  return rows;
}

function printTable(rows: readonly Row[]): void {
  const rate = (m: Measurement, n: number) => Math.round(n / m.seconds);
  const header = ['backend', 'case', 'conns', 'tx/s', 'events/s', 'vs', 'ratio', 'target', 'met'];
  const lines = rows.map((r) => {
    const ratio = r.baseline ? rate(r.m, r.m.ops) / rate(r.baseline.m, r.baseline.m.ops) : undefined;
    return [
      r.backend,
      r.what,
      String(r.writers),
      r.what.startsWith('read') ? '' : String(rate(r.m, r.m.ops)),
      String(rate(r.m, r.m.events)),
      r.baseline?.name ?? '',
      ratio === undefined ? '' : `${ratio.toFixed(2)}x`,
      r.baseline ? `>= ${r.baseline.target}x` : '',
      ratio === undefined || !r.baseline ? '' : ratio >= r.baseline.target ? 'yes' : 'NO',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const format = (cells: string[]) => cells.map((c, i) => (i >= 2 && i <= 6 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ');
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
  console.log(`\n(${MEASURE_MS / 1000} s per case, interleaved with its baseline, after ${WARMUP_MS} ms warm-up; tx/s = appends or raw transactions per second;` +
    ` ratio = append tx/s / raw tx/s; the raw table has the event table's columns and indexes)`);
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  const pglite = await openPgliteDatabase();
  try {
    rows.push(...(await benchBackend('pglite', pglite)));
  } finally {
    await pglite.close();
  }
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) rows.push(...(await withScratchDatabase(serverUrl, 'bench', (db) => benchBackend('postgres', db))));
  else process.stderr.write('DATABASE_URL not set: server skipped\n');
  printTable(rows);
}

await main();
