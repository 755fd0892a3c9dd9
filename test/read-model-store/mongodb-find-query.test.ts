import { describe, expect, it } from '@jest/globals';
import {
  allExpression,
  conditionExpression,
  conditionFilter,
  escapeRegex,
  pagePlan,
  sortSpec,
  tierExpression,
  whereFilter,
} from '../../src/infrastructure/read-model-store/mongodb/find-query.js';
import { InvalidFieldPathError, docPath } from '../../src/infrastructure/read-model-store/mongodb/field-path.js';
import type { Condition, FindQuery } from '../../src/kernel/read-model-store.port.js';

/** The MongoDB forms of the port's query language, as pure data: no server needed. */

const isString = (ref: string) => ({ $eq: [{ $type: ref }, 'string'] });

describe('MongoDB query translation', () => {
  describe('field paths', () => {
    it('puts every field under doc, dot paths included', () => {
      expect(docPath('name')).toBe('doc.name');
      expect(docPath('address.city')).toBe('doc.address.city');
    });
    it.each([["name' or 1=1 --"], ['$where'], ['a.$b'], ['a..b'], ['.a'], ['a.'], ['a.0'], ['0'], [''], ['a b'], ['a-b']])(
      'rejects %j, before any query is built',
      (field) => {
        expect(() => docPath(field)).toThrow(InvalidFieldPathError);
        expect(() => conditionFilter({ field, op: 'eq', value: 'x' })).toThrow(/field/i);
        expect(() => sortSpec([{ field, direction: 'asc' }])).toThrow(/field/i);
      },
    );
    it('rejects an anyElement key that is not one plain segment', () => {
      expect(() => conditionFilter({ field: 'periods', op: 'anyElement', where: [{ key: 'a.b', op: 'eq', value: 'x' }] })).toThrow(InvalidFieldPathError);
      expect(() => conditionExpression({ field: 'periods', op: 'anyElement', where: [{ key: '$x', op: 'eq', value: 'x' }] })).toThrow(InvalidFieldPathError);
    });
  });

  describe('escapeRegex', () => {
    it('escapes every pattern metacharacter, so the value matches literally', () => {
      expect(escapeRegex('a.b*c+d?e(f)g[h]i{j}k|l^m$n\\o-p/q')).toBe('a\\.b\\*c\\+d\\?e\\(f\\)g\\[h\\]i\\{j\\}k\\|l\\^m\\$n\\\\o\\-p\\/q');
      for (const value of ['100% cotton', 'a_b', 'back\\slash', 'x.y', '(1)', '[a-z]+', '^$', "O'Brien"]) {
        expect(new RegExp(`^${escapeRegex(value)}$`).test(value)).toBe(true);
      }
      expect(new RegExp(escapeRegex('a.c')).test('abc')).toBe(false);
    });
    it('leaves letters, digits, spaces, % and _ as they are, and writes NUL as an escape', () => {
      expect(escapeRegex('søren 100% a_b')).toBe('søren 100% a_b');
      expect(escapeRegex('a\0b')).toBe('a\\x{0}b');
    });
  });

  describe('conditions as filters', () => {
    it('eq: $eq on the field, null included (it matches null and missing)', () => {
      expect(conditionFilter({ field: 'municipality', op: 'eq', value: 'm-101' })).toEqual({ 'doc.municipality': { $eq: 'm-101' } });
      expect(conditionFilter({ field: 'age', op: 'eq', value: 42 })).toEqual({ 'doc.age': { $eq: 42 } });
      expect(conditionFilter({ field: 'active', op: 'eq', value: false })).toEqual({ 'doc.active': { $eq: false } });
      expect(conditionFilter({ field: 'address.city', op: 'eq', value: null })).toEqual({ 'doc.address.city': { $eq: null } });
    });
    it('eq takes a value that looks like an operator or a field reference as a value', () => {
      expect(conditionFilter({ field: 'name', op: 'eq', value: '$gt' })).toEqual({ 'doc.name': { $eq: '$gt' } });
    });
    it('refuses a value that is no scalar (an object could smuggle in an operator)', () => {
      const smuggled = { field: 'name', op: 'eq', value: { $ne: null } } as unknown as Condition;
      expect(() => conditionFilter(smuggled)).toThrow(TypeError);
      expect(() => conditionExpression(smuggled)).toThrow(TypeError);
      expect(() => conditionFilter({ field: 'name', op: 'in', values: [{ $gt: '' }] } as unknown as Condition)).toThrow(TypeError);
      expect(() => conditionFilter({ field: 'name', op: 'prefix', value: 1 } as unknown as Condition)).toThrow(TypeError);
      expect(() => conditionFilter({ field: 'age', op: 'eq', value: Number.NaN })).toThrow(TypeError);
    });
    it('in: $in with the values, null among them; no values matches nothing', () => {
      expect(conditionFilter({ field: 'municipality', op: 'in', values: ['m-202', null] })).toEqual({ 'doc.municipality': { $in: ['m-202', null] } });
      expect(conditionFilter({ field: 'municipality', op: 'in', values: [] })).toEqual({ _id: { $in: [] } });
    });
    it('prefix: an anchored, escaped regex (index bounds on the field)', () => {
      expect(conditionFilter({ field: 'nameSearch', op: 'prefix', value: 'ren' })).toEqual({ 'doc.nameSearch': { $regex: '^ren' } });
      expect(conditionFilter({ field: 'name', op: 'prefix', value: '100%.' })).toEqual({ 'doc.name': { $regex: '^100%\\.' } });
    });
    it('contains: an unanchored, escaped regex', () => {
      expect(conditionFilter({ field: 'nameSearch', op: 'contains', value: 'mül(ler' })).toEqual({ 'doc.nameSearch': { $regex: 'mül\\(ler' } });
      expect(conditionFilter({ field: 'name', op: 'contains', value: '\\' })).toEqual({ 'doc.name': { $regex: '\\\\' } });
    });
    it('gte and lte: $gte / $lte with the string (type bracketing leaves null and missing out)', () => {
      expect(conditionFilter({ field: 'since', op: 'gte', value: '2026-01-15' })).toEqual({ 'doc.since': { $gte: '2026-01-15' } });
      expect(conditionFilter({ field: 'since', op: 'lte', value: '2026-01-15' })).toEqual({ 'doc.since': { $lte: '2026-01-15' } });
    });
    it('has: $elemMatch with $eq, so only an array holds the value', () => {
      expect(conditionFilter({ field: 'tags', op: 'has', value: 'ostomy' })).toEqual({ 'doc.tags': { $elemMatch: { $eq: 'ostomy' } } });
    });
    it('hasAny: $elemMatch with $in; no values matches nothing', () => {
      expect(conditionFilter({ field: 'tags', op: 'hasAny', values: ['a', 'b'] })).toEqual({ 'doc.tags': { $elemMatch: { $in: ['a', 'b'] } } });
      expect(conditionFilter({ field: 'tags', op: 'hasAny', values: [] })).toEqual({ _id: { $in: [] } });
    });
    it('anyElement: one $elemMatch holding every element test, keys side by side', () => {
      const where: Condition = {
        field: 'periods',
        op: 'anyElement',
        where: [
          { key: 'm', op: 'eq', value: '101' },
          { key: 'from', op: 'lte', value: '2026-03-01' },
          { key: 'to', op: 'gte', value: '2026-03-01' },
        ],
      };
      expect(conditionFilter(where)).toEqual({
        'doc.periods': { $elemMatch: { m: { $eq: '101' }, from: { $lte: '2026-03-01' }, to: { $gte: '2026-03-01' } } },
      });
    });
    it('anyElement: two tests on one key merge; the same key and operator twice go into $and', () => {
      expect(
        conditionFilter({ field: 'p', op: 'anyElement', where: [{ key: 'from', op: 'gte', value: 'a' }, { key: 'from', op: 'lte', value: 'b' }] }),
      ).toEqual({ 'doc.p': { $elemMatch: { from: { $gte: 'a', $lte: 'b' } } } });
      expect(
        conditionFilter({ field: 'p', op: 'anyElement', where: [{ key: 'from', op: 'lte', value: 'a' }, { key: 'from', op: 'lte', value: 'b' }] }),
      ).toEqual({ 'doc.p': { $elemMatch: { $and: [{ from: { $lte: 'a' } }, { from: { $lte: 'b' } }] } } });
    });
    it('anyElement without element tests: any non-empty array', () => {
      expect(conditionFilter({ field: 'p', op: 'anyElement', where: [] })).toEqual({
        $and: [{ 'doc.p': { $type: 'array' } }, { 'doc.p.0': { $exists: true } }],
      });
    });
    it('combines conditions with $and; none is the empty filter', () => {
      expect(whereFilter([])).toEqual({});
      expect(whereFilter([{ field: 'a', op: 'eq', value: 1 }])).toEqual({ 'doc.a': { $eq: 1 } });
      expect(
        whereFilter([
          { field: 'a', op: 'eq', value: 1 },
          { field: 'a', op: 'eq', value: 2 },
        ]),
      ).toEqual({ $and: [{ 'doc.a': { $eq: 1 } }, { 'doc.a': { $eq: 2 } }] });
    });
    it('refuses an unknown operator', () => {
      expect(() => conditionFilter({ field: 'a', op: 'regex', value: '.*' } as unknown as Condition)).toThrow(TypeError);
      expect(() => conditionExpression({ field: 'a', op: 'regex', value: '.*' } as unknown as Condition)).toThrow(TypeError);
    });
  });

  describe('conditions as aggregation expressions (rank tiers)', () => {
    it('eq: a missing field counts as null, the value is a $literal', () => {
      expect(conditionExpression({ field: 'municipality', op: 'eq', value: 'm-202' })).toEqual({
        $eq: [{ $ifNull: ['$doc.municipality', null] }, { $literal: 'm-202' }],
      });
      expect(conditionExpression({ field: 'name', op: 'eq', value: '$secret' })).toEqual({
        $eq: [{ $ifNull: ['$doc.name', null] }, { $literal: '$secret' }],
      });
    });
    it('in: $in over the literal values; none is false', () => {
      expect(conditionExpression({ field: 'm', op: 'in', values: ['a', null] })).toEqual({ $in: [{ $ifNull: ['$doc.m', null] }, { $literal: ['a', null] }] });
      expect(conditionExpression({ field: 'm', op: 'in', values: [] })).toBe(false);
    });
    it('prefix and contains: $indexOfCP 0 / >= 0, only on a string', () => {
      expect(conditionExpression({ field: 'nameSearch', op: 'prefix', value: 'ren' })).toEqual({
        $cond: [isString('$doc.nameSearch'), { $eq: [{ $indexOfCP: ['$doc.nameSearch', { $literal: 'ren' }] }, 0] }, false],
      });
      expect(conditionExpression({ field: 'nameSearch', op: 'contains', value: 'o' })).toEqual({
        $cond: [isString('$doc.nameSearch'), { $gte: [{ $indexOfCP: ['$doc.nameSearch', { $literal: 'o' }] }, 0] }, false],
      });
    });
    it('gte and lte: only a string compares (a missing field would order before every string)', () => {
      expect(conditionExpression({ field: 'since', op: 'lte', value: '2026-01-15' })).toEqual({
        $cond: [isString('$doc.since'), { $lte: ['$doc.since', { $literal: '2026-01-15' }] }, false],
      });
    });
    it('has: $in on the array, only for an array', () => {
      expect(conditionExpression({ field: 'tags', op: 'has', value: 'ostomy' })).toEqual({
        $cond: [{ $isArray: '$doc.tags' }, { $in: [{ $literal: 'ostomy' }, '$doc.tags'] }, false],
      });
    });
    it('hasAny: a non-empty $setIntersection, only for an array; none is false', () => {
      expect(conditionExpression({ field: 'tags', op: 'hasAny', values: ['a', 'b'] })).toEqual({
        $cond: [{ $isArray: '$doc.tags' }, { $gt: [{ $size: { $setIntersection: ['$doc.tags', { $literal: ['a', 'b'] }] } }, 0] }, false],
      });
      expect(conditionExpression({ field: 'tags', op: 'hasAny', values: [] })).toBe(false);
    });
    it('anyElement: $anyElementTrue over a $map of the element tests', () => {
      expect(
        conditionExpression({
          field: 'periods',
          op: 'anyElement',
          where: [
            { key: 'm', op: 'eq', value: '101' },
            { key: 'from', op: 'lte', value: '2026-03-01' },
          ],
        }),
      ).toEqual({
        $cond: [
          { $isArray: '$doc.periods' },
          {
            $anyElementTrue: [
              {
                $map: {
                  input: '$doc.periods',
                  as: 'element',
                  in: {
                    $and: [
                      { $eq: ['$$element.m', { $literal: '101' }] },
                      { $and: [isString('$$element.from'), { $lte: ['$$element.from', { $literal: '2026-03-01' }] }] },
                    ],
                  },
                },
              },
            ],
          },
          false,
        ],
      });
      expect(conditionExpression({ field: 'p', op: 'anyElement', where: [] })).toEqual({
        $cond: [{ $isArray: '$doc.p' }, { $anyElementTrue: [{ $map: { input: '$doc.p', as: 'element', in: true } }] }, false],
      });
    });
    it('all of several conditions: $and; none: true', () => {
      expect(allExpression([])).toBe(true);
      const a: Condition = { field: 'a', op: 'eq', value: 1 };
      const b: Condition = { field: 'b', op: 'eq', value: 2 };
      expect(allExpression([a])).toEqual(conditionExpression(a));
      expect(allExpression([a, b])).toEqual({ $and: [conditionExpression(a), conditionExpression(b)] });
    });
  });

  describe('rank tiers', () => {
    const first: Condition = { field: 'municipality', op: 'eq', value: 'm-202' };
    const second: Condition = { field: 'tags', op: 'has', value: 'ostomy' };
    it('a $switch: the first tier whose conditions hold, else the number of tiers; an empty tier holds every document', () => {
      expect(tierExpression({ tiers: [[first], [second, first], []] })).toEqual({
        $switch: {
          branches: [
            { case: conditionExpression(first), then: 0 },
            { case: allExpression([second, first]), then: 1 },
            { case: true, then: 2 },
          ],
          default: 3,
        },
      });
    });
    it('no tiers: every document in tier 0', () => {
      expect(tierExpression({ tiers: [] })).toBe(0);
    });
    it('among: tested first; a document failing it is in no tier', () => {
      const active: Condition = { field: 'active', op: 'eq', value: true };
      expect(tierExpression({ among: [active], tiers: [[first]] })).toEqual({
        $cond: [conditionExpression(active), { $switch: { branches: [{ case: conditionExpression(first), then: 0 }], default: 1 } }, 1],
      });
      expect(tierExpression({ among: [], tiers: [[first]] })).toEqual(tierExpression({ tiers: [[first]] }));
    });
  });

  describe('sort', () => {
    it('the keys under doc, then _id in the direction of the first key', () => {
      expect(sortSpec([{ field: 'age', direction: 'desc' }, { field: 'name', direction: 'asc' }])).toEqual({ 'doc.age': -1, 'doc.name': 1, _id: -1 });
      expect(Object.keys(sortSpec([{ field: 'b', direction: 'asc' }, { field: 'a', direction: 'asc' }]))).toEqual(['doc.b', 'doc.a', '_id']);
      expect(sortSpec([])).toEqual({ _id: 1 });
    });
    it('a field named twice keeps its first direction; an unknown direction is ascending', () => {
      expect(sortSpec([{ field: 'a', direction: 'desc' }, { field: 'a', direction: 'asc' }])).toEqual({ 'doc.a': -1, _id: -1 });
      expect(sortSpec([{ field: 'a', direction: 'sideways' as 'asc' }])).toEqual({ 'doc.a': 1, _id: 1 });
    });
  });

  describe('page plans', () => {
    const base: FindQuery = { where: [{ field: 'active', op: 'eq', value: true }], sort: [{ field: 'name', direction: 'asc' }], page: 3, pageSize: 20 };

    it('without rank: a find with sort, skip and limit, projecting the document only, and a count on the same filter', () => {
      expect(pagePlan(base)).toEqual({
        kind: 'find',
        filter: { 'doc.active': { $eq: true } },
        sort: { 'doc.name': 1, _id: 1 },
        skip: 40,
        limit: 20,
        projection: { _id: 0, doc: 1 },
      });
    });

    it('with rank: $match, then $facet with $count and the page sorted by tier, keys and _id, document only', () => {
      const rank = { tiers: [[{ field: 'municipality', op: 'eq', value: 'm-202' }] as Condition[]] };
      const plan = pagePlan({ ...base, rank });
      expect(plan).toEqual({
        kind: 'aggregate',
        pipeline: [
          { $match: { 'doc.active': { $eq: true } } },
          {
            $facet: {
              total: [{ $count: 'count' }],
              page: [
                { $project: { doc: 1, _tier: tierExpression(rank) } },
                { $sort: { _tier: 1, 'doc.name': 1, _id: 1 } },
                { $skip: 40 },
                { $limit: 20 },
                { $project: { _id: 0, doc: 1 } },
              ],
            },
          },
        ],
      });
      // The tier sorts first: the key order of the $sort stage is the order of sorting.
      const sortStage = (plan.kind === 'aggregate' ? plan.pipeline[1]!.$facet.page[1].$sort : {}) as Record<string, number>;
      expect(Object.keys(sortStage)).toEqual(['_tier', 'doc.name', '_id']);
    });

    it('without tiers every document is in tier 0, projected as a $literal (a bare 0 in $project would exclude the field)', () => {
      const plan = pagePlan({ ...base, rank: { tiers: [] } });
      const facet = plan.kind === 'aggregate' ? plan.pipeline[1]!.$facet : undefined;
      expect(facet.page[0]).toEqual({ $project: { doc: 1, _tier: { $literal: 0 } } });
    });

    it('never lets the stored position out, nor _id', () => {
      const plans = [pagePlan(base), pagePlan({ ...base, rank: { tiers: [] } })];
      for (const plan of plans) {
        const text = JSON.stringify(plan);
        expect(text).not.toMatch(/position/);
        const last = plan.kind === 'find' ? plan.projection : plan.pipeline[1]!.$facet.page.at(-1).$project;
        expect(last).toEqual({ _id: 0, doc: 1 });
      }
    });

    it('rejects a page or page size below 1, or not an integer', () => {
      expect(() => pagePlan({ ...base, page: 0 })).toThrow(RangeError);
      expect(() => pagePlan({ ...base, pageSize: 0 })).toThrow(RangeError);
      expect(() => pagePlan({ ...base, page: 1.5 })).toThrow(RangeError);
    });
  });
});
