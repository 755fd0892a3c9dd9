import { PGlite, type Transaction } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { acquireDataDirLock } from './data-dir-lock.js';
import type { SqlClient, SqlDatabase } from './sql-database.js';

/**
 * Embedded PostgreSQL (PGlite, in-process WASM). One connection: transactions run one after another,
 * so none of the concurrency hazards of a server arise, but the SQL is the same.
 */
export async function openPgliteDatabase(options: { dataDir?: string } = {}): Promise<SqlDatabase> {
  // PGlite does not lock its directory itself; a second process opening it would corrupt it.
  const release = options.dataDir ? await acquireDataDirLock(options.dataDir) : async () => undefined;
  try {
    const db = await PGlite.create(options.dataDir, { extensions: { pg_trgm } });
    return wrapPglite(db, release);
  } catch (error) {
    await release();
    throw error;
  }
}

export function wrapPglite(db: PGlite, onClose: () => Promise<void> = async () => undefined): SqlDatabase {
  const client = (target: PGlite | Transaction): SqlClient => ({
    async query<R>(sql: string, params?: readonly unknown[]) {
      const result = await target.query<R>(sql, params as unknown[] | undefined);
      return { rows: result.rows };
    },
  });
  return {
    driver: 'pglite',
    concurrentConnections: false,
    ...client(db),
    async exec(sql: string) {
      await db.exec(sql);
    },
    transaction: <T>(work: (tx: SqlClient) => Promise<T>) => db.transaction((tx) => work(client(tx))),
    async listen(channel: string, onNotify: (payload: string) => void) {
      const unsubscribe = await db.listen(channel, onNotify);
      return async () => {
        if (!db.closed) await unsubscribe();
      };
    },
    async close() {
      if (!db.closed) await db.close();
      await onClose();
    },
  };
}
