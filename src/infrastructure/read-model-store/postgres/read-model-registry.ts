import type { Position } from '../../../kernel/event-store.port.js';
import type { ReadModelTable, TableState } from '../../projections/projection-storage.js';
import type { SqlClient } from '../../sql/sql-database.js';
import type { ReadModelDefinition } from '../../../kernel/read-model-store.port.js';
import { createDocumentTable, documentTableName, quoted, READ_MODEL_LOCK_CLASS } from './read-model-schema.js';

interface RegistryRow {
  table_name: string;
  read_model: string;
  version: number;
  build: number;
  state: TableState;
  checkpoint: string | null;
}

const COLUMNS = `table_name, read_model, version, build, state, checkpoint`;

const toTable = (row: RegistryRow): ReadModelTable => ({
  table: row.table_name,
  readModel: row.read_model,
  version: Number(row.version),
  build: Number(row.build),
  state: row.state,
  checkpoint: (row.checkpoint ?? undefined) as Position | undefined,
});

export async function registeredTables(client: SqlClient, readModel: string): Promise<ReadModelTable[]> {
  const { rows } = await client.query<RegistryRow>(
    `select ${COLUMNS} from read_model_registry where read_model = $1 order by table_name`,
    [readModel],
  );
  return rows.map(toTable);
}

export async function registeredTable(client: SqlClient, table: string, lock = false): Promise<ReadModelTable | undefined> {
  const { rows } = await client.query<RegistryRow>(
    `select ${COLUMNS} from read_model_registry where table_name = $1${lock ? ' for update' : ''}`,
    [table],
  );
  return rows[0] && toTable(rows[0]);
}

/** Locks every row of the read model, in one order, so two swaps cannot deadlock. */
export async function lockReadModel(tx: SqlClient, readModel: string): Promise<ReadModelTable[]> {
  const { rows } = await tx.query<RegistryRow>(
    `select ${COLUMNS} from read_model_registry where read_model = $1 order by table_name for update`,
    [readModel],
  );
  return rows.map(toTable);
}

export async function liveTables(client: SqlClient, readModels: readonly string[]): Promise<ReadModelTable[]> {
  const { rows } = await client.query<RegistryRow>(
    `select ${COLUMNS} from read_model_registry where state = 'live' and read_model = any($1::text[])`,
    [readModels],
  );
  return rows.map(toTable);
}

/**
 * Within a transaction that writes the table's documents (or holds its row lock for a swap): the new checkpoint,
 * if any, and a new generation, so a batch read before this commit cannot be written after it (guarded-commit.ts).
 */
export async function recordWrite(tx: SqlClient, table: string, checkpoint: Position | undefined): Promise<void> {
  await tx.query(
    `update read_model_registry set checkpoint = coalesce($2, checkpoint), generation = generation + 1, updated_at = now()
      where table_name = $1`,
    [table, checkpoint ?? null],
  );
}

/**
 * Registers and creates a new document table. The advisory lock serializes build numbering per read model;
 * the partial unique indexes are what make "one live, one building" hold.
 */
export async function registerTable(
  tx: SqlClient,
  definition: ReadModelDefinition,
  state: TableState,
): Promise<ReadModelTable | undefined> {
  await tx.query(`select pg_advisory_xact_lock($1, hashtext($2))`, [READ_MODEL_LOCK_CLASS, definition.name]);
  const existing = await registeredTables(tx, definition.name);
  if (existing.some((row) => row.state === state)) return undefined;
  const build = Math.max(0, ...existing.map((row) => row.build)) + 1;
  const table = documentTableName(definition.name, definition.version, build);
  await tx.query(
    `insert into read_model_registry (table_name, read_model, version, build, state) values ($1, $2, $3, $4, $5)`,
    [table, definition.name, definition.version, build, state],
  );
  await createDocumentTable(tx, table, definition, state === 'live');
  return { table, readModel: definition.name, version: definition.version, build, state, checkpoint: undefined };
}

/** Drops a document table with its registry row and parked events, atomically within the caller's transaction. */
export async function unregisterTable(tx: SqlClient, table: string): Promise<void> {
  await tx.query(`delete from read_model_registry where table_name = $1`, [table]);
  await tx.query(`delete from parked_events where table_name = $1`, [table]);
  await tx.query(`drop table if exists ${quoted(table)}`);
}

export async function markLive(tx: SqlClient, table: string): Promise<void> {
  await tx.query(`update read_model_registry set state = 'live', updated_at = now() where table_name = $1`, [table]);
}
