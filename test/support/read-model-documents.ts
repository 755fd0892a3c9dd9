import { allProjections } from '../../src/composition/projections.js';
import { liveTables } from '../../src/infrastructure/read-model-store/postgres/read-model-registry.js';
import { quoted } from '../../src/infrastructure/read-model-store/postgres/read-model-schema.js';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';

/** Every document of every live read model (SQL store): read model → document id → document. */
export async function liveDocuments(db: SqlDatabase): Promise<Map<string, Map<string, unknown>>> {
  const all = new Map<string, Map<string, unknown>>();
  for (const { readModel, table } of await liveTables(db, allProjections.map((p) => p.readModel.name))) {
    const { rows } = await db.query<{ id: string; doc: unknown }>(`select id, doc from ${quoted(table)} order by id`);
    all.set(readModel, new Map(rows.map((row) => [row.id, row.doc])));
  }
  return all;
}
