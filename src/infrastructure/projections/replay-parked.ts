import type { EventStore, Position } from '../../kernel/event-store.port.js';
import { applyBatch, decodeEvents, type AnyProjection, type DecodeEvent } from './apply-batch.js';
import type { BatchOutcome, ProjectionStorage } from './projection-storage.js';

export type ReplayResult =
  | { readonly outcome: 'replayed'; readonly table: string }
  /** evolve (or decode) still fails: the event stays parked, with the new error. */
  | { readonly outcome: 'parked-again'; readonly table: string; readonly error: string }
  | { readonly outcome: 'not-found' };

export interface ReplayDependencies {
  readonly projection: AnyProjection;
  readonly eventStore: EventStore;
  readonly storage: ProjectionStorage;
  readonly decode: DecodeEvent;
  readonly maxEventAttempts: number;
}

/**
 * Applies one parked event through evolve (typically after a fix was deployed) and removes it from the parked
 * list when that succeeds. The projection went on past the event, so the documents' positions are ignored:
 * this is the one deliberate out-of-order application. The event is read back from its stream (parked
 * entries hold no payload).
 */
export async function replayParked(deps: ReplayDependencies, position: Position): Promise<ReplayResult> {
  const { projection, storage } = deps;
  const entry = await storage.findParked(projection.readModel.name, position);
  if (!entry) return { outcome: 'not-found' };
  const [recorded] = await deps.eventStore.readStream(entry.streamName, { fromRevision: entry.revision, maxCount: 1 });
  if (!recorded || recorded.eventId !== entry.eventId) {
    throw new Error(`Parked event ${entry.eventId} is no longer at ${entry.streamName}@${entry.revision}`);
  }
  // The position the projection met the event at, as parked: the one comparable with its checkpoint.
  const decoded = decodeEvents(projection, deps.decode, [{ ...recorded, position }], deps.maxEventAttempts);
  let outcome: BatchOutcome | undefined;
  const result = await storage.replay({
    table: entry.table,
    position,
    documentIds: decoded.flatMap((item) => (item.ok ? item.documentIds : [])),
    apply: (documents) => (outcome = applyBatch(projection, decoded, documents, { attempts: deps.maxEventAttempts, ignorePositions: true })),
  });
  if (result === 'gone') return { outcome: 'not-found' };
  if (result === 'replayed') return { outcome: 'replayed', table: entry.table };
  const error = outcome?.parked[0]?.error ?? 'unknown error';
  await storage.recordReplayFailure(entry.table, position, error);
  return { outcome: 'parked-again', table: entry.table, error };
}
