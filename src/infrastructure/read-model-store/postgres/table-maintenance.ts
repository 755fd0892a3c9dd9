import type { SqlDatabase } from '../../sql/sql-database.js';
import { quoted } from './read-model-schema.js';

export interface MaintenanceOptions {
  /** Never for fewer rows written than this since the last run: small tables plan fine without statistics. */
  readonly minRows: number;
  /** During a catch-up: once the rows written since the last run reach this share of the table's rows. */
  readonly growth: number;
}

export const DEFAULT_MAINTENANCE: MaintenanceOptions = { minRows: 1000, growth: 1 };

interface TableState {
  written: number;
  /** The table's rows when last maintained (or as estimated when first seen by this process). */
  rows: number;
}

/**
 * VACUUM (ANALYZE) of a document table after bulk writes: planner statistics (the estimates that choose
 * between an index and a scan), the visibility map (index-only counts) and the GIN pending lists (new
 * trigram entries wait there, and every search reads them all) are what a read model built by a catch-up
 * lacks. The server's autovacuum gets there eventually; PGlite has none, so there it never would.
 *
 * Due when a catch-up ends (or a build goes live) after at least minRows written rows, or when the rows
 * written since the last run reach `growth` times the table's rows (so a long catch-up runs it a
 * logarithmic number of times, each cheap: VACUUM skips all-visible pages, ANALYZE samples). Never after
 * every tiny batch: a live table that trickles along leaves it to the next catch-up (and, on a server, to
 * autovacuum). Counted per process; best effort: it never fails the caller.
 */
export class TableMaintenance {
  private readonly tables = new Map<string, TableState>();

  constructor(
    private readonly db: SqlDatabase,
    private readonly options: MaintenanceOptions = DEFAULT_MAINTENANCE,
  ) {}

  async afterWrites(table: string, written: number, caughtUp: boolean): Promise<void> {
    if (written === 0 && !caughtUp) return;
    let state = this.tables.get(table);
    if (!state) {
      state = { written: 0, rows: await this.estimatedRows(table).catch(() => 0) };
      this.tables.set(table, state);
    }
    state.written += written;
    const { minRows, growth } = this.options;
    if (state.written < minRows || (!caughtUp && state.written < growth * state.rows)) return;
    state.rows += state.written;
    state.written = 0;
    try {
      // Outside any transaction (VACUUM refuses one); it blocks neither readers nor writers.
      await this.db.query(`vacuum (analyze) ${quoted(table)}`);
      state.rows = await this.estimatedRows(table);
    } catch {
      // An optimisation only: a table swapped away meanwhile, or a concurrent vacuum, must not fail the
      // commit that has already succeeded. The counters were reset, so it is not retried after every batch.
    }
  }

  /** Forget a dropped table. */
  forget(table: string): void {
    this.tables.delete(table);
  }

  private async estimatedRows(table: string): Promise<number> {
    const { rows } = await this.db.query<{ rows: number | null }>(
      `select greatest(reltuples, 0)::float8 as rows from pg_class where oid = to_regclass($1)`,
      [quoted(table)],
    );
    return Number(rows[0]?.rows ?? 0);
  }
}
