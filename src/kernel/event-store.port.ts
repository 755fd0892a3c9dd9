/**
 * The EventStore port. Shaped after EventStoreDB so that an adapter on it maps one to one:
 * streams with revisions, expected-revision checks, a global order ($all) with an opaque comparable
 * position, catch-up subscriptions, event ids that make appends idempotent.
 */

/** Opaque global position. Adapters encode it as a fixed-width string, so plain string order is log order. */
export type Position = string & { readonly __position: unique symbol };

export const comparePositions = (a: Position, b: Position): number => (a < b ? -1 : a > b ? 1 : 0);

/** Revisions count from 0: the first event of a stream has revision 0. */
export type ExpectedRevision = 'no_stream' | 'stream_exists' | 'any' | number;

export type EventMetadataRecord = Record<string, unknown>;

export interface NewEvent {
  /** A UUID. Appending an event id that the stream already holds appends nothing (idempotent retry). */
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadataRecord;
}

export interface RecordedEvent {
  readonly eventId: string;
  readonly type: string;
  readonly data: unknown;
  readonly metadata: EventMetadataRecord;
  readonly streamName: string;
  readonly revision: number;
  readonly position: Position;
  /** When the store recorded it (store clock). */
  readonly recordedAt: Date;
}

export interface AppendResult {
  /** Revision of the stream's last event after the append. */
  readonly nextExpectedRevision: number;
  /** Position of the last event appended (or, for a deduplicated retry, of the original last event). Null for an empty append. */
  readonly position: Position | null;
  /**
   * True when the store found every event already recorded (a retried append) and wrote nothing, whatever was
   * expected. Absent where the adapter cannot tell (EventStoreDB's own idempotent answer).
   */
  readonly repeated?: boolean;
}

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or 'no_stream'. */
    readonly actual: number | 'no_stream',
  ) {
    super(`Wrong expected revision on stream ${streamName}: expected ${String(expected)}, actual ${String(actual)}`);
    this.name = 'WrongExpectedRevisionError';
  }
}

export interface ReadStreamOptions {
  readonly fromRevision?: number;
  /** Inclusive. */
  readonly toRevision?: number;
  /** Only events recorded at or before this instant. */
  readonly until?: Date;
  readonly maxCount?: number;
}

export interface AllFilter {
  readonly eventTypes?: readonly string[];
  /** Stream name prefixes, e.g. 'citizen-'. */
  readonly streamPrefixes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events after this position. Undefined reads from the start. */
  readonly after?: Position;
  readonly maxCount: number;
  readonly filter?: AllFilter;
}

export interface ReadAllSlice {
  readonly events: readonly RecordedEvent[];
  /**
   * Where to resume (exclusive). It may lie beyond the last event returned when the filter skipped
   * events, so a checkpoint can advance over events a reader does not handle.
   */
  readonly next: Position | undefined;
  /** True when nothing more is visible right now. */
  readonly isEnd: boolean;
  /**
   * Set by a store that knows what a filtered slice passed over: the position of the newest event of any type
   * it covers, or null when it covered none (only the horizon moved). Absent when the store does not know.
   */
  readonly passed?: Position | null;
}

export interface SubscribeOptions {
  readonly after?: Position;
  readonly filter?: AllFilter;
  readonly batchSize?: number;
  readonly signal: AbortSignal;
}

/**
 * What a store can say of a position handed back to it (a client's `consistentWith`): `malformed` when it is not
 * shaped as this store's positions are, `unwritten` when it lies beyond the newest event the store has written,
 * `written` when it lies at or below that event (committed, though perhaps not yet visible to readers of `$all`).
 */
export type PositionCheck = 'written' | 'unwritten' | 'malformed';

export interface EventStore {
  appendToStream(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Forwards from fromRevision. A stream that does not exist reads as []. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  readAll(options: ReadAllOptions): Promise<ReadAllSlice>;
  /**
   * Catch-up subscription: yields slices from `after`, then goes live and yields as events are appended,
   * without busy polling. Slices may carry no events but an advanced `next` (a checkpoint). Ends when the signal aborts.
   */
  subscribeToAll(options: SubscribeOptions): AsyncIterable<ReadAllSlice>;
  /**
   * Position of the newest visible event, or undefined for an empty store. Visible as a reader of `$all` sees it:
   * on PostgreSQL that is below the readers' horizon, short of the last append while an older transaction still
   * runs, so a wait for "everything written" waits for the writes' own positions instead.
   */
  headPosition(): Promise<Position | undefined>;
  /**
   * Whether `candidate` could be a position this store gave out, without waiting: every position an append
   * answered is `written` as soon as the append has returned, even while headPosition() still lags behind it
   * (which is why headPosition is no yardstick here). Any string may come in: a malformed one is an answer, not an error.
   */
  checkPosition(candidate: string): Promise<PositionCheck>;
  close(): Promise<void>;
}

export const EVENT_STORE = Symbol('EventStore');
