import type { Position } from '../../../kernel/event-store.port.js';
import type { ParkedEvent, ParkedEventInput } from '../../projections/projection-storage.js';
import type { SqlClient } from '../../sql/sql-database.js';

interface ParkedRow {
  table_name: string;
  projection: string;
  position: string;
  event_id: string;
  event_type: string;
  stream_name: string;
  revision: string | number;
  error: string;
  attempts: number;
  parked_at: Date | string;
}

const COLUMNS = `table_name, projection, position, event_id, event_type, stream_name, revision, error, attempts, parked_at`;

const toParked = (row: ParkedRow): ParkedEvent => ({
  table: row.table_name,
  projection: row.projection,
  position: row.position as Position,
  eventId: row.event_id,
  eventType: row.event_type,
  streamName: row.stream_name,
  revision: Number(row.revision),
  error: row.error,
  attempts: Number(row.attempts),
  parkedAt: new Date(row.parked_at),
});

/** Parking the same event again (a rebuild meeting it anew) updates the entry instead of failing. */
export const PARK_CONFLICT = `on conflict (table_name, position) do update set error = excluded.error,
       attempts = parked_events.attempts + excluded.attempts, parked_at = now()`;

/** The events as one JSON parameter, read back with parkedRecordset. */
export function parkedRows(events: readonly ParkedEventInput[]): string {
  return JSON.stringify(
    events.map((event) => ({
      position: event.position,
      event_id: event.eventId,
      event_type: event.eventType,
      stream_name: event.streamName,
      revision: event.revision,
      error: event.error,
      attempts: event.attempts,
    })),
  );
}

/** The rows of parameter $`param` (parkedRows), as a table to insert from. */
export const parkedRecordset = (param: number) => `jsonb_to_recordset($${param}::jsonb) as x(position text, event_id text,
  event_type text, stream_name text, revision bigint, error text, attempts integer)`;

export async function insertParked(tx: SqlClient, table: string, projection: string, events: readonly ParkedEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.query(
    `insert into parked_events (table_name, projection, position, event_id, event_type, stream_name, revision, error, attempts)
     select $1, $2, position, event_id, event_type, stream_name, revision, error, attempts
     from ${parkedRecordset(3)}
     ${PARK_CONFLICT}`,
    [table, projection, parkedRows(events)],
  );
}

export async function listParked(client: SqlClient, projection: string): Promise<ParkedEvent[]> {
  const { rows } = await client.query<ParkedRow>(
    `select ${COLUMNS} from parked_events where projection = $1 order by position, table_name`,
    [projection],
  );
  return rows.map(toParked);
}

/** The entry of the live table first: that is the one a replay is for when a build parked the same event. */
export async function findParked(client: SqlClient, projection: string, position: Position): Promise<ParkedEvent | undefined> {
  const { rows } = await client.query<ParkedRow>(
    `select ${COLUMNS.split(', ').map((column) => `p.${column}`).join(', ')}
     from parked_events p left join read_model_registry r on r.table_name = p.table_name
     where p.projection = $1 and p.position = $2
     order by (r.state = 'live') desc nulls last, p.table_name limit 1`,
    [projection, position],
  );
  return rows[0] && toParked(rows[0]);
}

export async function deleteParked(tx: SqlClient, table: string, position: Position): Promise<void> {
  await tx.query(`delete from parked_events where table_name = $1 and position = $2`, [table, position]);
}

export async function recordReplayFailure(client: SqlClient, table: string, position: Position, error: string): Promise<void> {
  await client.query(
    `update parked_events set error = $3, attempts = attempts + 1, parked_at = now() where table_name = $1 and position = $2`,
    [table, position, error],
  );
}

export async function parkedCounts(client: SqlClient): Promise<Map<string, number>> {
  const { rows } = await client.query<{ projection: string; parked: number }>(
    `select p.projection, count(*)::int as parked from parked_events p
     join read_model_registry r on r.table_name = p.table_name and r.state = 'live'
     group by p.projection`,
  );
  return new Map(rows.map((row) => [row.projection, Number(row.parked)]));
}
