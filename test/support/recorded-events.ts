import type { Position, RecordedEvent } from '../../src/kernel/event-store.port.js';

let sequence = 0;

/** A recorded event as the store would hand it to a projection: valid metadata, increasing positions. */
export function recordedEvent(streamName: string, type: string, data: unknown, actor = { userId: 'u', role: 'admin', municipalityId: null as string | null }): RecordedEvent {
  sequence += 1;
  return {
    eventId: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    type,
    data,
    metadata: {
      commandId: 'c',
      correlationId: 'c',
      causationId: 'c',
      actor,
      occurredAt: '2026-03-01T10:00:00.000Z',
      schemaVersion: 1,
    },
    streamName,
    revision: sequence,
    position: String(sequence).padStart(16, '0') as Position,
    recordedAt: new Date('2026-03-01T10:00:00Z'),
  };
}
