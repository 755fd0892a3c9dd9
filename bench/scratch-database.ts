import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openPgDatabase } from '../src/infrastructure/sql/pg-database.js';
import type { SqlDatabase } from '../src/infrastructure/sql/sql-database.js';

/** A database created on the server for one benchmark run, and dropped after it (`work` also gets its URL, for a service process). */
export async function withScratchDatabase<T>(serverUrl: string, prefix: string, work: (db: SqlDatabase, connectionString: string) => Promise<T>): Promise<T> {
  const name = `${prefix}_${Date.now().toString(36)}_${randomUUID().slice(0, 8)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const db = await openPgDatabase({ connectionString: url.toString(), maxConnections: 10 });
    try {
      return await work(db, url.toString());
    } finally {
      await db.close();
      await admin.query(`drop database if exists ${name} with (force)`);
    }
  } finally {
    await admin.end();
  }
}
