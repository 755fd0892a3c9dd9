import { afterEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { serverDatabase } from '../support/databases.js';
import { eventually } from '../support/eventually.js';

/**
 * A LISTEN connection the server ends (a restart, an administrator, a network cut) is made again by itself: a
 * subscription whose reads keep working would otherwise never hear of another process's appends again.
 */
const skipReason = process.env.TEST_DATABASE_URL ? undefined : 'TEST_DATABASE_URL not set';

describe('LISTEN on a PostgreSQL server [postgres]', () => {
  if (skipReason) {
    it.skip(`skipped: ${skipReason}`, () => undefined);
    return;
  }
  const cleanup: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('after the server ends the listening connection, listens again, says so once (an empty payload), and hears notifications again', async () => {
    const db = await serverDatabase();
    cleanup.push(() => db.close());
    const heard: string[] = [];
    const unlisten = await db.listen('chaos_channel', (payload) => heard.push(payload));
    cleanup.push(unlisten);
    const other = new pg.Client({ connectionString: db.connectionString });
    await other.connect();
    cleanup.push(() => other.end());

    await other.query(`notify chaos_channel, 'before'`);
    await eventually(async () => (heard.includes('before') ? true : undefined));
    const { rows } = await other.query<{ ended: boolean }>(
      `select pg_terminate_backend(pid) as ended from pg_stat_activity
        where datname = current_database() and pid <> pg_backend_pid() and query ilike 'listen%'`,
    );
    expect(rows).toEqual([{ ended: true }]);

    // The wake-up for what may have been missed, then notifications as before.
    await eventually(async () => (heard.includes('') ? true : undefined));
    await eventually(async () => {
      await other.query(`notify chaos_channel, 'after'`);
      return heard.includes('after') ? true : undefined;
    });
    expect(heard.filter((payload) => payload === '')).toEqual(['']);
  });
});
