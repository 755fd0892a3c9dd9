import pg from 'pg';
import { StoreUnavailableError } from '../../kernel/store-unavailable.js';
import type { SqlClient, SqlDatabase } from './sql-database.js';

/** Socket errors of a server that is down, restarting or out of reach. */
const CONNECTION_ERRNOS = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** SQLSTATEs of a connection ended or refused by the server: class 08, and shutdown / crash / starting up (57P01–57P03). */
const CONNECTION_SQLSTATE = /^(08...|57P0[123])$/;
/** What pg itself throws when a connection ends under a query, or cannot be had in time. */
const CONNECTION_MESSAGES = /Connection terminated|not queryable|timeout exceeded when trying to connect|Connection ended unexpectedly/;

/** The server could not be reached, as opposed to a statement it refused (a constraint, a syntax error). */
export function isConnectionError(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (CONNECTION_ERRNOS.has(code) || CONNECTION_SQLSTATE.test(code))) return true;
  return typeof message === 'string' && CONNECTION_MESSAGES.test(message);
}

/** Connection failures leave as the kernel's StoreUnavailableError (503 at the edge); every other error as it is. */
async function translated<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    throw isConnectionError(error) ? new StoreUnavailableError('database', { cause: error }) : error;
  }
}

/** A lost LISTEN connection is made again after this long, doubling up to the maximum. */
const RELISTEN_BASE_MS = 250;
const RELISTEN_MAX_MS = 5_000;

export interface PgDatabaseOptions {
  readonly connectionString: string;
  readonly maxConnections?: number;
  /** A transaction left idle this long is ended by the server, so it cannot hold back the global order forever. */
  readonly idleInTransactionTimeoutMs?: number;
}

/** Connects once and runs `select 1`; a server that cannot be reached throws StoreUnavailableError. */
export async function pingPgServer(connectionString: string): Promise<void> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5_000 });
  client.on('error', () => undefined);
  try {
    await translated(client.connect());
    await translated(client.query('select 1'));
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** PostgreSQL server driver: a connection pool, plus one dedicated connection per LISTEN. */
export async function openPgDatabase(options: PgDatabaseOptions): Promise<SqlDatabase> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    options: `-c idle_in_transaction_session_timeout=${options.idleInTransactionTimeoutMs ?? 60_000}`,
    // pg waits for a connection for ever by default: a server that does not answer must fail a request, not hang it.
    connectionTimeoutMillis: 5_000,
  });
  // An idle pooled connection that dies (server restart) must not crash the process.
  pool.on('error', () => undefined);
  try {
    await translated(pool.query('select 1'));
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const listeners = new Set<pg.Client>();
  let closed = false;

  return {
    driver: 'pg',
    concurrentConnections: true,
    async query<R>(sql: string, params?: readonly unknown[]) {
      const result = await translated(pool.query(sql, params as unknown[] | undefined));
      return { rows: result.rows as R[] };
    },
    async exec(sql: string) {
      await translated(pool.query(sql));
    },
    async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
      const client = await translated(pool.connect());
      try {
        await translated(client.query('begin'));
        const tx: SqlClient = {
          async query<R>(sql: string, params?: readonly unknown[]) {
            const result = await translated(client.query(sql, params as unknown[] | undefined));
            return { rows: result.rows as R[] };
          },
        };
        const value = await work(tx);
        await translated(client.query('commit'));
        return value;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    async listen(channel: string, onNotify: (payload: string) => void) {
      let stopped = false;
      let current: pg.Client | undefined;
      const connect = async (): Promise<pg.Client> => {
        const client = new pg.Client({ connectionString: options.connectionString, connectionTimeoutMillis: 5_000 });
        client.on('error', () => undefined);
        try {
          await translated(client.connect());
          client.on('notification', (message) => {
            if (message.channel === channel) onNotify(message.payload ?? '');
          });
          await translated(client.query(`listen ${pg.escapeIdentifier(channel)}`));
        } catch (error) {
          await client.end().catch(() => undefined);
          throw error;
        }
        listeners.add(client);
        client.once('end', () => {
          listeners.delete(client);
          if (!stopped && !closed) void relisten();
        });
        return client;
      };
      // The server restarted or the connection broke: LISTEN again, for as long as the listener is wanted, and
      // then wake the caller once (an empty payload), since whatever was notified meanwhile was lost with it.
      // Without this a subscription whose reads kept succeeding would never hear of another process's appends again.
      const relisten = async () => {
        for (let attempt = 1; !stopped && !closed; attempt++) {
          await new Promise((resolve) => setTimeout(resolve, Math.min(RELISTEN_MAX_MS, RELISTEN_BASE_MS * 2 ** (attempt - 1))));
          if (stopped || closed) return;
          try {
            current = await connect();
            if (stopped || closed) await current.end().catch(() => undefined);
            else onNotify('');
            return;
          } catch {
            // Still unreachable: try again after a longer pause.
          }
        }
      };
      current = await connect();
      return async () => {
        stopped = true;
        if (current) {
          listeners.delete(current);
          await current.end().catch(() => undefined);
        }
      };
    },
    async close() {
      closed = true;
      await Promise.all([...listeners].map((client) => client.end().catch(() => undefined)));
      listeners.clear();
      await pool.end();
    },
  };
}
