/**
 * The read-model store port: versioned document collections fed by projections, queried by read models.
 * Queries speak this small, backend-neutral language so that PostgreSQL (jsonb) and MongoDB adapters
 * can both serve them. Fields are dot paths into the document.
 */
import type { Position } from './event-store.port.js';

export type IndexKind =
  /** equality and `in` */
  | 'equals'
  /** substring / prefix search on a normalized string (trigram index on PostgreSQL) */
  | 'contains'
  /** membership in an array of strings */
  | 'array'
  /** ordering */
  | 'sort';

export interface IndexDefinition {
  readonly field: string;
  readonly kind: IndexKind;
  /**
   * A partial index: only documents meeting every condition are indexed (PostgreSQL `create index … where`,
   * MongoDB `partialFilterExpression` with `$eq`). A query whose conditions include these very conditions
   * can use it; one whose conditions are exactly these (plus those on indexed fields) can be counted from the
   * index alone. Meant for the flag nearly every query of a read model filters on (e.g. `searchable: true`).
   */
  readonly where?: readonly EqualsCondition[];
}

export interface ReadModelDefinition {
  /** Stable name, e.g. 'citizen-search'. The live table / collection is named after name and version. */
  readonly name: string;
  /** Bump when the document shape or the projection's logic changes: a blue-green rebuild follows. */
  readonly version: number;
  readonly indexes: readonly IndexDefinition[];
}

export type Scalar = string | number | boolean | null;

export interface EqualsCondition {
  readonly field: string;
  readonly op: 'eq';
  readonly value: Scalar;
}

export type Condition =
  | EqualsCondition
  | { readonly field: string; readonly op: 'in'; readonly values: readonly Scalar[] }
  | { readonly field: string; readonly op: 'prefix'; readonly value: string }
  | { readonly field: string; readonly op: 'contains'; readonly value: string }
  /**
   * The string at `field` is at least (gte) / at most (lte) `value`, compared as text in the backend's
   * ordering: meant for values whose text order is their order everywhere (ISO dates and instants,
   * fixed-width codes). A missing or null field meets neither. MongoDB: `{ [field]: { $gte: value } }` /
   * `{ $lte: value }` (type bracketing: only strings compare with a string). An 'equals' index on the field
   * serves it on PostgreSQL (a btree on the same text expression).
   */
  | { readonly field: string; readonly op: 'gte' | 'lte'; readonly value: string }
  /** the array at `field` holds `value` */
  | { readonly field: string; readonly op: 'has'; readonly value: string }
  /** the array at `field` holds at least one of `values` */
  | { readonly field: string; readonly op: 'hasAny'; readonly values: readonly string[] }
  /** the array of objects at `field` holds one element meeting every element condition (e.g. a validity period) */
  | { readonly field: string; readonly op: 'anyElement'; readonly where: readonly ElementCondition[] };

/** A comparison on one key of an array element; strings compare as text (ISO dates order correctly). */
export interface ElementCondition {
  readonly key: string;
  readonly op: 'eq' | 'lte' | 'gte';
  readonly value: string;
}

export interface SortKey {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

/** One relevance tier: the conditions a document must all meet to be in it (an empty tier holds every document). */
export type RankTier = readonly Condition[];

/**
 * Relevance as tiers, most relevant first: a document's tier is the first of `tiers` whose conditions it
 * meets, and documents in none of them come after the last. Within a tier, `sort` (then id) orders.
 * Tiers are meant to be cheap tests (equality, membership, prefix/contains on a short normalized field),
 * evaluated only for the documents that `where` matched, so ranking costs little more than counting.
 * `among`, if given, is a condition of every tier, written once and tested first: a document that fails it
 * is in no tier, and the tiers are not tested for it (a cheap pre-test when most matches rank last).
 *
 * MongoDB: one `$facet` over the `$match` of `where`: `{ $count }` for the total, and for the page
 * `$addFields: { _tier: { $cond: [{ $and: among }, { $switch: { branches: tiers.map((conditions, i) =>
 * ({ case: { $and: conditions }, then: i })), default: tiers.length } }, tiers.length] } }`,
 * `$sort: { _tier: 1, …sort, _id: 1 }`, `$skip`, `$limit`, `$unset: '_tier'`. Each condition has an
 * aggregation-expression form: eq → `$eq`, in → `$in`, has → `$in` on the array, hasAny →
 * `$setIntersection` non-empty, prefix/contains → `$indexOfCP` (0 / ≥ 0) on the normalized string,
 * gte/lte → `$gte`/`$lte` and `$type` 'string' (in an expression a missing field orders before every string),
 * anyElement → `$anyElementTrue` over a `$map` of the element tests.
 */
export interface Rank {
  readonly tiers: readonly RankTier[];
  readonly among?: readonly Condition[];
}

export interface FindQuery {
  readonly where: readonly Condition[];
  /** Most relevant first (see Rank); without it, `sort` alone orders. */
  readonly rank?: Rank;
  readonly sort: readonly SortKey[];
  /** 1-based */
  readonly page: number;
  readonly pageSize: number;
}

export interface Page<D> {
  readonly items: D[];
  readonly total: number;
}

export interface ReadModelStore {
  get<D>(readModel: string, id: string): Promise<D | null>;
  find<D>(readModel: string, query: FindQuery): Promise<Page<D>>;
  /** Position up to which the read model's projection has processed the log. */
  checkpoint(readModel: string): Promise<Position | undefined>;
}

export const READ_MODEL_STORE = Symbol('ReadModelStore');
