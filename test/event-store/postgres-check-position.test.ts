import { randomUUID } from 'node:crypto';
import { afterEach, expect, it } from '@jest/globals';
import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres/postgres-event-store.js';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import { describeEachBackend } from '../support/databases.js';

/** Counts the statements sent, so a check that needs no query shows as none. */
function counting(db: SqlDatabase): SqlDatabase & { readonly statements: () => number } {
  let statements = 0;
  return {
    ...db,
    statements: () => statements,
    query: (sql, params) => (statements++, db.query(sql, params)),
    close: () => db.close(),
  };
}

const oneEvent = () => [{ eventId: randomUUID(), type: 'Happened', data: {}, metadata: {} }];

describeEachBackend('PostgreSQL event store: checkPosition on the read path', (backend) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('a position this store object appended or read costs no query; one another writer appended is looked up', async () => {
    const db = counting(await backend.open());
    cleanup.push(() => db.close());
    const store = await PostgresEventStore.open(db);
    const other = await PostgresEventStore.open(db);
    cleanup.push(() => store.close(), () => other.close());

    const own = (await store.appendToStream('thing-1', oneEvent(), 'no_stream')).position!;
    const before = db.statements();
    expect(await store.checkPosition(own)).toBe('written');
    expect(db.statements() - before).toBe(0);

    // Another instance's append: unknown to this object until it reads it, so the store is asked.
    const theirs = (await other.appendToStream('thing-2', oneEvent(), 'no_stream')).position!;
    const asking = db.statements();
    expect(await store.checkPosition(theirs)).toBe('written');
    expect(db.statements() - asking).toBe(1);

    // Read (as the shared reader reads every event), it is known too. The read may stop short of it while a
    // transaction elsewhere on the server holds the readers' horizon back: read until it is there.
    const deadline = Date.now() + 10_000;
    while (!(await store.readAll({ maxCount: 10 })).events.some((event) => event.position === theirs) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const afterRead = db.statements();
    expect(await store.checkPosition(theirs)).toBe('written');
    expect(db.statements() - afterRead).toBe(0);
    expect(await store.checkPosition(`${'f'.repeat(15)}0-0000000000000001`)).toBe('unwritten');
  });
});
