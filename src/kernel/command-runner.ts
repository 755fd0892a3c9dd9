import type { Decider, DomainEvent } from '../shared/decider.js';
import type { EventRegistry } from '../shared/event-schema.js';
import type { EventMetadata } from '../shared/event-metadata.js';
import { deterministicUuid } from '../shared/ids.js';
import { WrongExpectedRevisionError, type EventStore, type ExpectedRevision, type Position } from './event-store.port.js';
import type { CommandContext } from './command-context.js';
import { StreamReader, type LoadedStream } from './stream-reader.js';

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
}

/**
 * The one generic command path: read the stream, fold, decide, append with the exact expected revision.
 * Event ids derive from the command id, so a command that is repeated (a client retry, a crashed request
 * replayed by its Idempotency-Key) is recognised and answered with the first run's result, appending nothing.
 * It reads as every reader of a stream does (StreamReader), so what it decides on is what queries fold.
 */
export class CommandRunner extends StreamReader {
  constructor(
    private readonly store: EventStore,
    registry: EventRegistry,
  ) {
    super(store, registry);
  }

  async run<Command, Event extends DomainEvent, State>(options: RunOptions<Command, Event, State>): Promise<CommandResult<State, Event>> {
    const { streamName, decider, context } = options;
    const retries = options.retriesOnConflict ?? 3;
    for (let attempt = 0; ; attempt++) {
      const loaded = await this.load(streamName, decider);
      const repeated = this.repeatedRun<State, Event>(loaded, context.commandId);
      if (repeated) return repeated;

      const command = typeof options.command === 'function' ? (options.command as (state: State) => Command)(loaded.state) : options.command;
      const events = decider.decide(command, loaded.state);
      if (events.length === 0) {
        return { state: loaded.state, events, position: loaded.events.at(-1)?.position ?? null, revision: loaded.revision };
      }
      try {
        const result = await this.store.appendToStream(
          streamName,
          events.map((event, index) => this.toNewEvent(event, index, streamName, context)),
          loaded.revision < 0 ? 'no_stream' : loaded.revision,
        );
        const state = events.reduce(decider.evolve, loaded.state);
        return { state, events, position: result.position, revision: result.nextExpectedRevision };
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError && attempt < retries) continue;
        throw error;
      }
    }
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

  private repeatedRun<State, Event>(loaded: LoadedStream<State>, commandId: string): CommandResult<State, Event> | null {
    const earlier = loaded.events.filter((event) => event.metadata.commandId === commandId);
    const last = earlier.at(-1);
    if (!last) return null;
    return {
      state: loaded.state,
      events: earlier.map((event) => this.decode(event) as Event),
      position: last.position,
      revision: last.revision,
    };
  }

  private toNewEvent(event: DomainEvent, index: number, streamName: string, context: CommandContext) {
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

export const COMMAND_RUNNER = Symbol('CommandRunner');
