/**
 * National scale (issue 16): a generated history of N citizens in the PostgreSQL event store, then what
 * production would live through on it.
 *
 *   npm run bench:scale -- --citizens 100000           DATABASE_URL=postgres://… (a server: PGlite is not measured here)
 *     --seed 1            the generator's seed (the same seed, the same history)
 *     --years 5           how far back the histories reach
 *     --database NAME     keep the database under this name; a second run on it skips the generation
 *     --iterations 200    measured queries per kind (after 10 warm-up)
 *     --burst 10000       citizens of the burst the live projections catch up with (0: no burst)
 *     --rebuild each      each read model alone, then all together; `together`: all together only, as a deployment
 *                         that bumps every version; `none`: no rebuild, on a kept database whose read models an
 *                         earlier run built
 *     --generate-only     generate and load, then stop: a later run on the kept database does the rest (at a
 *                         million citizens generation takes most of an hour, and so do the rebuilds)
 *     --explain           also print EXPLAIN (ANALYZE, BUFFERS) of every read-model query each kind makes
 *
 * Steps, in order:
 *   1. generate and load: the history decided by the real deciders (bench/scale/history.ts), written a batch per
 *      transaction (bench/scale/load-history.ts); then VACUUM ANALYZE, as autovacuum would shortly;
 *   2. a blue-green rebuild of each read model alone, then of all of them at once (as a deployment that bumps every
 *      version), with the process's peak RSS; the first of these builds a read model that was never there;
 *   3. latencies through the service's own query handlers (a caseworker of the largest municipality; customer
 *      service for a search across municipalities): citizen search by the guide's criteria, the grant overview,
 *      the order history of the citizen with the most orders, and that citizen's grant as of a past instant;
 *   4. a burst of more citizens: half of it written while the projection runtime runs (how far behind the writer
 *      it ends), half while it is stopped (how fast it catches up once started again).
 */
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import pg from 'pg';
import { allProjections, decodeEvent } from '../src/composition/projections.js';
import { createEventRegistry } from '../src/composition/event-registry.js';
import { SearchCitizens, type CitizenSearchCriteria } from '../src/citizens/citizen.queries.js';
import { GetGrant, GetGrantAsOf } from '../src/grants/grant.queries.js';
import { GetCitizenOrders } from '../src/orders/order.queries.js';
import { PostgresEventStore } from '../src/infrastructure/event-store/postgres/postgres-event-store.js';
import { EVENTS_CHANNEL } from '../src/infrastructure/event-store/postgres/schema.js';
import type { AnyProjection } from '../src/infrastructure/projections/apply-batch.js';
import { ProjectionRuntime } from '../src/infrastructure/projections/projection-runtime.js';
import { rebuildReadModel } from '../src/infrastructure/projections/rebuild-read-model.js';
import { PostgresProjectionStorage } from '../src/infrastructure/read-model-store/postgres/postgres-projection-storage.js';
import { PostgresReadModelStore } from '../src/infrastructure/read-model-store/postgres/postgres-read-model-store.js';
import { pageQuery } from '../src/infrastructure/read-model-store/postgres/find-query.js';
import { liveTables } from '../src/infrastructure/read-model-store/postgres/read-model-registry.js';
import { quoted } from '../src/infrastructure/read-model-store/postgres/read-model-schema.js';
import { openPgDatabase } from '../src/infrastructure/sql/pg-database.js';
import type { SqlDatabase } from '../src/infrastructure/sql/sql-database.js';
import { StreamReader } from '../src/kernel/stream-reader.js';
import type { Principal } from '../src/kernel/principal.js';
import { copenhagenDate } from '../src/shared/time.js';
import type { CitizenDocument } from '../read-models/citizens/citizens.read-model.js';
import { SearchCitizensHandler } from '../read-models/citizen-search/citizen-search.query-handler.js';
import { GetGrantAsOfHandler } from '../read-models/grants/grant-as-of-query-handler.js';
import { GetGrantHandler } from '../read-models/grants/grant-query-handlers.js';
import { GetCitizenOrdersHandler } from '../read-models/orders/order-query-handlers.js';
import { RecordingStore } from './recording-store.js';
import { describeMachine, percentile, printTable } from './report.js';
import { generateHistory, newHistoryStats, type GeneratedEvent, type HistoryStats } from './scale/history.js';
import { insertGeneratedEvents, lastWrittenPosition } from './scale/load-history.js';

const { values: args } = parseArgs({
  options: {
    citizens: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '1' },
    years: { type: 'string', default: '5' },
    database: { type: 'string' },
    iterations: { type: 'string', default: '200' },
    burst: { type: 'string', default: '10000' },
    rebuild: { type: 'string', default: 'each' },
    'generate-only': { type: 'boolean', default: false },
    explain: { type: 'boolean', default: false },
  },
});
const CITIZENS = Number(args.citizens);
const SEED = Number(args.seed);
const YEARS = Number(args.years);
const ITERATIONS = Number(args.iterations);
const BURST_CITIZENS = Number(args.burst);
/** Citizens generated and written per transaction; the sizes are whole batches, so the burst starts on one. */
const BATCH_CITIZENS = 200;
if (CITIZENS % BATCH_CITIZENS !== 0 || BURST_CITIZENS % (2 * BATCH_CITIZENS) !== 0) {
  process.stderr.write(`--citizens must be a multiple of ${BATCH_CITIZENS}, --burst of ${2 * BATCH_CITIZENS}\n`);
  process.exit(2);
}
const REBUILD = args.rebuild;
if (REBUILD !== 'each' && REBUILD !== 'together' && REBUILD !== 'none') {
  process.stderr.write('--rebuild is each, together or none\n');
  process.exit(2);
}
const WARMUP = 10;
/** Batches written at once: one PostgreSQL backend parsing and indexing a batch was what held the load back. */
const WRITERS = 2;
/** The history ends here for every run of one seed, so that two runs generate the same events. */
const NOW = new Date('2026-12-01T09:00:00Z');
/** The municipality whose caseworker searches: the largest, so the longest lists. */
const MUNICIPALITY = '101';

const serverUrl = process.env.DATABASE_URL;
if (!serverUrl?.startsWith('postgres')) {
  process.stderr.write('bench:scale measures the PostgreSQL server: set DATABASE_URL=postgres://… (a database is created in it)\n');
  process.exit(2);
}

const say = (text: string) => process.stderr.write(`${text}\n`);
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);
/** Progress bars also when stderr is a file: a line every 15 s (a long run is often watched through its log). */
const LOG_FRIENDLY = { noTTYOutput: true, notTTYSchedule: 15_000 };
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** The process's peak RSS while `work` runs, sampled every 100 ms. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakRss: number }> {
  let peakRss = process.memoryUsage().rss;
  const timer = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
  try {
    const result = await work();
    return { result, peakRss: Math.max(peakRss, process.memoryUsage().rss) };
  } finally {
    clearInterval(timer);
  }
}

interface StepRow {
  readonly step: string;
  readonly events: number;
  readonly seconds: number;
  readonly peakRss: number;
  readonly note: string;
}
const steps: StepRow[] = [];

// --- the database ----------------------------------------------------------------------------------------

async function openDatabase(): Promise<{ db: SqlDatabase; url: string; drop: () => Promise<void> }> {
  const name = args.database ?? `bench_scale_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (!rowCount) await admin.query(`create database ${quoted(name)}`);
  await admin.end();
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  const db = await openPgDatabase({ connectionString: url.toString(), maxConnections: 20 });
  const drop = async () => {
    if (args.database) return;
    const dropper = new pg.Client({ connectionString: serverUrl });
    await dropper.connect();
    await dropper.query(`drop database if exists ${quoted(name)} with (force)`);
    await dropper.end();
  };
  return { db, url: url.toString(), drop };
}

const countEvents = async (db: SqlDatabase) => Number((await db.query<{ n: string }>('select count(*)::text as n from es_events')).rows[0]!.n);

// --- 1. generate and load --------------------------------------------------------------------------------

type History = Iterator<GeneratedEvent[]>;

/**
 * Writes the history's batches a transaction each until `citizens` citizens are written; returns the events
 * written. The generator stays where it stopped: the burst goes on from there, so that its order numbers are
 * drawn against every number taken before (a second generator would not know them).
 */
async function load(db: SqlDatabase, history: History, stats: HistoryStats, citizens: number, afterBatch?: () => Promise<void>): Promise<number> {
  const bar = new cliProgress.SingleBar(
    { format: '  generate + load |{bar}| {value}/{total} citizens | {events} events | {rate} events/s | ETA {eta_formatted}', etaBuffer: 50, ...LOG_FRIENDLY },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  const from = stats.citizens;
  let events = 0;
  bar.start(citizens - from, 0, { events: 0, rate: 0 });
  // Batches are generated while earlier ones are written, WRITERS at a time: a batch's streams are its citizens'
  // alone, so batches in concurrent transactions keep every stream in revision order (the setup goes in first).
  const writing = new Set<Promise<void>>();
  while (stats.citizens < citizens) {
    const next = history.next();
    if (next.done) break;
    while (writing.size >= WRITERS) await Promise.race(writing);
    events += next.value.length;
    const written = insertGeneratedEvents(db, next.value).then(() => afterBatch?.());
    writing.add(written);
    written.then(() => writing.delete(written), () => writing.delete(written));
    if (stats.citizens === 0) await written;
    bar.update(stats.citizens - from, { events: fmt(events), rate: fmt(events / ((performance.now() - started) / 1000)) });
  }
  await Promise.all(writing);
  bar.stop();
  return events;
}

async function generateAndLoad(db: SqlDatabase, history: History, stats: HistoryStats): Promise<number> {
  const existing = await countEvents(db);
  if (existing > 0) {
    say(`  the database holds ${fmt(existing)} events already: generation and the burst skipped`);
    return existing;
  }
  const started = performance.now();
  const { result: events, peakRss } = await withPeakRss(() => load(db, history, stats, CITIZENS));
  const refusals = Object.entries(stats.refusals).map(([code, n]) => `${code} ${n}`).join(', ') || 'none';
  steps.push({ step: 'generate + load', events, seconds: (performance.now() - started) / 1000, peakRss, note: `${fmt(CITIZENS)} citizens, seed ${SEED}; refused and redrawn: ${refusals}` });
  const vacuumStarted = performance.now();
  await db.exec('vacuum analyze es_events');
  steps.push({ step: 'vacuum analyze es_events', events, seconds: (performance.now() - vacuumStarted) / 1000, peakRss: process.memoryUsage().rss, note: '' });
  return events;
}

async function sizes(db: SqlDatabase, events: number): Promise<string> {
  const { rows } = await db.query<{ database: string; log: string }>(
    `select pg_database_size(current_database())::text as database, pg_total_relation_size('es_events')::text as log`,
  );
  const database = Number(rows[0]!.database);
  const log = Number(rows[0]!.log);
  return `database ${mb(database)} MB (${mb(database / (events / 1e6))} MB per million events); es_events with indexes ${mb(log)} MB (${mb(log / (events / 1e6))} MB per million)`;
}

// --- 2. rebuilds -----------------------------------------------------------------------------------------

async function rebuild(db: SqlDatabase, eventStore: PostgresEventStore, projections: readonly AnyProjection[], label: string, logEvents: number): Promise<void> {
  const storage = new PostgresProjectionStorage(db);
  await storage.migrate();
  const controller = new AbortController();
  const processed = new Map<string, number>();
  const bars = new cliProgress.MultiBar({ format: '  {name} |{bar}| {value} events', hideCursor: true, ...LOG_FRIENDLY }, cliProgress.Presets.shades_classic);
  const started = performance.now();
  const { result: exits, peakRss } = await withPeakRss(() =>
    Promise.all(
      projections.map((projection) => {
        const bar = bars.create(logEvents, 0, { name: projection.readModel.name.padEnd(14) });
        return rebuildReadModel({
          projection,
          eventStore,
          storage,
          decode: decodeEvent,
          signal: controller.signal,
          onProgress: (status) => {
            processed.set(projection.readModel.name, status.processed);
            bar.update(status.processed);
          },
          progressIntervalMs: 500,
        });
      }),
    ),
  );
  bars.stop();
  const seconds = (performance.now() - started) / 1000;
  if (exits.some((exit) => exit !== 'swapped')) throw new Error(`rebuild ${label}: ${exits.join(', ')}`);
  const handled = [...processed.values()].reduce((sum, n) => sum + n, 0);
  const rows = await Promise.all(projections.map(async (p) => `${p.readModel.name} ${fmt(await documentCount(db, p.readModel.name))}`));
  steps.push({
    step: `rebuild ${label}`,
    events: handled,
    seconds,
    peakRss,
    note: `${fmt(logEvents / seconds)} log events/s; documents: ${rows.join(', ')}`,
  });
}

async function liveTable(db: SqlDatabase, readModel: string): Promise<string> {
  const [live] = await liveTables(db, [readModel]);
  if (!live) throw new Error(`no live table for ${readModel}`);
  return live.table;
}

const documentCount = async (db: SqlDatabase, readModel: string) =>
  Number((await db.query<{ n: string }>(`select count(*)::text as n from ${quoted(await liveTable(db, readModel))}`)).rows[0]!.n);

// --- 3. latencies ----------------------------------------------------------------------------------------

interface LatencyKind {
  readonly kind: string;
  /** One measured call, with the number of matches it answered (or -1 when the answer has no count). */
  readonly run: (i: number) => Promise<number>;
}

interface LatencyRow {
  readonly kind: string;
  readonly matches: string;
  readonly samples: number[];
}

const STAFF: Omit<Principal, 'role' | 'municipalityId' | 'grantAreas'> = {
  userId: 'bench-user',
  name: 'Bench',
  username: 'bench',
  sessionTokenHash: '',
  mustChangePassword: false,
};

async function latencies(db: SqlDatabase, eventStore: PostgresEventStore): Promise<LatencyRow[]> {
  const store = new RecordingStore(new PostgresReadModelStore(db));
  for (const readModel of ['citizens', 'grants', 'orders', 'products']) await db.exec(`analyze ${quoted(await liveTable(db, readModel))}`);
  const citizensTable = await liveTable(db, 'citizens');
  // Search terms from real documents of the municipality: a sample, so that every measured query finds something.
  const { rows: sample } = await db.query<{ doc: CitizenDocument }>(
    `select doc from ${quoted(citizensTable)} where doc->>'municipalityId' = $1 and doc->>'status' = 'ACTIVE' and jsonb_array_length(doc->'activeItemNumbers') > 0 order by md5(id) limit 500`,
    [MUNICIPALITY],
  );
  if (sample.length === 0) throw new Error(`no active citizen with a grant in municipality ${MUNICIPALITY}`);
  const grantAreas = [...new Set(sample.flatMap(({ doc }) => doc.grantAreas))].sort();
  const caseworker: Principal = { ...STAFF, role: 'caseworker', municipalityId: MUNICIPALITY, grantAreas };
  const customerService: Principal = { ...STAFF, role: 'customer_service', municipalityId: null, grantAreas: [] };
  const today = copenhagenDate(NOW);
  const pick = (i: number) => sample[i % sample.length]!.doc;
  const part = (text: string) => text.slice(0, Math.max(3, Math.ceil(text.length * 0.6)));
  const streetName = (street: string) => street.replace(/\s*\d.*$/, '');

  const search = new SearchCitizensHandler(store);
  const find = (principal: Principal, criteria: Partial<CitizenSearchCriteria>) =>
    search.execute(new SearchCitizens(principal, { status: 'ACTIVE', sort: 'name', page: 1, pageSize: 25, ...criteria }, today)).then((r) => r.total);

  // The citizen with the most orders: a five-year history.
  const ordersTable = await liveTable(db, 'orders');
  const { rows: busiest } = await db.query<{ citizen_id: string; orders: string; first: string; last: string }>(
    `select doc->>'citizenId' as citizen_id, count(*)::text as orders, min(doc->>'orderDate') as first, max(doc->>'orderDate') as last
       from ${quoted(ordersTable)} group by 1 order by count(*) desc, 1 limit 1`,
  );
  const longest = busiest[0];
  if (!longest) throw new Error('no orders');
  const longestDoc = await store.get<CitizenDocument>('citizens', longest.citizen_id);
  const owner: Principal = { ...STAFF, role: 'caseworker', municipalityId: longestDoc!.municipalityId, grantAreas };
  say(`  the longest history: ${longest.orders} orders from ${longest.first} to ${longest.last}`);
  const { rows: productWords } = await db.query<{ word: string }>(
    `select split_part(doc->>'searchText', ' ', 3) as word from ${quoted(ordersTable)} where doc->>'citizenId' = $1 limit 1`,
    [longest.citizen_id],
  );
  const historyWord = productWords[0]?.word || 'pose';
  const grant = new GetGrantHandler(store);
  const history = new GetCitizenOrdersHandler(store);
  const asOf = new GetGrantAsOfHandler(eventStore, new StreamReader(eventStore, createEventRegistry()), store);
  const yearsAgo = (years: number, i: number) => new Date(NOW.getTime() - years * 365 * 86_400_000 + (i % 50) * 86_400_000);
  const lastYear = { from: copenhagenDate(yearsAgo(1, 0)), to: today };
  const orderRows = (r: { total: number } | null) => r?.total ?? -1;

  const kinds: LatencyKind[] = [
    { kind: 'search: CPR prefix (birth date)', run: (i) => find(caseworker, { cpr: pick(i).cpr.slice(0, 6) }) },
    { kind: 'search: whole CPR', run: (i) => find(caseworker, { cpr: pick(i).cpr }) },
    { kind: 'search: name part', run: (i) => find(caseworker, { name: part(pick(i).lastName) }) },
    { kind: 'search: address part', run: (i) => find(caseworker, { address: part(streetName(pick(i).address.street)) }) },
    { kind: 'search: city', run: (i) => find(caseworker, { city: pick(i).address.city }) },
    { kind: 'search: postal code', run: (i) => find(caseworker, { postalCode: pick(i).address.postalCode }) },
    { kind: 'search: grant area + status', run: (i) => find(caseworker, { grantArea: grantAreas[i % grantAreas.length]! }) },
    { kind: 'search: item number', run: (i) => find(caseworker, { itemNumber: pick(i).activeItemNumbers[0]! }) },
    { kind: 'search: name part + postal code', run: (i) => find(caseworker, { name: part(pick(i).firstName), postalCode: pick(i).address.postalCode }) },
    { kind: 'search: grant area + name part', run: (i) => find(caseworker, { grantArea: pick(i).grantAreas[0]!, name: part(pick(i).lastName) }) },
    { kind: 'search: name part, all municipalities', run: (i) => find(customerService, { name: part(pick(i).lastName) }) },
    { kind: 'grant overview', run: (i) => grant.execute(new GetGrant(caseworker, pick(i).citizenId, false, today)).then((r) => r?.areas.length ?? -1) },
    {
      kind: 'order history: longest, newest page',
      run: () => history.execute(new GetCitizenOrders(owner, longest.citizen_id, { from: longest.first, to: longest.last, sort: '-orderDate', page: 1, pageSize: 25 })).then(orderRows),
    },
    { kind: 'order history: longest, last year', run: () => history.execute(new GetCitizenOrders(owner, longest.citizen_id, { ...lastYear, sort: '-orderDate', page: 1, pageSize: 25 })).then(orderRows) },
    {
      kind: 'order history: longest, text',
      run: () => history.execute(new GetCitizenOrders(owner, longest.citizen_id, { from: longest.first, to: longest.last, q: historyWord, sort: '-orderDate', page: 1, pageSize: 25 })).then(orderRows),
    },
    { kind: 'grant as of 2 years ago: longest', run: (i) => asOf.execute(new GetGrantAsOf(owner, longest.citizen_id, false, yearsAgo(2, i))).then((r) => r?.areas.length ?? -1) },
  ];

  const rows: LatencyRow[] = kinds.map(({ kind }) => ({ kind, matches: '', samples: [] }));
  const matches = kinds.map(() => [] as number[]);
  // Interleaved, one of each kind in turn, so that background work (autovacuum, the OS) hits all alike.
  for (let i = 0; i < WARMUP + ITERATIONS; i++) {
    for (const [k, { run }] of kinds.entries()) {
      const started = performance.now();
      const found = await run(i);
      const elapsed = performance.now() - started;
      if (i >= WARMUP) {
        rows[k]!.samples.push(elapsed);
        matches[k]!.push(found);
      }
    }
  }
  if (args.explain) {
    for (const { kind, run } of kinds) {
      store.finds = [];
      await run(0);
      for (const { readModel, query } of store.finds) {
        const sql = pageQuery(quoted(await liveTable(db, readModel)), query);
        const { rows: plan } = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql.sql}`, sql.params);
        console.log(`\n--- ${kind} (${readModel})\n${sql.sql}\n${JSON.stringify(sql.params)}\n${plan.map((row) => row['QUERY PLAN']).join('\n')}`);
      }
    }
  }
  return rows.map((row, k) => {
    const sorted = [...matches[k]!].sort((a, b) => a - b);
    return { ...row, matches: sorted[0] === -1 ? '-' : `${fmt(percentile(sorted, 50))} (${fmt(sorted[0]!)}–${fmt(sorted.at(-1)!)})`, samples: row.samples.sort((a, b) => a - b) };
  });
}

// --- 4. a burst behind the live projections --------------------------------------------------------------

async function burst(db: SqlDatabase, url: string, eventStore: PostgresEventStore, history: History, stats: HistoryStats): Promise<void> {
  if (BURST_CITIZENS <= 0 || stats.citizens !== CITIZENS) return;
  const runtime = new ProjectionRuntime({ projections: allProjections, eventStore, storage: new PostgresProjectionStorage(db), decode: decodeEvent });
  const names = allProjections.map((p) => p.readModel.name);
  const caughtUp = async (when: string) => {
    const head = await lastWrittenPosition(db);
    if (head && !(await runtime.waitForPosition(names, head, 30 * 60_000))) throw new Error(`the projections did not catch up ${when}`);
  };
  // Another writer (its own connections), as another instance would be: its notifications wake the runtime.
  const writer = await openPgDatabase({ connectionString: url, maxConnections: 2 });
  const notify = async () => void (await writer.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, 'bench-writer']));
  const half = BURST_CITIZENS / 2;
  await runtime.start();
  try {
    await caughtUp('before the burst');
    // The first half is written while the runtime projects: how far behind the writer it ends.
    let started = performance.now();
    const live = await withPeakRss(async () => {
      const events = await load(writer, history, stats, CITIZENS + half, notify);
      const written = (performance.now() - started) / 1000;
      await caughtUp('with the burst');
      return { events, written };
    });
    const { events, written } = live.result;
    const liveSeconds = (performance.now() - started) / 1000;
    steps.push({
      step: 'burst, projected as written',
      events,
      seconds: liveSeconds,
      peakRss: live.peakRss,
      note: `${fmt(half)} citizens written at ${fmt(events / written)} events/s; every read model caught up ${(liveSeconds - written).toFixed(1)} s after the last write`,
    });
    // The second half is written while the runtime is stopped: how fast it catches up once it starts again.
    await runtime.stop();
    const behind = await load(writer, history, stats, CITIZENS + BURST_CITIZENS, notify);
    started = performance.now();
    const { peakRss } = await withPeakRss(async () => {
      await runtime.start();
      await caughtUp('behind the burst');
    });
    steps.push({ step: 'live catch-up behind a burst', events: behind, seconds: (performance.now() - started) / 1000, peakRss, note: `${fmt(half)} citizens written while the runtime was stopped` });
  } finally {
    await runtime.stop();
    await writer.close();
  }
}

// --- the run ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const { db, url, drop } = await openDatabase();
  const eventStore = await PostgresEventStore.open(db);
  try {
    say(`bench:scale: ${fmt(CITIZENS)} citizens, seed ${SEED}, ${YEARS} years`);
    const stats = newHistoryStats();
    const history = generateHistory({ citizens: CITIZENS + BURST_CITIZENS, seed: SEED, now: NOW, years: YEARS, batchCitizens: BATCH_CITIZENS }, stats);
    const events = await generateAndLoad(db, history, stats);
    const sizeLine = await sizes(db, events);
    if (args['generate-only']) {
      if (!args.database) say('  --generate-only without --database: the database is dropped again at the end');
    } else if (REBUILD === 'none') {
      await new PostgresProjectionStorage(db).migrate();
      const built = await liveTables(db, allProjections.map((p) => p.readModel.name));
      if (built.length < allProjections.length) throw new Error('--rebuild none needs a database whose read models an earlier run built (--database NAME)');
    } else {
      if (REBUILD === 'each') for (const projection of allProjections) await rebuild(db, eventStore, [projection], projection.readModel.name, events);
      await rebuild(db, eventStore, allProjections, 'all together', events);
    }
    const latencyRows = args['generate-only'] ? [] : await latencies(db, eventStore);
    if (!args['generate-only']) await burst(db, url, eventStore, history, stats);

    console.log(`\nbench:scale — ${fmt(CITIZENS)} citizens, ${fmt(events)} events, seed ${SEED}`);
    console.log(await describeMachine(db));
    console.log(sizeLine);
    console.log();
    printTable(
      ['step', 'events', 'seconds', 'events/s', 'peak RSS MB', 'note'],
      steps.map((s) => [s.step, fmt(s.events), s.seconds.toFixed(1), fmt(s.events / s.seconds), String(mb(s.peakRss)), s.note]),
      new Set([1, 2, 3, 4]),
    );
    console.log();
    printTable(
      ['query', 'matches p50 (min–max)', 'p50 ms', 'p95 ms', 'p99 ms'],
      latencyRows.map((r) => [r.kind, r.matches, ...[50, 95, 99].map((p) => percentile(r.samples, p).toFixed(2))]),
      new Set([2, 3, 4]),
    );
  } finally {
    await eventStore.close();
    await db.close();
    await drop();
  }
}

await main();
