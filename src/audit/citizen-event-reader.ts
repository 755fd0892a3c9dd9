import { Inject, Injectable } from '@nestjs/common';
import { citizenDecider, citizenStream } from '../citizens/citizen.decider.js';
import { isRemovalStatus, type CitizenEvent } from '../citizens/citizen.events.js';
import { canSeeCitizen } from '../kernel/access-policy.js';
import type { Principal } from '../kernel/principal.js';
import { STREAM_READER, type StreamReader } from '../kernel/stream-reader.js';
import { EVENT_STORE, type EventStore } from '../kernel/event-store.port.js';
import { fold } from '../shared/decider.js';
import type { DecodedEvent } from './citizen-history.js';

/** How many order streams are read at once: enough to hide round trips, few enough to leave the pool to others. */
const PARALLEL_READS = 8;

/**
 * Reads a citizen's streams straight from the event store (DOMAIN §7: the history is computed from the events,
 * never from a read model), decoded through the event registry so old payloads arrive upcast.
 */
@Injectable()
export class CitizenEventReader {
  constructor(
    @Inject(STREAM_READER) private readonly reader: StreamReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /**
   * The citizen stream's events, or null when the citizen does not exist or the caller may not see them
   * (record-level access, access-policy.ts: both answer 404).
   */
  async visibleCitizen(principal: Principal, citizenId: string): Promise<DecodedEvent[] | null> {
    const events = await this.stream(citizenStream(citizenId));
    const state = fold(citizenDecider, events.map(({ event }) => event as CitizenEvent));
    if (state.status !== 'registered') return null;
    if (!canSeeCitizen(principal, { citizenId, municipalityId: state.municipalityId, removed: isRemovalStatus(state.citizenStatus) })) return null;
    return events;
  }

  async stream(streamName: string): Promise<DecodedEvent[]> {
    const events = await this.store.readStream(streamName);
    return events.map((recorded) => ({ recorded, event: this.reader.decode(recorded) }));
  }

  async streams(streamNames: readonly string[]): Promise<DecodedEvent[][]> {
    const read: DecodedEvent[][] = [];
    for (let start = 0; start < streamNames.length; start += PARALLEL_READS) {
      read.push(...(await Promise.all(streamNames.slice(start, start + PARALLEL_READS).map((name) => this.stream(name)))));
    }
    return read;
  }
}
