import type { Position } from '../../../kernel/event-store.port.js';
import type {
  CommitRequest,
  CommitResult,
  ParkedEvent,
  ProjectionStorage,
  ReadModelTable,
  ReplayRequest,
  TableState,
} from '../../projections/projection-storage.js';
import type { SqlClient, SqlDatabase } from '../../sql/sql-database.js';
import type { ReadModelDefinition } from '../../../kernel/read-model-store.port.js';
import { loadDocuments, writeDocuments } from './documents.js';
import { loadBatch, writeGuarded, type LoadedBatch } from './guarded-commit.js';
import * as parked from './parked-events.js';
import * as registry from './read-model-registry.js';
import { createMissingIndexes, migrateReadModelSchema } from './read-model-schema.js';
import { TableMaintenance } from './table-maintenance.js';

/** PostgreSQL's "relation does not exist". */
const UNDEFINED_TABLE = '42P01';

/**
 * The projection runner's storage on PostgreSQL (server or PGlite). The table's registry row carries the
 * checkpoint and a generation: a batch is written only if the row is still as it was when its documents were read
 * (guarded-commit.ts), and every other write path (a replay, a swap) locks that row and moves the generation,
 * so competing runners, a replay and a swap are ordered and no batch is written from a stale read.
 * Nothing here calls the event store: with PGlite both share one connection, and a query issued while
 * this transaction is open would wait for it forever.
 */
export class PostgresProjectionStorage implements ProjectionStorage {
  private readonly maintenance: TableMaintenance;

  constructor(private readonly db: SqlDatabase) {
    this.maintenance = new TableMaintenance(db);
  }

  migrate(): Promise<void> {
    return migrateReadModelSchema(this.db);
  }

  tables(readModel: string): Promise<ReadModelTable[]> {
    return registry.registeredTables(this.db, readModel);
  }

  table(table: string): Promise<ReadModelTable | undefined> {
    return registry.registeredTable(this.db, table);
  }

  async createTable(definition: ReadModelDefinition, state: TableState): Promise<ReadModelTable | undefined> {
    try {
      return await this.db.transaction((tx) => registry.registerTable(tx, definition, state));
    } catch (error) {
      // Another instance registered one first (the partial unique index): the caller plans again.
      if ((error as { code?: string }).code === '23505') return undefined;
      throw error;
    }
  }

  async dropTable(table: string): Promise<void> {
    await this.db.transaction((tx) => registry.unregisterTable(tx, table));
    this.maintenance.forget(table);
  }

  /**
   * A batch: read and written in two statements, guarded by the registry row (guarded-commit.ts). A swap takes a
   * transaction that locks the read model's rows instead (once per build).
   */
  async commit(request: CommitRequest): Promise<CommitResult> {
    try {
      return await (request.promote ? this.commitSwap(request) : this.commitGuarded(request));
    } catch (error) {
      // The table was dropped under the batch (a swap, a rebuild): a runner plans again rather than retry.
      if ((error as { code?: string }).code === UNDEFINED_TABLE) return { kind: 'gone' };
      throw error;
    }
  }

  private async commitGuarded(request: CommitRequest): Promise<CommitResult> {
    // A batch that touches no document (a checkpoint only) needs no read: its write is guarded by the checkpoint.
    let loaded: LoadedBatch | undefined;
    if (request.documentIds.length > 0) {
      loaded = await loadBatch(this.db, request.table, request.documentIds);
      if (!loaded.row) return { kind: 'gone' };
      const mismatch = this.mismatch(request, loaded.row);
      if (mismatch) return mismatch;
    }
    const outcome = request.apply(loaded?.documents ?? new Map());
    const asRead = { state: request.requiredState, checkpoint: request.expectedCheckpoint, generation: loaded?.row?.generation };
    if (await writeGuarded(this.db, { table: request.table, asRead, outcome, checkpoint: request.checkpoint })) {
      await this.maintenance.afterWrites(request.table, outcome.documents.size, false);
      return { kind: 'committed' };
    }
    // The row moved between the read and the write. With the same checkpoint (a replay wrote documents), the
    // runner reads the batch again from there.
    const row = await registry.registeredTable(this.db, request.table);
    if (!row) return { kind: 'gone' };
    return this.mismatch(request, row) ?? { kind: 'moved', checkpoint: row.checkpoint };
  }

  /** What the runner must do when the row is not as the batch expects it; null when it is. */
  private mismatch(request: CommitRequest, row: Pick<ReadModelTable, 'state' | 'checkpoint'>): CommitResult | null {
    if (row.state !== request.requiredState) return { kind: 'gone' };
    if (row.checkpoint !== request.expectedCheckpoint) return { kind: 'moved', checkpoint: row.checkpoint };
    return null;
  }

  /** A build's last batch and the swap, under the read model's row locks, the documents loaded after them. */
  private async commitSwap(request: CommitRequest): Promise<CommitResult> {
    let written = 0;
    const result = await this.db.transaction(async (tx) => {
      const own = await this.lockForSwap(tx, request.table);
      if (!own || own.state !== request.requiredState) return { kind: 'gone' } as const;
      if (await this.newerLive(tx, own)) return { kind: 'gone' } as const;
      if (own.checkpoint !== request.expectedCheckpoint) return { kind: 'moved', checkpoint: own.checkpoint } as const;
      const outcome = request.apply(await loadDocuments(tx, request.table, request.documentIds));
      await writeDocuments(tx, request.table, outcome.documents);
      written = outcome.documents.size;
      await parked.insertParked(tx, request.table, own.readModel, outcome.parked);
      await registry.recordWrite(tx, request.table, request.checkpoint);
      await this.promote(tx, own);
      return { kind: 'committed' } as const;
    });
    if (result.kind === 'committed') await this.maintenance.afterWrites(request.table, written, false);
    return result;
  }

  /** A build's indexes, made over the finished table rather than kept up row by row (see createDocumentTable). */
  async prepareSwap(table: string, definition: ReadModelDefinition): Promise<void> {
    try {
      await createMissingIndexes(this.db, table, definition);
    } catch (error) {
      // Dropped meanwhile: the swap that follows answers 'gone'.
      if ((error as { code?: string }).code !== UNDEFINED_TABLE) throw error;
    }
  }

  /** After a catch-up: statistics if enough was written since they were last refreshed (see TableMaintenance). */
  caughtUp(table: string): Promise<void> {
    return this.maintenance.afterWrites(table, 0, true);
  }

  async replay(request: ReplayRequest): Promise<'replayed' | 'parked-again' | 'gone'> {
    return this.db.transaction(async (tx) => {
      if (!(await registry.registeredTable(tx, request.table, true))) return 'gone';
      const outcome = request.apply(await loadDocuments(tx, request.table, request.documentIds));
      if (outcome.parked.length > 0) return 'parked-again';
      await writeDocuments(tx, request.table, outcome.documents);
      await registry.recordWrite(tx, request.table, undefined);
      await parked.deleteParked(tx, request.table, request.position);
      return 'replayed';
    });
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

  /** A swap locks the live row too, so it waits for an old runner's commit in flight instead of racing it. */
  private async lockForSwap(tx: SqlClient, table: string): Promise<ReadModelTable | undefined> {
    const own = await registry.registeredTable(tx, table);
    if (!own) return undefined;
    return (await registry.lockReadModel(tx, own.readModel)).find((row) => row.table === table);
  }

  /** A newer version went live meanwhile (a newer deployment): never swap back to an older one. */
  private async newerLive(tx: SqlClient, build: ReadModelTable): Promise<boolean> {
    const rows = await registry.registeredTables(tx, build.readModel);
    return rows.some((row) => row.state === 'live' && row.version > build.version);
  }

  /** The swap: the old live table is dropped in the same transaction, so no query reads it once this commits. */
  private async promote(tx: SqlClient, build: ReadModelTable): Promise<void> {
    const rows = await registry.registeredTables(tx, build.readModel);
    const live = rows.find((row) => row.state === 'live');
    if (live) await registry.unregisterTable(tx, live.table);
    await registry.markLive(tx, build.table);
  }
}
