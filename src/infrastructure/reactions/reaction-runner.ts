import type { ProjectedEvent } from '../../kernel/projection.js';
import { comparePositions, type EventStore, type Position, type RecordedEvent } from '../../kernel/event-store.port.js';
import type { ProjectionLogger } from '../projections/projection-runner.js';
import { backoff, errorMessage, sleep } from '../projections/timing.js';
import { isStoreUnavailable } from '../../kernel/store-unavailable.js';
import type { Reaction } from '../../kernel/reaction.js';
import type { ReactionStorage } from './reaction-storage.js';

export interface ReactionRunnerOptions {
  readonly batchSize: number;
  /** Tries at one event before it is parked. */
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** How often a delayed reaction looks at the clock again (the clock may be a test's). */
  readonly pollMs: number;
}

export const DEFAULT_REACTION_OPTIONS: ReactionRunnerOptions = { batchSize: 100, maxAttempts: 5, retryBaseMs: 100, retryMaxMs: 5_000, pollMs: 250 };

export interface ReactionRunnerDependencies {
  readonly reaction: Reaction;
  readonly eventStore: EventStore;
  readonly storage: ReactionStorage;
  readonly decode: (recorded: RecordedEvent) => ProjectedEvent;
  readonly clock: () => Date;
  readonly options: ReactionRunnerOptions;
  readonly logger?: ProjectionLogger;
}

export interface ReactionStatus {
  readonly name: string;
  readonly checkpoint: Position | undefined;
  readonly reacted: number;
  readonly parked: number;
  readonly caughtUp: boolean;
  readonly lastError: string | undefined;
}

/**
 * Follows the log for one reaction: from its checkpoint, event by event (the handled event's position is saved
 * after its effect), so a crash repeats at most the event in hand — which the reaction handles idempotently.
 */
export class ReactionRunner {
  private checkpoint: Position | undefined;
  private reacted = 0;
  private parked = 0;
  private caughtUp = false;
  private lastError: string | undefined;

  constructor(private readonly deps: ReactionRunnerDependencies) {}

  get status(): ReactionStatus {
    const { checkpoint, reacted, parked, caughtUp, lastError } = this;
    return { name: this.deps.reaction.name, checkpoint, reacted, parked, caughtUp, lastError };
  }

  /** Runs until the signal aborts; never rejects. */
  async run(signal: AbortSignal): Promise<void> {
    for (let failures = 0; !signal.aborted; ) {
      try {
        // A subscription that ended without being stopped (its store closed): do not spin on it.
        if ((await this.follow(signal)) === 'ended' && !signal.aborted) await sleep(this.deps.options.retryMaxMs, signal);
      } catch (error) {
        if (signal.aborted) break;
        this.lastError = errorMessage(error);
        this.deps.logger?.warn({ reaction: this.deps.reaction.name, error: this.lastError }, 'reaction runner failed; retrying');
        await sleep(backoff(++failures, this.deps.options.retryBaseMs, this.deps.options.retryMaxMs), signal);
      }
    }
  }

  /**
   * Follows the subscription from the checkpoint. An event not yet due ends it: waiting out a delay while
   * subscribed would leave the slices handed to this reaction untaken, and a shared `$all` reader (every projection's)
   * waits for those until it lets the reaction go. The events in hand are handled off the subscription, each once
   * due, and the runner subscribes again from the checkpoint ('again').
   */
  private async follow(signal: AbortSignal): Promise<'ended' | 'again'> {
    const { reaction, eventStore, storage, options } = this.deps;
    this.checkpoint = await storage.checkpoint(reaction.name);
    let held: readonly RecordedEvent[] = [];
    const slices = eventStore.subscribeToAll({ after: this.checkpoint, filter: { eventTypes: reaction.handles }, batchSize: options.batchSize, signal });
    following: for await (const slice of slices) {
      for (const [index, recorded] of slice.events.entries()) {
        if (this.delayLeft(recorded) > 0) {
          held = slice.events.slice(index);
          break following;
        }
        if (!(await this.handle(recorded, signal))) return 'ended';
      }
      this.caughtUp = slice.isEnd;
      if (signal.aborted) return 'ended';
    }
    for (const recorded of held) {
      if (!(await this.due(recorded, signal)) || !(await this.handle(recorded, signal))) return 'ended';
    }
    return held.length > 0 ? 'again' : 'ended';
  }

  /** Reacts to the event unless the checkpoint is past it, then saves the checkpoint; false if stopped meanwhile. */
  private async handle(recorded: RecordedEvent, signal: AbortSignal): Promise<boolean> {
    if (this.checkpoint !== undefined && comparePositions(recorded.position, this.checkpoint) <= 0) return true;
    await this.react(recorded, signal);
    if (signal.aborted) return false;
    await this.deps.storage.saveCheckpoint(this.deps.reaction.name, recorded.position);
    this.checkpoint = recorded.position;
    return true;
  }

  /**
   * How long until the event is due for this reaction (0 without a delay). The delay counts from the later of when
   * the event was stored and when its command says it ran (metadata.occurredAt, by the service's clock, which
   * `clock` reads): a command may be dated in the past (the demo seed's history), never its writing.
   */
  private delayLeft(recorded: RecordedEvent): number {
    const delayMs = this.deps.reaction.delayMs ?? 0;
    if (delayMs <= 0) return 0;
    const occurredAt = Date.parse(String(recorded.metadata.occurredAt));
    const since = Math.max(recorded.recordedAt.getTime(), Number.isNaN(occurredAt) ? 0 : occurredAt);
    return Math.max(0, since + delayMs - this.deps.clock().getTime());
  }

  /** Waits out the reaction's delay for this event; false if aborted meanwhile. */
  private async due(recorded: RecordedEvent, signal: AbortSignal): Promise<boolean> {
    for (let wait = this.delayLeft(recorded); wait > 0; wait = this.delayLeft(recorded)) {
      await sleep(Math.min(wait, this.deps.options.pollMs), signal);
      if (signal.aborted) return false;
    }
    return !signal.aborted;
  }

  private async react(recorded: RecordedEvent, signal: AbortSignal): Promise<void> {
    const { reaction, options } = this.deps;
    for (let attempt = 1; ; attempt++) {
      try {
        await reaction.react(this.deps.decode(recorded));
        this.reacted++;
        return;
      } catch (error) {
        if (signal.aborted) return;
        this.lastError = errorMessage(error);
        // An unreachable store says nothing about the event: wait for the store without using up the event's
        // attempts (a restart of the database would otherwise park whatever was in flight).
        if (isStoreUnavailable(error)) {
          this.deps.logger?.warn({ reaction: reaction.name, position: recorded.position, eventType: recorded.type, error: this.lastError }, 'reaction waits for its store');
          attempt--;
          await sleep(options.retryMaxMs, signal);
          if (signal.aborted) return;
          continue;
        }
        const fields = { reaction: reaction.name, position: recorded.position, eventType: recorded.type, attempt, error: this.lastError };
        if (attempt >= options.maxAttempts) {
          await this.deps.storage.park({
            reaction: reaction.name,
            position: recorded.position,
            eventId: recorded.eventId,
            eventType: recorded.type,
            streamName: recorded.streamName,
            error: this.lastError,
            attempts: attempt,
          });
          this.parked++;
          this.deps.logger?.error(fields, 'reaction parked an event it could not handle');
          return;
        }
        this.deps.logger?.warn(fields, 'reaction failed; retrying');
        await sleep(backoff(attempt, options.retryBaseMs, options.retryMaxMs), signal);
        if (signal.aborted) return;
      }
    }
  }
}

/** Runs every reaction of the service until stopped. */
export class Reactions {
  private readonly controller = new AbortController();
  private readonly runners: ReactionRunner[];
  private running: Promise<void> | undefined;

  constructor(
    reactions: readonly Reaction[],
    private readonly deps: Omit<ReactionRunnerDependencies, 'reaction'>,
  ) {
    this.runners = reactions.map((reaction) => new ReactionRunner({ ...deps, reaction }));
  }

  start(): void {
    this.running ??= Promise.all(this.runners.map((runner) => runner.run(this.controller.signal))).then(() => undefined);
  }

  status(): ReactionStatus[] {
    return this.runners.map((runner) => runner.status);
  }

  /** Parked events per reaction, from storage (so they survive restarts and count every instance). */
  async parked(): Promise<Array<{ name: string; parked: number }>> {
    const counts = await this.deps.storage.parkedCounts();
    return this.runners.map(({ status: { name } }) => ({ name, parked: counts[name] ?? 0 }));
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.running;
  }
}
