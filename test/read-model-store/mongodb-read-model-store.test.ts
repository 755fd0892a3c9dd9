import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mongoDbServer, type TestServer } from '../support/containers.js';
import { freshDatabase, type TestDatabase } from '../support/mongodb.js';
import type { Position } from '../../src/kernel/event-store.port.js';
import { MongoProjectionStorage } from '../../src/infrastructure/read-model-store/mongodb/mongo-projection-storage.js';
import type { StoredDocument } from '../../src/infrastructure/projections/projection-storage.js';
import { indexSpecs } from '../../src/infrastructure/read-model-store/mongodb/indexes.js';
import { MongoReadModelStore } from '../../src/infrastructure/read-model-store/mongodb/mongo-read-model-store.js';
import type { ReadModelDefinition } from '../../src/kernel/read-model-store.port.js';
import { readModelStoreConformance, type ReadModelStoreHarness } from './read-model-store.conformance.js';

/**
 * The ReadModelStore conformance suite on MongoDB, on the server of TEST_MONGODB_URL or a container where a
 * container runtime answers (any topology: the store only reads). Each harness gets a database of its own,
 * dropped at the end. With neither, the file registers one skipped test saying why.
 */
const server = await mongoDbServer();


const FIRST = '0000000000000001' as Position;

/** Documents and checkpoint go in through the ProjectionStorage port, as a projection would put them. */
async function seed(storage: MongoProjectionStorage, definition: ReadModelDefinition, documents: ReadonlyArray<{ id: string; doc: object }>, checkpoint?: Position) {
  const table = await storage.createTable(definition, 'live');
  if (!table) throw new Error('live collection exists already');
  const written = new Map<string, StoredDocument>(documents.map(({ id, doc }) => [id, { json: JSON.stringify(doc), position: FIRST }]));
  const result = await storage.commit({
    table: table.table,
    expectedCheckpoint: undefined,
    requiredState: 'live',
    documentIds: [],
    apply: () => ({ documents: written, parked: [] }),
    checkpoint,
    promote: false,
  });
  if (result.kind !== 'committed') throw new Error(`seeding failed: ${result.kind}`);
  return table;
}

/**
 * Every MongoDB case of the store: the conformance suite, then MongoDB's own rules. `openDatabase` gives a
 * fresh, empty database each call.
 */
export function mongoReadModelStoreSuite(openDatabase: () => Promise<TestDatabase>): void {
  describe('conformance', () => {
    readModelStoreConformance(async (): Promise<ReadModelStoreHarness> => {
      const { db, close } = await openDatabase();
      const storage = new MongoProjectionStorage(db);
      await storage.migrate();
      return {
        store: new MongoReadModelStore(db),
        seed: async (definition, documents, checkpoint) => void (await seed(storage, definition, documents, checkpoint)),
        close,
      };
    });
  });

  describe('collections and indexes', () => {
    let database: TestDatabase;
    let storage: MongoProjectionStorage;
    beforeAll(async () => {
      database = await openDatabase();
      storage = new MongoProjectionStorage(database.db);
      await storage.migrate();
    });
    afterAll(() => database?.close());

    const definition: ReadModelDefinition = {
      name: 'index-check',
      version: 3,
      indexes: [
        { field: 'municipality', kind: 'equals' },
        { field: 'address.city', kind: 'equals' },
        { field: 'nameSearch', kind: 'contains' },
        { field: 'tags', kind: 'array' },
        { field: 'name', kind: 'sort' },
        { field: 'name', kind: 'equals', where: [{ field: 'searchable', op: 'eq', value: true }] },
      ],
    };

    it('names the collection after read model, version and build, and creates the indexes of the definition', async () => {
      const table = await seed(storage, definition, []);
      expect(table.table).toBe('rm_index_check_v3_b1');
      const indexes = await database.db.collection(table.table).listIndexes().toArray();
      const byName = new Map(indexes.map((index) => [index.name as string, index]));
      expect([...byName.keys()].sort()).toEqual(['_id_', ...indexSpecs(definition).map((spec) => spec.name)].sort());
      expect(byName.get('doc.name_1__id_1')?.key).toEqual({ 'doc.name': 1, _id: 1 });
      const partial = indexSpecs(definition).find((spec) => spec.partialFilterExpression)!;
      expect(byName.get(partial.name)?.partialFilterExpression).toEqual({ 'doc.searchable': { $eq: true } });
    });

    it('stores { _id, doc, position } and answers with the document alone', async () => {
      const model: ReadModelDefinition = { name: 'shape-check', version: 1, indexes: [] };
      const table = await seed(storage, model, [{ id: 'a', doc: { id: 'a', n: 1, nested: { list: [1, 'x', null] } } }]);
      await expect(database.db.collection(table.table).findOne({ _id: 'a' as never })).resolves.toEqual({
        _id: 'a',
        doc: { id: 'a', n: 1, nested: { list: [1, 'x', null] } },
        position: FIRST,
      });
      const store = new MongoReadModelStore(database.db);
      await expect(store.get(model.name, 'a')).resolves.toEqual({ id: 'a', n: 1, nested: { list: [1, 'x', null] } });
      const query = { where: [], sort: [], page: 1, pageSize: 10 };
      await expect(store.find(model.name, query)).resolves.toEqual({ items: [{ id: 'a', n: 1, nested: { list: [1, 'x', null] } }], total: 1 });
      await expect(store.find(model.name, { ...query, rank: { tiers: [[]] } })).resolves.toEqual({
        items: [{ id: 'a', n: 1, nested: { list: [1, 'x', null] } }],
        total: 1,
      });
    });

    it('a prefix query walks the index of a contains field; a sorted page walks the sort index', async () => {
      const store = new MongoReadModelStore(database.db);
      await store.checkpoint(definition.name);
      const collection = database.db.collection('rm_index_check_v3_b1');
      const prefix = JSON.stringify(await collection.find({ 'doc.nameSearch': { $regex: '^ab' } }).explain('queryPlanner'));
      expect(prefix).toMatch(/IXSCAN/);
      expect(prefix).toMatch(/doc\.nameSearch_1/);
      const sorted = JSON.stringify(await collection.find({}).sort({ 'doc.name': -1, _id: -1 }).limit(5).explain('queryPlanner'));
      expect(sorted).toMatch(/doc\.name_1__id_1/);
    });

    it('after a swap dropped the collection it cached, a query finds the new live collection and answers', async () => {
      const model: ReadModelDefinition = { name: 'swap-check', version: 1, indexes: [] };
      const first = await seed(storage, model, [{ id: 'a', doc: { value: 'old' } }]);
      const store = new MongoReadModelStore(database.db, { liveCacheMs: 60_000 });
      await expect(store.get(model.name, 'a')).resolves.toEqual({ value: 'old' });
      const build = await storage.createTable(model, 'building');
      const result = await storage.commit({
        table: build!.table,
        expectedCheckpoint: undefined,
        requiredState: 'building',
        documentIds: [],
        apply: () => ({ documents: new Map([['a', { json: '{"value":"new"}', position: '0000000000000002' as Position }]]), parked: [] }),
        checkpoint: undefined,
        promote: true,
      });
      expect(result).toEqual({ kind: 'committed' });
      const names = (await database.db.listCollections({}, { nameOnly: true }).toArray()).map((collection) => collection.name);
      expect(names).not.toContain(first.table);
      await expect(store.get(model.name, 'a')).resolves.toEqual({ value: 'new' });
      await expect(store.find(model.name, { where: [], sort: [], page: 1, pageSize: 10 })).resolves.toEqual({ items: [{ value: 'new' }], total: 1 });
    });
  });
}

describe('MongoReadModelStore [mongodb]', () => {
  if (!server.available) {
    it.skip(`skipped: ${server.reason}`, () => undefined);
    return;
  }
  let running: TestServer;
  beforeAll(async () => {
    running = await server.start();
  }, 180_000);
  afterAll(async () => running?.stop());
  mongoReadModelStoreSuite(() => freshDatabase(running.url));
});
