import type { ClientSession, Db } from 'mongodb';
import type { Position } from '../../../kernel/event-store.port.js';
import { loadDocuments, replaceLoadedDocuments, writeDocuments } from './documents.js';
import * as parked from './parked-events.js';
import * as registry from './read-model-registry.js';
import {
  DOCUMENT_COLLECTION,
  migrateReadModelSchema,
  registry as registryCollection,
  type RegistryDocument,
} from './schema.js';
import type { ReadModelDefinition } from '../../../kernel/read-model-store.port.js';
import type {
  CommitRequest,
  CommitResult,
  ParkedEvent,
  ProjectionStorage,
  ReadModelTable,
  ReplayRequest,
  StoredDocument,
  TableState,
} from '../../projections/projection-storage.js';

/**
 * How a batch commits:
 * - transactions: documents, parked events, checkpoint and a swap in one multi-document transaction
 *   (`session.withTransaction`, snapshot reads, majority writes), as on PostgreSQL. Needs a replica set
 *   (a single-node one will do) or a sharded cluster.
 * - guarded: no transaction (a standalone server). Each document write is guarded by position and the
 *   checkpoint moves by compare-and-set after them, so a batch applied twice changes nothing and a competing
 *   runner's batch is dropped ('moved') after its writes turned out to be no-ops. What it cannot give: a
 *   document deleted by one runner can be written again by a runner further behind whose batch ended
 *   before the deletion (the deletion leaves no position to guard by), and a parked event replayed while a
 *   runner writes the same document can be overwritten. Run one instance per standalone server.
 */
export type MongoCommitMode = 'transactions' | 'guarded';

export interface MongoProjectionStorageOptions {
  /** 'auto' (the default): transactions where the server supports them, else guarded. */
  readonly mode?: 'auto' | MongoCommitMode;
  /** Tries of a guarded replay whose documents keep changing under it. Default 5. */
  readonly replayRounds?: number;
}

const GONE: CommitResult = { kind: 'gone' };
const COMMITTED: CommitResult = { kind: 'committed' };
const moved = (checkpoint: string | null | undefined): CommitResult => ({ kind: 'moved', checkpoint: (checkpoint ?? undefined) as Position | undefined });

/** A transaction that would abort anyway: an invariant the snapshot guaranteed did not hold. */
class TransactionInvariantError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransactionInvariantError';
  }
}

/**
 * The projection runner's storage on MongoDB, mirroring PostgresProjectionStorage: a registry with one live
 * and one building collection per read model, checkpoints on the registry, blue-green swaps, parked events.
 * See schema.ts for the collections and MongoCommitMode for the two ways a batch commits.
 *
 * Where MongoDB differs: a collection cannot be dropped inside a transaction, so a swap (or dropTable)
 * changes the registry in its transaction and drops the old collection right after it committed; a drop
 * that fails leaves a collection no registry row names, which queries never read and migrate() sweeps.
 */
export class MongoProjectionStorage implements ProjectionStorage {
  private resolvedMode: Promise<MongoCommitMode> | undefined;
  private readonly replayRounds: number;

  constructor(
    private readonly db: Db,
    private readonly options: MongoProjectionStorageOptions = {},
  ) {
    this.replayRounds = options.replayRounds ?? 5;
  }

  /** Indexes of the registry and parked events, the commit mode, and a sweep of what an interrupted swap or drop left. */
  async migrate(): Promise<void> {
    await migrateReadModelSchema(this.db);
    await this.mode();
    await this.sweep();
  }

  /** The commit mode in use; 'auto' asks the server once (`hello`: a replica set name, or a mongos). */
  mode(): Promise<MongoCommitMode> {
    this.resolvedMode ??= this.detectMode().catch((error: unknown) => {
      this.resolvedMode = undefined;
      throw error;
    });
    return this.resolvedMode;
  }

  tables(readModel: string): Promise<ReadModelTable[]> {
    return registry.registeredTables(this.db, readModel);
  }

  table(table: string): Promise<ReadModelTable | undefined> {
    return registry.registeredTable(this.db, table);
  }

  createTable(definition: ReadModelDefinition, state: TableState): Promise<ReadModelTable | undefined> {
    return registry.registerTable(this.db, definition, state);
  }

  async dropTable(table: string): Promise<void> {
    if ((await this.mode()) === 'transactions') await this.transaction((session) => registry.unregisterTable(this.db, table, session));
    else await registry.unregisterTable(this.db, table);
    await registry.dropCollection(this.db, table).catch(() => undefined);
  }

  async commit(request: CommitRequest): Promise<CommitResult> {
    return (await this.mode()) === 'transactions' ? this.commitInTransaction(request) : this.commitGuarded(request);
  }

  async replay(request: ReplayRequest): Promise<'replayed' | 'parked-again' | 'gone'> {
    return (await this.mode()) === 'transactions' ? this.replayInTransaction(request) : this.replayGuarded(request);
  }

  listParked(projection: string): Promise<ParkedEvent[]> {
    return parked.listParked(this.db, projection);
  }

  findParked(projection: string, position: Position): Promise<ParkedEvent | undefined> {
    return parked.findParked(this.db, projection, position);
  }

  recordReplayFailure(table: string, position: Position, error: string): Promise<void> {
    return parked.recordReplayFailure(this.db, table, position, error);
  }

  parkedCounts(): Promise<ReadonlyMap<string, number>> {
    return parked.parkedCounts(this.db);
  }

  async liveCheckpoints(readModels: readonly string[]): Promise<ReadonlyMap<string, Position | undefined>> {
    const rows = await registry.liveTables(this.db, readModels);
    return new Map(rows.map((row) => [row.readModel, row.checkpoint]));
  }

  private async detectMode(): Promise<MongoCommitMode> {
    const wanted = this.options.mode ?? 'auto';
    if (wanted !== 'auto') return wanted;
    const hello = await this.db.admin().command({ hello: 1 });
    const supportsTransactions = (typeof hello.setName === 'string' || hello.msg === 'isdbgrid') && hello.logicalSessionTimeoutMinutes != null;
    return supportsTransactions ? 'transactions' : 'guarded';
  }

  private async transaction<T>(work: (session: ClientSession) => Promise<T>): Promise<T> {
    const session = this.db.client.startSession();
    try {
      // Retried as a whole on a write conflict (TransientTransactionError): work must not keep state across tries.
      return await session.withTransaction(() => work(session), {
        readConcern: { level: 'snapshot' },
        writeConcern: { w: 'majority' },
        readPreference: 'primary',
      });
    } finally {
      await session.endSession();
    }
  }

  /**
   * Reads first (the snapshot), then the checkpoint's compare-and-set as the first write: from there the
   * transaction holds the registry row, so a competing commit, a swap or a drop of the table conflicts with
   * it (and, retried, sees the new state), as the row lock does on PostgreSQL.
   */
  private async commitInTransaction(request: CommitRequest): Promise<CommitResult> {
    let dropAfter: string[] = [];
    const result = await this.transaction(async (session) => {
      dropAfter = [];
      const own = await registryCollection(this.db).findOne({ _id: request.table }, { session });
      if (!own || own.state !== request.requiredState) return GONE;
      const rows = request.promote ? await registry.registryRows(this.db, own.readModel, session) : [];
      if (request.promote && newerLive(rows, own)) return GONE;
      if ((own.checkpoint ?? undefined) !== request.expectedCheckpoint) return moved(own.checkpoint);
      const { table, requiredState, expectedCheckpoint, checkpoint } = request;
      if (!(await registry.compareAndSetCheckpoint(this.db, table, requiredState, expectedCheckpoint, checkpoint, session))) {
        throw new TransactionInvariantError(`Registry row of ${table} changed inside the transaction`);
      }
      const loaded = await loadDocuments(this.db, table, request.documentIds, session);
      const outcome = request.apply(loaded);
      await writeDocuments(this.db, table, outcome.documents, { deletedBefore: checkpoint, session });
      await parked.insertParked(this.db, table, own.readModel, outcome.parked, { session, attempts: 'add' });
      if (request.promote) {
        // The swap: the old live table leaves the registry in this transaction, so no query picks it once
        // this commits; its collection is dropped right after.
        for (const old of rows.filter((row) => row._id !== table && row.state !== 'building')) {
          await registry.unregisterTable(this.db, old._id, session);
          dropAfter.push(old._id);
        }
        if (!(await registry.setState(this.db, table, 'building', 'live', session))) {
          throw new TransactionInvariantError(`Build ${table} changed inside the transaction`);
        }
      }
      return COMMITTED;
    });
    for (const table of dropAfter) await registry.dropCollection(this.db, table).catch(() => undefined);
    return result;
  }

  /**
   * Without a transaction: check, load, apply, write guarded by position, park, and only then move the
   * checkpoint by compare-and-set. A runner that lost the race finds the checkpoint moved (its writes were
   * no-ops or the very same documents the winner wrote).
   */
  private async commitGuarded(request: CommitRequest): Promise<CommitResult> {
    const { table, requiredState, expectedCheckpoint, checkpoint } = request;
    const own = await registryCollection(this.db).findOne({ _id: table });
    if (!own || own.state !== requiredState) return GONE;
    if (request.promote && newerLive(await registry.registryRows(this.db, own.readModel), own)) return GONE;
    if ((own.checkpoint ?? undefined) !== expectedCheckpoint) return moved(own.checkpoint);
    const outcome = request.apply(await loadDocuments(this.db, table, request.documentIds));
    await writeDocuments(this.db, table, outcome.documents, { deletedBefore: checkpoint });
    await parked.insertParked(this.db, table, own.readModel, outcome.parked, { attempts: 'highest' });
    if (request.promote) return this.swapGuarded(own, request);
    if (await registry.compareAndSetCheckpoint(this.db, table, requiredState, expectedCheckpoint, checkpoint)) return COMMITTED;
    return this.lost(table, requiredState);
  }

  /** Why a compare-and-set failed: the table left its state (gone), or another runner moved the checkpoint. */
  private async lost(table: string, state: TableState): Promise<CommitResult> {
    const row = await registry.registeredTable(this.db, table);
    return !row || row.state !== state ? GONE : moved(row.checkpoint);
  }

  /**
   * A swap in steps, each a compare-and-set on one registry row: the old live table becomes 'retiring'
   * (queries keep reading it: it is complete), the build becomes live with its checkpoint, and the retiring
   * table is removed. If the build's step fails, the old table goes back to live. A process stopped between
   * the steps leaves a state that queries still serve and that the next swap or migrate() completes.
   */
  private async swapGuarded(own: RegistryDocument, request: CommitRequest): Promise<CommitResult> {
    const rows = await registry.registryRows(this.db, own.readModel);
    const old = rows.find((row) => row.state === 'live' && row._id !== own._id);
    if (old && !(await registry.setState(this.db, old._id, 'live', 'retiring'))) return GONE;
    const now = new Date();
    const set: Partial<RegistryDocument> = { state: 'live', updatedAt: now };
    if (request.checkpoint !== undefined) set.checkpoint = request.checkpoint;
    const promoted = await registryCollection(this.db).updateOne(
      { _id: own._id, state: 'building', checkpoint: request.expectedCheckpoint ?? null },
      { $set: set },
    );
    if (promoted.matchedCount !== 1) {
      if (old) await registry.setState(this.db, old._id, 'retiring', 'live');
      return this.lost(own._id, 'building');
    }
    await this.removeRetiring(own.readModel);
    return COMMITTED;
  }

  /** Retiring tables of a read model that has a live one again: the last step of a guarded swap. */
  private async removeRetiring(readModel: string): Promise<void> {
    const rows = await registry.registryRows(this.db, readModel);
    if (!rows.some((row) => row.state === 'live')) return;
    for (const row of rows.filter((candidate) => candidate.state === 'retiring')) {
      await registry.unregisterTable(this.db, row._id);
      await registry.dropCollection(this.db, row._id).catch(() => undefined);
    }
  }

  private async replayInTransaction(request: ReplayRequest): Promise<'replayed' | 'parked-again' | 'gone'> {
    return this.transaction(async (session) => {
      // Writing the registry row first serializes the replay with commits, swaps and drops of the table.
      const locked = await registryCollection(this.db).updateOne(
        { _id: request.table, state: { $in: ['live', 'building'] } },
        { $set: { updatedAt: new Date() } },
        { session },
      );
      if (locked.matchedCount !== 1) return 'gone';
      const loaded = await loadDocuments(this.db, request.table, request.documentIds, session);
      const outcome = request.apply(loaded);
      if (outcome.parked.length > 0) return 'parked-again';
      const conflicts = await replaceLoadedDocuments(this.db, request.table, outcome.documents, loaded, session);
      if (conflicts.length > 0) throw new TransactionInvariantError(`Documents of ${request.table} changed inside the transaction`);
      await parked.deleteParked(this.db, request.table, request.position, session);
      return 'replayed';
    });
  }

  /**
   * Without a transaction: each document is replaced only if it is still the version the event was applied
   * to; one that changed meanwhile is loaded again and the event applied to it anew (evolve is per document,
   * so the others' results stand), for a few rounds.
   */
  private async replayGuarded(request: ReplayRequest): Promise<'replayed' | 'parked-again' | 'gone'> {
    if (!(await registry.registeredTable(this.db, request.table))) return 'gone';
    let loaded: Map<string, StoredDocument> = await loadDocuments(this.db, request.table, request.documentIds);
    let pending: ReadonlySet<string> | undefined;
    for (let round = 1; ; round++) {
      const outcome = request.apply(loaded);
      if (outcome.parked.length > 0) return 'parked-again';
      const changes = new Map([...outcome.documents].filter(([id]) => pending === undefined || pending.has(id)));
      const conflicts = await replaceLoadedDocuments(this.db, request.table, changes, loaded);
      if (conflicts.length === 0) break;
      if (round >= this.replayRounds) throw new Error(`Replay at ${request.position}: documents of ${request.table} kept changing`);
      const fresh = await loadDocuments(this.db, request.table, conflicts);
      loaded = new Map(loaded);
      for (const id of conflicts) {
        const document = fresh.get(id);
        if (document) loaded.set(id, document);
        else loaded.delete(id);
      }
      pending = new Set(conflicts);
    }
    await parked.deleteParked(this.db, request.table, request.position);
    return 'replayed';
  }

  /**
   * What an interrupted swap or drop left: document collections no registry row names (listed before the
   * registry is read, and a table is registered before its collection is created, so a table being created
   * meanwhile is never taken for one), and retiring tables whose read model has a live one again (or, with no
   * build left to go live, is given back its live state).
   */
  private async sweep(): Promise<void> {
    const collections = await this.db.listCollections({}, { nameOnly: true }).toArray();
    const rows = await registryCollection(this.db).find({}).toArray();
    const registered = new Set(rows.map((row) => row._id));
    for (const { name } of collections) {
      if (DOCUMENT_COLLECTION.test(name) && !registered.has(name)) await registry.dropCollection(this.db, name).catch(() => undefined);
    }
    for (const readModel of new Set(rows.filter((row) => row.state === 'retiring').map((row) => row.readModel))) {
      const states = rows.filter((row) => row.readModel === readModel).map((row) => row.state);
      if (states.includes('live')) await this.removeRetiring(readModel);
      else if (!states.includes('building')) {
        const retiring = rows.find((row) => row.readModel === readModel && row.state === 'retiring');
        if (retiring) await registry.setState(this.db, retiring._id, 'retiring', 'live');
      }
    }
  }
}

/** A newer version went live meanwhile (a newer deployment): never swap back to an older one. */
const newerLive = (rows: readonly RegistryDocument[], build: RegistryDocument): boolean =>
  rows.some((row) => row.state === 'live' && row.version > build.version);
