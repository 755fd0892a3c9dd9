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
  /**
   * A slice with no event the projection handles is not committed: the position it reached is kept in memory
   * (and told to this process's read-your-writes waiters at once). It is stored this long after, and only when
   * a real event lies beyond the stored checkpoint, so that a restart replays less. (Other instances' waiters do
   * not wait for it: they look in the log for events the read model handles past its stored checkpoint.)
   */
  readonly checkpointIntervalMs: number;
}

export const DEFAULT_RUNNER_OPTIONS: RunnerOptions = {
  batchSize: 500,
  maxEventAttempts: 3,
  quickRetries: 5,
  retryBaseMs: 100,
  retryMaxMs: 5_000,
  slowRetryMs: 15_000,
  checkpointIntervalMs: 10_000,
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
  /** The stored checkpoint, as this runner last read or wrote it (commits are guarded by it). */
  private checkpoint: Position | undefined;
  /** Where the runner has got to: at or past the stored checkpoint, by slices that held nothing to apply. */
  private reached: Position | undefined;
  /** When `reached` first went past the stored checkpoint (undefined while they are equal). */
  private unsavedSince: number | undefined;
  /** Whether a real event (of any type) lies between the stored checkpoint and `reached`: 'unknown' asks the store. */
  private unsavedEvents: boolean | 'unknown' = false;
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
    this.reached = deps.table.checkpoint;
  }

  get status(): RunnerStatus {
    const { processed, parked, caughtUp, healthy, lastError, reached: checkpoint, state } = this;
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
    this.reached = row.checkpoint;
    this.unsavedSince = undefined;
    this.unsavedEvents = false;
    // A build that already holds the whole log may never see another slice (nothing new to deliver): swap now.
    if (this.state === 'building' && (await this.holdsWholeLog())) {
      const result = await this.commitSlice({ events: [], next: undefined, isEnd: true });
      if (result !== 'committed') return result;
    }
    const { controller, release } = childController(this.deps.signal);
    // Live and building runners alike subscribe through the process's shared `$all` reader (composition root):
    // one that is behind it (a build from the start) catches up on its own reads and joins it at the head.
    const slices = this.deps.eventStore.subscribeToAll({
      after: this.checkpoint,
      filter: { eventTypes: this.deps.projection.handles },
      batchSize: this.deps.options.batchSize,
      signal: controller.signal,
    });
    const iterator = slices[Symbol.asyncIterator]();
    let pending: Promise<IteratorResult<ReadAllSlice>> | undefined;
    try {
      for (;;) {
        pending ??= iterator.next();
        const step = await this.nextOrDue(pending);
        // Not every store ends its iteration promptly once aborted: do not ask it for more.
        if (controller.signal.aborted) return 'stopped';
        if (step === 'due') {
          const result = await this.storeReached();
          if (result !== 'committed') return result;
          continue;
        }
        if (step.done) return 'stopped';
        // The next slice is read while this one is applied and committed: the log's read and the commit overlap.
        pending = iterator.next();
        const result = await this.commitSlice(step.value);
        if (result !== 'committed') return result;
        if (controller.signal.aborted) return 'stopped';
      }
    } finally {
      controller.abort();
      release();
      // Aborted, the subscription ends; its own cleanup runs once the read in flight (if any) settles.
      const end = () => Promise.resolve(iterator.return?.()).then(() => undefined, () => undefined);
      if (pending) void pending.then(end, end);
      else await end();
    }
  }

  /** The next slice, or 'due' once a checkpoint held only in memory has waited checkpointIntervalMs. */
  private nextOrDue(pending: Promise<IteratorResult<ReadAllSlice>>): Promise<IteratorResult<ReadAllSlice> | 'due'> {
    if (this.unsavedSince === undefined) return pending;
    const wait = this.unsavedSince + this.deps.options.checkpointIntervalMs - Date.now();
    if (wait <= 0) return Promise.resolve('due');
    // The slice wins if it comes first (the timer is cleared); an abort ends the subscription, so the slice comes.
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => resolve('due'), wait);
      pending.then(
        (step) => {
          clearTimeout(timer);
          resolve(step);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
  }

  /**
   * Stores the position reached over slices with nothing to apply, when a real event lies beyond the stored
   * checkpoint (never for the horizon alone: it moves with every transaction, and chasing it would commit for ever).
   * Losing it in a crash only replays events this projection does not handle (on PostgreSQL no projection commit
   * waits for the disk: see guarded-commit.ts).
   */
  private async storeReached(): Promise<SliceResult> {
    this.unsavedSince = undefined;
    const reached = this.reached;
    const unsavedEvents = this.unsavedEvents;
    this.unsavedEvents = false;
    if (reached === undefined || !after(reached, this.checkpoint) || unsavedEvents === false) return 'committed';
    if (unsavedEvents === 'unknown' && (await this.holdsWholeLog())) return 'committed';
    const result = await this.commitWithRetry({
      table: this.deps.table.table,
      expectedCheckpoint: this.checkpoint,
      requiredState: this.state,
      documentIds: [],
      apply: () => ({ documents: new Map(), parked: [] }),
      checkpoint: reached,
      promote: false,
    });
    if (result.kind !== 'committed') return result.kind === 'moved' ? this.moved(result.checkpoint) : result.kind;
    this.checkpoint = reached;
    return 'committed';
  }

  /** The checkpoint covers every event in the log now (or the log is empty). */
  private async holdsWholeLog(): Promise<boolean> {
    const head = await this.deps.eventStore.headPosition();
    return head === undefined || (this.checkpoint !== undefined && comparePositions(this.checkpoint, head) >= 0);
  }

  private async commitSlice(slice: ReadAllSlice): Promise<SliceResult> {
    this.recovered();
    // Events at or before the position reached were handled already: a redelivery must not count twice.
    const events = slice.events.filter((event) => after(event.position, this.reached));
    const next = latestOf(slice.next, events.at(-1)?.position, this.reached);
    const advances = next !== undefined && after(next, this.checkpoint);
    const promote = this.state === 'building' && slice.isEnd;
    if (!promote && events.length === 0) {
      // Nothing to apply: the store's "next" also moves over events of no interest (on PostgreSQL with every
      // transaction). The table already holds everything up to there (every earlier batch committed), so
      // this process's waiters may know at once; the stored checkpoint follows later (storeReached).
      if (next !== undefined && after(next, this.reached)) this.reachedInMemory(next, slice.passed);
      await this.reachedEnd(slice.isEnd);
      return 'committed';
    }
    const { projection, options } = this.deps;
    if (promote) await this.deps.storage.prepareSwap?.(this.deps.table.table, projection.readModel);
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
    this.reached = this.checkpoint;
    this.unsavedSince = undefined;
    this.unsavedEvents = false;
    // A build's checkpoint means nothing to queries until the swap, which makes it the live one.
    if (this.checkpoint !== undefined && (this.state === 'live' || promote)) {
      this.deps.onCheckpoint?.(projection.readModel.name, this.checkpoint);
    }
    // After the waiters were woken: upkeep must not delay read-your-writes.
    await this.reachedEnd(slice.isEnd);
    return promote ? 'swapped' : 'committed';
  }

  private reachedInMemory(position: Position, passed: Position | null | undefined): void {
    if (this.unsavedEvents !== true) {
      if (passed === undefined) this.unsavedEvents = 'unknown';
      else if (passed !== null && after(passed, this.checkpoint)) this.unsavedEvents = true;
    }
    this.reached = position;
    this.unsavedSince ??= Date.now();
    if (this.state === 'live') this.deps.onCheckpoint?.(this.deps.projection.readModel.name, position);
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
