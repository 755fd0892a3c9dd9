/**
 * The one SQL seam under the PostgreSQL adapters: the same SQL runs on a PostgreSQL server (`pg`) and on
 * embedded PGlite. Keep SQL within what PostgreSQL 15 supports.
 */
export interface SqlClient {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[] }>;
}

export interface SqlDatabase extends SqlClient {
  readonly driver: 'pg' | 'pglite';
  /** False for PGlite (one connection: transactions run one after another). */
  readonly concurrentConnections: boolean;
  /** Runs several statements without parameters (schema migrations). */
  exec(sql: string): Promise<void>;
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** LISTEN on a channel; resolves to an unsubscribe function. */
  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
