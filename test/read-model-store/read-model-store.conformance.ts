import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Position } from '../../src/kernel/event-store.port.js';
import type { Condition, FindQuery, ReadModelDefinition, ReadModelStore } from '../../src/kernel/read-model-store.port.js';

/**
 * The ReadModelStore port's contract, written once and run against every adapter. An adapter's harness
 * provides the store and a way to put documents and a checkpoint in place (the port itself is read-only).
 */
export interface ReadModelStoreHarness {
  readonly store: ReadModelStore;
  seed(definition: ReadModelDefinition, documents: ReadonlyArray<{ id: string; doc: object }>, checkpoint?: Position): Promise<void>;
  close(): Promise<void>;
}

/** What a read model does for a case- and accent-insensitive search: store a normalized copy, query normalized. */
const normalize = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

const PEOPLE: ReadModelDefinition = {
  name: 'conformance-people',
  version: 1,
  indexes: [
    { field: 'name', kind: 'sort' },
    { field: 'nameSearch', kind: 'contains' },
    { field: 'municipality', kind: 'equals' },
    { field: 'address.city', kind: 'equals' },
    { field: 'tags', kind: 'array' },
    { field: 'age', kind: 'sort' },
  ],
};

const person = (id: string, name: string, extra: Record<string, unknown> = {}) => ({
  id,
  doc: { id, name, nameSearch: normalize(name), ...extra },
});

const DOCUMENTS = [
  person('p01', 'Renée Müller', {
    municipality: 'm-101',
    age: 9,
    since: '2026-01-15',
    active: true,
    tags: ['wheelchair', 'ostomy'],
    address: { city: 'Odense' },
    periods: [{ m: '101', from: '2026-01-01', to: '2026-06-30' }, { m: '202', from: '2026-01-01', to: '9999-12-31' }],
  }),
  person('p02', 'Søren Kierkegaard', {
    municipality: 'm-101',
    age: 10,
    since: '2026-02-01',
    active: false,
    tags: ['ostomy'],
    address: { city: 'Aarhus' },
    periods: [{ m: '101', from: '2026-07-01', to: '9999-12-31' }],
  }),
  person('p03', 'José Ærø', { municipality: 'm-202', age: 42, since: '2025-12-31', active: true, tags: [], address: { city: 'Odense' } }),
  person('p04', '100% Cotton', { municipality: 'm-202', age: 100, since: '2026-02-28', active: true, tags: ['catheter'] }),
  person('p05', '100 Cotton', { municipality: null, age: 5, since: null }),
  person('p06', 'a_b', { age: 7 }),
  person('p07', 'axb', { age: 7 }),
  person('p08', 'back\\slash', { age: 7 }),
  person('p09', "O'Brien", { municipality: "m-1' or '1'='1", age: 7 }),
];

const query = (where: Condition[], extra: Partial<FindQuery> = {}): FindQuery => ({
  where,
  sort: [{ field: 'id', direction: 'asc' }],
  page: 1,
  pageSize: 100,
  ...extra,
});

export function readModelStoreConformance(open: () => Promise<ReadModelStoreHarness>): void {
  let harness: ReadModelStoreHarness;
  const ids = async (where: Condition[], extra: Partial<FindQuery> = {}) =>
    (await harness.store.find<{ id: string }>(PEOPLE.name, query(where, extra))).items.map((doc) => doc.id);

  beforeAll(async () => {
    harness = await open();
    await harness.seed(PEOPLE, DOCUMENTS, '0000000000000042' as Position);
  });
  afterAll(() => harness?.close());

  describe('get', () => {
    it('returns the document by id', async () => {
      await expect(harness.store.get(PEOPLE.name, 'p02')).resolves.toMatchObject({ name: 'Søren Kierkegaard', address: { city: 'Aarhus' } });
    });
    it('returns null for an id it does not hold', async () => {
      await expect(harness.store.get(PEOPLE.name, 'nobody')).resolves.toBeNull();
    });
    it('rejects a read model that does not exist', async () => {
      await expect(harness.store.get('no-such-model', 'p01')).rejects.toThrow();
    });
  });

  describe('checkpoint', () => {
    it('is the position the projection reached', async () => {
      await expect(harness.store.checkpoint(PEOPLE.name)).resolves.toBe('0000000000000042');
    });
    it('is undefined for a read model without one', async () => {
      await expect(harness.store.checkpoint('no-such-model')).resolves.toBeUndefined();
    });
  });

  describe('conditions', () => {
    it('eq matches strings, numbers and booleans by value', async () => {
      expect(await ids([{ field: 'municipality', op: 'eq', value: 'm-101' }])).toEqual(['p01', 'p02']);
      expect(await ids([{ field: 'age', op: 'eq', value: 42 }])).toEqual(['p03']);
      expect(await ids([{ field: 'active', op: 'eq', value: false }])).toEqual(['p02']);
    });
    it('eq null matches a null or missing field', async () => {
      expect(await ids([{ field: 'municipality', op: 'eq', value: null }])).toEqual(['p05', 'p06', 'p07', 'p08']);
    });
    it('eq on a dot path reads the nested field', async () => {
      expect(await ids([{ field: 'address.city', op: 'eq', value: 'Odense' }])).toEqual(['p01', 'p03']);
    });
    it('eq takes a value with quotes as a value, never as SQL', async () => {
      expect(await ids([{ field: 'municipality', op: 'eq', value: "m-1' or '1'='1" }])).toEqual(['p09']);
      expect(await ids([{ field: 'name', op: 'eq', value: "x' or '1'='1" }])).toEqual([]);
    });
    it('in matches any of the values, null included', async () => {
      expect(await ids([{ field: 'municipality', op: 'in', values: ['m-202', 'm-999'] }])).toEqual(['p03', 'p04']);
      expect(await ids([{ field: 'age', op: 'in', values: [9, 10] }])).toEqual(['p01', 'p02']);
      expect(await ids([{ field: 'municipality', op: 'in', values: ['m-202', null] }])).toEqual(['p03', 'p04', 'p05', 'p06', 'p07', 'p08']);
    });
    it('in with no values matches nothing', async () => {
      expect(await ids([{ field: 'municipality', op: 'in', values: [] }])).toEqual([]);
    });
    it('prefix matches the start of the field', async () => {
      expect(await ids([{ field: 'nameSearch', op: 'prefix', value: 'ren' }])).toEqual(['p01']);
      expect(await ids([{ field: 'nameSearch', op: 'prefix', value: 'muller' }])).toEqual([]);
    });
    it('contains matches a case- and accent-normalized field with a normalized value', async () => {
      expect(await ids([{ field: 'nameSearch', op: 'contains', value: normalize('MULLER') }])).toEqual(['p01']);
      expect(await ids([{ field: 'nameSearch', op: 'contains', value: normalize('renee') }])).toEqual(['p01']);
      expect(await ids([{ field: 'nameSearch', op: 'contains', value: normalize('JOSÉ') }])).toEqual(['p03']);
    });
    it('contains and prefix take % and _ literally', async () => {
      expect(await ids([{ field: 'name', op: 'contains', value: '%' }])).toEqual(['p04']);
      expect(await ids([{ field: 'name', op: 'prefix', value: '100%' }])).toEqual(['p04']);
      expect(await ids([{ field: 'name', op: 'contains', value: '_' }])).toEqual(['p06']);
      expect(await ids([{ field: 'name', op: 'prefix', value: 'a_' }])).toEqual(['p06']);
      expect(await ids([{ field: 'name', op: 'contains', value: '\\' }])).toEqual(['p08']);
    });
    it('has matches documents whose array holds the value', async () => {
      expect(await ids([{ field: 'tags', op: 'has', value: 'ostomy' }])).toEqual(['p01', 'p02']);
      expect(await ids([{ field: 'tags', op: 'has', value: 'osto' }])).toEqual([]);
    });
    it('hasAny matches documents whose array holds one of the values; none for no values', async () => {
      expect(await ids([{ field: 'tags', op: 'hasAny', values: ['catheter', 'wheelchair'] }])).toEqual(['p01', 'p04']);
      expect(await ids([{ field: 'tags', op: 'hasAny', values: [] }])).toEqual([]);
    });
    it('combines conditions with and', async () => {
      const where: Condition[] = [
        { field: 'municipality', op: 'eq', value: 'm-101' },
        { field: 'tags', op: 'has', value: 'wheelchair' },
      ];
      expect(await ids(where)).toEqual(['p01']);
    });
    it('rejects a field that is not a plain dot path', async () => {
      await expect(ids([{ field: "name' or 1=1 --", op: 'eq', value: 'x' }])).rejects.toThrow(/field/i);
    });
  });

  describe('ranges on a string field', () => {
    // since: p03 2025-12-31, p01 2026-01-15, p02 2026-02-01, p04 2026-02-28; p05 null; the rest have none.
    it('gte and lte include the bound itself', async () => {
      expect(await ids([{ field: 'since', op: 'gte', value: '2026-01-15' }])).toEqual(['p01', 'p02', 'p04']);
      expect(await ids([{ field: 'since', op: 'lte', value: '2026-01-15' }])).toEqual(['p01', 'p03']);
    });
    it('gte and lte together are an inclusive range, across a year and a month boundary', async () => {
      const range = (from: string, to: string): Condition[] => [
        { field: 'since', op: 'gte', value: from },
        { field: 'since', op: 'lte', value: to },
      ];
      expect(await ids(range('2025-12-31', '2026-02-01'))).toEqual(['p01', 'p02', 'p03']);
      expect(await ids(range('2026-01-16', '2026-02-27'))).toEqual(['p02']);
      expect(await ids(range('2026-02-02', '2026-02-27'))).toEqual([]);
      expect(await ids(range('2026-03-01', '2026-01-01'))).toEqual([]);
    });
    it('a missing or null field meets neither gte nor lte', async () => {
      expect(await ids([{ field: 'since', op: 'gte', value: '0000-01-01' }])).toEqual(['p01', 'p02', 'p03', 'p04']);
      expect(await ids([{ field: 'since', op: 'lte', value: '9999-12-31' }])).toEqual(['p01', 'p02', 'p03', 'p04']);
    });
    it('combines with other conditions, and takes a value with quotes as a value', async () => {
      expect(await ids([{ field: 'municipality', op: 'eq', value: 'm-202' }, { field: 'since', op: 'gte', value: '2026-01-01' }])).toEqual(['p04']);
      expect(await ids([{ field: 'since', op: 'lte', value: "0' or '1'='1" }])).toEqual([]);
    });
    it('a range can be a relevance tier (documents without the field rank last)', async () => {
      const rank: FindQuery['rank'] = { tiers: [[{ field: 'since', op: 'lte', value: '2026-01-15' }]] };
      expect(await ids([], { rank })).toEqual(['p01', 'p03', 'p02', 'p04', 'p05', 'p06', 'p07', 'p08', 'p09']);
    });
  });

  describe('sort and paging', () => {
    it('sorts numbers as numbers, both ways', async () => {
      const ascending = await ids([], { sort: [{ field: 'age', direction: 'asc' }] });
      expect(ascending).toEqual(['p05', 'p06', 'p07', 'p08', 'p09', 'p01', 'p02', 'p03', 'p04']);
      const descending = await ids([], { sort: [{ field: 'age', direction: 'desc' }] });
      expect(descending).toEqual(['p04', 'p03', 'p02', 'p01', 'p09', 'p08', 'p07', 'p06', 'p05']);
    });
    it('breaks ties by id, so equal values keep one order across pages', async () => {
      const sort = [{ field: 'age', direction: 'asc' as const }];
      const pages = [];
      for (let page = 1; page <= 5; page++) pages.push(...(await ids([], { sort, page, pageSize: 2 })));
      expect(pages).toEqual(await ids([], { sort }));
      expect(new Set(pages).size).toBe(DOCUMENTS.length);
      expect(pages.slice(1, 5)).toEqual(['p06', 'p07', 'p08', 'p09']);
    });
    it('returns the total of all matches with each page', async () => {
      const page = await harness.store.find(PEOPLE.name, query([{ field: 'active', op: 'eq', value: true }], { page: 2, pageSize: 2 }));
      expect(page.items).toHaveLength(1);
      expect(page.total).toBe(3);
    });
    it('returns the total with an empty page beyond the last', async () => {
      const page = await harness.store.find(PEOPLE.name, query([], { page: 9, pageSize: 5 }));
      expect(page).toEqual({ items: [], total: DOCUMENTS.length });
    });
    it('answers an empty result with total 0', async () => {
      await expect(harness.store.find(PEOPLE.name, query([{ field: 'name', op: 'eq', value: 'nobody' }]))).resolves.toEqual({ items: [], total: 0 });
    });
    it('rejects a page or page size below 1', async () => {
      await expect(harness.store.find(PEOPLE.name, query([], { page: 0 }))).rejects.toThrow(RangeError);
      await expect(harness.store.find(PEOPLE.name, query([], { pageSize: 0 }))).rejects.toThrow(RangeError);
    });
  
  describe('array elements and relevance', () => {
    const validOn = (m: string, date: string): Condition => ({
      field: 'periods',
      op: 'anyElement',
      where: [
        { key: 'm', op: 'eq', value: m },
        { key: 'from', op: 'lte', value: date },
        { key: 'to', op: 'gte', value: date },
      ],
    });
    it('anyElement needs one element meeting every element condition', async () => {
      expect(await ids([validOn('101', '2026-03-01')])).toEqual(['p01']);
      expect(await ids([validOn('101', '2026-07-01')])).toEqual(['p02']);
      expect(await ids([validOn('202', '2026-07-01')])).toEqual(['p01']);
      // p01 has a 101 period and a period valid on 2027-01-01, but no one element is both.
      expect(await ids([validOn('101', '2027-01-01')])).toEqual(['p02']);
    });
    it('anyElement matches nothing on a missing or non-array field', async () => {
      expect(await ids([{ field: 'name', op: 'anyElement', where: [{ key: 'm', op: 'eq', value: '101' }] }])).toEqual([]);
    });
    // Tiers: m-202 first; then ostomy and active (both); then an 'o' in the name ('søren' has none); then the rest.
    const tiers: FindQuery['rank'] = {
      tiers: [
        [{ field: 'municipality', op: 'eq', value: 'm-202' }],
        [
          { field: 'tags', op: 'has', value: 'ostomy' },
          { field: 'active', op: 'eq', value: true },
        ],
        [{ field: 'nameSearch', op: 'contains', value: 'o' }],
      ],
    };
    it('rank puts a document in the first tier whose conditions all hold, documents in none last, sort keys and id within a tier', async () => {
      expect(await ids([], { rank: tiers })).toEqual(['p03', 'p04', 'p01', 'p05', 'p09', 'p02', 'p06', 'p07', 'p08']);
      // Within a tier by the sort keys, then by id in the direction of the first key.
      expect(await ids([], { rank: tiers, sort: [{ field: 'age', direction: 'desc' }] })).toEqual([
        'p04', 'p03', 'p01', 'p09', 'p05', 'p02', 'p08', 'p07', 'p06',
      ]);
    });
    it('rank changes the order, never which documents match or the total', async () => {
      const where: Condition[] = [{ field: 'nameSearch', op: 'contains', value: 'o' }];
      const ranked = await harness.store.find<{ id: string }>(PEOPLE.name, query(where, { rank: tiers }));
      expect(ranked.items.map((doc) => doc.id)).toEqual(['p03', 'p04', 'p05', 'p09']);
      expect(ranked.total).toBe(4);
      expect(await ids([], { rank: { tiers: [] } })).toEqual(await ids([]));
    });
    it('rank among: a document failing it (a missing field included) is in no tier; an empty tier holds the rest of those meeting it', async () => {
      const rank: FindQuery['rank'] = {
        among: [{ field: 'active', op: 'eq', value: true }],
        tiers: [[{ field: 'municipality', op: 'eq', value: 'm-202' }], []],
      };
      expect(await ids([], { rank })).toEqual(['p03', 'p04', 'p01', 'p02', 'p05', 'p06', 'p07', 'p08', 'p09']);
    });
    it('rank pages deterministically across tiers, with the total on every page and beyond the last', async () => {
      const pages: string[] = [];
      for (let page = 1; page <= 5; page++) {
        const found = await harness.store.find<{ id: string }>(PEOPLE.name, query([], { rank: tiers, page, pageSize: 2 }));
        expect(found.total).toBe(DOCUMENTS.length);
        pages.push(...found.items.map((doc) => doc.id));
      }
      expect(pages).toEqual(await ids([], { rank: tiers }));
      await expect(harness.store.find(PEOPLE.name, query([], { rank: tiers, page: 9, pageSize: 5 }))).resolves.toEqual({ items: [], total: DOCUMENTS.length });
    });
  });
});
}
