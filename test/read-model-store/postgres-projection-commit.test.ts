/**
 * A projection batch on PostgreSQL is read and written in two statements, guarded by its table's registry row
 * (src/infrastructure/read-model-store/postgres/guarded-commit.ts): whatever lands between the read and the write
 * — another runner's batch, a parked event's replay, a swap that drops the table — the batch writes nothing and
 * the runner learns what to do.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Position } from '../../src/kernel/event-store.port.js';
import type { ReadModelDefinition } from '../../src/kernel/read-model-store.port.js';
import type { BatchOutcome, CommitRequest, StoredDocument } from '../../src/infrastructure/projections/projection-storage.js';
import { PostgresProjectionStorage } from '../../src/infrastructure/read-model-store/postgres/postgres-projection-storage.js';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import { describeEachBackend } from '../support/databases.js';

const at = (n: number) => `${String(n).padStart(16, '0')}-0000000000000001` as Position;

/** A counter document: each batch adds `by` to what it read. */
function counting(table: string, expectedCheckpoint: Position | undefined, checkpoint: Position, by: number): CommitRequest {
  return {
    table,
    expectedCheckpoint,
    requiredState: 'live',
    documentIds: ['c'],
    apply: (documents: ReadonlyMap<string, StoredDocument>): BatchOutcome => {
      const value = documents.has('c') ? (JSON.parse(documents.get('c')!.json) as { value: number }).value : 0;
      return { documents: new Map([['c', { json: JSON.stringify({ value: value + by }), position: checkpoint }]]), parked: [] };
    },
    checkpoint,
    promote: false,
  };
}

describeEachBackend('PostgreSQL projection commit, guarded by the registry row', (backend) => {
  let db: SqlDatabase;
  let storage: PostgresProjectionStorage;
  /** Run once, just before the next batch's write statement: what lands between its read and its write. */
  let beforeNextWrite: (() => Promise<unknown>) | undefined;
  let n = 0;
  beforeAll(async () => {
    db = await backend.open();
    const hooked = Object.create(db) as SqlDatabase;
    hooked.query = async (sql, params) => {
      if (/^\s*with own as/.test(sql) && beforeNextWrite) {
        const hook = beforeNextWrite;
        beforeNextWrite = undefined;
        await hook();
      }
      return db.query(sql, params);
    };
    storage = new PostgresProjectionStorage(hooked);
    await storage.migrate();
  });
  afterAll(() => db?.close());

  async function liveTable(): Promise<string> {
    const definition: ReadModelDefinition = { name: `guard-${++n}`, version: 1, indexes: [] };
    const table = await storage.createTable(definition, 'live');
    return table!.table;
  }
  const valueOf = async (table: string) =>
    (await db.query<{ doc: { value: number } }>(`select doc from "${table}" where id = 'c'`)).rows[0]?.doc.value;
  const checkpointOf = async (table: string) => (await storage.table(table))?.checkpoint;

  it('commits a batch: documents and checkpoint together', async () => {
    const table = await liveTable();
    await expect(storage.commit(counting(table, undefined, at(1), 5))).resolves.toEqual({ kind: 'committed' });
    await expect(storage.commit(counting(table, at(1), at(2), 1))).resolves.toEqual({ kind: 'committed' });
    expect(await valueOf(table)).toBe(6);
    expect(await checkpointOf(table)).toBe(at(2));
  });

  it('a batch of another runner that commits between the read and the write wins; this one writes nothing and is told where the checkpoint is', async () => {
    const table = await liveTable();
    await storage.commit(counting(table, undefined, at(1), 1));
    let other: unknown;
    beforeNextWrite = async () => (other = await storage.commit(counting(table, at(1), at(3), 100)));
    expect(await storage.commit(counting(table, at(1), at(2), 10))).toEqual({ kind: 'moved', checkpoint: at(3) });
    expect(other).toEqual({ kind: 'committed' });
    expect(await valueOf(table)).toBe(101);
    expect(await checkpointOf(table)).toBe(at(3));
  });

  it('a parked event replayed between the read and the write is not overwritten: the batch is read again from the same checkpoint', async () => {
    const table = await liveTable();
    await storage.commit(counting(table, undefined, at(1), 1));
    let replayed: unknown;
    beforeNextWrite = async () =>
      (replayed = await storage.replay({
        table,
        position: at(1),
        documentIds: ['c'],
        apply: (documents) => {
          const value = (JSON.parse(documents.get('c')!.json) as { value: number }).value;
          return { documents: new Map([['c', { json: JSON.stringify({ value: value + 1000 }), position: at(1) }]]), parked: [] };
        },
      }));
    expect(await storage.commit(counting(table, at(1), at(2), 10))).toEqual({ kind: 'moved', checkpoint: at(1) });
    expect(replayed).toBe('replayed');
    expect(await valueOf(table)).toBe(1001);
    // Read again, the batch applies on top of the replayed document.
    await expect(storage.commit(counting(table, at(1), at(2), 10))).resolves.toEqual({ kind: 'committed' });
    expect(await valueOf(table)).toBe(1011);
  });

  it('parks events in the same statement as the documents', async () => {
    const table = await liveTable();
    const request: CommitRequest = {
      ...counting(table, undefined, at(1), 1),
      apply: () => ({
        documents: new Map(),
        parked: [{ position: at(1), eventId: 'e1', eventType: 'Broken', streamName: 's-1', revision: 0, error: 'cannot apply', attempts: 3 }],
      }),
      documentIds: [],
    };
    await expect(storage.commit(request)).resolves.toEqual({ kind: 'committed' });
    const readModel = table.replace(/^rm_/, '').replace(/_v1_b1$/, '').replaceAll('_', '-');
    expect(await storage.listParked(readModel)).toEqual([expect.objectContaining({ table, position: at(1), eventType: 'Broken', attempts: 3 })]);
    expect(await checkpointOf(table)).toBe(at(1));
  });

  it('a table dropped under the batch (a swap) is "gone", not an error', async () => {
    const table = await liveTable();
    await storage.commit(counting(table, undefined, at(1), 1));
    beforeNextWrite = () => storage.dropTable(table);
    expect(await storage.commit(counting(table, at(1), at(2), 1))).toEqual({ kind: 'gone' });
    expect(await storage.table(table)).toBeUndefined();
  });

  describe('on a server, several connections at once', () => {
    // PGlite has one connection: its statements never run at once.
    const onServer = backend.name === 'postgres' ? it : it.skip;
    onServer('of eight runners committing the same batch concurrently, exactly one writes', async () => {
      const table = await liveTable();
      await storage.commit(counting(table, undefined, at(1), 1));
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => storage.commit(counting(table, at(1), at(2 + i), 10))));
      expect(results.filter((result) => result.kind === 'committed')).toHaveLength(1);
      expect(results.filter((result) => result.kind === 'moved')).toHaveLength(7);
      expect(await valueOf(table)).toBe(11);
    });
  });
});
