import pg from 'pg';
import type { SqlClient, SqlDatabase } from './sql-database.js';

export interface PgDatabaseOptions {
  readonly connectionString: string;
  readonly maxConnections?: number;
  /** A transaction left idle this long is ended by the server, so it cannot hold back the global order forever. */
  readonly idleInTransactionTimeoutMs?: number;
}

/** PostgreSQL server driver: a connection pool, plus one dedicated connection per LISTEN. */
export async function openPgDatabase(options: PgDatabaseOptions): Promise<SqlDatabase> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    options: `-c idle_in_transaction_session_timeout=${options.idleInTransactionTimeoutMs ?? 60_000}`,
  });
  // An idle pooled connection that dies (server restart) must not crash the process.
  pool.on('error', () => undefined);
  await pool.query('select 1');
  const listeners = new Set<pg.Client>();

  return {
    driver: 'pg',
    concurrentConnections: true,
    async query<R>(sql: string, params?: readonly unknown[]) {
      const result = await pool.query(sql, params as unknown[] | undefined);
      return { rows: result.rows as R[] };
    },
    async exec(sql: string) {
      await pool.query(sql);
    },
    async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const tx: SqlClient = {
          async query<R>(sql: string, params?: readonly unknown[]) {
            const result = await client.query(sql, params as unknown[] | undefined);
            return { rows: result.rows as R[] };
          },
        };
        const value = await work(tx);
        await client.query('commit');
        return value;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel: string, onNotify: (payload: string) => void) {
      const client = new pg.Client({ connectionString: options.connectionString });
      client.on('error', () => undefined);
      await client.connect();
      client.on('notification', (message) => {
        if (message.channel === channel) onNotify(message.payload ?? '');
      });
      await client.query(`listen ${pg.escapeIdentifier(channel)}`);
      listeners.add(client);
      return async () => {
        listeners.delete(client);
        await client.end().catch(() => undefined);
      };
    },
    async close() {
      await Promise.all([...listeners].map((client) => client.end().catch(() => undefined)));
      listeners.clear();
      await pool.end();
    },
  };
}
