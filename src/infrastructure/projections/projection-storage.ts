/**
 * What a projection runner needs from the database that holds its read models. The runner's logic
 * (batches, retries, parking, blue-green) stays independent of SQL; the PostgreSQL adapter implements this.
 */
import type { Position } from '../../kernel/event-store.port.js';
import type { ReadModelDefinition } from '../../kernel/read-model-store.port.js';

/** A live table answers queries; a building table is a blue-green build beside it, swapped in when caught up. */
export type TableState = 'live' | 'building';

export interface ReadModelTable {
  readonly table: string;
  readonly readModel: string;
  readonly version: number;
  readonly build: number;
  readonly state: TableState;
  readonly checkpoint: Position | undefined;
}

/** A document as stored: its JSON text and the position of the last event applied to it. */
export interface StoredDocument {
  readonly json: string;
  readonly position: Position;
}

export interface ParkedEventInput {
  readonly position: Position;
  readonly eventId: string;
  readonly eventType: string;
  readonly streamName: string;
  readonly revision: number;
  /** The error text only: never a copy of the payload. */
  readonly error: string;
  readonly attempts: number;
}

export interface ParkedEvent extends ParkedEventInput {
  readonly projection: string;
  readonly table: string;
  readonly parkedAt: Date;
}

/** What applying a batch produced: documents to write (null = delete) and events to park. */
export interface BatchOutcome {
  readonly documents: ReadonlyMap<string, StoredDocument | null>;
  readonly parked: readonly ParkedEventInput[];
}

export interface CommitRequest {
  readonly table: string;
  /** The checkpoint the batch was read after; another runner that moved it wins and this batch is dropped. */
  readonly expectedCheckpoint: Position | undefined;
  /** The state the table must still be in (a live runner's table may have been swapped away). */
  readonly requiredState: TableState;
  readonly documentIds: readonly string[];
  /** Called inside the transaction with the documents loaded under the lock; must be pure and quick. */
  readonly apply: (documents: ReadonlyMap<string, StoredDocument>) => BatchOutcome;
  /** The new checkpoint; undefined leaves it as it is (a swap on an empty log). */
  readonly checkpoint: Position | undefined;
  /** Swap this building table in as the live one in the same transaction, dropping the old live table. */
  readonly promote: boolean;
}

export type CommitResult =
  | { readonly kind: 'committed' }
  /** Another runner committed first: re-read from this checkpoint. */
  | { readonly kind: 'moved'; readonly checkpoint: Position | undefined }
  /** The table is no longer registered in the required state (swapped or dropped): plan again. */
  | { readonly kind: 'gone' };

export interface ReplayRequest {
  readonly table: string;
  readonly position: Position;
  readonly documentIds: readonly string[];
  readonly apply: (documents: ReadonlyMap<string, StoredDocument>) => BatchOutcome;
}

export interface ProjectionStorage {
  /** Creates the registry and parked-events tables if missing. Safe to run from several instances at once. */
  migrate(): Promise<void>;
  /** The read model's registered tables: at most one live and one building. */
  tables(readModel: string): Promise<ReadModelTable[]>;
  table(table: string): Promise<ReadModelTable | undefined>;
  /** Undefined when another instance registered a table in that state first. */
  createTable(definition: ReadModelDefinition, state: TableState): Promise<ReadModelTable | undefined>;
  dropTable(table: string): Promise<void>;
  commit(request: CommitRequest): Promise<CommitResult>;
  /** Applies one parked event out of order and removes it from the parked list, in one transaction. */
  replay(request: ReplayRequest): Promise<'replayed' | 'parked-again' | 'gone'>;
  listParked(projection: string): Promise<ParkedEvent[]>;
  findParked(projection: string, position: Position): Promise<ParkedEvent | undefined>;
  recordReplayFailure(table: string, position: Position, error: string): Promise<void>;
  parkedCounts(): Promise<ReadonlyMap<string, number>>;
  /**
   * A building table is about to go live: what the storage left out while it was built (its indexes) is made now,
   * outside the swap's transaction, so that the live table's runner is not held up meanwhile. Idempotent.
   */
  prepareSwap?(table: string, definition: ReadModelDefinition): Promise<void>;
  /**
   * The table's runner reached the end of the log after a catch-up (or a build that just went live): a moment
   * for upkeep such as refreshing planner statistics after bulk writes. Best effort: never rejects.
   */
  caughtUp?(table: string): Promise<void>;
  /** Checkpoint of each read model's live table. */
  liveCheckpoints(readModels: readonly string[]): Promise<ReadonlyMap<string, Position | undefined>>;
}
