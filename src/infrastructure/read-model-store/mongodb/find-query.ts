import type { Document } from 'mongodb';
import type { Condition, ElementCondition, FindQuery, Rank, Scalar, SortKey } from '../../../kernel/read-model-store.port.js';
import { docPath, docRef, elementKey } from './field-path.js';

/**
 * Translates the port's query language into MongoDB: pure functions, no driver calls, so every rule is
 * unit-tested without a server.
 *
 * Stored records are `{ _id, doc, position }` (see schema.ts): conditions and sort keys are on
 * `doc.<field>`; `_id` breaks ties; only `doc` ever leaves a query.
 *
 * Two forms of each condition:
 * - a query filter (`$match`, `find`, `countDocuments`), which indexes serve;
 * - an aggregation expression (rank tiers, evaluated per matched document), where a missing field is not
 *   null, `$in`/`$indexOfCP` fail on a non-array / non-string, and a string starting with `$` would be a
 *   field path: hence the `$ifNull`, `$type`/`$isArray` guards (inside `$cond`, which evaluates one branch)
 *   and `$literal` around every value.
 *
 * Where MongoDB's semantics differ from the PostgreSQL adapter's (which compares the text of a field):
 * - eq/in compare by BSON type and value: `eq 42` finds the number 42, not the string "42"; the PostgreSQL
 *   adapter's text comparison finds both. Read models store one type per field, so both agree there.
 * - A filter on a path that meets an array looks inside it (`eq` on an array field matches an element, a
 *   dot path through an array of objects reaches their fields); PostgreSQL's path does not. The port's array
 *   conditions are has/hasAny/anyElement; eq, in, prefix, contains and ranges are meant for scalars.
 * - prefix/contains match strings only (a number is no string here; on PostgreSQL its text would match).
 * - Sorting: null and missing values come first ascending (last descending); PostgreSQL puts a missing field
 *   last ascending. Values of mixed types order by BSON type (numbers before strings before booleans); an
 *   array orders by its smallest element ascending, its largest descending. Strings order by code point
 *   (no collation), as PostgreSQL does in the C.UTF-8 collation.
 */

export type Filter = Document;
export type Expression = unknown;
export type Stage = Document;

/** Matches no document (an `in` or `hasAny` with no values). */
const NOTHING: Filter = { _id: { $in: [] } };

function scalar(value: unknown, what: string): Scalar {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) {
    return value;
  }
  throw new TypeError(`${what} must be a string, a finite number, a boolean or null`);
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') throw new TypeError(`${what} must be a string`);
  return value;
}

function texts(values: unknown, what: string): string[] {
  if (!Array.isArray(values)) throw new TypeError(`${what} must be an array`);
  return values.map((value) => text(value, what));
}

function scalars(values: unknown, what: string): Scalar[] {
  if (!Array.isArray(values)) throw new TypeError(`${what} must be an array`);
  return values.map((value) => scalar(value, what));
}

/**
 * A PCRE pattern matching `value` literally. Every character that means something in a pattern is escaped
 * (a user's "a.b" or "(x)" is text, as "50%" is on PostgreSQL); NUL, which MongoDB does not take inside a
 * pattern, is written as an escape. No flags, so whitespace and # are literal. The server still reads an
 * escaped punctuation character as part of a literal prefix: `^a\.b` gets index bounds ["a.b", "a.c").
 */
export const escapeRegex = (value: string): string => value.replace(/[\\^$.*+?()[\]{}|\-/]/g, '\\$&').replace(/\0/g, '\\x{0}');

function elementFilter(where: readonly ElementCondition[]): Filter {
  const byKey = new Map<string, Record<string, string>>();
  let repeated = false;
  for (const test of where) {
    const key = elementKey(test.key);
    const operator = ELEMENT_OPERATORS[test.op];
    if (!operator) throw new TypeError(`Unknown element operator ${String(test.op)}`);
    const tests = byKey.get(key) ?? {};
    if (operator in tests) repeated = true;
    tests[operator] = text(test.value, `anyElement ${key}`);
    byKey.set(key, tests);
  }
  if (!repeated) return Object.fromEntries(byKey);
  // The same key and operator twice: each test on its own, all of them on one element.
  return { $and: where.map((test) => ({ [test.key]: { [ELEMENT_OPERATORS[test.op]]: test.value } })) };
}

const ELEMENT_OPERATORS = { eq: '$eq', lte: '$lte', gte: '$gte' } as const;

/** One condition as a query filter. */
export function conditionFilter(where: Condition): Filter {
  const path = docPath(where.field);
  switch (where.op) {
    case 'eq':
      // { $eq: null } matches a null and a missing field, as the port wants.
      return { [path]: { $eq: scalar(where.value, `eq ${where.field}`) } };
    case 'in': {
      const values = scalars(where.values, `in ${where.field}`);
      return values.length === 0 ? NOTHING : { [path]: { $in: values } };
    }
    case 'prefix':
      return { [path]: { $regex: `^${escapeRegex(text(where.value, `prefix ${where.field}`))}` } };
    case 'contains':
      return { [path]: { $regex: escapeRegex(text(where.value, `contains ${where.field}`)) } };
    case 'gte':
    case 'lte':
      // Type bracketing: only strings compare with a string, so a null or missing field meets neither.
      return { [path]: { [`$${where.op}`]: text(where.value, `${where.op} ${where.field}`) } };
    case 'has':
      // $elemMatch: only an array holds a value (a plain string field equal to it does not).
      return { [path]: { $elemMatch: { $eq: text(where.value, `has ${where.field}`) } } };
    case 'hasAny': {
      const values = texts(where.values, `hasAny ${where.field}`);
      return values.length === 0 ? NOTHING : { [path]: { $elemMatch: { $in: values } } };
    }
    case 'anyElement':
      if (where.where.length === 0) return { $and: [{ [path]: { $type: 'array' } }, { [`${path}.0`]: { $exists: true } }] };
      return { [path]: { $elemMatch: elementFilter(where.where) } };
    default:
      throw new TypeError(`Unknown condition operator ${String((where as { op: unknown }).op)}`);
  }
}

/** Every condition, all of them holding. */
export function whereFilter(conditions: readonly Condition[]): Filter {
  const filters = conditions.map(conditionFilter);
  if (filters.length === 0) return {};
  if (filters.length === 1) return filters[0]!;
  return { $and: filters };
}

const literal = (value: unknown) => ({ $literal: value });
const isString = (ref: string) => ({ $eq: [{ $type: ref }, 'string'] });
/** `then` only where `test` holds, else false; `$cond` evaluates one branch, so `then` may assume `test`. */
const guarded = (test: Expression, then: Expression) => ({ $cond: [test, then, false] });

function elementExpression(test: ElementCondition, element: string): Expression {
  const ref = `${element}.${elementKey(test.key)}`;
  const value = literal(text(test.value, `anyElement ${test.key}`));
  switch (test.op) {
    case 'eq':
      return { $eq: [ref, value] };
    case 'lte':
    case 'gte':
      return { $and: [isString(ref), { [`$${test.op}`]: [ref, value] }] };
    default:
      throw new TypeError(`Unknown element operator ${String((test as { op: unknown }).op)}`);
  }
}

/** One condition as an aggregation expression (true or false for the document at hand). */
export function conditionExpression(where: Condition): Expression {
  const ref = docRef(where.field);
  switch (where.op) {
    case 'eq':
      // A missing field is not null in an expression: $ifNull makes it one, as in the filter form.
      return { $eq: [{ $ifNull: [ref, null] }, literal(scalar(where.value, `eq ${where.field}`))] };
    case 'in': {
      const values = scalars(where.values, `in ${where.field}`);
      return values.length === 0 ? false : { $in: [{ $ifNull: [ref, null] }, literal(values)] };
    }
    case 'prefix':
      return guarded(isString(ref), { $eq: [{ $indexOfCP: [ref, literal(text(where.value, `prefix ${where.field}`))] }, 0] });
    case 'contains':
      return guarded(isString(ref), { $gte: [{ $indexOfCP: [ref, literal(text(where.value, `contains ${where.field}`))] }, 0] });
    case 'gte':
    case 'lte':
      // In an expression a missing field orders before every string: only strings may compare.
      return guarded(isString(ref), { [`$${where.op}`]: [ref, literal(text(where.value, `${where.op} ${where.field}`))] });
    case 'has':
      return guarded({ $isArray: ref }, { $in: [literal(text(where.value, `has ${where.field}`)), ref] });
    case 'hasAny': {
      const values = texts(where.values, `hasAny ${where.field}`);
      if (values.length === 0) return false;
      return guarded({ $isArray: ref }, { $gt: [{ $size: { $setIntersection: [ref, literal(values)] } }, 0] });
    }
    case 'anyElement': {
      const tests = where.where.map((test) => elementExpression(test, '$$element'));
      const all = tests.length === 0 ? true : tests.length === 1 ? tests[0] : { $and: tests };
      return guarded({ $isArray: ref }, { $anyElementTrue: [{ $map: { input: ref, as: 'element', in: all } }] });
    }
    default:
      throw new TypeError(`Unknown condition operator ${String((where as { op: unknown }).op)}`);
  }
}

/** Every condition holding, as one expression (true for none). */
export function allExpression(conditions: readonly Condition[]): Expression {
  const expressions = conditions.map(conditionExpression);
  if (expressions.length === 0) return true;
  if (expressions.length === 1) return expressions[0];
  return { $and: expressions };
}

/**
 * A document's tier: the index of the first tier whose conditions all hold, else the number of tiers; with
 * `among`, a document failing it is in no tier (the tiers are not evaluated for it).
 */
export function tierExpression(rank: Rank): Expression {
  const last = rank.tiers.length;
  const tiers: Expression =
    last === 0 ? last : { $switch: { branches: rank.tiers.map((tier, index) => ({ case: allExpression(tier), then: index })), default: last } };
  return rank.among?.length ? { $cond: [allExpression(rank.among), tiers, last] } : tiers;
}

/**
 * The sort keys, then `_id` in the direction of the first key, so equal values page deterministically
 * (a 'sort' index `{ doc.<field>: 1, _id: 1 }` serves either direction). A field repeated keeps its first
 * direction.
 */
export function sortSpec(sort: readonly SortKey[]): Record<string, 1 | -1> {
  const direction = (key: SortKey | undefined): 1 | -1 => (key?.direction === 'desc' ? -1 : 1);
  const spec: Record<string, 1 | -1> = {};
  for (const key of sort) {
    const path = docPath(key.field);
    if (!(path in spec)) spec[path] = direction(key);
  }
  spec._id = direction(sort[0]);
  return spec;
}

export function checkPaging(query: FindQuery): void {
  if (!Number.isInteger(query.page) || query.page < 1) throw new RangeError(`page must be an integer from 1, got ${query.page}`);
  if (!Number.isInteger(query.pageSize) || query.pageSize < 1) {
    throw new RangeError(`pageSize must be a positive integer, got ${query.pageSize}`);
  }
}

/** Only the document leaves a query: never `_id` or `position` (nor a tier). */
export const DOCUMENT_ONLY = { _id: 0, doc: 1 } as const;

/** How find() runs a query: a filtered, sorted page plus a count; or, ranked, one aggregation. */
export type PagePlan =
  | {
      readonly kind: 'find';
      readonly filter: Filter;
      readonly sort: Record<string, 1 | -1>;
      readonly skip: number;
      readonly limit: number;
      readonly projection: typeof DOCUMENT_ONLY;
    }
  | { readonly kind: 'aggregate'; readonly pipeline: Stage[] };

/**
 * Without rank: a `find` with sort, skip and limit (a 'sort' index serves the order and stops at the page's
 * end) and a `countDocuments` on the same filter (an index alone can count it), run side by side.
 *
 * With rank, as the port describes: one `$facet` over the `$match` of `where`, with `{ $count }` for the total
 * and, for the page, the tier computed from the document only (`$project` keeps `doc` and `_id`, so
 * `position` never travels), `$sort` by tier, the sort keys and `_id` (with the `$limit` the server sorts
 * top-k, keeping only skip + limit documents), `$skip`, `$limit`, and a last `$project` that drops `_id` and
 * the tier. One round trip; the total comes even with a page beyond the last.
 */
export function pagePlan(query: FindQuery): PagePlan {
  checkPaging(query);
  const filter = whereFilter(query.where);
  const sort = sortSpec(query.sort);
  const skip = (query.page - 1) * query.pageSize;
  const limit = query.pageSize;
  if (!query.rank) return { kind: 'find', filter, sort, skip, limit, projection: DOCUMENT_ONLY };
  const pipeline: Stage[] = [
    { $match: filter },
    {
      $facet: {
        total: [{ $count: 'count' }],
        page: [
          // A bare number in $project would mean "include" / "exclude": a constant tier goes in as a $literal.
          { $project: { doc: 1, _tier: projected(tierExpression(query.rank)) } },
          { $sort: { _tier: 1, ...sort } },
          { $skip: skip },
          { $limit: limit },
          { $project: DOCUMENT_ONLY },
        ],
      },
    },
  ];
  return { kind: 'aggregate', pipeline };
}

const projected = (expression: Expression): Expression => (typeof expression === 'object' && expression !== null ? expression : literal(expression));

/** What the ranked aggregation answers: one document. */
export interface FacetResult<D> {
  readonly total: ReadonlyArray<{ readonly count: number }>;
  readonly page: ReadonlyArray<{ readonly doc: D }>;
}
