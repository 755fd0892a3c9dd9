import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Position } from '../../src/kernel/event-store.port.js';
import { writeDocuments } from '../../src/infrastructure/read-model-store/postgres/documents.js';
import { PostgresProjectionStorage } from '../../src/infrastructure/read-model-store/postgres/postgres-projection-storage.js';
import { PostgresReadModelStore } from '../../src/infrastructure/read-model-store/postgres/postgres-read-model-store.js';
import { recordWrite } from '../../src/infrastructure/read-model-store/postgres/read-model-registry.js';
import type { ReadModelDefinition } from '../../src/kernel/read-model-store.port.js';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import { describeEachBackend } from '../support/databases.js';
import { readModelStoreConformance, type ReadModelStoreHarness } from './read-model-store.conformance.js';

async function seed(db: SqlDatabase, definition: ReadModelDefinition, documents: ReadonlyArray<{ id: string; doc: object }>, checkpoint?: Position) {
  const storage = new PostgresProjectionStorage(db);
  await storage.migrate();
  const table = await storage.createTable(definition, 'live');
  if (!table) throw new Error('live table exists already');
  const rows = new Map(documents.map(({ id, doc }) => [id, { json: JSON.stringify(doc), position: '0000000000000001' as Position }]));
  await writeDocuments(db, table.table, rows);
  if (checkpoint) await recordWrite(db, table.table, checkpoint);
  return table;
}

/** A build's swap with no batch of its own (the build holds the whole log). */
const swapIn = (storage: PostgresProjectionStorage, table: string) =>
  storage.commit({
    table,
    expectedCheckpoint: undefined,
    requiredState: 'building',
    documentIds: [],
    apply: () => ({ documents: new Map(), parked: [] }),
    checkpoint: undefined,
    promote: true,
  });

describeEachBackend('PostgresReadModelStore', (backend) => {
  describe('conformance', () => {
    readModelStoreConformance(async (): Promise<ReadModelStoreHarness> => {
      const db = await backend.open();
      return { store: new PostgresReadModelStore(db), seed: (definition, documents, checkpoint) => seed(db, definition, documents, checkpoint).then(() => undefined), close: () => db.close() };
    });
  });

  describe('tables and indexes', () => {
    let db: SqlDatabase;
    beforeAll(async () => {
      db = await backend.open();
    });
    afterAll(() => db?.close());

    const definition: ReadModelDefinition = {
      name: 'index-check',
      version: 3,
      indexes: [
        { field: 'municipality', kind: 'equals' },
        { field: 'address.city', kind: 'equals' },
        { field: 'nameSearch', kind: 'contains' },
        { field: 'tags', kind: 'array' },
        { field: 'name', kind: 'sort' },
      ],
    };

    it('names the table after read model, version and build, and creates one index per definition', async () => {
      const table = await seed(db, definition, []);
      expect(table.table).toBe('rm_index_check_v3_b1');
      const { rows } = await db.query<{ indexdef: string }>(`select indexdef from pg_indexes where tablename = $1 order by indexname`, [table.table]);
      const definitions = rows.map((row) => row.indexdef).join('\n');
      expect(rows).toHaveLength(6); // the primary key and five
      expect(definitions).toMatch(/btree \(\(\(doc ->> 'municipality'::text\)\)\)/);
      expect(definitions).toMatch(/btree \(\(\(doc #>> '\{address,city\}'::text\[\]\)\)\)/);
      expect(definitions).toMatch(/gin \(\(\(doc ->> 'nameSearch'::text\)\) gin_trgm_ops\)/);
      expect(definitions).toMatch(/gin \(\(\(doc -> 'tags'::text\)\)\)/);
      expect(definitions).toMatch(/btree \(\(\(doc -> 'name'::text\)\), id\)/);
    });

    it('a build gets its primary key only; its indexes are made before it goes live, once, and a query uses them', async () => {
      const model: ReadModelDefinition = { ...definition, name: 'deferred-index-check' };
      const storage = new PostgresProjectionStorage(db);
      await storage.migrate();
      const build = await storage.createTable(model, 'building');
      const indexes = async () =>
        (await db.query<{ name: string }>(`select indexname as name from pg_indexes where tablename = $1 order by indexname`, [build!.table])).rows.map((row) => row.name);
      expect(await indexes()).toEqual([`${build!.table}_pkey`]);
      await writeDocuments(db, build!.table, new Map([['a', { json: '{"municipality":"101","name":"Åse"}', position: '0000000000000001' as Position }]]));

      await storage.prepareSwap(build!.table, model);
      await storage.prepareSwap(build!.table, model); // again (a swap retried after a crash): nothing twice
      const named = model.indexes.map((_, n) => `${build!.table}_i${n}`);
      expect(await indexes()).toEqual([...named, `${build!.table}_pkey`].sort());

      const result = await swapIn(storage, build!.table);
      expect(result).toEqual({ kind: 'committed' });
      await expect(new PostgresReadModelStore(db).find(model.name, { where: [{ field: 'municipality', op: 'eq', value: '101' }], sort: [], page: 1, pageSize: 5 })).resolves.toMatchObject({ total: 1 });
    });

    it('a table made before indexes had names is taken as indexed: preparing its swap adds none', async () => {
      const model: ReadModelDefinition = { name: 'legacy-index-check', version: 1, indexes: [{ field: 'municipality', kind: 'equals' }] };
      const storage = new PostgresProjectionStorage(db);
      const build = await storage.createTable(model, 'building');
      await db.query(`create index on "${build!.table}" ((doc ->> 'municipality'))`);
      await storage.prepareSwap(build!.table, model);
      const { rows } = await db.query<{ name: string }>(`select indexname as name from pg_indexes where tablename = $1`, [build!.table]);
      expect(rows).toHaveLength(2);
    });

    it('after a swap dropped the table it cached, a query finds the new live table and answers', async () => {
      const model: ReadModelDefinition = { name: 'swap-check', version: 1, indexes: [] };
      const first = await seed(db, model, [{ id: 'a', doc: { value: 'old' } }]);
      const store = new PostgresReadModelStore(db);
      await expect(store.get(model.name, 'a')).resolves.toEqual({ value: 'old' });
      const storage = new PostgresProjectionStorage(db);
      const build = await storage.createTable(model, 'building');
      await writeDocuments(db, build!.table, new Map([['a', { json: '{"value":"new"}', position: '0000000000000002' as Position }]]));
      const result = await swapIn(storage, build!.table);
      expect(result).toEqual({ kind: 'committed' });
      const { rows } = await db.query(`select to_regclass($1) as still_there`, [first.table]);
      expect(rows[0]).toEqual({ still_there: null });
      await expect(store.get(model.name, 'a')).resolves.toEqual({ value: 'new' });
      await expect(store.find(model.name, { where: [], sort: [], page: 1, pageSize: 10 })).resolves.toEqual({ items: [{ value: 'new' }], total: 1 });
    });
  });
});
