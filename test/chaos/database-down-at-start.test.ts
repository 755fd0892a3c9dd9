import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { privateClusterSkipReason, startPrivateCluster } from '../support/private-cluster.js';
import { callService, killService, loginDemoUser, spawnService, untilLogged } from '../support/service-process.js';
import { eventually } from '../support/eventually.js';

const skipReason = privateClusterSkipReason();
/** In the URL, never in a log line. The private cluster trusts loopback, so the server never asks for it. */
const PASSWORD = 'not-for-any-log-line';

describe('The database server down when the service starts [private cluster]', () => {
  if (skipReason) {
    it.skip(`skipped: ${skipReason}`, () => undefined);
    return;
  }
  const cleanups: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('waits (saying so, without the password), answers live 200 and ready 503 meanwhile, and serves once the server is up', async () => {
    const cluster = await startPrivateCluster();
    cleanups.push(() => cluster.destroy());
    await cluster.stop();
    const mailDir = await mkdtemp(join(tmpdir(), 'egrants-db-down-mail-'));
    cleanups.push(() => rm(mailDir, { recursive: true, force: true }));
    const url = new URL(cluster.url);
    url.password = PASSWORD;

    const service = await spawnService({ DATABASE_URL: url.toString(), MAIL_DIR: mailDir }, { waitUntilListening: false });
    cleanups.push(() => killService(service));
    const waiting = await untilLogged(service, 'waiting for the database');
    expect(waiting.database).toBe(`127.0.0.1:${cluster.port}/postgres`);
    // A second wait, still the same process: it does not give up (or exit to be restarted).
    await eventually(async () => (service.logs.filter((line) => line.msg === 'waiting for the database').length >= 2 ? true : undefined));
    expect(service.process.exitCode).toBeNull();
    expect((await callService(service.origin, 'GET', '/health/live')).status).toBe(200);
    const ready = await callService(service.origin, 'GET', '/health/ready');
    expect(ready.status).toBe(503);
    const command = await callService(service.baseUrl, 'POST', '/auth/login', { body: { username: 'admin', password: 'whatever-it-is', acceptTerms: true } });
    expect({ status: command.status, code: command.body?.error?.code, retryAfter: command.headers.get('retry-after') }).toEqual({ status: 503, code: 'STARTING', retryAfter: '2' });

    await cluster.start();
    await untilLogged(service, 'listening', 120_000);
    await eventually(async () => ((await callService(service.origin, 'GET', '/health/ready')).status === 200 ? true : undefined), 30_000);
    await loginDemoUser(service.baseUrl, 'sagsbehandler.kbh');

    const everything = JSON.stringify(service.logs) + service.stderr();
    expect(everything.includes(PASSWORD)).toBe(false);
  }, 180_000);
});
