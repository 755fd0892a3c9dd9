import { encodePosition } from '../../src/infrastructure/event-store/postgres/postgres-event-store.js';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import type { Position } from '../../src/kernel/event-store.port.js';
import type { GeneratedEvent } from './history.js';

/**
 * Writes generated events straight into the PostgreSQL event store's table: one INSERT of a whole batch, in
 * one transaction, instead of one es_append per stream. It keeps the invariants es_append keeps: a batch is one
 * transaction, so its events share one xid and their seq follows the order given (each stream's revisions in
 * order); batches are written one after the other, so a later batch has a later xid; the unique indexes still
 * refuse a revision or an event id written twice. What it adds is `recorded_at`: the history's own instants, so
 * that "as of" reads of a generated five-year history mean what they would in production.
 *
 * Only for an empty store being filled by one writer (the benchmark's): it takes no stream locks and checks no
 * expected revisions, which is exactly the work a bulk load of decided events does not need.
 */
export async function insertGeneratedEvents(db: SqlDatabase, events: readonly GeneratedEvent[]): Promise<void> {
  if (events.length === 0) return;
  // One JSON text for the whole batch, as es_append takes its events: the driver sends it as it is, where text
  // arrays of JSON would be escaped element by element (that escaping held the loader to a third of this rate).
  const batch = JSON.stringify(
    events.map((event) => ({ s: event.streamName, r: event.revision, i: event.eventId, t: event.type, d: event.data, m: event.metadata, a: event.recordedAt })),
  );
  await db.query(
    `insert into es_events (stream_name, revision, event_id, type, data, metadata, recorded_at)
     select x.e ->> 's', (x.e ->> 'r')::bigint, (x.e ->> 'i')::uuid, x.e ->> 't', x.e -> 'd', x.e -> 'm', (x.e ->> 'a')::timestamptz
       from jsonb_array_elements($1::text::jsonb) with ordinality as x(e, ord)
      order by x.ord`,
    [batch],
  );
}

/**
 * The position of the last event written, once the writes have returned: what a wait for "everything loaded"
 * waits for. Not the store's headPosition(), which is the newest event below the readers' horizon: while any
 * older transaction still runs (a projection's commit), that is short of the last batch, and a wait for it ends
 * before the batch is projected.
 */
export async function lastWrittenPosition(db: SqlDatabase): Promise<Position | undefined> {
  const { rows } = await db.query<{ xid: string; seq: string }>('select xid::text as xid, seq::text as seq from es_events order by xid desc, seq desc limit 1');
  return rows[0] && encodePosition(rows[0].xid, rows[0].seq);
}
