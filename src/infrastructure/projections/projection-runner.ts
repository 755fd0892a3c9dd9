import { comparePositions, type EventStore, type Position, type ReadAllSlice } from '../../kernel/event-store.port.js';
import type { Logger } from '../../kernel/logger.js';
import { applyBatch, decodeEvents, touchedDocumentIds, type AnyProjection, type DecodeEvent } from './apply-batch.js';
import type { BatchOutcome, CommitRequest, CommitResult, ProjectionStorage, ReadModelTable, TableState } from './projection-storage.js';
import { backoff, childController, errorMessage, sleep } from './timing.js';

export interface RunnerOptions {
  /** Events per slice asked of the subscription. */
  readonly batchSize: number;
  /** Tries at decoding and evolving one event before it is parked. */
  readonly maxEventAttempts: number;
  /** Quick retries of a failing commit (or subscription) before the runner reports unhealthy and retries slowly. */
  readonly quickRetries: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly slowRetryMs: number;
}

export const DEFAULT_RUNNER_OPTIONS: RunnerOptions = {
  batchSize: 500,
  maxEventAttempts: 3,
  quickRetries: 5,
  retryBaseMs: 100,
  retryMaxMs: 5_000,
  slowRetryMs: 15_000,
};

export type ProjectionLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface RunnerDependencies {
  readonly projection: AnyProjection;
  readonly table: ReadModelTable;
  readonly eventStore: EventStore;
  readonly storage: ProjectionStorage;
  readonly decode: DecodeEvent;
  readonly options: RunnerOptions;
  readonly signal: AbortSignal;
  /** After each commit to a live table and after a swap: wakes read-your-writes waiters. */
  readonly onCheckpoint?: (readModel: string, checkpoint: Position) => void;
  readonly logger?: ProjectionLogger;
}

/** stopped: aborted. gone: the table left the state it was run in (swapped or dropped elsewhere). swapped: this build went live. */
export type RunnerExit = 'stopped' | 'gone' | 'swapped';

export interface RunnerStatus {
  readonly table: string;
  readonly state: TableState;
  readonly checkpoint: Position | undefined;
  /** Events applied by this runner since it started. */
  readonly processed: number;
  readonly parked: number;
  /** The last slice was the end of the log. */
  readonly caughtUp: boolean;
  readonly healthy: boolean;
  readonly lastError: { readonly message: string; readonly at: Date } | undefined;
}

type SliceResult = 'committed' | 'moved' | RunnerExit;

const after = (position: Position, checkpoint: Position | undefined) =>
  checkpoint === undefined || comparePositions(position, checkpoint) > 0;

const latestOf = (...positions: Array<Position | undefined>): Position | undefined =>
  positions.reduce<Position | undefined>((latest, position) => (position !== undefined && after(position, latest) ? position : latest), undefined);

/**
 * Projects the log into one document table: a live table, or a building one that it swaps in when caught
 * up. Batches come from a catch-up subscription filtered by the projection's event types; each batch's
 * documents and checkpoint commit in one transaction, guarded by the checkpoint the batch was read after.
 */
export class ProjectionRunner {
  private checkpoint: Position | undefined;
  private processed = 0;
  private parked = 0;
  private caughtUp = false;
  private healthy = true;
  private failures = 0;
  private lastError: RunnerStatus['lastError'];
  private readonly state: TableState;

  constructor(private readonly deps: RunnerDependencies) {
    this.state = deps.table.state;
    this.checkpoint = deps.table.checkpoint;
  }

  get status(): RunnerStatus {
    const { processed, parked, caughtUp, healthy, lastError, checkpoint, state } = this;
    return { table: this.deps.table.table, state, checkpoint, processed, parked, caughtUp, healthy, lastError };
  }

  /** Never rejects: failures are retried (slowly once unhealthy) until the signal aborts. */
  async run(): Promise<RunnerExit> {
    while (!this.deps.signal.aborted) {
      try {
        const result = await this.followFromCheckpoint();
        if (result !== 'moved') return result;
      } catch (error) {
        if (this.deps.signal.aborted) break;
        this.fail(error);
        await sleep(this.retryDelay(), this.deps.signal);
      }
    }
    return 'stopped';
  }

  private async followFromCheckpoint(): Promise<RunnerExit | 'moved'> {
    const row = await this.deps.storage.table(this.deps.table.table);
    if (!row || row.state !== this.state) return 'gone';
    this.checkpoint = row.checkpoint;
    // A build that already holds the whole log may never see another slice (nothing new to deliver): swap now.
    if (this.state === 'building' && (await this.holdsWholeLog())) {
      const result = await this.commitSlice({ events: [], next: undefined, isEnd: true });
      if (result !== 'committed') return result;
    }
    const { controller, release } = childController(this.deps.signal);
    try {
      const slices = this.deps.eventStore.subscribeToAll({
        after: this.checkpoint,
        filter: { eventTypes: this.deps.projection.handles },
        batchSize: this.deps.options.batchSize,
        signal: controller.signal,
      });
      for await (const slice of slices) {
        const result = await this.commitSlice(slice);
        if (result !== 'committed') return result;
        // Not every store ends its iteration promptly once aborted: do not ask it for more.
        if (controller.signal.aborted) return 'stopped';
      }
      return 'stopped';
    } finally {
      controller.abort();
      release();
    }
  }

  /** The checkpoint covers every event in the log now (or the log is empty). */
  private async holdsWholeLog(): Promise<boolean> {
    const head = await this.deps.eventStore.headPosition();
    return head === undefined || (this.checkpoint !== undefined && comparePositions(this.checkpoint, head) >= 0);
  }

  private async commitSlice(slice: ReadAllSlice): Promise<SliceResult> {
    this.recovered();
    // Events at or before the checkpoint were committed already: a redelivery must not count twice.
    const events = slice.events.filter((event) => after(event.position, this.checkpoint));
    const next = latestOf(slice.next, events.at(-1)?.position);
    const advances = next !== undefined && after(next, this.checkpoint);
    const promote = this.state === 'building' && slice.isEnd;
    if (!promote && !(advances && (events.length > 0 || !(await this.holdsWholeLog())))) {
      // The store's "next" also moves over events of no interest (on PostgreSQL with every transaction, this
      // runner's own commits included). That is worth a write only while the checkpoint is short of the head:
      // past it, nobody can wait for a position it would add, and the writes would never settle.
      await this.reachedEnd(slice.isEnd);
      return 'committed';
    }
    const { projection, options } = this.deps;
    const decoded = decodeEvents(projection, this.deps.decode, events, options.maxEventAttempts);
    let outcome: BatchOutcome | undefined;
    const result = await this.commitWithRetry({
      table: this.deps.table.table,
      expectedCheckpoint: this.checkpoint,
      requiredState: this.state,
      documentIds: touchedDocumentIds(decoded),
      apply: (documents) => (outcome = applyBatch(projection, decoded, documents, { attempts: options.maxEventAttempts })),
      checkpoint: advances ? next : undefined,
      promote,
    });
    if (result.kind !== 'committed') return result.kind === 'moved' ? this.moved(result.checkpoint) : result.kind;
    this.committed(advances ? next : this.checkpoint, events.length, outcome);
    // A build's checkpoint means nothing to queries until the swap, which makes it the live one.
    if (this.checkpoint !== undefined && (this.state === 'live' || promote)) {
      this.deps.onCheckpoint?.(projection.readModel.name, this.checkpoint);
    }
    // After the waiters were woken: upkeep must not delay read-your-writes.
    await this.reachedEnd(slice.isEnd);
    return promote ? 'swapped' : 'committed';
  }

  /** A catch-up that reaches the end of the log is the storage's moment for upkeep (statistics). */
  private async reachedEnd(isEnd: boolean): Promise<void> {
    const was = this.caughtUp;
    this.caughtUp = isEnd;
    if (isEnd && !was) await this.deps.storage.caughtUp?.(this.deps.table.table);
  }

  private committed(checkpoint: Position | undefined, events: number, outcome: BatchOutcome | undefined): void {
    this.checkpoint = checkpoint;
    this.processed += events;
    for (const parked of outcome?.parked ?? []) {
      this.parked++;
      this.deps.logger?.warn(
        { projection: this.deps.projection.readModel.name, table: this.deps.table.table, ...parked },
        'projection parked an event it could not apply',
      );
    }
  }

  private moved(checkpoint: Position | undefined): 'moved' {
    // Another runner (another instance) committed first; its work stands and this batch is dropped.
    this.deps.logger?.info({ projection: this.deps.projection.readModel.name, checkpoint }, 'checkpoint moved by another runner; re-reading');
    return 'moved';
  }

  private async commitWithRetry(request: CommitRequest): Promise<CommitResult | { kind: 'stopped' }> {
    for (;;) {
      try {
        const result = await this.deps.storage.commit(request);
        this.recovered();
        return result;
      } catch (error) {
        if (this.deps.signal.aborted) return { kind: 'stopped' };
        this.fail(error);
        await sleep(this.retryDelay(), this.deps.signal);
        if (this.deps.signal.aborted) return { kind: 'stopped' };
      }
    }
  }

  private retryDelay(): number {
    const { quickRetries, retryBaseMs, retryMaxMs, slowRetryMs } = this.deps.options;
    return this.failures > quickRetries ? slowRetryMs : backoff(this.failures, retryBaseMs, retryMaxMs);
  }

  private recovered(): void {
    this.failures = 0;
    this.healthy = true;
  }

  private fail(error: unknown): void {
    this.failures++;
    this.lastError = { message: errorMessage(error), at: new Date() };
    const unhealthy = this.failures > this.deps.options.quickRetries;
    if (unhealthy) this.healthy = false;
    const fields = { projection: this.deps.projection.readModel.name, table: this.deps.table.table, error: this.lastError.message };
    if (unhealthy) this.deps.logger?.error(fields, 'projection runner keeps failing; retrying slowly');
    else this.deps.logger?.warn(fields, 'projection runner failed; retrying');
  }
}
