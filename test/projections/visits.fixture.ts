import { randomUUID } from 'node:crypto';
import type { ProjectedEvent, Projection } from '../../src/kernel/projection.js';
import type { EventStore, Position, RecordedEvent } from '../../src/kernel/event-store.port.js';
import type { EventMetadata } from '../../src/shared/event-metadata.js';

/**
 * A small projection for the runtime's tests: page visit counters. Counting makes double application
 * visible (a duplicate delivery would count twice); a visitor named "poison" makes evolve throw while the
 * projection is "broken", to exercise parking and replay.
 */
export interface PageDoc {
  readonly page: string;
  readonly visits: number;
  readonly visitors: string[];
  readonly shape?: string;
}

export type VisitEvent =
  | ProjectedEvent<'PageVisited', { page: string; visitor: string }>
  | ProjectedEvent<'PageRemoved', { page: string }>
  /** Touches two pages at once: all or nothing. */
  | ProjectedEvent<'PagesLinked', { from: string; to: string; visitor: string }>;

export interface VisitsProjectionOptions {
  readonly version?: number;
  /** Evolve throws on the "poison" visitor while this says so. */
  readonly broken?: () => boolean;
  /** Counts evolve calls on poison events. */
  readonly onPoison?: () => void;
  /** Marks documents, so a test can tell which version built them. */
  readonly shape?: string;
}

export const PAGES_READ_MODEL = 'pages';

export function visitsProjection(options: VisitsProjectionOptions = {}): Projection<PageDoc, VisitEvent> {
  const visit = (doc: PageDoc | null, page: string, visitor: string): PageDoc => {
    if (visitor === 'poison') {
      options.onPoison?.();
      if (options.broken?.() ?? true) throw new Error('cannot handle the poison visitor');
    }
    const base = doc ?? { page, visits: 0, visitors: [] };
    return { ...base, visits: base.visits + 1, visitors: [...base.visitors, visitor], ...(options.shape ? { shape: options.shape } : {}) };
  };
  return {
    readModel: {
      name: PAGES_READ_MODEL,
      version: options.version ?? 1,
      indexes: [
        { field: 'page', kind: 'equals' },
        { field: 'visits', kind: 'sort' },
      ],
    },
    handles: ['PageVisited', 'PageRemoved', 'PagesLinked'],
    documentIds: (event) => (event.type === 'PagesLinked' ? [event.data.from, event.data.to] : [event.data.page]),
    evolve(doc, event) {
      switch (event.type) {
        case 'PageVisited':
          return visit(doc, event.data.page, event.data.visitor);
        case 'PageRemoved':
          return null;
        case 'PagesLinked': {
          const page = doc?.page ?? 'unknown';
          return visit(doc, page, event.data.visitor);
        }
      }
    },
  };
}

/** Decoding for tests: the stored fields as they are; an event typed 'Garbled' fails to decode. */
export function decodeRaw(recorded: RecordedEvent): ProjectedEvent {
  if (recorded.type === 'Garbled') throw new Error('payload does not match any schema version');
  return {
    type: recorded.type,
    data: recorded.data,
    eventId: recorded.eventId,
    streamName: recorded.streamName,
    revision: recorded.revision,
    position: recorded.position,
    recordedAt: recorded.recordedAt,
    metadata: recorded.metadata as unknown as EventMetadata,
  };
}

const METADATA = { commandId: 'c', correlationId: 'c', causationId: 'c', actor: { userId: 'u', role: 'system', municipalityId: null }, occurredAt: '2026-01-01T00:00:00Z', schemaVersion: 1 };

export async function visit(store: EventStore, page: string, visitor: string): Promise<Position> {
  return append(store, `page-${page}`, 'PageVisited', { page, visitor });
}

export async function append(store: EventStore, stream: string, type: string, data: unknown): Promise<Position> {
  const result = await store.appendToStream(stream, [{ eventId: randomUUID(), type, data, metadata: METADATA }], 'any');
  if (!result.position) throw new Error('nothing appended');
  return result.position;
}
