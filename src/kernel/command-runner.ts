import type { Decider, DomainEvent } from '../shared/decider.js';
import type { EventRegistry } from '../shared/event-schema.js';
import type { EventMetadata } from '../shared/event-metadata.js';
import { deterministicUuid } from '../shared/ids.js';
import { WrongExpectedRevisionError, type EventStore, type ExpectedRevision, type NewEvent, type Position, type RecordedEvent } from './event-store.port.js';
import type { CommandContext } from './command-context.js';
import { indexCommands, StreamReader, type CommandSpan, type LoadedStream } from './stream-reader.js';

export interface CommandResult<State, Event> {
  readonly state: State;
  readonly events: readonly Event[];
  /** Position of the last event written (or, for a repeated command, of the first run's last event). */
  readonly position: Position | null;
  readonly revision: number;
}

export interface RunOptions<Command, Event, State> {
  readonly streamName: string;
  readonly decider: Decider<Command, Event, State>;
  /** Built from the folded state, so a retry after a conflict decides on fresh state. */
  readonly command: Command | ((state: State) => Command);
  readonly context: CommandContext;
  /** How many times to re-read and re-decide after a concurrent write. 0 for commands that must not be retried blindly. */
  readonly retriesOnConflict?: number;
  /**
   * The stream as this same command just loaded it (to check access, say): the first attempt decides on it
   * instead of reading the stream a second time, unless a command of this process has written the stream
   * since. The append's expected revision still decides: a conflict re-reads.
   */
  readonly loaded?: LoadedStream<State>;
  /**
   * The command creates this stream under an id of its own making (a new order, an order-number candidate): the
   * first decision is made on the decider's initial state without reading, and appended expecting no stream.
   * If the stream exists after all (a retried request, a number another order took), the append conflicts and
   * the stream is read, without using up a retry.
   */
  readonly createsStream?: boolean;
}

export interface CommandRunnerOptions {
  /** How many streams' folded state is kept (least recently used goes first). 0: no cache. Default 10 000. */
  readonly cachedStreams?: number;
  /** A stream with more commands than this is not kept: its command index would grow without bound. Default 5 000. */
  readonly maxCommandsPerStream?: number;
}

/** The state a decision is made on, and whether it was read from the store for this command. */
interface Basis<State> {
  readonly loaded: LoadedStream<State>;
  readonly verified: boolean;
}

/** A stream folded to `revision`: the state is exactly the fold of its events 0..revision, by `decider`. */
interface CachedStream {
  readonly decider: object;
  state: unknown;
  revision: number;
  position: Position | null;
  /** Only grows, and only with command ids the stream holds; may run ahead of `revision`. */
  readonly commands: Map<string, CommandSpan>;
}

/**
 * The one generic command path: read the stream, fold, decide, append with the exact expected revision.
 * Event ids derive from the command id, so a command that is repeated (a client retry, a crashed request
 * replayed by its Idempotency-Key) is recognised and answered with the first run's result, appending nothing.
 * It reads as every reader of a stream does (StreamReader), so what it decides on is what queries fold.
 *
 * Two things keep a command's cost to what it writes:
 * - a bounded cache of folded state per stream (this process only), each entry with its revision and the
 *   command ids its stream holds. A command on a cached stream is decided on the entry as it is, without reading
 *   the stream, and appended with the entry's revision as the expected revision: the append is the check. If
 *   another process wrote meanwhile, the append conflicts, the entry is dropped and the stream read from
 *   scratch; that conflict is the price of the read saved, not one of the caller's retries. A decision that
 *   reaches no append cannot be checked that way, so a refusal or a no-op made on unread state is made again
 *   on the stream as it is (its tail read) before it is the answer. `load()`, which a handler uses to check
 *   another stream, always reads the tail after the cached revision. A repeated command is recognised by the
 *   entry's command index however old its first run, or, when another process ran it, by the store answering
 *   the repeated append: either way the first run's events are read back and are the answer.
 * - a queue per stream: commands of this process on one stream run one after another, so they never conflict
 *   with each other at the store (only writers in other processes can).
 */
export class CommandRunner extends StreamReader {
  private readonly cache = new Map<string, CachedStream>();
  private readonly queues = new Map<string, Promise<void>>();
  private readonly cachedStreams: number;
  private readonly maxCommandsPerStream: number;

  constructor(
    private readonly store: EventStore,
    registry: EventRegistry,
    options: CommandRunnerOptions = {},
  ) {
    super(store, registry);
    this.cachedStreams = options.cachedStreams ?? 10_000;
    this.maxCommandsPerStream = options.maxCommandsPerStream ?? 5_000;
  }

  /** Commands on one stream, in this process, one at a time (in the order they came). */
  run<Command, Event extends DomainEvent, State>(options: RunOptions<Command, Event, State>): Promise<CommandResult<State, Event>> {
    return this.serialised(options.streamName, () => this.runNow(options));
  }

  /** The stream folded to its newest event: the cached fold plus the events after it, or a full read. */
  override async load<State, Event>(streamName: string, decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>): Promise<LoadedStream<State>> {
    const entry = this.cached(streamName, decider);
    if (!entry) return this.loadFromScratch(streamName, decider);
    // Taken before the read: the entry may move on meanwhile, and the tail is read from this revision.
    const { revision, position } = entry;
    const state = entry.state as State;
    const tail = await this.store.readStream(streamName, { fromRevision: revision + 1 });
    if (!tail.every((event, index) => event.revision === revision + 1 + index)) {
      // Not the events right after the cached ones: trust nothing cached.
      this.forget(streamName);
      return this.loadFromScratch(streamName, decider);
    }
    if (tail.length === 0) return { state, revision, position, commands: entry.commands };
    indexCommands(entry.commands, tail);
    const loaded = { state: this.fold(state, tail, decider), revision: revision + tail.length, position: tail.at(-1)!.position, commands: entry.commands };
    this.advance(streamName, entry, loaded);
    return loaded;
  }

  /**
   * Throws what appending these events would throw for their content (the event registry's schemas), writing
   * nothing: a command that must write other streams first (a reservation) checks its owner's events with this.
   */
  checkEncodable(events: readonly DomainEvent[]): void {
    for (const event of events) this.registry.encode(event);
  }

  /**
   * Appends events decided elsewhere: with 'any' for append-only logs with no invariant to check (the access
   * log), or with the revision a bulk reader saw (a catalogue import). Event ids still derive from the command
   * id, so a retry appends nothing twice.
   */
  async append(streamName: string, events: readonly DomainEvent[], context: CommandContext, expected: ExpectedRevision = 'any'): Promise<Position | null> {
    const result = await this.store.appendToStream(
      streamName,
      events.map((event, index) => this.toNewEvent(event, index, streamName, context)),
      expected,
    );
    return result.position;
  }

  private async runNow<Command, Event extends DomainEvent, State>(options: RunOptions<Command, Event, State>): Promise<CommandResult<State, Event>> {
    const { streamName, decider, context } = options;
    let retries = options.retriesOnConflict ?? 3;
    let basis: Basis<State> | undefined = this.firstBasis(options);
    let rereadForEarlierRun = false;
    for (;;) {
      const { loaded, verified } = basis ?? { loaded: await this.load(streamName, decider), verified: true };
      basis = undefined;
      const span = loaded.commands.get(context.commandId);
      if (span) return this.repeatedRun<State, Event>(streamName, loaded, span, context.commandId);

      let events: readonly Event[];
      try {
        const command = typeof options.command === 'function' ? (options.command as (state: State) => Command)(loaded.state) : options.command;
        events = decider.decide(command, loaded.state);
      } catch (error) {
        // A refusal reaches no append that could catch a stale state (another process may have given units
        // back): one made on state not read just now is made again on the stream as it is.
        if (!verified) continue;
        throw error;
      }
      if (events.length === 0) {
        // Nothing to do on the state this process knew; the stream as it is may ask for something.
        if (!verified) continue;
        return { state: loaded.state, events, position: loaded.position, revision: loaded.revision };
      }
      const newEvents = events.map((event, index) => this.toNewEvent(event, index, streamName, context));
      try {
        const result = await this.store.appendToStream(streamName, newEvents, loaded.revision < 0 ? 'no_stream' : loaded.revision);
        const answeredEarlierRun = result.repeated === true || (!verified && result.nextExpectedRevision !== loaded.revision + newEvents.length);
        if (answeredEarlierRun && !rereadForEarlierRun) {
          // The store answered an earlier append of this command's events (a retry whose first run this process
          // had not seen): the first run's events are the answer, not the ones just decided. Read them, once.
          rereadForEarlierRun = true;
          this.forget(streamName);
          continue;
        }
        const state = events.reduce(decider.evolve, loaded.state);
        this.remember(streamName, decider, loaded, newEvents, context.commandId, result.nextExpectedRevision, result.position);
        return { state, events, position: result.position, revision: result.nextExpectedRevision };
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) {
          // Someone else wrote the stream: what is cached of it decides nothing more.
          this.forget(streamName);
          // A decision on state not read just now was a bet that nobody else wrote: losing it costs the read
          // that was saved, not one of the caller's retries (PlaceOrder's order stream allows none).
          if (!verified) continue;
          if (retries-- > 0) continue;
        }
        throw error;
      }
    }
  }

  /**
   * What the first decision is made on: the state the handler just read, else the cached fold as this process
   * left it (not read again: the append's expected revision checks it), else, for a stream the command creates,
   * no stream at all (checked by expecting none), else nothing (read the stream).
   */
  private firstBasis<Command, Event, State>(options: RunOptions<Command, Event, State>): Basis<State> | undefined {
    const { streamName, decider, loaded } = options;
    if (loaded && !this.knownBehind(streamName, loaded)) return { loaded, verified: true };
    const entry = this.cached(streamName, decider);
    if (entry) {
      return { loaded: { state: entry.state as State, revision: entry.revision, position: entry.position, commands: entry.commands }, verified: false };
    }
    if (options.createsStream) return { loaded: { state: decider.initialState, revision: -1, position: null, commands: new Map() }, verified: false };
    return undefined;
  }

  /** The first run's events, read back from where the index says they lie. */
  private async repeatedRun<State, Event>(streamName: string, loaded: LoadedStream<State>, span: CommandSpan, commandId: string): Promise<CommandResult<State, Event>> {
    const recorded = await this.store.readStream(streamName, { fromRevision: span.fromRevision, toRevision: span.toRevision });
    const earlier = recorded.filter((event) => event.metadata.commandId === commandId);
    const last = earlier.at(-1);
    if (!last) throw new Error(`The events of a repeated command are missing from ${streamName}`);
    return {
      state: loaded.state,
      events: earlier.map((event) => this.decode(event) as Event),
      position: last.position,
      revision: last.revision,
    };
  }

  private async loadFromScratch<State, Event>(streamName: string, decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>): Promise<LoadedStream<State>> {
    const { state, revision, position, commands } = await this.readFolded(streamName, decider);
    const loaded = { state, revision, position, commands: commands };
    if (this.cachedStreams > 0 && loaded.commands.size <= this.maxCommandsPerStream) {
      const known = this.cache.get(streamName);
      // A slower read that finishes last must not put an older fold back.
      if (!known || known.decider !== decider || known.revision < revision) this.put(streamName, { decider, ...loaded });
    }
    return loaded;
  }

  /** The entry for a stream folded by this decider, marked as just used. */
  private cached(streamName: string, decider: object): CachedStream | undefined {
    const entry = this.cache.get(streamName);
    if (!entry) return undefined;
    if (entry.decider !== decider) return undefined;
    this.cache.delete(streamName);
    this.cache.set(streamName, entry);
    return entry;
  }

  /** True when this process has seen the stream beyond what the caller loaded. */
  private knownBehind(streamName: string, loaded: LoadedStream<unknown>): boolean {
    const entry = this.cache.get(streamName);
    return entry !== undefined && entry.revision > loaded.revision;
  }

  private advance(streamName: string, entry: CachedStream, loaded: LoadedStream<unknown>): void {
    if (this.cache.get(streamName) !== entry || entry.revision >= loaded.revision) return;
    entry.state = loaded.state;
    entry.revision = loaded.revision;
    entry.position = loaded.position;
    if (entry.commands.size > this.maxCommandsPerStream) this.forget(streamName);
  }

  /** After an append: the entry moves on by the events just written, folded as a reader will fold them. */
  private remember<State, Event>(
    streamName: string,
    decider: Pick<Decider<unknown, Event, State>, 'evolve'>,
    loaded: LoadedStream<State>,
    written: readonly NewEvent[],
    commandId: string,
    revision: number,
    position: Position | null,
  ): void {
    if (loaded.revision === -1 && !this.cache.has(streamName) && this.cachedStreams > 0) {
      // A stream this command created without reading it: kept as one read from scratch would be.
      this.put(streamName, { decider, state: loaded.state, revision: -1, position: null, commands: new Map() });
    }
    const entry = this.cache.get(streamName);
    if (!entry || entry.decider !== decider || entry.revision !== loaded.revision) return;
    if (revision !== loaded.revision + written.length || position === null) {
      // Not the append this process expected to make: read it back rather than guess.
      this.forget(streamName);
      return;
    }
    // What a reader gets back: the stored JSON, decoded (and validated) by the registry.
    const state = written.reduce(
      (current, event) => decider.evolve(current as State, this.decode(stored(event)) as Event),
      entry.state,
    );
    entry.commands.set(commandId, { fromRevision: loaded.revision + 1, toRevision: revision });
    entry.state = state;
    entry.revision = revision;
    entry.position = position;
    if (entry.commands.size > this.maxCommandsPerStream) this.forget(streamName);
  }

  private put(streamName: string, entry: CachedStream): void {
    this.cache.delete(streamName);
    this.cache.set(streamName, entry);
    while (this.cache.size > this.cachedStreams) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.cache.delete(oldest);
    }
  }

  private forget(streamName: string): void {
    this.cache.delete(streamName);
  }

  /** Chains work on a stream behind the work already queued on it; the queue is dropped when it runs empty. */
  private serialised<T>(streamName: string, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(streamName) ?? Promise.resolve();
    const result = previous.then(work);
    const done = result.then(
      () => undefined,
      () => undefined,
    );
    this.queues.set(streamName, done);
    void done.then(() => {
      if (this.queues.get(streamName) === done) this.queues.delete(streamName);
    });
    return result;
  }

  private toNewEvent(event: DomainEvent, index: number, streamName: string, context: CommandContext): NewEvent {
    const { data, schemaVersion } = this.registry.encode(event);
    const metadata: EventMetadata = {
      commandId: context.commandId,
      correlationId: context.correlationId,
      causationId: context.causationId,
      actor: { userId: context.actor.userId, role: context.actor.role, municipalityId: context.actor.municipalityId },
      occurredAt: context.now.toISOString(),
      schemaVersion,
    };
    return { eventId: deterministicUuid(context.commandId, streamName, String(index)), type: event.type, data, metadata };
  }
}

/** A new event as the store gives it back (JSON in, JSON out), for folding without reading it. */
function stored(event: NewEvent): RecordedEvent {
  return {
    eventId: event.eventId,
    type: event.type,
    data: event.data === undefined ? null : (JSON.parse(JSON.stringify(event.data)) as unknown),
    metadata: event.metadata,
    streamName: '',
    revision: -1,
    position: '' as Position,
    recordedAt: new Date(0),
  };
}

export const COMMAND_RUNNER = Symbol('CommandRunner');
