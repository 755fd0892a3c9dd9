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
import * as parked from './parked-events.js';
import * as registry from './read-model-registry.js';
import { migrateReadModelSchema } from './read-model-schema.js';
import { TableMaintenance } from './table-maintenance.js';

/**
 * The projection runner's storage on PostgreSQL (server or PGlite). Every write path locks the table's
 * registry row first: that row carries the checkpoint, so the lock orders competing runners, a replay and
 * a swap, and the documents are loaded only after it, never from a stale read.
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

  /** After a commit that wrote many rows: statistics (see TableMaintenance). */
  async commit(request: CommitRequest): Promise<CommitResult> {
    let written = 0;
    const result = await this.db.transaction(async (tx) => {
      // Safe to lose in a crash: it writes no document, and any later commit that does flushes it with its own.
      if (request.durable === false) await tx.query(`select set_config('synchronous_commit', 'off', true)`);
      const own = await this.lockForCommit(tx, request);
      if (!own || own.state !== request.requiredState) return { kind: 'gone' } as const;
      if (request.promote && (await this.newerLive(tx, own))) return { kind: 'gone' } as const;
      if (own.checkpoint !== request.expectedCheckpoint) return { kind: 'moved', checkpoint: own.checkpoint } as const;
      const outcome = request.apply(await loadDocuments(tx, request.table, request.documentIds));
      await writeDocuments(tx, request.table, outcome.documents);
      written = outcome.documents.size;
      await parked.insertParked(tx, request.table, own.readModel, outcome.parked);
      if (request.checkpoint !== undefined) await registry.setCheckpoint(tx, request.table, request.checkpoint);
      if (request.promote) await this.promote(tx, own);
      return { kind: 'committed' } as const;
    });
    if (result.kind === 'committed') await this.maintenance.afterWrites(request.table, written, false);
    return result;
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
  private async lockForCommit(tx: SqlClient, request: CommitRequest): Promise<ReadModelTable | undefined> {
    if (!request.promote) return registry.registeredTable(tx, request.table, true);
    const own = await registry.registeredTable(tx, request.table);
    if (!own) return undefined;
    return (await registry.lockReadModel(tx, own.readModel)).find((row) => row.table === request.table);
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
