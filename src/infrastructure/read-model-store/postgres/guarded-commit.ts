import type { Position } from '../../../kernel/event-store.port.js';
import type { BatchOutcome, TableState, StoredDocument } from '../../projections/projection-storage.js';
import type { SqlClient } from '../../sql/sql-database.js';
import { documentRows } from './documents.js';
import { PARK_CONFLICT, parkedRecordset, parkedRows } from './parked-events.js';
import { quoted } from './read-model-schema.js';

/**
 * A projection batch in two statements instead of a transaction of six (begin, lock the registry row, load,
 * write, checkpoint, commit): the documents are read together with their table's registry row, and written
 * back in one statement that first updates that row — only if it is still as read. The row's `generation`
 * moves with every transaction that writes the table's documents (a batch, a parked event's replay, a swap), so
 * "still as read" means no document can have changed in between; otherwise nothing is written and the caller
 * learns why. Under READ COMMITTED a concurrent writer's update is re-checked against the newest row version
 * (the statement waits for its lock), so two runners can never both pass the guard.
 */

/** The registry row as the documents were read: what the write is guarded by. */
export interface RowAsRead {
  readonly state: TableState;
  readonly checkpoint: Position | undefined;
  readonly generation: string;
}

export interface LoadedBatch {
  readonly row: RowAsRead | undefined;
  readonly documents: Map<string, StoredDocument>;
}

/** The registry row and the batch's documents, from one snapshot. Undefined row: the table is not registered. */
export async function loadBatch(client: SqlClient, table: string, ids: readonly string[]): Promise<LoadedBatch> {
  const { rows } = await client.query<{
    state: TableState;
    checkpoint: string | null;
    generation: string;
    id: string | null;
    json: string | null;
    position: Position | null;
  }>(
    `select r.state, r.checkpoint, r.generation::text as generation, d.id, d.doc::text as json, d.position
       from read_model_registry r
       left join ${quoted(table)} d on d.id = any($2::text[])
      where r.table_name = $1`,
    [table, ids],
  );
  const documents = new Map<string, StoredDocument>();
  for (const row of rows) if (row.id !== null) documents.set(row.id, { json: row.json!, position: row.position! });
  const first = rows[0];
  return {
    row: first && { state: first.state, checkpoint: (first.checkpoint ?? undefined) as Position | undefined, generation: first.generation },
    documents,
  };
}

export interface GuardedWrite {
  readonly table: string;
  /** The row as the documents were read; without `generation`, a checkpoint-only write guarded by state and checkpoint. */
  readonly asRead: Omit<RowAsRead, 'generation'> & { readonly generation?: string };
  readonly outcome: BatchOutcome;
  /** Undefined leaves the checkpoint as it is. */
  readonly checkpoint: Position | undefined;
}

/**
 * Documents, parked events, checkpoint and generation in one statement (its own transaction), or nothing when the
 * row moved.
 * The commit does not wait for its log to reach the disk (synchronous_commit off): a read model is derived from
 * the log, and the documents and the checkpoint that covers them are lost together or kept together — write-ahead
 * log order keeps a later commit from surviving an earlier one — so a database crash can only take the table
 * back to an older checkpoint, from which the runner applies the same events again. Waiting for fsync here would
 * add one disk flush per projection to every command, and buy nothing the log does not already hold.
 */
export async function writeGuarded(client: SqlClient, write: GuardedWrite): Promise<boolean> {
  const { upserts, deletes } = documentRows(write.outcome.documents);
  const table = quoted(write.table);
  const { rows } = await client.query<{ applied: boolean }>(
    `with own as (
       update read_model_registry
          set checkpoint = coalesce($4, checkpoint), generation = generation + 1, updated_at = now()
        where table_name = $1 and state = $2 and checkpoint is not distinct from $3
          and ($5::bigint is null or generation = $5::bigint)
        returning read_model
     ), upserted as (
       insert into ${table} (id, doc, position)
       select id, doc, position from jsonb_to_recordset($6::jsonb) as x(id text, doc jsonb, position text)
        where exists (select 1 from own)
       on conflict (id) do update set doc = excluded.doc, position = excluded.position
       returning 1
     ), deleted as (
       delete from ${table} where id = any($7::text[]) and exists (select 1 from own)
       returning 1
     ), parked as (
       insert into parked_events (table_name, projection, position, event_id, event_type, stream_name, revision, error, attempts)
       select $1, own.read_model, position, event_id, event_type, stream_name, revision, error, attempts
         from own, ${parkedRecordset(8)}
       ${PARK_CONFLICT}
       returning 1
     )
     select exists (select 1 from own) as applied, set_config('synchronous_commit', 'off', true)`,
    [
      write.table,
      write.asRead.state,
      write.asRead.checkpoint ?? null,
      write.checkpoint ?? null,
      write.asRead.generation ?? null,
      upserts,
      deletes,
      parkedRows(write.outcome.parked),
    ],
  );
  return rows[0]?.applied === true;
}
