/**
 * The crash harness: the service on a PostgreSQL server, clients sending commands, and SIGKILL at random
 * (seeded) moments, each followed by a restart on the same port; then the checks of verify.ts.
 *
 * Seeded: the kill schedule and every client's sequence of commands follow from the seed. The moment a kill
 * lands in a command's life still depends on timing, so two runs with one seed differ in what they acknowledge,
 * not in what they ask.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import { freePort, killService, spawnService, type ServiceProcess } from '../../test/support/service-process.js';
import { mixSeed, Random } from '../scale/random.js';
import { capBreaches, operationsState, rebuildDifferences, tallyLedger, type OperationsState, type Tally } from './verify.js';
import { discoverWorkload, runClient } from './workload.js';

export interface CrashOptions {
  /** A fresh database for the run (the service creates its schema and the demo data in it). */
  readonly database: SqlDatabase;
  readonly connectionString: string;
  readonly kills: number;
  readonly seed: number;
  readonly clients: number;
  /** The service runs this long (drawn evenly between the two) between a start and the next kill. */
  readonly upMs?: readonly [number, number];
  readonly progress?: (line: string) => void;
}

export interface CrashReport {
  readonly kills: number;
  readonly tally: Tally;
  /** The longest time one command took from its first retryable failure to its definitive answer. */
  readonly longestRetryMs: number;
  /** Restart: from the kill to 'listening' again. */
  readonly longestRestartMs: number;
  readonly capBreaches: readonly string[];
  readonly operations: OperationsState;
  /** Exit of the last run, stopped with SIGTERM after the checks against it. */
  readonly finalExit: { code: number | null; signal: string | null };
  readonly rebuildDifferences: readonly string[];
  readonly durationMs: number;
}

export async function runCrashHarness(options: CrashOptions): Promise<CrashReport> {
  const started = Date.now();
  const say = options.progress ?? (() => undefined);
  const [minUp, maxUp] = options.upMs ?? [1_500, 4_000];
  const schedule = new Random(mixSeed(options.seed, 0x6b696c6c));
  const mailDir = await mkdtemp(join(tmpdir(), 'egrants-chaos-mail-'));
  const port = await freePort();
  const env = { DATABASE_URL: options.connectionString, MAIL_DIR: mailDir };
  let service: ServiceProcess | undefined;
  try {
    service = await spawnService(env, { port });
    const baseUrl = service.baseUrl;
    const workload = await discoverWorkload(baseUrl);
    const stop = new AbortController();
    const clients = Array.from({ length: options.clients }, (_, client) => runClient(baseUrl, workload, client, options.seed, stop.signal));

    let longestRestartMs = 0;
    for (let kill = 1; kill <= options.kills; kill++) {
      await sleep(schedule.int(minUp, maxUp));
      const killedAt = Date.now();
      await killService(service);
      // A restart as in production: the demo data is in place already (seeding it again would only slow the start).
      service = await spawnService({ ...env, SEED_DEMO: '0' }, { port });
      const restartMs = Date.now() - killedAt;
      longestRestartMs = Math.max(longestRestartMs, restartMs);
      say(`kill ${kill}/${options.kills}: restarted in ${(restartMs / 1000).toFixed(1)} s`);
    }
    // Some load on the last run too, then every client finishes the command it has under way (a key a kill left
    // pending may hold it for a while) and stops.
    await sleep(minUp);
    stop.abort();
    say('clients finishing their last commands');
    const ledger = (await Promise.all(clients.map((client) => client.done))).flat();

    say('checking');
    const operations = await operationsState(service.origin);
    const breaches = await capBreaches(baseUrl, workload.citizenIds);
    const tally = await tallyLedger(options.database, ledger);
    service.process.kill('SIGTERM');
    const finalExit = await service.exited;
    service = undefined;
    say('rebuilding every read model');
    const differences = await rebuildDifferences(options.database);
    return {
      kills: options.kills,
      tally,
      longestRetryMs: Math.max(0, ...ledger.map((entry) => entry.retriedMs)),
      longestRestartMs,
      capBreaches: breaches,
      operations,
      finalExit,
      rebuildDifferences: differences,
      durationMs: Date.now() - started,
    };
  } finally {
    if (service) await killService(service);
    await rm(mailDir, { recursive: true, force: true });
  }
}

/** The figures, as `npm run chaos` prints them (no personal data: keys, counts and read-model names only). */
export function formatCrashReport(report: CrashReport): string {
  const { tally, operations } = report;
  const list = (items: readonly string[]) => (items.length === 0 ? '0' : `${items.length} (${items.slice(0, 5).join('; ')}${items.length > 5 ? '; …' : ''})`);
  return [
    `kills:                     ${report.kills}`,
    `acknowledged commands:     ${tally.acknowledged} (${Object.entries(tally.byKind).map(([kind, n]) => `${kind} ${n}`).join(', ')})`,
    `refused (definitive 4xx):  ${tally.refused} (${Object.entries(tally.refusals).map(([code, n]) => `${code} ×${n}`).join(', ') || 'none'})`,
    `lost:                      ${list(tally.lost)}`,
    `duplicated:                ${list(tally.duplicated)}`,
    `refused but recorded:      ${list(tally.refusedButRecorded)}`,
    `grant lines over their max: ${list(report.capBreaches)}`,
    `projections:               ${operations.projectionsCaughtUp ? 'caught up' : 'NOT caught up'}, problems ${list(operations.projectionProblems)}; reactions parked ${operations.reactionsParked}; /health/ready ${operations.ready ? '200' : 'not 200'}`,
    `rebuild equals live:       ${report.rebuildDifferences.length === 0 ? 'yes' : `no: ${list(report.rebuildDifferences)}`}`,
    `last stop (SIGTERM):       exit ${report.finalExit.code ?? report.finalExit.signal}`,
    `longest retry wait:        ${(report.longestRetryMs / 1000).toFixed(1)} s`,
    `longest restart:           ${(report.longestRestartMs / 1000).toFixed(1)} s`,
    `duration:                  ${(report.durationMs / 1000).toFixed(0)} s`,
  ].join('\n');
}

/** The checks that failed, by name (empty: all held). */
export const failedChecks = (report: CrashReport): string[] => [
  ...(report.tally.lost.length > 0 ? ['lost'] : []),
  ...(report.tally.duplicated.length > 0 ? ['duplicated'] : []),
  ...(report.tally.refusedButRecorded.length > 0 ? ['refused but recorded'] : []),
  ...(report.capBreaches.length > 0 ? ['caps'] : []),
  ...(!report.operations.projectionsCaughtUp || report.operations.projectionProblems.length > 0 || report.operations.reactionsParked > 0 ? ['projections'] : []),
  ...(report.rebuildDifferences.length > 0 ? ['rebuild'] : []),
];
