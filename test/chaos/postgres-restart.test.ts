import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from '@jest/globals';
import { operationsState, tallyLedger } from '../../bench/chaos/verify.js';
import { discoverWorkload, runClient } from '../../bench/chaos/workload.js';
import { openPgDatabase } from '../../src/infrastructure/sql/pg-database.js';
import { privateClusterSkipReason, startPrivateCluster, type PrivateCluster } from '../support/private-cluster.js';
import { callService, killService, loginDemoUser, spawnService, type ServiceProcess } from '../support/service-process.js';

interface Observed {
  readonly what: 'command' | 'ready';
  readonly status: number | 'no answer';
  readonly code?: string;
  readonly retryAfter?: string | null;
}

/**
 * Sends a fresh command (a phone change, a new key each time, never retried) and asks /health/ready, over and
 * over, recording exactly what came back: what a client sees while the database is away.
 */
async function observe(service: ServiceProcess, token: string, citizenId: string, stop: AbortSignal): Promise<Observed[]> {
  const seen: Observed[] = [];
  for (let n = 0; !stop.aborted; n++) {
    try {
      // 30 s without an answer counts as a hang (every other request here is answered in milliseconds).
      const signal = AbortSignal.timeout(30_000);
      const command = await callService(service.baseUrl, 'PATCH', `/citizens/${citizenId}`, { token, body: { phone: `+45 80 ${String(n).padStart(6, '0')}` }, headers: { 'idempotency-key': `observer-${n}` }, signal });
      seen.push({ what: 'command', status: command.status, code: command.body?.error?.code, retryAfter: command.headers.get('retry-after') });
      const ready = await callService(service.origin, 'GET', '/health/ready', { signal });
      seen.push({ what: 'ready', status: ready.status });
    } catch {
      seen.push({ what: 'command', status: 'no answer' });
    }
    await sleep(100);
  }
  return seen;
}

const skipReason = privateClusterSkipReason();

describe('PostgreSQL stopped and started again under load [private cluster]', () => {
  if (skipReason) {
    it.skip(`skipped: ${skipReason}`, () => undefined);
    return;
  }
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('answers 503 STORE_UNAVAILABLE with Retry-After while the server is gone, recovers by itself, and keeps every acknowledged command', async () => {
    const cluster: PrivateCluster = await startPrivateCluster();
    cleanups.push(() => cluster.destroy());
    const mailDir = await mkdtemp(join(tmpdir(), 'egrants-pg-restart-mail-'));
    cleanups.push(() => rm(mailDir, { recursive: true, force: true }));
    const service = await spawnService({ DATABASE_URL: cluster.url, MAIL_DIR: mailDir });
    cleanups.push(() => killService(service));

    const workload = await discoverWorkload(service.baseUrl);
    const caseworker = await loginDemoUser(service.baseUrl, 'sagsbehandler.kbh');
    const citizenId = workload.actors[0]!.citizens[0]!.citizenId;
    const stop = new AbortController();
    const clients = Array.from({ length: 4 }, (_, client) => runClient(service.baseUrl, workload, client, 11, stop.signal));
    const observer = observe(service, caseworker, citizenId, stop.signal);

    await sleep(1_500);
    await cluster.stop();
    await sleep(3_000);
    await cluster.start();
    await sleep(2_000);
    stop.abort();
    const ledger = (await Promise.all(clients.map((client) => client.done))).flat();
    const seen = await observer;

    // While it was gone: a retryable 503 with a code and Retry-After, never a 500, never a request left hanging.
    const commands = seen.filter((answer) => answer.what === 'command');
    expect(commands.filter((answer) => answer.status === 503).length).toBeGreaterThan(0);
    expect(commands.filter((answer) => answer.status === 'no answer' || (typeof answer.status === 'number' && answer.status >= 500 && answer.status !== 503))).toEqual([]);
    expect(commands.filter((answer) => answer.status === 503 && (answer.code !== 'STORE_UNAVAILABLE' || answer.retryAfter === null))).toEqual([]);
    expect(seen.filter((answer) => answer.what === 'ready' && answer.status === 503).length).toBeGreaterThan(0);
    // The service lived through it: the same process, no restart.
    expect(service.process.exitCode).toBeNull();

    // Afterwards, by itself: ready again, projections caught up and healthy, nothing parked.
    expect(await operationsState(service.origin)).toEqual({ projectionsCaughtUp: true, projectionProblems: [], reactionsParked: 0, ready: true });
    // A command's effect reaches the read models again.
    const changed = await callService(service.baseUrl, 'PATCH', `/citizens/${citizenId}`, { token: caseworker, body: { phone: '+45 81 000001' }, headers: { 'idempotency-key': 'after-restart' } });
    expect(changed.status).toBe(200);
    const record = await callService(service.baseUrl, 'GET', `/citizens/${citizenId}?purpose=Henvendelse%20fra%20borger&consistentWith=${changed.body.position}`, { token: caseworker });
    expect(record.body.phone).toBe('+45 81 000001');

    // Nothing acknowledged was lost or recorded twice; nothing refused was recorded.
    const db = await openPgDatabase({ connectionString: cluster.url, maxConnections: 2 });
    try {
      const tally = await tallyLedger(db, ledger);
      expect(tally.acknowledged).toBeGreaterThan(0);
      expect({ lost: tally.lost, duplicated: tally.duplicated, refusedButRecorded: tally.refusedButRecorded }).toEqual({ lost: [], duplicated: [], refusedButRecorded: [] });
    } finally {
      await db.close();
    }
  }, 180_000);
});
