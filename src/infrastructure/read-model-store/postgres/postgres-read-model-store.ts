import type { Position } from '../../../kernel/event-store.port.js';
import type { SqlDatabase } from '../../sql/sql-database.js';
import type { FindQuery, Page, ReadModelStore } from '../../../kernel/read-model-store.port.js';
import { pageQuery } from './find-query.js';
import { liveTables } from './read-model-registry.js';
import { quoted } from './read-model-schema.js';

export class UnknownReadModelError extends Error {
  constructor(readonly readModel: string) {
    super(`Read model ${readModel} has no live table (is the projection runtime started?)`);
    this.name = 'UnknownReadModelError';
  }
}

const UNDEFINED_TABLE = '42P01';

/**
 * Queries over the PostgreSQL read models. Each read model's live table is looked up in the registry and
 * cached; a blue-green swap drops the old table in the swap's transaction, so a cached name that went stale
 * fails with undefined_table, and the query looks the live table up again and retries once.
 */
export class PostgresReadModelStore implements ReadModelStore {
  private readonly liveTable = new Map<string, string>();

  constructor(private readonly db: SqlDatabase) {}

  get<D>(readModel: string, id: string): Promise<D | null> {
    return this.withLiveTable(readModel, async (table) => {
      const { rows } = await this.db.query<{ doc: D }>(`select doc from ${table} where id = $1`, [id]);
      return rows[0]?.doc ?? null;
    });
  }

  find<D>(readModel: string, query: FindQuery): Promise<Page<D>> {
    return this.withLiveTable(readModel, async (table) => {
      const page = pageQuery(table, query);
      // One row even when no document is on the page (the total with a null doc): see pageQuery.
      const { rows } = await this.db.query<{ doc: D | null; total: number }>(page.sql, page.params);
      const items = rows.flatMap((row) => (row.doc === null ? [] : [row.doc]));
      return { items, total: Number(rows[0]?.total ?? 0) };
    });
  }

  /** Read from the registry every time (it moves with every batch), refreshing the cached table on the way. */
  async checkpoint(readModel: string): Promise<Position | undefined> {
    const [live] = await liveTables(this.db, [readModel]);
    if (live) this.liveTable.set(readModel, quoted(live.table));
    return live?.checkpoint;
  }

  private async withLiveTable<T>(readModel: string, query: (table: string) => Promise<T>): Promise<T> {
    const cached = this.liveTable.get(readModel);
    try {
      return await query(cached ?? (await this.lookUp(readModel)));
    } catch (error) {
      if ((error as { code?: string }).code !== UNDEFINED_TABLE) throw error;
      this.liveTable.delete(readModel);
      return query(await this.lookUp(readModel));
    }
  }

  private async lookUp(readModel: string): Promise<string> {
    const [live] = await liveTables(this.db, [readModel]);
    if (!live) throw new UnknownReadModelError(readModel);
    const table = quoted(live.table);
    this.liveTable.set(readModel, table);
    return table;
  }
}
