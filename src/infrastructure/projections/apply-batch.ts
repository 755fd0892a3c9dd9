import type { ProjectedEvent, Projection } from '../../kernel/projection.js';
import { comparePositions, type RecordedEvent } from '../../kernel/event-store.port.js';
import { scrub } from '../logging/logger.js';
import type { BatchOutcome, ParkedEventInput, StoredDocument } from './projection-storage.js';

/** Any projection, as the runtime handles it: the runtime never looks inside documents or events. */
export type AnyProjection = Projection<unknown, ProjectedEvent>;

/** Turns a stored event into what projections see: upcast and validated (the composition root builds it on EventRegistry). */
export type DecodeEvent = (recorded: RecordedEvent) => ProjectedEvent;

interface Failure {
  readonly error: string;
  readonly attempts: number;
}

export type DecodedEvent =
  | { readonly ok: true; readonly recorded: RecordedEvent; readonly event: ProjectedEvent; readonly documentIds: readonly string[] }
  | { readonly ok: false; readonly recorded: RecordedEvent; readonly failure: Failure };

const MAX_ERROR_LENGTH = 2000;

/** The error's own text, clipped and scrubbed of anything CPR-shaped: parked entries are visible to operators. */
const describe = (error: unknown): string =>
  scrub(error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, MAX_ERROR_LENGTH);

/**
 * Runs work up to `attempts` times. Immediate, without waiting: decode and evolve are pure, so a retry only
 * guards against nondeterminism, and waiting would change nothing but hold the projection up.
 */
function attempt<T>(attempts: number, work: () => T): { ok: true; value: T } | { ok: false; failure: Failure } {
  let last: unknown;
  for (let tried = 1; tried <= attempts; tried++) {
    try {
      return { ok: true, value: work() };
    } catch (error) {
      last = error;
    }
  }
  return { ok: false, failure: { error: describe(last), attempts } };
}

function idsOf(projection: AnyProjection, event: ProjectedEvent): string[] {
  const ids = projection.documentIds(event);
  for (const id of ids) if (typeof id !== 'string' || id === '') throw new Error(`documentIds returned an invalid id for ${event.type}`);
  return [...new Set(ids)];
}

export function decodeEvents(
  projection: AnyProjection,
  decode: DecodeEvent,
  events: readonly RecordedEvent[],
  attempts: number,
): DecodedEvent[] {
  return events.map((recorded) => {
    const result = attempt(attempts, () => {
      const event = decode(recorded);
      return { event, documentIds: idsOf(projection, event) };
    });
    return result.ok ? { ok: true, recorded, ...result.value } : { ok: false, recorded, failure: result.failure };
  });
}

export const touchedDocumentIds = (decoded: readonly DecodedEvent[]): string[] => [
  ...new Set(decoded.flatMap((entry) => (entry.ok ? entry.documentIds : []))),
];

/** JSON text is what gets stored; evolving from text also gives each evolve call a fresh copy to mutate. */
function toJson(doc: unknown, type: string): string {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new Error(`evolve must return an object or null (${type})`);
  return JSON.stringify(doc);
}

type Documents = Map<string, StoredDocument | null>;

/** One event over all its documents, all or nothing: a failing event leaves none of its documents changed. */
function evolveEvent(projection: AnyProjection, entry: Extract<DecodedEvent, { ok: true }>, documents: Documents, ignorePositions: boolean): Documents {
  const changes: Documents = new Map();
  const position = entry.recorded.position;
  for (const id of entry.documentIds) {
    const current = documents.get(id) ?? null;
    // A document already past this event has seen it: a duplicate delivery changes nothing.
    if (current && !ignorePositions && comparePositions(current.position, position) >= 0) continue;
    const next: unknown = projection.evolve(current ? JSON.parse(current.json) : null, entry.event, id);
    if (next === null) {
      if (current) changes.set(id, null);
      continue;
    }
    const latest = current && comparePositions(current.position, position) > 0 ? current.position : position;
    changes.set(id, { json: toJson(next, entry.event.type), position: latest });
  }
  return changes;
}

const parkedFrom = (recorded: RecordedEvent, failure: Failure): ParkedEventInput => ({
  position: recorded.position,
  eventId: recorded.eventId,
  eventType: recorded.type,
  streamName: recorded.streamName,
  revision: recorded.revision,
  error: failure.error,
  attempts: failure.attempts,
});

export interface ApplyOptions {
  readonly attempts: number;
  /** For replaying a parked event: it is older than documents the projection went on to change. */
  readonly ignorePositions?: boolean;
}

/** Applies a batch in log order over the stored documents, with the batch's own results as a cache. */
export function applyBatch(
  projection: AnyProjection,
  decoded: readonly DecodedEvent[],
  stored: ReadonlyMap<string, StoredDocument>,
  options: ApplyOptions,
): BatchOutcome {
  const documents: Documents = new Map(stored);
  const changed = new Set<string>();
  const parked: ParkedEventInput[] = [];
  for (const entry of decoded) {
    const result = entry.ok ? attempt(options.attempts, () => evolveEvent(projection, entry, documents, options.ignorePositions ?? false)) : entry;
    if (!result.ok) {
      parked.push(parkedFrom(entry.recorded, result.failure));
      continue;
    }
    for (const [id, document] of result.value) {
      documents.set(id, document);
      changed.add(id);
    }
  }
  return { documents: new Map([...changed].map((id) => [id, documents.get(id) ?? null])), parked };
}
