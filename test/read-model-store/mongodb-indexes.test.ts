import { describe, expect, it } from '@jest/globals';
import { indexSpecs, partialFilter } from '../../src/infrastructure/read-model-store/mongodb/indexes.js';
import { databaseNameOf } from '../../src/infrastructure/read-model-store/mongodb/mongo-connection.js';
import { DOCUMENT_COLLECTION, documentCollectionName } from '../../src/infrastructure/read-model-store/mongodb/schema.js';
import type { ReadModelDefinition } from '../../src/kernel/read-model-store.port.js';

describe('MongoDB read-model collections', () => {
  describe('index specs', () => {
    it('one index per kind: equals, contains and array on the field, sort with _id', () => {
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
      expect(indexSpecs(definition)).toEqual([
        { key: { 'doc.municipality': 1 }, name: 'doc.municipality_1' },
        { key: { 'doc.address.city': 1 }, name: 'doc.address.city_1' },
        { key: { 'doc.nameSearch': 1 }, name: 'doc.nameSearch_1' },
        { key: { 'doc.tags': 1 }, name: 'doc.tags_1' },
        { key: { 'doc.name': 1, _id: 1 }, name: 'doc.name_1__id_1' },
      ]);
    });

    it('keeps the key order of a sort index (field first, then _id)', () => {
      const [spec] = indexSpecs({ name: 'x', version: 1, indexes: [{ field: 'visits', kind: 'sort' }] });
      expect(Object.keys(spec!.key)).toEqual(['doc.visits', '_id']);
    });

    it('a partial index carries the eq conditions as partialFilterExpression, in the form queries render them', () => {
      const [spec] = indexSpecs({
        name: 'x',
        version: 1,
        indexes: [{ field: 'nameSearch', kind: 'contains', where: [{ field: 'searchable', op: 'eq', value: true }, { field: 'kind', op: 'eq', value: 'p' }] }],
      });
      expect(spec).toEqual({
        key: { 'doc.nameSearch': 1 },
        name: expect.stringMatching(/^doc\.nameSearch_1_where_[0-9a-f]{12}$/),
        partialFilterExpression: { 'doc.searchable': { $eq: true }, 'doc.kind': { $eq: 'p' } },
      });
    });

    it('a field repeated in a partial filter goes into $and', () => {
      expect(
        partialFilter([
          { field: 'a', op: 'eq', value: 1 },
          { field: 'a', op: 'eq', value: 2 },
        ]),
      ).toEqual({ $and: [{ 'doc.a': { $eq: 1 } }, { 'doc.a': { $eq: 2 } }] });
      expect(partialFilter([])).toBeUndefined();
    });

    it('the same key with the same filter is one index (equals and contains on one field); another filter is another index', () => {
      const specs = indexSpecs({
        name: 'x',
        version: 1,
        indexes: [
          { field: 'name', kind: 'equals' },
          { field: 'name', kind: 'contains' },
          { field: 'name', kind: 'array' },
          { field: 'name', kind: 'equals', where: [{ field: 'live', op: 'eq', value: true }] },
          { field: 'name', kind: 'contains', where: [{ field: 'live', op: 'eq', value: true }] },
          { field: 'name', kind: 'equals', where: [{ field: 'live', op: 'eq', value: false }] },
        ],
      });
      expect(specs.map((spec) => spec.name)).toEqual([
        'doc.name_1',
        expect.stringMatching(/^doc\.name_1_where_/),
        expect.stringMatching(/^doc\.name_1_where_/),
      ]);
      expect(new Set(specs.map((spec) => spec.name)).size).toBe(3);
    });

    it('names are stable: the same definition gives the same names', () => {
      const definition: ReadModelDefinition = {
        name: 'x',
        version: 1,
        indexes: [{ field: 'a', kind: 'sort', where: [{ field: 'b', op: 'eq', value: 'c' }] }],
      };
      expect(indexSpecs(definition)).toEqual(indexSpecs(structuredClone(definition)));
    });

    it('rejects a field that is not a plain dot path', () => {
      expect(() => indexSpecs({ name: 'x', version: 1, indexes: [{ field: '$where', kind: 'equals' }] })).toThrow(/field/i);
      expect(() => indexSpecs({ name: 'x', version: 1, indexes: [{ field: 'a', kind: 'equals', where: [{ field: 'b.$c', op: 'eq', value: 1 }] }] })).toThrow(/field/i);
    });

    it('rejects an unknown kind', () => {
      expect(() => indexSpecs({ name: 'x', version: 1, indexes: [{ field: 'a', kind: 'text' as 'equals' }] })).toThrow(TypeError);
    });
  });

  describe('collection names', () => {
    it('are named after read model, version and build, like the PostgreSQL tables', () => {
      expect(documentCollectionName('index-check', 3, 1)).toBe('rm_index_check_v3_b1');
      expect(DOCUMENT_COLLECTION.test('rm_index_check_v3_b1')).toBe(true);
      expect(DOCUMENT_COLLECTION.test('read_model_registry')).toBe(false);
      expect(DOCUMENT_COLLECTION.test('parked_events')).toBe(false);
    });
    it('refuse a name that is not kebab-case, a version below 1, and a name too long', () => {
      expect(() => documentCollectionName('Index', 1, 1)).toThrow(/kebab-case/);
      expect(() => documentCollectionName('a.b', 1, 1)).toThrow(/kebab-case/);
      expect(() => documentCollectionName('a', 0, 1)).toThrow(/version/);
      expect(() => documentCollectionName('a'.repeat(60), 1, 1)).toThrow(/too long/);
    });
  });

  describe('database name from the URL', () => {
    it('is the path of the URL, if there is one', () => {
      expect(databaseNameOf('mongodb://mongodb:27017/egrants?replicaSet=rs0')).toBe('egrants');
      expect(databaseNameOf('mongodb+srv://user:pw@cluster.example/read%2Dmodels')).toBe('read-models');
      expect(databaseNameOf('mongodb://localhost:27017')).toBeUndefined();
      expect(databaseNameOf('mongodb://localhost:27017/')).toBeUndefined();
      expect(databaseNameOf('mongodb://localhost:27017/?replicaSet=rs0')).toBeUndefined();
    });
  });
});
