import type { IndexDefinition, ReadModelDefinition } from '../../../kernel/read-model-store.port.js';
import type { SqlClient, SqlDatabase } from '../../sql/sql-database.js';
import { jsonAt, textAt } from './field-path.js';
import { indexPredicate } from './find-query.js';

/**
 * Schema of the PostgreSQL read models.
 * - read_model_registry: one row per document table; per read model at most one live table (queries read it)
 *   and one building table (a blue-green build). The checkpoint lives on the row, so a batch's documents and
 *   its checkpoint commit in one transaction, and locking the row serializes competing runners. `generation`
 *   counts the transactions that wrote the table's documents: a batch read at one generation is written only if
 *   it is still the current one (guarded-commit.ts).
 * - parked_events: events a projection could not apply; position and error only, never a payload copy.
 * - rm_<name>_v<version>_b<build>: one document table per read model, version and build.
 */
const STATEMENTS = [
  `create extension if not exists pg_trgm`,
  `create table if not exists read_model_registry (
     table_name text primary key,
     read_model text not null,
     version integer not null,
     build integer not null,
     state text not null check (state in ('live', 'building')),
     checkpoint text,
     created_at timestamptz not null default now(),
     updated_at timestamptz not null default now()
   )`,
  `alter table read_model_registry add column if not exists generation bigint not null default 0`,
  `create unique index if not exists read_model_registry_one_live on read_model_registry (read_model) where state = 'live'`,
  `create unique index if not exists read_model_registry_one_build on read_model_registry (read_model) where state = 'building'`,
  `create table if not exists parked_events (
     table_name text not null,
     projection text not null,
     position text not null,
     event_id text not null,
     event_type text not null,
     stream_name text not null,
     revision bigint not null,
     error text not null,
     attempts integer not null,
     parked_at timestamptz not null default now(),
     primary key (table_name, position)
   )`,
  `create index if not exists parked_events_projection on parked_events (projection, position)`,
];

/** Advisory-lock class for this module (two-int keys do not collide with one-bigint keys used elsewhere). */
export const READ_MODEL_LOCK_CLASS = 0x524d;

export async function migrateReadModelSchema(db: SqlDatabase): Promise<void> {
  // "create ... if not exists" is not atomic: two instances starting together would collide without the lock.
  await db.transaction(async (tx) => {
    await tx.query(`select pg_advisory_xact_lock($1, 0)`, [READ_MODEL_LOCK_CLASS]);
    for (const statement of STATEMENTS) await tx.query(statement);
  });
}

const READ_MODEL_NAME = /^[a-z][a-z0-9-]*$/;
/** PostgreSQL's 63, less room for the suffix of the table's index names (`_i<n>`). */
const MAX_TABLE_NAME = 59;

export function documentTableName(readModel: string, version: number, build: number): string {
  if (!READ_MODEL_NAME.test(readModel)) throw new Error(`Read model name must be lower-case kebab-case: ${JSON.stringify(readModel)}`);
  if (!Number.isInteger(version) || version < 1) throw new Error(`Read model ${readModel}: version must be a positive integer`);
  const name = `rm_${readModel.replaceAll('-', '_')}_v${version}_b${build}`;
  if (name.length > MAX_TABLE_NAME) throw new Error(`Read model name too long for a table name: ${readModel}`);
  return name;
}

/** Table names are validated or read back from the registry; quoting keeps them exact anyway. */
export const quoted = (table: string): string => `"${table.replaceAll('"', '""')}"`;

/** The name of the table's n-th index of its definition: named, so that creating them again skips those made. */
const indexName = (table: string, n: number): string => `${table}_i${n}`;

function indexStatement(table: string, index: IndexDefinition, n: number): string {
  // A partial index's predicate is the very text find-query renders for those conditions, so the planner
  // can prove a query's conditions imply it.
  const partial = index.where?.length ? ` where ${indexPredicate(index.where)}` : '';
  const create = `create index if not exists ${quoted(indexName(table, n))} on ${quoted(table)}`;
  switch (index.kind) {
    case 'equals':
      return `${create} (${textAt(index.field)})${partial}`;
    case 'contains':
      return `${create} using gin (${textAt(index.field)} gin_trgm_ops)${partial}`;
    case 'array':
      return `${create} using gin (${jsonAt(index.field)})${partial}`;
    case 'sort':
      // With id, so the stable tiebreaker of find() is served by the same index.
      return `${create} (${jsonAt(index.field)}, id)${partial}`;
  }
}

/**
 * A live table gets its indexes at once: queries read it while it catches up. A building table gets only its
 * primary key until it is about to go live (createMissingIndexes): maintaining a trigram index row by row over a
 * whole log's updates cost more than half of a build (measured on the orders read model), and building it once
 * over the finished table is a fraction of that.
 */
export async function createDocumentTable(tx: SqlClient, table: string, definition: ReadModelDefinition, withIndexes: boolean): Promise<void> {
  await tx.query(`create table ${quoted(table)} (id text primary key, doc jsonb not null, position text not null)`);
  if (withIndexes) for (const [n, index] of definition.indexes.entries()) await tx.query(indexStatement(table, index, n));
}

/**
 * The definition's indexes that the table lacks, each in a transaction of its own (an interrupted build keeps
 * the ones made). A table created before indexes were named has them all under names of PostgreSQL's choosing.
 */
export async function createMissingIndexes(db: SqlDatabase, table: string, definition: ReadModelDefinition): Promise<void> {
  const { rows } = await db.query<{ name: string }>(
    `select indexname as name from pg_indexes where schemaname = current_schema() and tablename = $1 and indexname <> $2`,
    [table, `${table}_pkey`],
  );
  const existing = new Set(rows.map((row) => row.name));
  const ours = definition.indexes.map((_, n) => indexName(table, n));
  if ([...existing].some((name) => !ours.includes(name))) return;
  for (const [n, index] of definition.indexes.entries()) {
    if (!existing.has(ours[n]!)) await db.query(indexStatement(table, index, n));
  }
}
