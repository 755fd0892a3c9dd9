/**
 * The read-model store port: versioned document collections fed by projections, queried by read models.
 * Queries speak this small, backend-neutral language so that PostgreSQL (jsonb) and MongoDB adapters
 * can both serve them. Fields are dot paths into the document.
 */
import type { Position } from '../event-store/event-store.port.js';

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
}

export interface ReadModelDefinition {
  /** Stable name, e.g. 'citizen-search'. The live table / collection is named after name and version. */
  readonly name: string;
  /** Bump when the document shape or the projection's logic changes: a blue-green rebuild follows. */
  readonly version: number;
  readonly indexes: readonly IndexDefinition[];
}

export type Scalar = string | number | boolean | null;

export type Condition =
  | { readonly field: string; readonly op: 'eq'; readonly value: Scalar }
  | { readonly field: string; readonly op: 'in'; readonly values: readonly Scalar[] }
  | { readonly field: string; readonly op: 'prefix'; readonly value: string }
  | { readonly field: string; readonly op: 'contains'; readonly value: string }
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

export interface FindQuery {
  readonly where: readonly Condition[];
  /**
   * Most relevant first: documents whose `field` (a normalized text) resembles `text` best come first (word
   * trigram similarity on PostgreSQL), then `sort` breaks ties.
   */
  readonly rank?: { readonly field: string; readonly text: string };
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
