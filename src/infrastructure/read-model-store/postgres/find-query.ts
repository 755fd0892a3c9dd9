import type { Condition, ElementCondition, FindQuery, Scalar, SortKey } from '../read-model-store.port.js';
import { InvalidFieldPathError, jsonAt, textAt } from './field-path.js';

/**
 * Translates the port's query language into SQL. Values only ever travel as parameters; fields go through
 * field-path's validation. Comparisons use the same expressions as the indexes of read-model-schema.
 */
export interface SqlFragment {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** LIKE treats % and _ as wildcards and \ as the escape: a user's "50%" must match literally. */
export const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (char) => `\\${char}`);

/** Matches how jsonb's ->> renders a scalar, so eq on 3 or true finds the stored number or boolean. */
const asText = (value: Exclude<Scalar, null>): string => (typeof value === 'string' ? value : JSON.stringify(value));

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function inCondition(field: string, values: readonly Scalar[], params: Params): string {
  const present = values.filter((value): value is Exclude<Scalar, null> => value !== null).map(asText);
  const parts = present.length > 0 ? [`${textAt(field)} = any(${params.add(present)}::text[])`] : [];
  if (present.length < values.length) parts.push(`${textAt(field)} is null`);
  return parts.length > 0 ? `(${parts.join(' or ')})` : 'false';
}

function condition(where: Condition, params: Params): string {
  switch (where.op) {
    case 'eq':
      return where.value === null ? `${textAt(where.field)} is null` : `${textAt(where.field)} = ${params.add(asText(where.value))}`;
    case 'in':
      return inCondition(where.field, where.values, params);
    case 'prefix':
      return `${textAt(where.field)} like ${params.add(`${escapeLike(where.value)}%`)}`;
    case 'contains':
      return `${textAt(where.field)} like ${params.add(`%${escapeLike(where.value)}%`)}`;
    case 'has':
      return `${jsonAt(where.field)} @> ${params.add(JSON.stringify([where.value]))}::jsonb`;
    case 'hasAny':
      return where.values.length === 0 ? 'false' : `${jsonAt(where.field)} ?| ${params.add([...where.values])}::text[]`;
    case 'anyElement':
      return anyElement(where.field, where.where, params);
  }
}

const ELEMENT_OPERATORS = { eq: '=', lte: '<=', gte: '>=' } as const;
const ELEMENT_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

function anyElement(field: string, where: readonly ElementCondition[], params: Params): string {
  const tests = where.map((test) => {
    // Keys are code-defined, but checked like field paths before they go into SQL text.
    if (!ELEMENT_KEY.test(test.key)) throw new InvalidFieldPathError(test.key);
    return `element ->> '${test.key}' ${ELEMENT_OPERATORS[test.op] ?? '='} ${params.add(test.value)}`;
  });
  return `exists (select 1 from jsonb_array_elements(case jsonb_typeof(${jsonAt(field)}) when 'array' then ${jsonAt(field)} else '[]'::jsonb end) as element where ${tests.join(' and ') || 'true'})`;
}

/**
 * id last, in the direction of the first key, so equal sort values page deterministically. PostgreSQL's
 * default null placement is kept (missing values last ascending, first descending) because then a 'sort'
 * index (field, id) serves both directions.
 */
function orderBy(sort: readonly SortKey[], rank: FindQuery['rank'], params: Params): string {
  // Never the caller's string in SQL text: a direction that slipped past validation becomes 'asc'.
  const word = (key: SortKey | undefined) => (key?.direction === 'desc' ? 'desc' : 'asc');
  const direction = word(sort[0]);
  const keys = sort.map((key) => `${jsonAt(key.field)} ${word(key)}`);
  const relevance = rank ? [`word_similarity(${params.add(rank.text)}, ${textAt(rank.field)}) desc`] : [];
  return [...relevance, ...keys, `id ${direction}`].join(', ');
}

function checkPaging(query: FindQuery): void {
  if (!Number.isInteger(query.page) || query.page < 1) throw new RangeError(`page must be an integer from 1, got ${query.page}`);
  if (!Number.isInteger(query.pageSize) || query.pageSize < 1) {
    throw new RangeError(`pageSize must be a positive integer, got ${query.pageSize}`);
  }
}

export function whereClause(conditions: readonly Condition[], params = new Params()): SqlFragment {
  const sql = conditions.length === 0 ? 'true' : conditions.map((where) => condition(where, params)).join(' and ');
  return { sql, params: params.values };
}

/** One round trip for a page and its total: count(*) over () is computed before limit/offset apply. */
export function pageQuery(table: string, query: FindQuery): SqlFragment {
  checkPaging(query);
  const params = new Params();
  const where = whereClause(query.where, params).sql;
  const order = orderBy(query.sort, query.rank, params);
  const limit = params.add(query.pageSize);
  const offset = params.add((query.page - 1) * query.pageSize);
  return {
    sql: `select doc, count(*) over ()::int as total from ${table} where ${where} order by ${order} limit ${limit} offset ${offset}`,
    params: params.values,
  };
}

/** Only needed when a page lies beyond the last row: then no row carries the total. */
export function countQuery(table: string, conditions: readonly Condition[]): SqlFragment {
  const where = whereClause(conditions);
  return { sql: `select count(*)::int as total from ${table} where ${where.sql}`, params: where.params };
}
