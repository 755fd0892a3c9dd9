import type { Decider, DomainEvent } from '../shared/decider.js';
import type { EventRegistry } from '../shared/event-schema.js';
import type { EventStore, RecordedEvent } from './event-store.port.js';

export interface LoadedStream<State> {
  readonly state: State;
  /** Revision of the last event, or -1 for a stream that does not exist. */
  readonly revision: number;
  readonly events: readonly RecordedEvent[];
}

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

  async load<State, Event>(streamName: string, decider: Pick<Decider<unknown, Event, State>, 'evolve' | 'initialState'>): Promise<LoadedStream<State>> {
    const events = await this.events.readStream(streamName);
    const state = events.reduce((current, recorded) => decider.evolve(current, this.decode(recorded) as Event), decider.initialState);
    return { state, revision: events.length - 1, events };
  }

  decode(recorded: RecordedEvent): DomainEvent {
    const schemaVersion = typeof recorded.metadata.schemaVersion === 'number' ? recorded.metadata.schemaVersion : 1;
    return this.registry.decode(recorded.type, recorded.data, schemaVersion);
  }
}

export const STREAM_READER = Symbol('StreamReader');
