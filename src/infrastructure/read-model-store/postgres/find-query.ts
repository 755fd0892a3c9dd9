import type { Condition, ElementCondition, EqualsCondition, FindQuery, Rank, Scalar, SortKey } from '../../../kernel/read-model-store.port.js';
import { InvalidFieldPathError, jsonAt, textAt } from './field-path.js';

/**
 * Translates the port's query language into SQL. Values travel as parameters, except booleans (and a partial
 * index's code-defined predicate): `= 'true'` in the SQL text is what lets the planner see that a query's
 * condition implies a partial index's predicate. Fields go through field-path's validation. Comparisons use
 * the same expressions as the indexes of read-model-schema.
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

/** A string literal; only for code-defined values (index predicates) and the text of booleans. */
const literal = (value: string): string => `'${value.replaceAll("'", "''")}'`;

function equals({ field, value }: EqualsCondition, params: Params | null): string {
  if (value === null) return `${textAt(field)} is null`;
  const text = asText(value);
  return `${textAt(field)} = ${params === null || typeof value === 'boolean' ? literal(text) : params.add(text)}`;
}

/** A partial index's predicate: the same text a query's eq conditions render to, values inline. */
export function indexPredicate(conditions: readonly EqualsCondition[]): string {
  return conditions.map((where) => equals(where, null)).join(' and ');
}

/** Text against text in the database's collation, like the 'equals' index on the same expression. */
const RANGE_OPERATORS = { gte: '>=', lte: '<=' } as const;

function condition(where: Condition, params: Params): string {
  switch (where.op) {
    case 'eq':
      return equals(where, params);
    case 'in':
      return inCondition(where.field, where.values, params);
    case 'prefix':
      return `${textAt(where.field)} like ${params.add(`${escapeLike(where.value)}%`)}`;
    case 'contains':
      return `${textAt(where.field)} like ${params.add(`%${escapeLike(where.value)}%`)}`;
    case 'gte':
    case 'lte':
      return `${textAt(where.field)} ${RANGE_OPERATORS[where.op]} ${params.add(where.value)}`;
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
interface Ordering {
  /** `<expression> as k<i>`: the sort keys as output columns of a subquery. */
  readonly columns: string[];
  /** The same order over those columns, of the subquery `alias` if given. */
  byColumns(alias?: string): string;
  /** The same order over the expressions (so a 'sort' index can serve it). */
  readonly byExpressions: string;
}

function ordering(sort: readonly SortKey[]): Ordering {
  // Never the caller's string in SQL text: a direction that slipped past validation becomes 'asc'.
  const word = (key: SortKey | undefined) => (key?.direction === 'desc' ? 'desc' : 'asc');
  const direction = word(sort[0]);
  return {
    columns: sort.map((key, index) => `${jsonAt(key.field)} as k${index}`),
    byColumns: (alias) => {
      const of = alias ? `${alias}.` : '';
      return [...sort.map((key, index) => `${of}k${index} ${word(key)}`), `${of}id ${direction}`].join(', ');
    },
    byExpressions: [...sort.map((key) => `${jsonAt(key.field)} ${word(key)}`), `id ${direction}`].join(', '),
  };
}

/** The tier of a document: the index of the first tier whose conditions all hold, else the number of tiers. */
function tierOf(rank: Rank, params: Params): string {
  const last = rank.tiers.length;
  const branches = rank.tiers.map((tier, index) => `when ${whereClause(tier, params).sql} then ${index}`);
  const tiers = branches.length === 0 ? `${last}` : `case ${branches.join(' ')} else ${last} end`;
  // when, not "when not": a condition on a missing field is null, and null must rank last too.
  return rank.among?.length ? `case when ${whereClause(rank.among, params).sql} then ${tiers} else ${last} end` : tiers;
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

/**
 * One statement, one round trip, for a page and the exact total; the total comes even with a page beyond
 * the last. Only the page's rows carry their documents: counting and ordering never drag whole documents
 * through a window function or a sort (which spilled to disk at 50 000 products).
 *
 * With only conditions a B-tree answers (eq, in, ranges), the count and the page are separate subqueries, each
 * planned on its own: the count can be an index-only scan (a partial index whose predicate the conditions
 * imply), the page a walk along a 'sort' index that stops at the page's end.
 *
 * Otherwise the matches are read once into a narrow CTE (id, tier, sort keys) that both the count and the top-N
 * sort read, and the documents of the page are then fetched by primary key. With rank, every match needs its
 * tier anyway. With a condition only a GIN index answers (contains, has, hasAny) or none does (anyElement), the
 * count reads every match from the table regardless, and separate subqueries read them twice; worse, the page's
 * plan may walk the 'sort' index filtering row by row, betting that matches are spread evenly along the sort
 * order. They are not: a name part's matches cluster by name, and at a million citizens that walk read 200,000
 * rows from disk for one page of "rav" (measured: 0.96 s, where reading the 1,394 matches took 10 ms).
 */
const SCATTERED: ReadonlySet<Condition['op']> = new Set(['contains', 'has', 'hasAny', 'anyElement']);

export function pageQuery(table: string, query: FindQuery): SqlFragment {
  checkPaging(query);
  const params = new Params();
  const where = whereClause(query.where, params).sql;
  const order = ordering(query.sort);
  const tier = query.rank ? tierOf(query.rank, params) : query.where.some((condition) => SCATTERED.has(condition.op)) ? '0' : undefined;
  const limit = params.add(query.pageSize);
  const offset = params.add((query.page - 1) * query.pageSize);
  const keys = order.columns.map((column) => `, ${column}`).join('');
  if (tier === undefined) {
    return {
      sql:
        `select counted.total, page.doc from (select count(*)::int as total from ${table} where ${where}) as counted` +
        ` left join lateral (select id, doc${keys} from ${table} where ${where} order by ${order.byExpressions} limit ${limit} offset ${offset}) as page on true` +
        ` order by ${order.byColumns('page')}`,
      params: params.values,
    };
  }
  const columns = order.columns.map((_, index) => `, k${index}`).join('');
  return {
    sql:
      `with matched as materialized (select id, ${tier} as tier${keys} from ${table} where ${where})` +
      ` select counted.total, found.doc from (select count(*)::int as total from matched) as counted` +
      ` left join lateral (select id, tier${columns} from matched order by tier, ${order.byColumns()} limit ${limit} offset ${offset}) as page on true` +
      ` left join ${table} as found on found.id = page.id` +
      ` order by page.tier, ${order.byColumns('page')}`,
    params: params.values,
  };
}
