import type { ReadModelDefinition } from './read-model-store.port.js';
import type { EventMetadata } from '../shared/event-metadata.js';

/** An event as a projection sees it: decoded (upcast and validated) domain data plus where it sits in the log. */
export interface ProjectedEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
  readonly eventId: string;
  readonly streamName: string;
  readonly revision: number;
  readonly position: string;
  readonly recordedAt: Date;
  readonly metadata: EventMetadata;
}

/**
 * A pure projection: no I/O. The runner reads events, loads the documents an event touches, calls evolve,
 * and writes the results together with its checkpoint.
 */
export interface Projection<Doc, Event extends ProjectedEvent = ProjectedEvent> {
  readonly readModel: ReadModelDefinition;
  /** Event types this projection handles; the runner subscribes with this filter. */
  readonly handles: readonly Event['type'][];
  /** The ids of the documents the event changes. */
  documentIds(event: Event): readonly string[];
  /**
   * The new document, or null to delete it. `id` is the document's id (one of documentIds(event)): an event
   * that changes several documents is evolved once for each.
   */
  evolve(doc: Doc | null, event: Event, id: string): Doc | null;
}
