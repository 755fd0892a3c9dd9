/**
 * The soak: the service as `npm start` runs it, in a process of its own, under the order mix at half the capacity
 * measured at the start of the same run, for a long time (default 10 minutes). What it shows is whether anything
 * grows that should not: the service's resident memory and heap, its open handles and resources, and the p99
 * latency. Each is sampled every 10 s and reported with its slope (least squares over the samples after the
 * first minute, which is warm-up: caches, JIT, pools) and its first and last value.
 *
 *   npm run soak                                 10 minutes on the embedded store (PGlite in a temp data dir)
 *   npm run soak -- --minutes 2 --clients 8      shorter; clients = concurrency of the capacity probe
 *   npm run soak -- --rate 40                    a fixed rate (requests/s) instead of half the capacity
 *   DATABASE_URL=postgres://… npm run soak       on the server, in a scratch database created and dropped here
 *
 * The mix, per request: 40 % an order of one sales unit on the citizen's grant line (with an Idempotency-Key, as
 * the portal sends), 40 % the caseworker reading that citizen's grant, 20 % a phone number change. Requests are
 * sent open-loop at the target rate (a fixed schedule, not "as fast as answers come"), at most 64 in flight:
 * when the service falls behind, the schedule's requests that could not be sent are counted, not queued.
 * The process exits 1 if any request got a 5xx or failed to connect.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fictitiousCpr } from '../test/citizens/cpr-fixtures.js';
import { callService, loginDemoUser, spawnService, type CallAnswer } from '../test/support/service-process.js';
import { describeHost, percentile, printTable } from './report.js';
import { withScratchDatabase } from './scratch-database.js';

const { values: flags } = parseArgs({
  options: { minutes: { type: 'string' }, clients: { type: 'string' }, rate: { type: 'string' }, 'sample-seconds': { type: 'string' } },
});
const MINUTES = Number(flags.minutes ?? 10);
const CLIENTS = Number(flags.clients ?? 8);
const SAMPLE_MS = Number(flags['sample-seconds'] ?? 10) * 1000;
const CAPACITY_MS = 20_000;
const WARMUP_MS = 60_000;
const MAX_IN_FLIGHT = 64;
const ITEM_NUMBER = '101001';
const GRANT_AREA = 'Inkontinens';

const say = (what: string) => process.stderr.write(`  ${what}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Call = (method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<CallAnswer>;

const api =
  (baseUrl: string, token: string): Call =>
  (method, path, body, headers) =>
    callService(baseUrl, method, path, { token, body, headers });

function expectStatus(answer: CallAnswer, status: number, what: string): void {
  if (answer.status !== status) throw new Error(`${what}: ${answer.status} ${JSON.stringify(answer.body?.error?.code ?? '')}`);
}

interface Citizen {
  readonly citizenId: string;
  readonly lineId: string;
}

/** The caseworker registers a citizen in København and grants a continuous line with room for every order. */
async function grantedCitizen(call: Call, index: number): Promise<Citizen> {
  const two = (n: number) => String(n).padStart(2, '0');
  const cpr = fictitiousCpr(`${two(1 + (index % 28))}${two(1 + Math.floor(index / 28))}61`, '3', { checksum: 'valid' });
  const registered = await call('POST', '/citizens', {
    cpr,
    firstName: 'Signe',
    lastName: `Soak ${index}`,
    address: { street: `Udholdenhedsvej ${index + 1}`, postalCode: '2300', city: 'København S' },
  });
  expectStatus(registered, 201, 'register citizen');
  const line = await call('POST', `/citizens/${registered.body.citizenId}/grant/lines`, {
    itemNumber: ITEM_NUMBER,
    grantArea: GRANT_AREA,
    kind: 'continuous',
    allowance: { grantedMax: 10_000_000, periodMonths: 12 },
  });
  expectStatus(line, 201, 'add grant line');
  return { citizenId: registered.body.citizenId, lineId: line.body.lineId };
}

/** One request of the mix; its status (0 when it could not connect). */
async function mixed(call: Call, citizen: Citizen, n: number): Promise<number> {
  const pick = n % 10;
  try {
    if (pick < 4) {
      return (await call('POST', `/citizens/${citizen.citizenId}/orders`, { lines: [{ lineId: citizen.lineId, salesUnits: 1 }] }, { 'idempotency-key': randomUUID() })).status;
    }
    if (pick < 8) return (await call('GET', `/citizens/${citizen.citizenId}/grant`)).status;
    return (await call('PATCH', `/citizens/${citizen.citizenId}`, { phone: `+45 ${String(n % 100_000_000).padStart(8, '0')}` })).status;
  } catch {
    return 0;
  }
}

interface Sample {
  readonly minute: number;
  readonly rssMb: number;
  readonly heapMb: number;
  readonly handles: number;
  readonly resources: number;
  readonly requests: number;
  readonly p99: number;
}

/** The service's own gauges, from its Prometheus endpoint. */
async function gauges(origin: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${origin}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} ([0-9.e+]+)`, 'm').exec(text)?.[1] ?? Number.NaN);
  return {
    rss: value('process_resident_memory_bytes'),
    heap: value('nodejs_heap_size_used_bytes'),
    handles: value('nodejs_active_handles_total'),
    resources: value('nodejs_active_resources_total'),
  };
}

/** Least-squares slope of y over x. */
function slope(points: ReadonlyArray<readonly [number, number]>): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  return sxy / sxx;
}

async function soak(env: Record<string, string>, store: string): Promise<boolean> {
  say(`starting the service (${store})`);
  const service = await spawnService({ HOST: '127.0.0.1', ...env }, { startTimeoutMs: 180_000 });
  const { origin } = service;
  try {
    const call = api(service.baseUrl, await loginDemoUser(service.baseUrl, 'sagsbehandler.kbh'));
    const citizens: Citizen[] = [];
    for (let i = 0; i < CLIENTS * 4; i++) citizens.push(await grantedCitizen(call, i));

    // Capacity: CLIENTS closed loops of the mix.
    say(`capacity probe: ${CLIENTS} clients, ${CAPACITY_MS / 1000} s`);
    let probed = 0;
    const probeEnds = performance.now() + CAPACITY_MS;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        for (let n = client; performance.now() < probeEnds; n += CLIENTS) {
          await mixed(call, citizens[n % citizens.length]!, n);
          probed++;
        }
      }),
    );
    const capacity = probed / (CAPACITY_MS / 1000);
    const rate = flags.rate ? Number(flags.rate) : capacity / 2;
    say(`capacity ${capacity.toFixed(1)} requests/s; soaking at ${rate.toFixed(1)}/s for ${MINUTES} min`);

    // The soak: a fixed schedule, sampled every SAMPLE_MS.
    const statuses = new Map<number, number>();
    let inFlight = 0;
    let notSent = 0;
    let windowLatencies: number[] = [];
    const samples: Sample[] = [];
    const started = performance.now();
    const ends = started + MINUTES * 60_000;
    let nextSample = started + SAMPLE_MS;
    const pending = new Set<Promise<void>>();
    for (let n = 0; ; n++) {
      const due = started + (n * 1000) / rate;
      if (due >= ends) break;
      while (performance.now() < due) {
        if (performance.now() >= nextSample) {
          const g = await gauges(origin);
          const sorted = windowLatencies.sort((a, b) => a - b);
          samples.push({
            minute: (performance.now() - started) / 60_000,
            rssMb: g.rss! / 2 ** 20,
            heapMb: g.heap! / 2 ** 20,
            handles: g.handles!,
            resources: g.resources!,
            requests: sorted.length,
            p99: percentile(sorted, 99),
          });
          windowLatencies = [];
          nextSample += SAMPLE_MS;
        }
        await sleep(Math.max(0, Math.min(due, nextSample) - performance.now()));
      }
      if (inFlight >= MAX_IN_FLIGHT) {
        notSent++;
        continue;
      }
      inFlight++;
      const t = performance.now();
      const request = mixed(call, citizens[n % citizens.length]!, n).then((status) => {
        inFlight--;
        windowLatencies.push(performance.now() - t);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        pending.delete(request);
      });
      pending.add(request);
    }
    await Promise.all(pending);

    // The report.
    printTable(
      ['minute', 'RSS MB', 'heap MB', 'handles', 'resources', 'requests', 'p99 ms'],
      samples.map((s) => [s.minute.toFixed(1), s.rssMb.toFixed(0), s.heapMb.toFixed(0), String(s.handles), String(s.resources), String(s.requests), s.p99.toFixed(0)]),
      new Set([0, 1, 2, 3, 4, 5, 6]),
    );
    const steady = samples.filter((s) => s.minute * 60_000 >= WARMUP_MS);
    const per = (pick: (s: Sample) => number) => slope(steady.map((s) => [s.minute, pick(s)] as const));
    const first = steady[0];
    const last = steady.at(-1);
    const sent = [...statuses.values()].reduce((a, b) => a + b, 0);
    const failures = [...statuses].filter(([status]) => status === 0 || status >= 500).reduce((a, [, n]) => a + n, 0);
    console.log(`\nstore: ${store}; ${describeHost()}`);
    console.log(`capacity ${capacity.toFixed(1)} req/s (${CLIENTS} clients); soak ${rate.toFixed(1)} req/s for ${MINUTES} min: ${sent} answered, ${notSent} not sent (64 in flight)`);
    console.log(`statuses: ${[...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`).join(', ')}`);
    if (first && last) {
      console.log(`after the first minute, slope per minute: RSS ${per((s) => s.rssMb).toFixed(2)} MB, heap ${per((s) => s.heapMb).toFixed(2)} MB, handles ${per((s) => s.handles).toFixed(2)}, p99 ${per((s) => s.p99).toFixed(2)} ms`);
      console.log(`first → last: RSS ${first.rssMb.toFixed(0)} → ${last.rssMb.toFixed(0)} MB, heap ${first.heapMb.toFixed(0)} → ${last.heapMb.toFixed(0)} MB, handles ${first.handles} → ${last.handles}, resources ${first.resources} → ${last.resources}, p99 ${first.p99.toFixed(0)} → ${last.p99.toFixed(0)} ms`);
    }
    return failures === 0;
  } finally {
    service.process.kill('SIGTERM');
    await service.exited;
  }
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  let ok: boolean;
  if (serverUrl) {
    ok = await withScratchDatabase(serverUrl, 'soak', async (db) => {
      const { rows } = await db.query<{ url: string }>(`select current_database() as url`);
      const url = new URL(serverUrl);
      url.pathname = `/${rows[0]!.url}`;
      return soak({ DATABASE_URL: url.toString() }, 'PostgreSQL server');
    });
  } else {
    const dataDir = await mkdtemp(join(tmpdir(), 'egrants-soak-'));
    try {
      ok = await soak({ DATA_DIR: dataDir }, 'embedded PGlite');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }
  process.exitCode = ok ? 0 : 1;
}

await main();
