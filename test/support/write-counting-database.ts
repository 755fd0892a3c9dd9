import type { SqlClient, SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';

/** One transaction that wrote (it was given a transaction id): its statements, for the failure message. */
export interface WritingTransaction {
  readonly statements: readonly string[];
}

export interface WriteCountingDatabase extends SqlDatabase {
  /** Every transaction the service committed that wrote something (a durable commit), oldest first. */
  readonly writes: WritingTransaction[];
  /** Every transaction the service committed, read-only ones too (what pg_stat_database.xact_commit counts). */
  readonly commits: { count: number };
}

const WROTE = 'select pg_current_xact_id_if_assigned() is not null as wrote';
const short = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 160);

/**
 * The service's database, counting its durable commits exactly and at once: before each transaction commits, it
 * asks the server whether the transaction was given a transaction id — PostgreSQL assigns one at the first write,
 * and only such a commit writes a commit record that waits for the disk. A statement outside a transaction runs in
 * one of its own here (the same effect, two more round trips), so it is counted the same way. Migrations (`exec`)
 * count as writes. For tests: pg_stat_database.xact_commit counts read-only commits too, is server-wide per
 * database (another connection's work lands in it) and reaches the view only when a backend flushes its statistics
 * (up to seconds later), so it cannot isolate one request.
 */
export function countingWrites(db: SqlDatabase): WriteCountingDatabase {
  const writes: WritingTransaction[] = [];
  const commits = { count: 0 };
  const counted = async <T>(work: (tx: SqlClient) => Promise<T>): Promise<T> => {
    const statements: string[] = [];
    const result = await db.transaction(async (tx) => {
      const recording: SqlClient = {
        query: (sql, params) => {
          statements.push(short(sql));
          return tx.query(sql, params);
        },
      };
      const value = await work(recording);
      const { rows } = await tx.query<{ wrote: boolean }>(WROTE);
      if (rows[0]?.wrote) writes.push({ statements });
      return value;
    });
    commits.count++;
    return result;
  };
  return {
    driver: db.driver,
    concurrentConnections: db.concurrentConnections,
    writes,
    commits,
    query: (sql, params) => counted((tx) => tx.query(sql, params)),
    async exec(sql) {
      await db.exec(sql);
      writes.push({ statements: [short(sql)] });
      commits.count++;
    },
    transaction: counted,
    listen: (channel, onNotify) => db.listen(channel, onNotify),
    close: () => db.close(),
  };
}
