/**
 * Databases for tests: a fresh PGlite per call (loaded from one empty template per jest run, several times
 * cheaper than creating one), and, when TEST_DATABASE_URL is set, a fresh database on that PostgreSQL server.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import pg from 'pg';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import { wrapPglite } from '../../src/infrastructure/sql/pglite-database.js';
import { openPgDatabase, type PgDatabaseOptions } from '../../src/infrastructure/sql/pg-database.js';

import { SHARED_DIR_VARIABLE } from './global-setup.js';

let template: Promise<Blob> | undefined;

/**
 * The data folder of a freshly created PGlite, as a tarball. Creating one runs initdb in WebAssembly (seconds of
 * CPU); every test file used to do that once. Now the first file of a run to need it writes it to the run's
 * shared folder and the others read it (two files racing both create it; the rename keeps either whole).
 */
async function emptyTemplate(): Promise<Blob> {
  const shared = process.env[SHARED_DIR_VARIABLE];
  const file = shared && join(shared, 'pglite-empty.tar');
  if (file && existsSync(file)) return new Blob([await readFile(file)]);
  const created = await PGlite.create(undefined, { extensions: { pg_trgm } });
  const dump = await created.dumpDataDir('none');
  await created.close();
  if (file) {
    const partial = `${file}.${process.pid}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
  }
  return dump;
}

/** A fresh, empty in-memory PGlite (with pg_trgm, as in production), loaded from the template (what clone() does). */
export async function pgliteDatabase(): Promise<SqlDatabase> {
  template ??= emptyTemplate();
  return wrapPglite(await PGlite.create(undefined, { loadDataDir: await template, extensions: { pg_trgm } }));
}

export interface ServerTestDatabase extends SqlDatabase {
  /** Connection string of the fresh database, for tests that need raw connections of their own. */
  readonly connectionString: string;
}

/**
 * A freshly created, uniquely named database on the TEST_DATABASE_URL server. close() drops it
 * (forcibly, so a connection a failed test left open does not keep it alive).
 */
export async function serverDatabase(options: Omit<PgDatabaseOptions, 'connectionString'> = {}): Promise<ServerTestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `test_${process.pid}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await withAdminClient(serverUrl, (client) => client.query(`create database ${name}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const connectionString = url.toString();
  const db = await openPgDatabase({ ...options, connectionString });
  return {
    driver: db.driver,
    concurrentConnections: db.concurrentConnections,
    connectionString,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    transaction: (work) => db.transaction(work),
    listen: (channel, onNotify) => db.listen(channel, onNotify),
    async close() {
      await db.close();
      await withAdminClient(serverUrl, (client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}

async function withAdminClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface Backend {
  readonly name: 'pglite' | 'postgres';
  /** Why this backend's suites do not run here; undefined when they do. */
  readonly skipReason: string | undefined;
  open(): Promise<SqlDatabase>;
}

/** Every SQL backend, available or not: suites iterate all of them, so unavailable ones show up as skipped. */
export function backends(): Backend[] {
  return [
    { name: 'pglite', skipReason: undefined, open: pgliteDatabase },
    {
      name: 'postgres',
      skipReason: process.env.TEST_DATABASE_URL ? undefined : 'TEST_DATABASE_URL not set',
      open: () => serverDatabase(),
    },
  ];
}

/**
 * describe(`${title} [backend]`, …) for every backend. An unavailable backend still gets its describe
 * block, holding one skipped test whose title gives the reason, so the skip is visible in jest's output.
 */
export function describeEachBackend(title: string, body: (backend: Backend) => void): void {
  for (const backend of backends()) {
    describe(`${title} [${backend.name}]`, () => {
      if (backend.skipReason === undefined) body(backend);
      else it.skip(`skipped: ${backend.skipReason}`, () => undefined);
    });
  }
}
