import type { Collection, Db } from 'mongodb';
import type { TableState } from '../../projections/projection-storage.js';

/**
 * Collections of the MongoDB read models, mirroring the PostgreSQL tables:
 * - read_model_registry: one document per document collection (`_id` = collection name) with read model,
 *   version, build, state and checkpoint. A unique index on (readModel, state) is what makes "one live, one
 *   building" hold. The checkpoint lives here, so it commits with the batch's documents in one transaction.
 * - read_model_builds: one counter per read model, so a build number (and so a collection name) is never
 *   used twice, even after a build was dropped: a runner that still holds a dropped table's name can never
 *   write into a new collection of the same name.
 * - parked_events: events a projection could not apply; position and error only, never a payload copy.
 * - rm_<name>_v<version>_b<build>: one collection per read model, version and build, holding
 *   `{ _id: <document id>, doc: <the document>, position: <position of the last event applied> }`.
 *
 * The document is kept whole under `doc` rather than flattened into the record: its fields can never collide
 * with `_id` or `position`, a query's projection `{ _id: 0, doc: 1 }` is all it takes to return documents
 * without either, and a document is written back as a whole (no stale field survives a `$set`).
 */
export const REGISTRY = 'read_model_registry';
export const BUILDS = 'read_model_builds';
export const PARKED = 'parked_events';

/** A retiring table is the old live one during a swap without transactions (see MongoProjectionStorage). */
export type RegistryState = TableState | 'retiring';

export interface RegistryDocument {
  _id: string;
  readModel: string;
  version: number;
  build: number;
  state: RegistryState;
  checkpoint: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface BuildCounter {
  _id: string;
  build: number;
}

export interface ParkedDocument {
  table: string;
  projection: string;
  position: string;
  eventId: string;
  eventType: string;
  streamName: string;
  revision: number;
  error: string;
  attempts: number;
  parkedAt: Date;
}

export interface StoredRecord {
  _id: string;
  doc: Record<string, unknown>;
  position: string;
}

export const registry = (db: Db): Collection<RegistryDocument> => db.collection<RegistryDocument>(REGISTRY);
export const builds = (db: Db): Collection<BuildCounter> => db.collection<BuildCounter>(BUILDS);
export const parkedEvents = (db: Db): Collection<ParkedDocument> => db.collection<ParkedDocument>(PARKED);
export const documents = (db: Db, table: string): Collection<StoredRecord> => db.collection<StoredRecord>(table);

/** createIndexes is idempotent with the same options, so several instances may run this at once. */
export async function migrateReadModelSchema(db: Db): Promise<void> {
  await registry(db).createIndexes([{ key: { readModel: 1, state: 1 }, name: 'one_table_per_state', unique: true }]);
  await parkedEvents(db).createIndexes([
    { key: { table: 1, position: 1 }, name: 'table_position', unique: true },
    { key: { projection: 1, position: 1 }, name: 'projection_position' },
  ]);
}

const READ_MODEL_NAME = /^[a-z][a-z0-9-]*$/;
/** PostgreSQL's identifier limit, kept so that a read model valid on one adapter is valid on the other. */
const MAX_NAME = 63;
export const DOCUMENT_COLLECTION = /^rm_[a-z][a-z0-9_]*_v[0-9]+_b[0-9]+$/;

export function documentCollectionName(readModel: string, version: number, build: number): string {
  if (!READ_MODEL_NAME.test(readModel)) throw new Error(`Read model name must be lower-case kebab-case: ${JSON.stringify(readModel)}`);
  if (!Number.isInteger(version) || version < 1) throw new Error(`Read model ${readModel}: version must be a positive integer`);
  const name = `rm_${readModel.replaceAll('-', '_')}_v${version}_b${build}`;
  if (name.length > MAX_NAME) throw new Error(`Read model name too long for a collection name: ${readModel}`);
  return name;
}

/** Server error codes this module tells apart. */
export const DUPLICATE_KEY = 11000;
export const NAMESPACE_EXISTS = 48;
export const NAMESPACE_NOT_FOUND = 26;

export const errorCode = (error: unknown): number | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
};
