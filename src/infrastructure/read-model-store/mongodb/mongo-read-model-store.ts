import type { Db } from 'mongodb';
import type { Position } from '../../../kernel/event-store.port.js';
import type { FindQuery, Page, ReadModelStore } from '../../../kernel/read-model-store.port.js';
import { DOCUMENT_ONLY, pagePlan, type FacetResult } from './find-query.js';
import { liveTables } from './read-model-registry.js';
import { documents, errorCode, NAMESPACE_NOT_FOUND, type StoredRecord } from './schema.js';

export class UnknownReadModelError extends Error {
  constructor(readonly readModel: string) {
    super(`Read model ${readModel} has no live collection (is the projection runtime started?)`);
    this.name = 'UnknownReadModelError';
  }
}

export interface MongoReadModelStoreOptions {
  /**
   * How long a read model's live collection is remembered before the registry is asked again. A swap drops
   * the old collection after it commits; a query on a dropped collection finds nothing (MongoDB answers a
   * missing collection with no documents, not with an error as PostgreSQL does), so an empty answer is
   * checked against the registry anyway. Default 1 s.
   */
  readonly liveCacheMs?: number;
}

/** Errors a query gets when its collection is dropped under it. */
const DROPPED = new Set([NAMESPACE_NOT_FOUND, 175 /* QueryPlanKilled */, 237 /* CursorKilled */]);

/**
 * Queries over the MongoDB read models (see schema.ts for the collections and find-query.ts for the
 * translation). Each read model's live collection is looked up in the registry and cached for a moment; an
 * empty answer from a cached name (what a collection dropped by a swap gives) or an error of a dropped
 * collection looks it up again, and the query is retried once on the new live collection if it changed.
 * A page and its total are two reads (find and countDocuments, side by side), not one snapshot: a batch
 * committed between them can make the total differ from the page by that batch.
 */
export class MongoReadModelStore implements ReadModelStore {
  private readonly live = new Map<string, { readonly table: string; readonly at: number }>();
  private readonly cacheMs: number;

  constructor(
    private readonly db: Db,
    options: MongoReadModelStoreOptions = {},
  ) {
    this.cacheMs = options.liveCacheMs ?? 1_000;
  }

  async get<D>(readModel: string, id: string): Promise<D | null> {
    if (typeof id !== 'string') throw new TypeError('id must be a string');
    return this.withLiveTable(
      readModel,
      async (table) => {
        const record = await documents(this.db, table).findOne<Pick<StoredRecord, 'doc'>>({ _id: id }, { projection: DOCUMENT_ONLY });
        return (record?.doc as D | undefined) ?? null;
      },
      (found) => found === null,
    );
  }

  async find<D>(readModel: string, query: FindQuery): Promise<Page<D>> {
    // Translated before any I/O: a bad field or page rejects the same way whether or not the read model exists.
    const plan = pagePlan(query);
    return this.withLiveTable(
      readModel,
      async (table) => {
        const collection = documents(this.db, table);
        if (plan.kind === 'aggregate') {
          const [result] = await collection.aggregate<FacetResult<D>>(plan.pipeline).toArray();
          return { items: (result?.page ?? []).map((row) => row.doc), total: Number(result?.total[0]?.count ?? 0) };
        }
        const [records, total] = await Promise.all([
          collection
            .find<{ doc: D }>(plan.filter, { projection: plan.projection })
            .sort(plan.sort)
            .skip(plan.skip)
            .limit(plan.limit)
            .toArray(),
          collection.countDocuments(plan.filter),
        ]);
        return { items: records.map((record) => record.doc), total };
      },
      (page) => page.total === 0,
    );
  }

  /** Read from the registry every time (it moves with every batch), refreshing the cached collection on the way. */
  async checkpoint(readModel: string): Promise<Position | undefined> {
    const [live] = await liveTables(this.db, [readModel]);
    if (live) this.remember(readModel, live.table);
    return live?.checkpoint;
  }

  private async withLiveTable<T>(readModel: string, query: (table: string) => Promise<T>, empty: (result: T) => boolean): Promise<T> {
    const cached = this.live.get(readModel);
    const fresh = !cached || Date.now() - cached.at >= this.cacheMs;
    const table = fresh ? await this.lookUp(readModel) : cached.table;
    let result: T;
    try {
      result = await query(table);
    } catch (error) {
      const code = errorCode(error);
      if (code === undefined || !DROPPED.has(code)) throw error;
      return query(await this.lookUp(readModel));
    }
    // A collection name just read from the registry is as current as a query can know.
    if (fresh || !empty(result)) return result;
    const current = await this.lookUp(readModel);
    return current === table ? result : query(current);
  }

  private async lookUp(readModel: string): Promise<string> {
    const [live] = await liveTables(this.db, [readModel]);
    if (!live) {
      this.live.delete(readModel);
      throw new UnknownReadModelError(readModel);
    }
    this.remember(readModel, live.table);
    return live.table;
  }

  private remember(readModel: string, table: string): void {
    this.live.set(readModel, { table, at: Date.now() });
  }
}
