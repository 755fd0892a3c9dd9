import type { ClientSession, Db } from 'mongodb';
import type { Position } from '../../../kernel/event-store.port.js';
import type { ReadModelTable, TableState } from '../../projections/projection-storage.js';
import type { ReadModelDefinition } from '../../../kernel/read-model-store.port.js';
import { indexSpecs } from './indexes.js';
import {
  builds,
  documentCollectionName,
  DUPLICATE_KEY,
  errorCode,
  NAMESPACE_EXISTS,
  NAMESPACE_NOT_FOUND,
  parkedEvents,
  registry,
  type RegistryDocument,
} from './schema.js';

/** The registry's operations; each takes the transaction's session where there is one. */

const toTable = (row: RegistryDocument): ReadModelTable => ({
  table: row._id,
  readModel: row.readModel,
  version: Number(row.version),
  build: Number(row.build),
  state: row.state as TableState,
  checkpoint: (row.checkpoint ?? undefined) as Position | undefined,
});

const TABLE_STATES: TableState[] = ['live', 'building'];

/** The read model's live and building tables (a retiring one is on its way out, and no table of the port). */
export async function registeredTables(db: Db, readModel: string, session?: ClientSession): Promise<ReadModelTable[]> {
  const rows = await registry(db)
    .find({ readModel, state: { $in: TABLE_STATES } }, { session })
    .sort({ _id: 1 })
    .toArray();
  return rows.map(toTable);
}

/** Every row of the read model, retiring ones included. */
export function registryRows(db: Db, readModel: string, session?: ClientSession): Promise<RegistryDocument[]> {
  return registry(db).find({ readModel }, { session }).sort({ _id: 1 }).toArray();
}

export async function registeredTable(db: Db, table: string, session?: ClientSession): Promise<ReadModelTable | undefined> {
  const row = await registry(db).findOne({ _id: table, state: { $in: TABLE_STATES } }, { session });
  return row ? toTable(row) : undefined;
}

/**
 * The table queries read, per read model: the live one; during a swap without transactions, for the moment
 * between the old live table retiring and the build going live, the retiring one (it is complete).
 */
export async function liveTables(db: Db, readModels: readonly string[], session?: ClientSession): Promise<ReadModelTable[]> {
  const rows = await registry(db)
    .find({ readModel: { $in: [...readModels] }, state: { $in: ['live', 'retiring'] } }, { session })
    .toArray();
  const byModel = new Map<string, RegistryDocument>();
  for (const row of rows) {
    const seen = byModel.get(row.readModel);
    if (!seen || (seen.state === 'retiring' && row.state === 'live')) byModel.set(row.readModel, row);
  }
  return [...byModel.values()].map((row) => ({ ...toTable(row), state: 'live' as const }));
}

/**
 * The next build number: a counter per read model that never goes back, starting past any build in the
 * registry. A pipeline update, so reading, raising and storing it is one atomic step.
 */
async function nextBuild(db: Db, readModel: string, floor: number): Promise<number> {
  const counter = await builds(db).findOneAndUpdate(
    { _id: readModel },
    [{ $set: { build: { $add: [{ $max: [{ $ifNull: ['$build', 0] }, floor] }, 1] } } }],
    { upsert: true, returnDocument: 'after' },
  );
  if (!counter) throw new Error(`Read model ${readModel}: no build number`);
  return Number(counter.build);
}

/** Creates the collection (an empty one may be there already: a runner's write created it) and its indexes. */
export async function createDocumentCollection(db: Db, table: string, definition: ReadModelDefinition): Promise<void> {
  try {
    await db.createCollection(table);
  } catch (error) {
    if (errorCode(error) !== NAMESPACE_EXISTS) throw error;
  }
  const specs = indexSpecs(definition);
  if (specs.length > 0) await db.collection(table).createIndexes(specs.map((spec) => ({ ...spec })));
}

/**
 * Registers a new document collection, then creates it with its indexes. Undefined when the read model has
 * a table in that state already, or another instance registered one first (the unique index on
 * (readModel, state)). Registered first, so that a name is owned before its collection exists.
 */
export async function registerTable(db: Db, definition: ReadModelDefinition, state: TableState): Promise<ReadModelTable | undefined> {
  const rows = await registryRows(db, definition.name);
  if (rows.some((row) => row.state === state)) return undefined;
  const build = await nextBuild(db, definition.name, Math.max(0, ...rows.map((row) => Number(row.build))));
  const table = documentCollectionName(definition.name, definition.version, build);
  const now = new Date();
  try {
    await registry(db).insertOne({
      _id: table,
      readModel: definition.name,
      version: definition.version,
      build,
      state,
      checkpoint: null,
      createdAt: now,
      updatedAt: now,
    });
  } catch (error) {
    if (errorCode(error) === DUPLICATE_KEY) return undefined;
    throw error;
  }
  try {
    await createDocumentCollection(db, table, definition);
  } catch (error) {
    await unregisterTable(db, table).catch(() => undefined);
    await dropCollection(db, table);
    throw error;
  }
  return { table, readModel: definition.name, version: definition.version, build, state, checkpoint: undefined };
}

/** Removes the registry row and the parked events of a table (the collection is dropped apart: see dropCollection). */
export async function unregisterTable(db: Db, table: string, session?: ClientSession): Promise<void> {
  await registry(db).deleteOne({ _id: table }, { session });
  await parkedEvents(db).deleteMany({ table }, { session });
}

/**
 * Drops a document collection. Never inside a transaction (MongoDB refuses a drop there): callers drop after
 * the registry change committed. Best effort: a collection left over is no table of the registry, never
 * read, and swept at the next migrate.
 */
export async function dropCollection(db: Db, table: string): Promise<void> {
  try {
    await db.dropCollection(table);
  } catch (error) {
    if (errorCode(error) !== NAMESPACE_NOT_FOUND) throw error;
  }
}

/**
 * Moves the checkpoint if the table is still in `state` at `expected`: a compare-and-set, true when it
 * happened. In a transaction it is the commit's first write, so it also takes the row's write lock: a
 * competing commit conflicts there, before it wrote any document.
 */
export async function compareAndSetCheckpoint(
  db: Db,
  table: string,
  state: TableState,
  expected: Position | undefined,
  next: Position | undefined,
  session?: ClientSession,
): Promise<boolean> {
  const set: Partial<RegistryDocument> = { updatedAt: new Date() };
  if (next !== undefined) set.checkpoint = next;
  const result = await registry(db).updateOne({ _id: table, state, checkpoint: expected ?? null }, { $set: set }, { session });
  return result.matchedCount === 1;
}

export async function setState(db: Db, table: string, from: RegistryDocument['state'], to: RegistryDocument['state'], session?: ClientSession): Promise<boolean> {
  const result = await registry(db).updateOne({ _id: table, state: from }, { $set: { state: to, updatedAt: new Date() } }, { session });
  return result.matchedCount === 1;
}
