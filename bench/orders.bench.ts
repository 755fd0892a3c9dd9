/**
 * The cost of what a user does through the HTTP API, with concurrent clients, beside a baseline measured in the same
 * run on the same database — on a PostgreSQL server (DATABASE_URL) and on embedded PGlite (what the service and the
 * tests use without DATABASE_URL), each judged against its own baseline:
 *
 *   baseline   each client in a loop: BEGIN; INSERT one order-like row (uuid primary key, 3 columns, a default
 *              timestamp) into a plain scratch table; COMMIT — through the service's own database (on the server its
 *              pool, the default 10 connections), with the same number of concurrent clients. The cheapest durable
 *              write the database can do.
 *
 * Operations, each with 1 client and with BENCH_CLIENTS (default 8):
 *   order, own citizens   POST /citizens/:id/orders (one line of 1 sales unit, an Idempotency-Key as the portal
 *                         sends): every client orders for citizens of its own (2 each, in turn), no two share a stream
 *   order, one citizen    every client orders on the same citizen's grant line: one grant stream, whose concurrent
 *                         writes conflict and are retried by the server
 *   command (PATCH)       PATCH /citizens/:id, a new phone number each time, each client on a citizen of its own: a
 *                         command that writes one stream
 *   read (GET grant)      GET /citizens/:id/grant as the caseworker, each client on a citizen of its own: an
 *                         authenticated read (the route records no opening)
 * Every case has citizens of its own, so every order case starts on empty grant streams. A non-2xx answer is
 * counted (with a large grantedMax there should be none).
 *
 * Durable commits: per case, the database's pg_stat_database.xact_commit and its next transaction id
 * (pg_snapshot_xmax(pg_current_snapshot())) are read before and after the case's operation slices, so the baseline's
 * slices are not counted. The slices' settle phases (until every projection has caught up) are inside the window:
 * the projections' and reactions' commits that follow an operation are part of its cost, and so is whatever the
 * idle service commits while the slices run (the idle row shows its rate; for the readings' waits inside the window,
 * which are not the operation's, that rate is taken off). commits/op = xact_commit delta ÷ operations:
 * every committed transaction, read-only ones too. writes/op = transaction ids handed out ÷ operations: the
 * transactions that wrote, i.e. the commits that write a commit record, whether they wait for the disk or not (on the server this
 * counter is the cluster's: nothing else may run there). flushes/op = pg_stat_wal.wal_sync delta ÷ operations: the
 * times the log was forced to disk, which is what a commit that waits for the disk costs (on the server only, and
 * the cluster's). PostgreSQL publishes a connection's statistics only when
 * it goes idle, at most once a second and otherwise within 10 s, so each reading waits for that first (on PGlite,
 * 1 s and a statement); the readings' own commits are subtracted.
 * The idle row: the same counters over BENCH_IDLE_SECONDS (default 5) of a service doing nothing, from 11 s after the
 * setup settled (past the projections' one deferred checkpoint store) and before the cases; per 5 s (over the time between its readings). RSS: the process's resident memory (service, clients and database on PGlite) after the orders.
 *
 *   DATABASE_URL=postgres://… npm run bench:orders          on the server in a scratch database, created and dropped
 *                                                            here, then on PGlite in memory (without it: PGlite only)
 *   BENCH_CLIENTS=8   or  -- --clients=8                     concurrent clients of the second run of each case
 *   BENCH_SECONDS=6   or  -- --seconds=6                     measuring time per case and side (plus 1 s warm-up each)
 *   BENCH_BACKENDS=postgres,pglite                           which backends (default: both, postgres if DATABASE_URL)
 *
 * Setup is the real API too: the app starts in this process as the end-to-end tests start it (test/support/app.ts:
 * demo seed, loopback port 0), the caseworker of København registers the citizens and grants each a line.
 * The HTTP clients therefore share the service's event loop (and the machine's cores); so do the baseline's.
 * Operations and baseline run in slices B O O B, so background load weighs on both alike; after each operation
 * slice the projections are let catch up, untimed, so that work does not land on the next baseline slice; the
 * longest catch-up is reported.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { grantStream } from '../src/grants/grant.decider.js';
import { openPgliteDatabase } from '../src/infrastructure/sql/pglite-database.js';
import type { SqlClient, SqlDatabase } from '../src/infrastructure/sql/sql-database.js';
import { fictitiousCpr } from '../test/citizens/cpr-fixtures.js';
import { startTestApp, type HttpResponse, type TestApp } from '../test/support/app.js';

type Backend = Parameters<typeof startTestApp>[0];
import { describeMachine, percentile, printTable } from './report.js';
import { withScratchDatabase } from './scratch-database.js';

const { values: flags } = parseArgs({ options: { clients: { type: 'string' }, seconds: { type: 'string' } } });
const CLIENTS = Number(flags.clients ?? process.env.BENCH_CLIENTS ?? 8);
const MEASURE_MS = Number(flags.seconds ?? process.env.BENCH_SECONDS ?? 6) * 1000;
const IDLE_MS = Number(process.env.BENCH_IDLE_SECONDS ?? 5) * 1000;
const WARMUP_MS = 1000;
/** The projection runners' default checkpointIntervalMs and a second: see the idle row. */
const IDLE_AFTER_MS = 11_000;
/** Slices per side, in the order B O O B: each side leads as often as it follows, and the O slices are one window. */
const SLICES = 2;
const CITIZENS_PER_CLIENT = 2;
const SETTLE_TIMEOUT_MS = 120_000;

const API = '/api/v1';
/** A demo-catalogue product (src/catalogue/demo-catalogue.ts: area 1, series 1, variant 1) and its grant area. */
const ITEM_NUMBER = '101001';
const GRANT_AREA = 'Inkontinens';
/** Far more than any run orders (the API's ceiling is 365 000 000). */
const GRANTED_MAX = 10_000_000;

const say = (what: string) => process.stderr.write(`  ${what}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

const attempts = (tally: Tally) => tally.ok + [...tally.failures.values()].reduce((sum, n) => sum + n, 0);

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

/** The database's commit counters (see the header): all commits, and the next transaction id (writing commits). */
interface Counters {
  readonly commits: number;
  readonly nextXid: bigint;
  /** pg_stat_wal.wal_sync: the times the log was flushed to disk (undefined where not counted). */
  readonly walSyncs: number | undefined;
  readonly at: number;
}

interface Committed {
  /** xact_commit delta, the readings' own commits taken off. */
  readonly commits: number;
  /** Transaction ids handed out: the transactions that wrote. */
  readonly writes: number;
  /** Log flushes to disk: what the commits that wait for the disk cost (concurrent ones may share one). */
  readonly flushes: number | undefined;
  readonly seconds: number;
}

/** Reads the counters once every connection has published its statistics (PostgreSQL: within 10 s of going idle). */
async function readCounters(db: SqlDatabase): Promise<Counters> {
  if (db.driver === 'pg') await sleep(10_500);
  else {
    // PGlite publishes at the end of a statement, at most once a second.
    await sleep(1_100);
    await db.query('select 1');
  }
  const { rows } = await db.query<{ commits: string; next_xid: string }>(
    `select xact_commit::text as commits, pg_snapshot_xmax(pg_current_snapshot())::text as next_xid
       from pg_stat_database where datname = current_database()`,
  );
  // The WAL statistics: a server counts its fsyncs; PGlite (no fsync of its own) reports none.
  const wal = db.driver === 'pg' ? await db.query<{ syncs: string }>('select wal_sync::text as syncs from pg_stat_wal') : undefined;
  const walSyncs = wal ? Number(wal.rows[0]!.syncs) : undefined;
  return { commits: Number(rows[0]!.commits), nextXid: BigInt(rows[0]!.next_xid), walSyncs, at: performance.now() };
}

/** What happened between two readings: the first reading's commit (and PGlite's statement before the second) taken off. */
function committed(db: SqlDatabase, before: Counters, after: Counters): Committed {
  const ownCommits = db.driver === 'pg' ? 1 : 2;
  const flushes = after.walSyncs === undefined || before.walSyncs === undefined ? undefined : after.walSyncs - before.walSyncs;
  return { commits: after.commits - before.commits - ownCommits, writes: Number(after.nextXid - before.nextXid), flushes, seconds: (after.at - before.at) / 1000 };
}

/** Less what the idle service commits over `seconds` of the window that were not the operation's (the readings' waits). */
function lessIdle(window: Committed, idle: Committed, seconds: number): Committed {
  const share = seconds / idle.seconds;
  const flushes = window.flushes === undefined || idle.flushes === undefined ? undefined : window.flushes - idle.flushes * share;
  return { commits: window.commits - idle.commits * share, writes: window.writes - idle.writes * share, flushes, seconds: window.seconds };
}

interface CaseResult {
  readonly ops: Tally;
  readonly baseline: Tally;
  readonly committed: Committed;
  /** The longest wait, after an operation slice, for the projections to catch up. */
  readonly catchUpSeconds: number;
}

/** The operation and the baseline in slices B O O B, each after a warm-up; commits counted over the O slices. */
async function measureCase(db: SqlDatabase, clients: number, operation: Op, baseline: Op, settle: () => Promise<number>, idle: Committed): Promise<CaseResult> {
  await drive(clients, WARMUP_MS, baseline);
  await drive(clients, WARMUP_MS, operation);
  await settle();
  const sliceMs = MEASURE_MS / SLICES;
  let o = EMPTY;
  let b = EMPTY;
  let catchUpSeconds = 0;
  b = merge(b, await drive(clients, sliceMs, baseline));
  const before = await readCounters(db);
  const operationStarted = performance.now();
  for (let i = 0; i < SLICES; i++) {
    o = merge(o, await drive(clients, sliceMs, operation));
    catchUpSeconds = Math.max(catchUpSeconds, await settle());
  }
  const operationSeconds = (performance.now() - operationStarted) / 1000;
  const after = await readCounters(db);
  b = merge(b, await drive(clients, sliceMs, baseline));
  const window = committed(db, before, after);
  return { ops: o, baseline: b, committed: lessIdle(window, idle, window.seconds - operationSeconds), catchUpSeconds };
}

// --- the service and its data -------------------------------------------------------------------------

interface GrantedCitizen {
  readonly citizenId: string;
  readonly lineId: string;
}

/**
 * The app on the benchmark's database, and a count of the statements it sends (at its SQL seam: what the server
 * does on its own, e.g. autovacuum after the setup's writes, is not in it). Its close() leaves the database to the
 * caller, which drops or closes it.
 */
async function startApp(db: SqlDatabase, name: Backend['name']): Promise<{ t: TestApp; statements: () => number }> {
  let sent = 0;
  const counted = (client: SqlClient): SqlClient => ({
    query: (sql, params) => {
      sent++;
      return client.query(sql, params);
    },
  });
  const seam: SqlDatabase = {
    ...db,
    ...counted(db),
    exec: (sql) => {
      sent++;
      return db.exec(sql);
    },
    transaction: (work) => db.transaction((tx) => work(counted(tx))),
    close: async () => undefined,
  };
  const backend: Backend = { name, skipReason: undefined, open: async () => seam };
  return { t: await startTestApp(backend, { LOG_LEVEL: 'info' }), statements: () => sent };
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

const failureOf = (response: HttpResponse, ok: number) =>
  response.status === ok ? undefined : `${response.status} ${response.body?.error?.code ?? ''}`.trim();

function placeOrder(t: TestApp, token: string, citizen: GrantedCitizen): Promise<HttpResponse> {
  return t.request('POST', `${API}/citizens/${citizen.citizenId}/orders`, {
    token,
    headers: { 'idempotency-key': randomUUID() },
    body: { lines: [{ lineId: citizen.lineId, salesUnits: 1 }] },
  });
}

/** Each client works on the citizens it is given, in turn. */
function inTurn(citizensOf: (client: number) => readonly GrantedCitizen[], request: (citizen: GrantedCitizen) => Promise<string | undefined>): Op {
  const turns = new Map<number, number>();
  return (client) => {
    const citizens = citizensOf(client);
    const turn = turns.get(client) ?? 0;
    turns.set(client, turn + 1);
    return request(citizens[turn % citizens.length]!);
  };
}

/** A command on one stream: the citizen's phone number, a new one each time (the same one would change nothing). */
function phoneChanger(t: TestApp, token: string): (citizen: GrantedCitizen) => Promise<string | undefined> {
  let next = 0;
  return async (citizen) => {
    const phone = String(20_000_000 + next++);
    return failureOf(await t.request('PATCH', `${API}/citizens/${citizen.citizenId}`, { token, body: { phone } }), 200);
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

/** Waits until every projection has processed the log up to its head; returns how long that took, in seconds. */
async function settleProjections(t: TestApp, readModels: readonly string[]): Promise<number> {
  const started = performance.now();
  // headPosition is the newest event below the readers' horizon: a commit still running (a projection's) can hold
  // it short of the last event written, so wait again until it stands still.
  let head = await t.infra.eventStore.headPosition();
  while (head !== undefined) {
    if (!(await t.infra.projections.waitForPosition(readModels, head, SETTLE_TIMEOUT_MS))) {
      throw new Error(`projections did not catch up: ${JSON.stringify(await t.infra.projections.health())}`);
    }
    const now = await t.infra.eventStore.headPosition();
    if (now === head) break;
    head = now;
  }
  return (performance.now() - started) / 1000;
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
  readonly operation: string;
  readonly clients: number;
  readonly result: CaseResult;
  /** Events on the longest grant stream written (orders only). */
  readonly longestStream: number | undefined;
}

interface Scenario {
  readonly name: string;
  /** The citizens of a case with this many clients, and which of them each client works on. */
  readonly citizens: (clients: number) => number;
  readonly of: (citizens: readonly GrantedCitizen[], client: number) => readonly GrantedCitizen[];
  readonly op: (t: TestApp, token: string) => (citizen: GrantedCitizen) => Promise<string | undefined>;
  readonly orders: boolean;
}

const ownCitizens = (perClient: number) => ({
  citizens: (clients: number) => clients * perClient,
  of: (citizens: readonly GrantedCitizen[], client: number) => citizens.slice(client * perClient, (client + 1) * perClient),
});

const SCENARIOS: readonly Scenario[] = [
  { name: 'order, own citizens', ...ownCitizens(CITIZENS_PER_CLIENT), orders: true, op: (t, token) => async (c) => failureOf(await placeOrder(t, token, c), 201) },
  { name: 'order, one citizen', citizens: () => 1, of: (citizens) => citizens, orders: true, op: (t, token) => async (c) => failureOf(await placeOrder(t, token, c), 201) },
  { name: 'command (PATCH citizen)', ...ownCitizens(1), orders: false, op: phoneChanger },
  {
    name: 'read (GET grant)',
    ...ownCitizens(1),
    orders: false,
    op: (t, token) => async (c) => failureOf(await t.request('GET', `${API}/citizens/${c.citizenId}/grant`, { token }), 200),
  },
];

interface BackendResult {
  readonly backend: Backend['name'];
  readonly machine: string;
  readonly rows: Row[];
  readonly idle: Committed;
  /** Statements the idle service sent, per 5 s. */
  readonly idleStatements: number;
  /** Resident memory of the process after the order cases, in bytes. */
  readonly rssAfterOrders: number;
}

async function bench(db: SqlDatabase, backend: Backend['name']): Promise<BackendResult> {
  const machine = await describeMachine(db);
  say(`${backend}: starting the service (demo seed)`);
  const { t, statements } = await startApp(db, backend);
  try {
    const token = await t.login('sagsbehandler.kbh');
    const product = await t.request('GET', `${API}/products/${ITEM_NUMBER}`, { token });
    expectStatus(product, 200, `product ${ITEM_NUMBER}`);
    const group = [product.body.group].flat().join(' > ');
    if (!group.startsWith(GRANT_AREA)) throw new Error(`product ${ITEM_NUMBER} is in ${group}, not in grant area ${GRANT_AREA}`);
    const readModels = (await t.infra.projections.health()).map((projection) => projection.name);
    const settle = () => settleProjections(t, readModels);

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
    expectStatus(await placeOrder(t, token, probe!), 201, `POST ${API}/citizens/:id/orders`);

    say(`${backend}: the idle service, ${IDLE_MS / 1000} s`);
    await settle();
    // Idle means no activity for longer than the projections' checkpoint interval (10 s): before that, each stores
    // the position it reached over the setup's last events once, which is the setup's cost, not idleness.
    await sleep(IDLE_AFTER_MS);
    const idleBefore = await readCounters(db);
    const sentBefore = statements();
    await sleep(IDLE_MS);
    const idleStatements = ((statements() - sentBefore) * 5_000) / IDLE_MS;
    const idle = committed(db, idleBefore, await readCounters(db));

    await db.exec(RAW_DDL);
    const rows: Row[] = [];
    let rssAfterOrders = 0;
    for (const [index, { scenario, clients }] of cases.entries()) {
      const citizens = caseCitizens[index]!;
      say(`${backend}: ${scenario.name}, ${clients} client(s): ${(2 * WARMUP_MS + 2 * MEASURE_MS) / 1000} s and the readings`);
      const operation = inTurn((client) => scenario.of(citizens, client), scenario.op(t, token));
      const result = await measureCase(db, clients, operation, rawInserter(db), settle, idle);
      rows.push({ operation: scenario.name, clients, result, longestStream: scenario.orders ? await longestGrantStream(db, citizens) : undefined });
      t.logs.splice(0); // the service's log lines, kept in memory by the test app: not needed here
      if (scenario.orders) rssAfterOrders = process.memoryUsage().rss;
    }
    return { backend, machine, rows, idle, idleStatements, rssAfterOrders };
  } finally {
    await t.close();
  }
}

function print({ backend, machine, rows, idle, idleStatements, rssAfterOrders }: BackendResult): void {
  const ms = (value: number) => value.toFixed(1);
  const rate = (tally: Tally) => tally.ok / tally.seconds;
  const sortedLatencies = (tally: Tally) => [...tally.latencies].sort((a, b) => a - b);
  const failures = (tally: Tally) => attempts(tally) - tally.ok;
  const perOp = (count: number, tally: Tally) => (attempts(tally) > 0 ? (count / attempts(tally)).toFixed(2) : '-');
  const per5s = (count: number, seconds: number) => ((count * 5) / seconds).toFixed(1);
  console.log(`\n[${backend}] The cost of what a user does through HTTP, vs. raw INSERT on the same database\n${machine}\n`);
  printTable(
    ['operation', 'clients', 'ops', 'ops/s', 'p50 ms', 'p95 ms', 'p99 ms', 'non-2xx', 'commits/op', 'writes/op', 'flushes/op', 'stream', 'catch-up s', 'baseline/s', 'base p50', 'ratio'],
    [
      ...rows.map(({ operation, clients, result: { ops, baseline, committed, catchUpSeconds }, longestStream }) => {
        const sorted = sortedLatencies(ops);
        return [
          operation,
          String(clients),
          String(ops.ok),
          String(Math.round(rate(ops))),
          ms(percentile(sorted, 50)),
          ms(percentile(sorted, 95)),
          ms(percentile(sorted, 99)),
          String(failures(ops)),
          perOp(committed.commits, ops),
          perOp(committed.writes, ops),
          committed.flushes === undefined ? '-' : perOp(committed.flushes, ops),
          longestStream === undefined ? '-' : String(longestStream),
          catchUpSeconds.toFixed(2),
          String(Math.round(rate(baseline))),
          ms(percentile(sortedLatencies(baseline), 50)),
          (rate(ops) / rate(baseline)).toFixed(3),
        ];
      }),
      [
        'idle service, per 5 s', '-', '-', '-', '-', '-', '-', '-',
        per5s(idle.commits, idle.seconds), per5s(idle.writes, idle.seconds), idle.flushes === undefined ? '-' : per5s(idle.flushes, idle.seconds),
        '-', '-', '-', '-', '-',
      ],
    ],
    new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15]),
  );
  const failed = new Map<string, number>();
  for (const { result } of rows) for (const [label, n] of result.ops.failures) failed.set(label, (failed.get(label) ?? 0) + n);
  if (failed.size > 0) console.log(`\nnon-2xx answers: ${[...failed].map(([label, n]) => `${n} x ${label}`).join(', ')}`);
  console.log(
    `\nThe idle service sent ${idleStatements.toFixed(1)} statements per 5 s (counted at its SQL seam; the idle row's commits also` +
      ` hold the server's own upkeep of the scratch database, such as autovacuum after the setup's writes)`,
  );
  console.log(`\nRSS after the order cases: ${Math.round(rssAfterOrders / 2 ** 20)} MB (the whole process: service, clients${backend === 'pglite' ? ', the database' : ''})`);
  console.log(
    `\n${MEASURE_MS / 1000} s per side and case in ${SLICES} slices each, B O O B, after ${WARMUP_MS / 1000} s warm-up of each.` +
      `\nops = successful answers while measuring; latency = one request as its client saw it (all answers); stream = events on the longest` +
      `\ngrant stream of the case afterwards; catch-up s = longest wait after an operation slice until every projection had caught up (untimed).` +
      `\ncommits/op = pg_stat_database.xact_commit delta over the operation slices and their catch-up ÷ requests (read-only commits too);` +
      `\nwrites/op = transaction ids handed out over the same window ÷ requests (the commits that write; on a server, the whole cluster's);` +
      `\nflushes/op = pg_stat_wal.wal_sync over the same window ÷ requests: the times the log was forced to disk (a commit that waits for` +
      `\nthe disk forces one, concurrent ones may share it; commits that do not wait are flushed by the WAL writer, at most 5 a second);` +
      `\nboth include what the idle service commits during the slices (the idle row; its rate is taken off for the readings' waits). baseline = each client: BEGIN; INSERT 1 row (uuid pk, 3 columns)` +
      `\ninto a plain table; COMMIT, through the service's database; base p50 = its median latency; ratio = ops/s ÷ baseline inserts/s at the same concurrency.`,
  );
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  const wanted = (process.env.BENCH_BACKENDS ?? (serverUrl ? 'postgres,pglite' : 'pglite')).split(',').map((name) => name.trim());
  if (!Number.isSafeInteger(CLIENTS) || CLIENTS < 1 || !(MEASURE_MS >= SLICES) || !(IDLE_MS > 0)) {
    throw new Error('BENCH_CLIENTS must be an integer >= 1, BENCH_SECONDS and BENCH_IDLE_SECONDS > 0');
  }
  if (wanted.some((name) => name !== 'postgres' && name !== 'pglite')) throw new Error('BENCH_BACKENDS: postgres and/or pglite');
  if (wanted.includes('postgres') && !serverUrl) throw new Error('DATABASE_URL is required for postgres: the server to benchmark on (a scratch database is created there and dropped)');
  const results: BackendResult[] = [];
  if (wanted.includes('postgres')) results.push(await withScratchDatabase(serverUrl!, 'bench_orders', (db) => bench(db, 'postgres')));
  if (wanted.includes('pglite')) {
    const db = await openPgliteDatabase(); // in memory (no data directory), with pg_trgm as in production
    try {
      results.push(await bench(db, 'pglite'));
    } finally {
      await db.close();
    }
  }
  for (const result of results) print(result);
}

await main();
