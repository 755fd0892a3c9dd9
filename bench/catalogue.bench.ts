/**
 * The catalogue at the size of the supplier's real one (50 000 products), per backend:
 *   (a) import: parse the CSV, import through CatalogueImporter (what the HTTP route and the CLI run), then the
 *       same rows again (an unchanged import must append nothing);
 *   (b) projection: the projection runtime catches the products read model up with the import; then the demo
 *       agreements of municipalities 101 and 751 are set and projected;
 *   (c) search latency through SearchProductsHandler (a caseworker of 101), per query kind, beside a baseline
 *       of the same run: the plain primary-key lookup `select doc from <live products table> where id = $1`.
 *
 *   npx tsx bench/catalogue.bench.ts                  PGlite (in memory)
 *   DATABASE_URL=postgres://… npx tsx bench/…          also the server, in a scratch database created and dropped here
 *   BENCH_PRODUCTS=50000                              catalogue size (default 50 000)
 *   BENCH_ITERATIONS=200                              measured queries per kind (default 200, after 10 warm-up)
 *   BENCH_KIND_SECONDS=10                             a slow kind stops after this much measuring (and >= 30 samples)
 *   BENCH_EXPLAIN=1                                   also print EXPLAIN (ANALYZE, BUFFERS) of every search kind
 *
 * The query kinds run interleaved (one of each in turn), so background load hits all of them alike. The
 * projection runtime is stopped while latencies are measured: its idle wake-ups are not what is measured.
 * The read model's table is ANALYZEd before measuring (the server's autovacuum would do so shortly after the
 * load; PGlite has no autovacuum).
 */
import { randomUUID } from 'node:crypto';
import { PostgresProjectionStorage } from '../src/infrastructure/read-model-store/postgres/postgres-projection-storage.js';
import { agreementDecider, agreementStream } from '../src/catalogue/agreement.decider.js';
import { catalogueCsvHeader, catalogueCsvLine } from '../src/catalogue/catalogue-csv.js';
import { parseCatalogueCsv } from '../src/catalogue/catalogue-file.js';
import { CatalogueImporter } from '../src/catalogue/catalogue-import.js';
import { SearchProducts, type ProductSearchCriteria } from '../src/catalogue/catalogue.queries.js';
import { demoAgreements, generateCatalogue } from '../src/seed/demo-catalogue.js';
import { createEventRegistry } from '../src/composition/event-registry.js';
import { allProjections, decodeEvent } from '../src/composition/projections.js';
import type { Principal } from '../src/kernel/principal.js';
import type { CommandContext } from '../src/kernel/command-context.js';
import { CommandRunner } from '../src/kernel/command-runner.js';
import { comparePositions, type Position } from '../src/kernel/event-store.port.js';
import { PostgresEventStore } from '../src/infrastructure/event-store/postgres/postgres-event-store.js';
import { ProjectionRuntime } from '../src/infrastructure/projections/projection-runtime.js';
import { pageQuery } from '../src/infrastructure/read-model-store/postgres/find-query.js';
import { PostgresReadModelStore } from '../src/infrastructure/read-model-store/postgres/postgres-read-model-store.js';
import { liveTables } from '../src/infrastructure/read-model-store/postgres/read-model-registry.js';
import { quoted } from '../src/infrastructure/read-model-store/postgres/read-model-schema.js';
import { openPgliteDatabase } from '../src/infrastructure/sql/pglite-database.js';
import type { SqlDatabase } from '../src/infrastructure/sql/sql-database.js';
import { copenhagenDate } from '../src/shared/time.js';
import { SearchProductsHandler } from '../read-models/products/product-query-handlers.js';
import { productsReadModel } from '../read-models/products/products.read-model.js';
import { RecordingStore } from './recording-store.js';
import { withScratchDatabase } from './scratch-database.js';
import { percentile, printTable } from './report.js';

const PRODUCTS = Number(process.env.BENCH_PRODUCTS ?? 50_000);
const ITERATIONS = Number(process.env.BENCH_ITERATIONS ?? 200);
const WARMUP = 10;
/** A kind stops being measured once it has taken this long and has MIN_SAMPLES (keeps the run to a few minutes). */
const KIND_BUDGET_MS = Number(process.env.BENCH_KIND_SECONDS ?? 10) * 1000;
const MIN_SAMPLES = 30;
const EXPLAIN = process.env.BENCH_EXPLAIN === '1';
const TARGET_P95_MS = 10;
const PROJECTION_TIMEOUT_MS = 10 * 60_000;
/** The page the product list asks for by default (pageQuery in src/http/schemas.ts). */
const PAGE_SIZE = 25;

const say = (backend: string, what: string) => process.stderr.write(`  ${backend}: ${what}\n`);
const seconds = (since: number) => (performance.now() - since) / 1000;

const context = (name: string): CommandContext => {
  const correlationId = randomUUID();
  return { commandId: randomUUID(), correlationId, causationId: correlationId, actor: { userId: `bench-${name}`, role: 'admin', municipalityId: null }, now: new Date() };
};

const CASEWORKER_101: Principal = {
  userId: 'bench-caseworker',
  role: 'caseworker',
  municipalityId: '101',
  name: 'Bench Caseworker',
  username: 'bench.caseworker',
  grantAreas: [],
  sessionTokenHash: '',
  mustChangePassword: false,
};

// --- results ------------------------------------------------------------------------------------------

interface StepRow {
  readonly backend: string;
  readonly step: string;
  readonly rows: number;
  readonly seconds: number;
  readonly note: string;
}

interface LatencyRow {
  readonly backend: string;
  readonly kind: string;
  readonly matches: number | string;
  readonly samples: number[];
  readonly baseline: boolean;
}

// --- the query kinds ----------------------------------------------------------------------------------

interface QueryKind {
  readonly kind: string;
  readonly criteria?: Partial<ProductSearchCriteria>;
}

const SEARCHES: readonly QueryKind[] = [
  { kind: "q='stomipose'", criteria: { q: 'stomipose' } },
  { kind: "q='kateter ch12'", criteria: { q: 'kateter ch12' } },
  { kind: "q='bleer maxi'", criteria: { q: 'bleer maxi' } },
  { kind: "item no. fragment q='305006'", criteria: { q: '305006' } },
  { kind: "item no. fragment q='4102'", criteria: { q: '4102' } },
  { kind: 'agreementOnly', criteria: { agreementOnly: true } },
  { kind: "agreementOnly + q='pose'", criteria: { agreementOnly: true, q: 'pose' } },
  { kind: 'no criteria (first page of all)', criteria: {} },
];

// --- one backend --------------------------------------------------------------------------------------

async function benchBackend(backend: string, db: SqlDatabase): Promise<{ steps: StepRow[]; latencies: LatencyRow[] }> {
  const eventStore = await PostgresEventStore.open(db);
  try {
    return await measure(backend, db, eventStore);
  } finally {
    await eventStore.close();
  }
}

async function measure(backend: string, db: SqlDatabase, eventStore: PostgresEventStore): Promise<{ steps: StepRow[]; latencies: LatencyRow[] }> {
  const steps: StepRow[] = [];
  const runner = new CommandRunner(eventStore, createEventRegistry());
  const importer = new CatalogueImporter(eventStore, runner);

  // (a) import
  say(backend, `parsing ${PRODUCTS} generated products as CSV`);
  const csv = catalogueCsvHeader() + Array.from(generateCatalogue(PRODUCTS), catalogueCsvLine).join('');
  let started = performance.now();
  const file = parseCatalogueCsv(csv);
  steps.push({ backend, step: 'parse CSV (parseCatalogueCsv)', rows: file.rows.length, seconds: seconds(started), note: `${file.rejected.length} rejected` });
  if (file.rows.length !== PRODUCTS || file.rejected.length > 0) throw new Error(`generated file parsed to ${file.rows.length} rows, ${file.rejected.length} rejected`);

  say(backend, 'importing');
  const eventCount = async () => Number((await db.query<{ n: string }>('select count(*) as n from es_events')).rows[0]?.n);
  started = performance.now();
  const first = await importer.import(file, context('import'));
  steps.push({ backend, step: 'import, empty catalogue', rows: first.accepted, seconds: seconds(started), note: `added ${first.added}, changed ${first.changed}, unchanged ${first.unchanged}` });
  // The import's own answer, not eventStore.headPosition(): that orders by its text-cast output columns
  // (`xid::text as xid ... order by xid desc`), so once xids differ in digit count (9999 vs 10000, as on a
  // fresh PGlite after ~10 000 appends) it names an older event, and waiting for it returned too early.
  const head = first.position;

  say(backend, 'importing the same rows again');
  const before = await eventCount();
  started = performance.now();
  const again = await importer.import(file, context('reimport'));
  const took = seconds(started);
  const appended = (await eventCount()) - before;
  steps.push({ backend, step: 'import, same rows again', rows: again.accepted, seconds: took, note: `unchanged ${again.unchanged}; ${appended} events appended` });

  // (b) projection
  say(backend, 'projecting');
  const runtime = new ProjectionRuntime({ projections: allProjections, eventStore, storage: new PostgresProjectionStorage(db), decode: decodeEvent });
  const latencies: LatencyRow[] = [];
  try {
    started = performance.now();
    await runtime.start();
    if (!head || !(await runtime.waitForPosition([productsReadModel.name], head, PROJECTION_TIMEOUT_MS))) throw new Error('products read model did not catch up');
    steps.push({ backend, step: 'project products (runtime catch-up)', rows: first.added, seconds: seconds(started), note: 'events -> read model, from start() to caught up' });

    say(backend, 'setting the demo agreements (101, 751)');
    started = performance.now();
    let last: Position | null = null;
    let items = 0;
    for (const { municipalityId, items: agreement } of demoAgreements()) {
      const result = await runner.run({
        streamName: agreementStream(municipalityId),
        decider: agreementDecider,
        command: { type: 'SetAgreementAssortment', data: { municipalityId, items: agreement } },
        context: context(`agreement-${municipalityId}`),
      });
      items += agreement.length;
      if (result.position && (!last || comparePositions(result.position, last) > 0)) last = result.position;
    }
    if (!last || !(await runtime.waitForPosition([productsReadModel.name], last, PROJECTION_TIMEOUT_MS))) throw new Error('agreements not projected');
    steps.push({ backend, step: 'set 2 agreements + project', rows: items, seconds: seconds(started), note: 'agreement items (periods)' });
  } finally {
    await runtime.stop();
  }

  // (c) search latency
  const [live] = await liveTables(db, [productsReadModel.name]);
  if (!live) throw new Error('no live products table');
  const table = quoted(live.table);
  await db.query(`analyze ${table}`);
  const store = new RecordingStore(new PostgresReadModelStore(db));
  const handler = new SearchProductsHandler(store);
  const today = copenhagenDate(new Date());
  const itemNumbers = file.rows.map((row) => row.product.itemNumber);
  let lookups = 0;
  const lookUp = async () => {
    const id = itemNumbers[(lookups++ * 7919) % itemNumbers.length]!;
    const { rows } = await db.query(`select doc from ${table} where id = $1`, [id]);
    if (rows.length !== 1) throw new Error(`baseline lookup of ${id} found ${rows.length} rows`);
    return 1;
  };
  const search = (criteria: Partial<ProductSearchCriteria>) => async () => {
    const full: ProductSearchCriteria = { agreementOnly: false, page: 1, pageSize: PAGE_SIZE, ...criteria };
    const result = await handler.execute(new SearchProducts(CASEWORKER_101, full, today));
    return result.total;
  };
  const kinds = [
    { kind: 'baseline: select doc ... where id = $1', baseline: true, run: lookUp },
    ...SEARCHES.map((query) => ({ kind: query.kind, baseline: false, run: search(query.criteria ?? {}) })),
  ];
  say(backend, `search latency: ${kinds.length} kinds x ${ITERATIONS} (after ${WARMUP} warm-up), interleaved`);
  const samples = kinds.map(() => [] as number[]);
  const spent = kinds.map(() => 0);
  const matches = kinds.map(() => 0);
  for (let round = 0; round < WARMUP + ITERATIONS; round++) {
    for (const [index, kind] of kinds.entries()) {
      if (spent[index]! > KIND_BUDGET_MS && samples[index]!.length >= MIN_SAMPLES) continue;
      const t = performance.now();
      matches[index] = await kind.run();
      const elapsed = performance.now() - t;
      if (round >= WARMUP) {
        samples[index]!.push(elapsed);
        spent[index]! += elapsed;
      }
    }
  }
  for (const [index, kind] of kinds.entries()) {
    latencies.push({ backend, kind: kind.kind, matches: kind.baseline ? 1 : matches[index]!, samples: samples[index]!, baseline: kind.baseline });
  }

  if (EXPLAIN) {
    for (const query of SEARCHES) {
      await search(query.criteria ?? {})();
      const sql = pageQuery(table, store.last!);
      const { rows } = await db.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${sql.sql}`, sql.params);
      console.log(`\n--- ${backend}: ${query.kind}\n${sql.sql}\n${JSON.stringify(sql.params)}\n${rows.map((row) => row['QUERY PLAN']).join('\n')}`);
    }
  }

  return { steps, latencies };
}

// --- output -------------------------------------------------------------------------------------------

function printSteps(steps: readonly StepRow[]): void {
  printTable(
    ['backend', 'step', 'rows', 'seconds', 'rows/s', ''],
    steps.map((s) => [s.backend, s.step, String(s.rows), s.seconds.toFixed(2), String(Math.round(s.rows / s.seconds)), s.note]),
    new Set([2, 3, 4]),
  );
}

function printLatencies(rows: readonly LatencyRow[]): void {
  const ms = (value: number) => value.toFixed(2);
  printTable(
    ['backend', 'query', 'total', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'p95 vs pk', `p95 <= ${TARGET_P95_MS} ms`],
    rows.map((row) => {
      const sorted = [...row.samples].sort((a, b) => a - b);
      const baseline = rows.find((other) => other.backend === row.backend && other.baseline);
      const baseP95 = baseline ? percentile([...baseline.samples].sort((a, b) => a - b), 95) : Number.NaN;
      const p95 = percentile(sorted, 95);
      return [
        row.backend,
        row.kind,
        String(row.matches),
        String(sorted.length),
        ms(percentile(sorted, 50)),
        ms(p95),
        ms(percentile(sorted, 99)),
        ms(sorted.at(-1) ?? Number.NaN),
        row.baseline ? '' : `${(p95 / baseP95).toFixed(1)}x`,
        row.baseline ? '' : p95 <= TARGET_P95_MS ? 'yes' : 'NO',
      ];
    }),
    new Set([2, 3, 4, 5, 6, 7, 8]),
  );
}

async function main(): Promise<void> {
  if (!Number.isSafeInteger(PRODUCTS) || PRODUCTS < 300 || !Number.isSafeInteger(ITERATIONS) || ITERATIONS < 1) {
    throw new Error('BENCH_PRODUCTS must be an integer >= 300 (the demo agreements name the first demo items), BENCH_ITERATIONS >= 1');
  }
  const results: { steps: StepRow[]; latencies: LatencyRow[] }[] = [];
  const pglite = await openPgliteDatabase();
  try {
    results.push(await benchBackend('pglite', pglite));
  } finally {
    await pglite.close();
  }
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) results.push(await withScratchDatabase(serverUrl, 'bench_catalogue', (db) => benchBackend('postgres', db)));
  else process.stderr.write('DATABASE_URL not set: server skipped\n');

  console.log(`\nCatalogue of ${PRODUCTS} products (generateCatalogue)\n`);
  printSteps(results.flatMap((result) => result.steps));
  console.log(
    `\nSearch latency through SearchProductsHandler (caseworker of 101, page 1 of ${PAGE_SIZE}): ${ITERATIONS} each after ${WARMUP} warm-up,` +
      ` kinds interleaved; a kind slower than ${KIND_BUDGET_MS / 1000} s in all stops early (n < ${ITERATIONS})\n`,
  );
  printLatencies(results.flatMap((result) => result.latencies));
  console.log(`\n(total = matches the query reports; p95 vs pk = p95 / p95 of the primary-key lookup baseline of the same backend and run)`);
}

await main();
