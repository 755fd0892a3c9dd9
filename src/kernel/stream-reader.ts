import type { Decider, DomainEvent } from '../shared/decider.js';
import type { EventRegistry } from '../shared/event-schema.js';
import type { EventStore, Position, RecordedEvent } from './event-store.port.js';

/** Where one command's events lie in a stream: one append, so consecutive revisions. */
export interface CommandSpan {
  readonly fromRevision: number;
  readonly toRevision: number;
}

export interface LoadedStream<State> {
  readonly state: State;
  /** Revision of the last event, or -1 for a stream that does not exist. */
  readonly revision: number;
  /** Position of the last event, or null for a stream that does not exist. */
  readonly position: Position | null;
  /**
   * The command ids whose events the stream holds, with where they lie: every command up to `revision` (it may
   * also name later ones). A repeated command is recognised here without holding the events themselves.
   */
  readonly commands: ReadonlyMap<string, CommandSpan>;
}

export interface FoldedStream<State> extends LoadedStream<State> {
  readonly commands: Map<string, CommandSpan>;
  readonly events: readonly RecordedEvent[];
}

type Folding<State, Event> = Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>;

/**
 * Reads a stream and folds it: every event decoded (upcast to its current shape and validated) by the one event
 * registry. The command runner decides on what it folds; queries that answer from the log itself (the audit
 * history, a grant as of an instant) fold the same way, without being able to write.
 */
export class StreamReader {
  constructor(
    private readonly events: Pick<EventStore, 'readStream'>,
    protected readonly registry: EventRegistry,
  ) {}

  /** The stream folded to its newest event. The command runner answers this from its cache plus the stream's tail. */
  async load<State, Event>(streamName: string, decider: Folding<State, Event>): Promise<LoadedStream<State>> {
    return this.readFolded(streamName, decider);
  }

  /** The whole stream read and folded, with its events: always from the store, never from a cache. */
  async readFolded<State, Event>(streamName: string, decider: Folding<State, Event>): Promise<FoldedStream<State>> {
    const events = await this.events.readStream(streamName);
    const commands = new Map<string, CommandSpan>();
    indexCommands(commands, events);
    return {
      state: this.fold(decider.initialState, events, decider),
      revision: events.length - 1,
      position: events.at(-1)?.position ?? null,
      commands,
      events,
    };
  }

  /** Folds recorded events onto a state, each decoded (and upcast) once. */
  protected fold<State, Event>(state: State, events: readonly RecordedEvent[], decider: Folding<State, Event>): State {
    return events.reduce((current, recorded) => decider.evolve(current, this.decode(recorded) as Event), state);
  }

  decode(recorded: RecordedEvent): DomainEvent {
    const schemaVersion = typeof recorded.metadata.schemaVersion === 'number' ? recorded.metadata.schemaVersion : 1;
    return this.registry.decode(recorded.type, recorded.data, schemaVersion);
  }
}

/** Adds the command ids of recorded events to an index (an event without one, written by hand, is left out). */
export function indexCommands(commands: Map<string, CommandSpan>, events: readonly RecordedEvent[]): void {
  for (const event of events) {
    const commandId = event.metadata.commandId;
    if (typeof commandId !== 'string') continue;
    const known = commands.get(commandId);
    commands.set(
      commandId,
      known
        ? { fromRevision: Math.min(known.fromRevision, event.revision), toRevision: Math.max(known.toRevision, event.revision) }
        : { fromRevision: event.revision, toRevision: event.revision },
    );
  }
}

export const STREAM_READER = Symbol('StreamReader');
