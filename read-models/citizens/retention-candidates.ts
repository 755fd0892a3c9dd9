import type { Condition, ReadModelStore } from '../../src/kernel/read-model-store.port.js';
import type { RemovalStatus } from '../../src/citizens/citizen.events.js';
import { citizensReadModel, type CitizenDocument } from './citizens.read-model.js';

/** A removed citizen whose personal data is not erased yet, as the retention job sees them. */
export interface RetentionCandidate {
  readonly citizenId: string;
  readonly municipalityId: string;
  readonly status: RemovalStatus;
  /** The removal's instant (its event's occurredAt). */
  readonly removedAt: string;
}

export interface RetentionCandidatesPage {
  readonly items: readonly RetentionCandidate[];
  /** Give it as `after` for the next page; null when this page was the last. */
  readonly next: string | null;
}

export interface RetentionCandidatesQuery {
  /** ISO instant: removals on or before it are due (now minus the retention period, retentionCutoff). */
  readonly removedOnOrBefore: string;
  /** The previous page's `next`; absent for the first page. */
  readonly after?: string | null;
  /** Page size; default 500. */
  readonly limit?: number;
}

/**
 * The citizens whose retention period has run out and whose personal data is still there: removed (DECEASED,
 * MOVED_AWAY) on or before the cutoff, not erased, oldest removal first. Paged by a cursor, not by an offset:
 * each page is a range on the candidates' own index (retentionKey, `<removedAt> <citizenId>`, unique), so the
 * 200th page of a 100 000-citizen backlog costs what the first does, and a candidate erased meanwhile (it leaves
 * the index) neither shifts the pages nor is listed twice. The citizens read model may lag the log: the erasure
 * itself decides on the citizen's stream, so a candidate listed late or early is only asked once more.
 */
export async function retentionCandidates(store: Pick<ReadModelStore, 'find'>, query: RetentionCandidatesQuery): Promise<RetentionCandidatesPage> {
  const limit = query.limit ?? 500;
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  const after = query.after ?? null;
  const where: Condition[] = [
    // A citizen who is not a candidate has no key, and a missing field meets no range: they are never read.
    { field: 'retentionKey', op: 'gte', value: after ?? '' },
    { field: 'removedAt', op: 'lte', value: query.removedOnOrBefore },
  ];
  // One more than the page: the cursor itself comes back first (the range is inclusive), and one beyond the page
  // says whether there is a next one.
  const { items } = await store.find<CitizenDocument>(citizensReadModel.name, {
    where,
    sort: [{ field: 'retentionKey', direction: 'asc' }],
    page: 1,
    pageSize: limit + 2,
  });
  const fresh = items.filter((doc) => doc.retentionKey !== after && doc.retentionKey !== null && doc.removedAt !== null && !doc.erased);
  const page = fresh.slice(0, limit);
  return {
    items: page.map((doc) => ({ citizenId: doc.citizenId, municipalityId: doc.municipalityId, status: doc.status as RemovalStatus, removedAt: doc.removedAt! })),
    next: fresh.length > limit ? page.at(-1)!.retentionKey : null,
  };
}
