import { createServer, type Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../kernel/logger.js';
import { isStoreUnavailable, STORE_RETRY_AFTER_SECONDS } from '../kernel/store-unavailable.js';
import { pingPgServer } from '../infrastructure/sql/pg-database.js';

const MAX_PAUSE_MS = 5_000;

/** Where the database is, for a log line: host, port and database name; never the user or the password. */
export const describeDatabase = (url: string): string => {
  const parsed = new URL(url);
  return `${parsed.host}${parsed.pathname}`;
};

/**
 * Waits, for as long as it takes, until the PostgreSQL server of DATABASE_URL answers, logging each wait: a service
 * started before its database (a whole installation booting at once) must not exit and be restarted over and
 * over. Meanwhile a holding server on the service's port answers the platform's probes, /health/live 200 (the
 * process is well: no reason to restart it) and /health/ready 503, and every other request 503 STARTING with
 * Retry-After, until `releasePort` (just before the service listens there, so the probes are answered all along).
 * Any other failure (a wrong password, say) is thrown.
 */
export async function waitForDatabase(url: string, listen: { port: number; host: string }, logger: Logger): Promise<{ releasePort: () => Promise<void> }> {
  let holding: Server | undefined;
  const releasePort = () => new Promise<void>((resolve) => (holding ? holding.close(() => resolve()) : resolve()));
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await pingPgServer(url);
        if (attempt > 1) logger.info({ database: describeDatabase(url) }, 'database reachable');
        return { releasePort };
      } catch (error) {
        if (!isStoreUnavailable(error)) throw error;
        holding ??= await holdPort(listen);
        const pauseMs = Math.min(MAX_PAUSE_MS, 250 * 2 ** (attempt - 1));
        logger.warn({ database: describeDatabase(url), attempt, retryInSeconds: pauseMs / 1000 }, 'waiting for the database');
        await sleep(pauseMs);
      }
    }
  } catch (error) {
    await releasePort();
    throw error;
  }
}

function holdPort({ port, host }: { port: number; host: string }): Promise<Server> {
  const server = createServer((request, reply) => {
    const path = (request.url ?? '').split('?')[0];
    const [status, body] =
      path === '/health/live'
        ? [200, { status: 'ok' }]
        : path === '/health/ready'
          ? [503, { status: 'not_ready', checks: { stores: 'unreachable' } }]
          : [503, { error: { code: 'STARTING', message: 'The service is starting: it waits for its database. Please retry.', details: { retryAfterSeconds: STORE_RETRY_AFTER_SECONDS } } }];
    reply.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...(status === 503 ? { 'retry-after': String(STORE_RETRY_AFTER_SECONDS) } : {}), connection: 'close' });
    reply.end(JSON.stringify(body));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
