import { MongoBulkWriteError, type AnyBulkWriteOperation, type ClientSession, type Db, type WriteError } from 'mongodb';
import type { Position } from '../../../kernel/event-store.port.js';
import type { StoredDocument } from '../../projections/projection-storage.js';
import { documents as collection, DUPLICATE_KEY, type StoredRecord } from './schema.js';

/**
 * Documents of a collection as the projection runner sees them: JSON text and position. The runner evolves
 * from text and produces text; here it becomes BSON (`doc`) and back. JSON has no type BSON lacks, so the
 * round trip keeps every document as it was (numbers stay numbers, key order stays).
 */

/** One query for all documents a batch touches. */
export async function loadDocuments(db: Db, table: string, ids: readonly string[], session?: ClientSession): Promise<Map<string, StoredDocument>> {
  const loaded = new Map<string, StoredDocument>();
  if (ids.length === 0) return loaded;
  const records = await collection(db, table)
    .find({ _id: { $in: [...ids] } }, { session, projection: { doc: 1, position: 1 } })
    .toArray();
  for (const record of records) loaded.set(record._id, { json: JSON.stringify(record.doc), position: record.position as Position });
  return loaded;
}

const parse = (id: string, json: string): Record<string, unknown> => {
  const doc: unknown = JSON.parse(json);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new TypeError(`Document ${id} is not a JSON object`);
  return doc as Record<string, unknown>;
};

/**
 * The batch's writes, each guarded by position so that applying a batch twice (a redelivery, or a competing
 * runner without a transaction) changes nothing:
 * - a document is written only over an older one: `{ _id, $or: [{ position: { $lt: p } }, { position:
 *   { $exists: false } }] }` with upsert. When a newer one is there the filter fails and the upsert tries to
 *   insert the same `_id`: E11000, which means "already newer" and is no error. (E11000 can also mean that
 *   another runner inserted the document at the same moment, older or newer: so such a write is tried once
 *   more, when the filter sees that document, and only a second E11000 is taken as "already newer".)
 * - a deletion removes the document only if it is older than `deletedBefore` (the batch's new checkpoint: the
 *   event that deleted it is at or before it, and a document written later than that by a runner further
 *   ahead is not this batch's to delete).
 *
 * One unordered bulk write, one round trip. Inside a transaction the guards cannot fail (the documents were
 * read in the transaction's snapshot, and a concurrent write is a write conflict that retries the whole
 * transaction); a duplicate key there aborts the transaction, so it is rethrown, never swallowed.
 */
export async function writeDocuments(
  db: Db,
  table: string,
  changes: ReadonlyMap<string, StoredDocument | null>,
  options: { readonly deletedBefore: Position | undefined; readonly session?: ClientSession },
): Promise<void> {
  let operations: AnyBulkWriteOperation<StoredRecord>[] = [];
  for (const [id, document] of changes) {
    if (document === null) {
      const filter = options.deletedBefore === undefined ? { _id: id } : { _id: id, position: { $lt: options.deletedBefore } };
      operations.push({ deleteOne: { filter } });
    } else {
      operations.push({
        updateOne: {
          filter: { _id: id, $or: [{ position: { $lt: document.position } }, { position: { $exists: false } }] },
          update: { $set: { doc: parse(id, document.json), position: document.position } },
          upsert: true,
        },
      });
    }
  }
  for (let pass = 1; operations.length > 0; pass++) {
    try {
      await collection(db, table).bulkWrite(operations, { ordered: false, session: options.session });
      return;
    } catch (error) {
      const duplicates = options.session?.inTransaction() ? undefined : duplicateKeyIndexes(error);
      if (!duplicates) throw error;
      operations = pass === 1 ? duplicates.map((index) => operations[index]!) : [];
    }
  }
}

/** The indexes of the operations that failed with E11000, if those are all the errors; else undefined. */
export function duplicateKeyIndexes(error: unknown): number[] | undefined {
  if (!(error instanceof MongoBulkWriteError) || error.result?.getWriteConcernError()) return undefined;
  const writeErrors: readonly WriteError[] = Array.isArray(error.writeErrors) ? error.writeErrors : [error.writeErrors];
  if (writeErrors.length === 0 || writeErrors.some((writeError) => writeError.code !== DUPLICATE_KEY)) return undefined;
  return writeErrors.map((writeError) => writeError.index);
}

/**
 * A replay's writes (a parked event applied out of order): compare-and-set against the version loaded, since
 * the replayed event is older than the documents' positions and a position guard would refuse it. Returns
 * the ids whose stored version changed since it was loaded (to be loaded and applied again).
 */
export async function replaceLoadedDocuments(
  db: Db,
  table: string,
  changes: ReadonlyMap<string, StoredDocument | null>,
  loaded: ReadonlyMap<string, StoredDocument>,
  session?: ClientSession,
): Promise<string[]> {
  const conflicts: string[] = [];
  const docs = collection(db, table);
  for (const [id, document] of changes) {
    const before = loaded.get(id);
    const filter = before ? { _id: id, position: before.position } : undefined;
    if (document === null) {
      if (filter && (await docs.deleteOne(filter, { session })).deletedCount !== 1) conflicts.push(id);
      continue;
    }
    const record = { doc: parse(id, document.json), position: document.position };
    if (filter) {
      if ((await docs.updateOne(filter, { $set: record }, { session })).matchedCount !== 1) conflicts.push(id);
      continue;
    }
    try {
      await docs.insertOne({ _id: id, ...record }, { session });
    } catch (error) {
      if (session?.inTransaction() || (error as { code?: unknown }).code !== DUPLICATE_KEY) throw error;
      conflicts.push(id);
    }
  }
  return conflicts;
}
