/**
 * Placing orders through the HTTP API (`POST /api/v1/citizens/:id/orders`, one line of 1 sales unit) with
 * concurrent clients, against a PostgreSQL server, beside a baseline measured in the same run:
 *
 *   baseline   each client in a loop: BEGIN; INSERT one order-like row (uuid primary key, 3 columns, a default
 *              timestamp) into a plain scratch table; COMMIT — through the service's own connection pool (the
 *              default 10 connections), with the same number of concurrent clients. The cheapest durable write
 *              the server can do; one order placing does several (grant stream, order stream, idempotency key).
 *
 * Two scenarios, each with 1 client and with BENCH_CLIENTS (default 8):
 *   own citizens   every client orders for citizens of its own (2 each, in turn): no two clients share a stream
 *   one citizen    every client orders on the same citizen's grant line: one grant stream, whose concurrent
 *                  writes conflict and are retried by the server
 * Every case has citizens of its own, so every case starts on empty grant streams. Every order sends an
 * Idempotency-Key, as the portal does. A non-201 answer is counted (with a large grantedMax there should be none).
 *
 *   DATABASE_URL=postgres://… npm run bench:orders          in a scratch database, created and dropped here
 *   BENCH_CLIENTS=8   or  -- --clients=8                     concurrent clients of the second run of each scenario
 *   BENCH_SECONDS=6   or  -- --seconds=6                     measuring time per case and side (plus 1 s warm-up each)
 *
 * Setup is the real API too: the app starts in this process as the end-to-end tests start it (test/support/app.ts:
 * demo seed, loopback port 0), the caseworker of København registers the citizens and grants each a line.
 * The HTTP clients therefore share the service's event loop (and the machine's cores); so do the baseline's.
 * Orders and baseline run in alternating slices (O B B O O B B O), so background load weighs on both alike.
 * After each order slice the projections are let catch up, untimed, so that work does not land on the next
 * baseline slice; the longest catch-up is reported.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { grantStream } from '../src/grants/grant.decider.js';
import type { SqlDatabase } from '../src/infrastructure/sql/sql-database.js';
import { fictitiousCpr } from '../test/citizens/cpr-fixtures.js';
import { startTestApp, type HttpResponse, type TestApp } from '../test/support/app.js';
import type { Backend } from '../test/support/databases.js';
import { describeMachine, percentile, printTable } from './report.js';
import { withScratchDatabase } from './scratch-database.js';

const { values: flags } = parseArgs({ options: { clients: { type: 'string' }, seconds: { type: 'string' } } });
const CLIENTS = Number(flags.clients ?? process.env.BENCH_CLIENTS ?? 8);
const MEASURE_MS = Number(flags.seconds ?? process.env.BENCH_SECONDS ?? 6) * 1000;
const WARMUP_MS = 1000;
/** Slices per side; they alternate O B B O …, so each side leads as often as it follows. */
const SLICES = 4;
const CITIZENS_PER_CLIENT = 2;
const SETTLE_TIMEOUT_MS = 120_000;

const API = '/api/v1';
/** A demo-catalogue product (src/catalogue/demo-catalogue.ts: area 1, series 1, variant 1) and its grant area. */
const ITEM_NUMBER = '101001';
const GRANT_AREA = 'Inkontinens';
/** Far more than any run orders (the API's ceiling is 365 000 000). */
const GRANTED_MAX = 10_000_000;

const say = (what: string) => process.stderr.write(`  ${what}\n`);

// --- measuring ----------------------------------------------------------------------------------------

/** One request or transaction of a client: undefined when it succeeded, else a label of how it failed. */
type Op = (client: number) => Promise<string | undefined>;

interface Tally {
  readonly ok: number;
  readonly seconds: number;
  readonly latencies: readonly number[];
  readonly failures: ReadonlyMap<string, number>;
}

const EMPTY: Tally = { ok: 0, seconds: 0, latencies: [], failures: new Map() };

const merge = (a: Tally, b: Tally): Tally => {
  const failures = new Map(a.failures);
  for (const [label, count] of b.failures) failures.set(label, (failures.get(label) ?? 0) + count);
  return { ok: a.ok + b.ok, seconds: a.seconds + b.seconds, latencies: [...a.latencies, ...b.latencies], failures };
};

/** `clients` concurrent loops of `op` until `ms` have passed; every op's latency, successes and failures. */
async function drive(clients: number, ms: number, op: Op): Promise<Tally> {
  let ok = 0;
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  const started = performance.now();
  const ends = started + ms;
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      while (performance.now() < ends) {
        const t = performance.now();
        const failure = await op(client);
        latencies.push(performance.now() - t);
        if (failure === undefined) ok++;
        else failures.set(failure, (failures.get(failure) ?? 0) + 1);
      }
    }),
  );
  return { ok, seconds: (performance.now() - started) / 1000, latencies, failures };
}

interface CaseResult {
  readonly orders: Tally | undefined;
  readonly baseline: Tally;
  /** The longest wait, after an order slice, for the projections to catch up. */
  readonly catchUpSeconds: number;
}

/** Orders (when there are any to measure) and the baseline in alternating slices, each after a warm-up. */
async function measureCase(clients: number, orders: Op | undefined, baseline: Op, settle: () => Promise<number>): Promise<CaseResult> {
  await drive(clients, WARMUP_MS, baseline);
  if (orders) {
    await drive(clients, WARMUP_MS, orders);
    await settle();
  }
  const sliceMs = MEASURE_MS / SLICES;
  let o = EMPTY;
  let b = EMPTY;
  let catchUpSeconds = 0;
  const orderSlice = async () => {
    if (!orders) return;
    o = merge(o, await drive(clients, sliceMs, orders));
    catchUpSeconds = Math.max(catchUpSeconds, await settle());
  };
  for (let i = 0; i < SLICES; i++) {
    if (i % 2 === 0) await orderSlice();
    b = merge(b, await drive(clients, sliceMs, baseline));
    if (i % 2 === 1) await orderSlice();
  }
  return { orders: orders && o, baseline: b, catchUpSeconds };
}

// --- the service and its data -------------------------------------------------------------------------

interface GrantedCitizen {
  readonly citizenId: string;
  readonly lineId: string;
}

/** The app on the scratch database. Its close() leaves the database to withScratchDatabase, which drops it. */
function startApp(db: SqlDatabase): Promise<TestApp> {
  const backend: Backend = { name: 'postgres', skipReason: undefined, open: async () => ({ ...db, close: async () => undefined }) };
  return startTestApp(backend, { LOG_LEVEL: 'info' });
}

function expectStatus(response: HttpResponse, status: number, what: string): void {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
}

/** A distinct valid fictitious CPR number per index (born 1950–1979, day 1–28). */
function cprNumber(index: number): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const ddmmyy = `${two(1 + (index % 28))}${two(1 + (Math.floor(index / 28) % 12))}${two(50 + Math.floor(index / 336))}`;
  return fictitiousCpr(ddmmyy, '1', { checksum: 'valid' });
}

/** The caseworker registers a citizen in København and grants them a continuous line with a large grantedMax. */
async function grantedCitizen(t: TestApp, token: string, index: number): Promise<GrantedCitizen> {
  const registered = await t.request('POST', `${API}/citizens`, {
    token,
    body: {
      cpr: cprNumber(index),
      firstName: 'Bente',
      lastName: `Bestilling ${index}`,
      address: { street: `Ordrevej ${index + 1}`, postalCode: '2300', city: 'København S' },
    },
  });
  expectStatus(registered, 201, 'register citizen');
  const citizenId = registered.body.citizenId as string;
  const line = await t.request('POST', `${API}/citizens/${citizenId}/grant/lines`, {
    token,
    body: { itemNumber: ITEM_NUMBER, grantArea: GRANT_AREA, kind: 'continuous', allowance: { grantedMax: GRANTED_MAX, periodMonths: 12 } },
  });
  expectStatus(line, 201, 'add grant line');
  return { citizenId, lineId: line.body.lineId as string };
}

function placeOrder(t: TestApp, token: string, citizen: GrantedCitizen): Promise<HttpResponse> {
  return t.request('POST', `${API}/citizens/${citizen.citizenId}/orders`, {
    token,
    headers: { 'idempotency-key': randomUUID() },
    body: { lines: [{ lineId: citizen.lineId, salesUnits: 1 }] },
  });
}

/** Each client orders for the citizens it is given, in turn. */
function orderer(t: TestApp, token: string, citizensOf: (client: number) => readonly GrantedCitizen[]): Op {
  const turns = new Map<number, number>();
  return async (client) => {
    const citizens = citizensOf(client);
    const turn = turns.get(client) ?? 0;
    turns.set(client, turn + 1);
    const response = await placeOrder(t, token, citizens[turn % citizens.length]!);
    return response.status === 201 ? undefined : `${response.status} ${response.body?.error?.code ?? ''}`.trim();
  };
}

const RAW_DDL = `
create table bench_raw_orders (
  order_id uuid primary key, citizen_id uuid not null, sales_units integer not null,
  placed_at timestamptz not null default clock_timestamp()
)`;

function rawInserter(db: SqlDatabase): Op {
  const citizenId = randomUUID();
  return async () => {
    await db.transaction((tx) => tx.query('insert into bench_raw_orders (order_id, citizen_id, sales_units) values ($1, $2, 1)', [randomUUID(), citizenId]));
    return undefined;
  };
}

/** Waits until every projection has caught up with the log; returns how long that took, in seconds. */
async function settleProjections(t: TestApp): Promise<number> {
  const started = performance.now();
  for (;;) {
    const health = await t.infra.projections.health();
    if (health.every((projection) => projection.caughtUp)) return (performance.now() - started) / 1000;
    if (performance.now() - started > SETTLE_TIMEOUT_MS) throw new Error(`projections did not catch up: ${JSON.stringify(health)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Events on the longest of these citizens' grant streams. */
async function longestGrantStream(db: SqlDatabase, citizens: readonly GrantedCitizen[]): Promise<number> {
  const { rows } = await db.query<{ events: string | null }>(
    'select max(n) as events from (select count(*) as n from es_events where stream_name = any($1) group by stream_name) as streams',
    [citizens.map((citizen) => grantStream(citizen.citizenId))],
  );
  return Number(rows[0]?.events ?? 0);
}

// --- the run ------------------------------------------------------------------------------------------

interface Row {
  readonly scenario: string;
  readonly clients: number;
  readonly result: CaseResult;
  readonly longestStream: number;
}

interface Scenario {
  readonly name: string;
  /** The citizens of a case with this many clients, and which of them each client orders for. */
  readonly citizens: (clients: number) => number;
  readonly of: (citizens: readonly GrantedCitizen[], client: number) => readonly GrantedCitizen[];
}

const SCENARIOS: readonly Scenario[] = [
  {
    name: 'own citizens',
    citizens: (clients) => clients * CITIZENS_PER_CLIENT,
    of: (citizens, client) => citizens.slice(client * CITIZENS_PER_CLIENT, (client + 1) * CITIZENS_PER_CLIENT),
  },
  { name: 'one citizen', citizens: () => 1, of: (citizens) => citizens },
];

async function bench(db: SqlDatabase): Promise<{ machine: string; rows: Row[]; missing: string | undefined }> {
  const machine = await describeMachine(db);
  say('starting the service (demo seed)');
  const t = await startApp(db);
  try {
    const token = await t.login('sagsbehandler.kbh');
    const product = await t.request('GET', `${API}/products/${ITEM_NUMBER}`, { token });
    expectStatus(product, 200, `product ${ITEM_NUMBER}`);
    const group = [product.body.group].flat().join(' > ');
    if (!group.startsWith(GRANT_AREA)) throw new Error(`product ${ITEM_NUMBER} is in ${group}, not in grant area ${GRANT_AREA}`);

    const clientCounts = [...new Set([1, CLIENTS])];
    const cases = SCENARIOS.flatMap((scenario) => clientCounts.map((clients) => ({ scenario, clients })));
    const total = 1 + cases.reduce((sum, c) => sum + c.scenario.citizens(c.clients), 0);
    say(`registering ${total} citizens in København and granting each a line of ${ITEM_NUMBER} (${GRANT_AREA}, grantedMax ${GRANTED_MAX})`);
    let next = 0;
    const register = async (count: number) => {
      const citizens: GrantedCitizen[] = [];
      for (let i = 0; i < count; i++) citizens.push(await grantedCitizen(t, token, next++));
      return citizens;
    };
    const [probe] = await register(1);
    const caseCitizens = [];
    for (const c of cases) caseCitizens.push(await register(c.scenario.citizens(c.clients)));

    const probed = await placeOrder(t, token, probe!);
    const missing = probed.status === 201 ? undefined : `POST ${API}/citizens/:id/orders answered ${probed.status} ${JSON.stringify(probed.body)}`;
    if (missing) say(`orders cannot be measured (${missing}): measuring the baseline only`);

    await db.exec(RAW_DDL);
    const rows: Row[] = [];
    for (const [index, { scenario, clients }] of cases.entries()) {
      const citizens = caseCitizens[index]!;
      say(`${scenario.name}, ${clients} client(s): ${(2 * WARMUP_MS + MEASURE_MS * (missing ? 1 : 2)) / 1000} s and more`);
      const orders = missing ? undefined : orderer(t, token, (client) => scenario.of(citizens, client));
      const result = await measureCase(clients, orders, rawInserter(db), () => settleProjections(t));
      rows.push({ scenario: scenario.name, clients, result, longestStream: await longestGrantStream(db, citizens) });
      t.logs.splice(0); // the service's log lines, kept in memory by the test app: not needed here
    }
    return { machine, rows, missing };
  } finally {
    await t.close();
  }
}

function print(machine: string, rows: readonly Row[], missing: string | undefined): void {
  const ms = (value: number) => value.toFixed(1);
  const rate = (tally: Tally) => tally.ok / tally.seconds;
  const sortedLatencies = (tally: Tally) => [...tally.latencies].sort((a, b) => a - b);
  const failures = (tally: Tally) => [...tally.failures.values()].reduce((sum, n) => sum + n, 0);
  console.log(`\nPlacing orders through HTTP (POST ${API}/citizens/:id/orders, 1 line x 1 sales unit) vs. raw INSERT\n${machine}\n`);
  printTable(
    ['scenario', 'clients', 'orders', 'orders/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-201', 'stream', 'catch-up s', 'baseline/s', 'base p50', 'ratio'],
    rows.map(({ scenario, clients, result: { orders, baseline, catchUpSeconds }, longestStream }) => {
      const sorted = orders ? sortedLatencies(orders) : [];
      return [
        scenario,
        String(clients),
        orders ? String(orders.ok) : '-',
        orders ? String(Math.round(rate(orders))) : '-',
        orders ? ms(percentile(sorted, 50)) : '-',
        orders ? ms(percentile(sorted, 95)) : '-',
        orders ? ms(percentile(sorted, 99)) : '-',
        orders ? String(failures(orders)) : '-',
        orders ? String(longestStream) : '-',
        orders ? catchUpSeconds.toFixed(2) : '-',
        String(Math.round(rate(baseline))),
        ms(percentile(sortedLatencies(baseline), 50)),
        orders ? `${(rate(orders) / rate(baseline)).toFixed(3)}` : '-',
      ];
    }),
    new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
  );
  const failed = new Map<string, number>();
  for (const { result } of rows) for (const [label, n] of result.orders?.failures ?? []) failed.set(label, (failed.get(label) ?? 0) + n);
  if (failed.size > 0) console.log(`\nnon-201 answers: ${[...failed].map(([label, n]) => `${n} x ${label}`).join(', ')}`);
  if (missing) console.log(`\nOrders not measured: ${missing}`);
  console.log(
    `\n${MEASURE_MS / 1000} s per side and case in ${SLICES} slices, orders and baseline alternating, after ${WARMUP_MS / 1000} s warm-up of each.` +
      `\norders = 201 answers while measuring; latency = one request as its client saw it (all answers); stream = events on the longest` +
      `\ngrant stream of the case afterwards; catch-up s = longest wait after an order slice until every projection had caught up (untimed).` +
      `\nbaseline = each client: BEGIN; INSERT 1 row (uuid pk, 3 columns) into a plain table; COMMIT, through the service's pool (10 connections);` +
      `\nbase p50 = its median latency; ratio = orders/s / baseline inserts/s at the same concurrency.`,
  );
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) throw new Error('DATABASE_URL is required: the PostgreSQL server to benchmark on (a scratch database is created there and dropped)');
  if (!Number.isSafeInteger(CLIENTS) || CLIENTS < 1 || !(MEASURE_MS >= SLICES)) throw new Error('BENCH_CLIENTS must be an integer >= 1, BENCH_SECONDS > 0');
  const { machine, rows, missing } = await withScratchDatabase(serverUrl, 'bench_orders', bench);
  print(machine, rows, missing);
}

await main();
