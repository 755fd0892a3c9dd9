/**
 * DDL of the PostgreSQL event store. Idempotent: `migrate()` runs it on every start.
 * Written for PostgreSQL 15 (the server) and PGlite (PostgreSQL 18 in WASM) alike.
 */

/**
 * LISTEN/NOTIFY channel the adapter notifies after an append has committed. Not from inside es_append: a
 * transaction that notifies takes a database-wide lock at commit and holds it through its WAL flush, which
 * serializes all appending transactions (measured here: 8 writers fell to a third of their throughput).
 */
export const EVENTS_CHANNEL = 'es_events';

/** SQLSTATE raised by es_append on an expectation failure; DETAIL carries the actual revision (-1: no stream). */
export const WRONG_EXPECTED_REVISION_SQLSTATE = 'ES409';

/** SQLSTATE raised by es_append when the event ids are recorded already, but in another stream. */
export const DUPLICATE_EVENT_ID_SQLSTATE = 'ES410';

/** Codes of the expected revision passed to es_append (exact revisions are >= 0). */
export const EXPECTED_CODES = { no_stream: -1, any: -2, stream_exists: -3 } as const;

export const SCHEMA_SQL = `
-- Two services starting at once must not race on "create ... if not exists" (it is not atomic).
-- A multi-statement query is one implicit transaction, so this lock is held to the end of the script.
select pg_advisory_xact_lock(17748, 0);

create table if not exists es_events (
  seq          bigserial   not null,
  -- Top-level transaction id: readers of $all order by (xid, seq) and only read transactions older than
  -- the oldest one still running, so a late commit can never land behind a reader's checkpoint.
  xid          xid8        not null default pg_current_xact_id(),
  stream_name  text        not null,
  revision     bigint      not null,
  event_id     uuid        not null,
  type         text        not null,
  data         jsonb       not null,
  metadata     jsonb       not null,
  -- Millisecond precision so that a JavaScript Date read back is exactly the stored instant ("until" reads).
  recorded_at  timestamptz not null default date_trunc('milliseconds', clock_timestamp()),
  constraint es_events_pkey primary key (xid, seq),
  constraint es_events_event_id_key unique (event_id),
  constraint es_events_stream_revision_key unique (stream_name, revision)
);

-- One statement per append (one round trip, autocommit).
--   p_expected: >= 0 exact revision, -1 no_stream, -2 any, -3 stream_exists.
--   p_ids:      the events' ids, in order.   p_events: jsonb array of {type, data, metadata}, same order.
-- Returns the stream's revision after the append and the position (xid, seq) of the last event; for a
-- retried append (all ids already in the stream) the original last event's; for an empty append a null position.
create or replace function es_append(p_stream text, p_expected bigint, p_ids uuid[], p_events jsonb)
  returns table (out_revision bigint, out_xid text, out_seq text)
  language plpgsql
as $fn$
declare
  v_count    int := coalesce(cardinality(p_ids), 0);
  v_current  bigint;
  v_inserted int;
  v_matched  int;
  v_last     bigint;
begin
  -- $all must list a stream's events in revision order. Appends to one stream are serialized by the lock
  -- below, and the transaction id is only assigned after it is taken (by the first write), so a later
  -- revision always has a larger xid. That holds only if nothing earlier in the transaction took an xid.
  if pg_current_xact_id_if_assigned() is not null then
    raise exception 'es_append must be the first write of its transaction';
  end if;
  -- An advisory lock rather than "update es_streams ... where revision = expected": an UPDATE that waits
  -- for a concurrent appender already holds its xid (measured), and would then record a later revision
  -- under a smaller xid. Waiting here holds no xid, so it does not hold back $all either.
  perform pg_advisory_xact_lock(17747, hashtext(p_stream));

  -- The stream's revision is its newest event's: one backward step on the (stream_name, revision) index.
  -- No separate streams table to update: one write fewer per append.
  select max(e.revision) into v_current from es_events e where e.stream_name = p_stream;
  v_current := coalesce(v_current, -1);

  if not ((p_expected = -1 and v_current <> -1)
          or (p_expected = -3 and v_current = -1)
          or (p_expected >= 0 and p_expected <> v_current)) then
    if v_count = 0 then
      out_revision := v_current;
      return next;
      return;
    end if;
    -- The unique index on event_id doubles as the idempotency check, so the usual append does no extra
    -- lookup (a separate probe cost ~20% of an append). Ordered so that seq follows revision.
    insert into es_events (stream_name, revision, event_id, type, data, metadata)
    select p_stream, v_current + x.ord, p_ids[x.ord], x.value ->> 'type',
           coalesce(x.value -> 'data', 'null'::jsonb), coalesce(x.value -> 'metadata', '{}'::jsonb)
      from jsonb_array_elements(p_events) with ordinality as x(value, ord)
     order by x.ord
    on conflict on constraint es_events_event_id_key do nothing;
    get diagnostics v_inserted = row_count;
    if v_inserted = v_count then
      out_revision := v_current + v_count;
      out_xid := pg_current_xact_id()::text;
      out_seq := currval('es_events_seq_seq')::text;
      return next;
      return;
    end if;
    -- Some ids were new, some not: the exception also undoes the rows just inserted.
    if v_inserted > 0 then
      raise exception using errcode = '${WRONG_EXPECTED_REVISION_SQLSTATE}',
        message = 'wrong expected revision (some event ids already appended)', detail = v_current::text;
    end if;
  end if;

  -- The expectation failed, or every id is recorded already. A retry (all ids in this stream) answers as
  -- the first attempt did, whatever it expected.
  if v_count > 0 then
    -- The stream test sits in FILTERs so that the only index the cached generic plan can use is the event
    -- id's: with "and stream_name = p_stream" it chose a BitmapAnd over the stream's whole index range.
    select count(*) filter (where e.stream_name = p_stream)::int, max(e.revision) filter (where e.stream_name = p_stream)
      into v_matched, v_last
      from es_events e
     where e.event_id = any(p_ids);
    if v_matched = v_count then
      select e.revision, e.xid::text, e.seq::text into out_revision, out_xid, out_seq
        from es_events e where e.stream_name = p_stream and e.revision = v_last;
      return next;
      return;
    end if;
    if v_matched = 0 and exists (select 1 from es_events e where e.event_id = any(p_ids)) then
      raise exception using errcode = '${DUPLICATE_EVENT_ID_SQLSTATE}',
        message = 'event ids already recorded in another stream';
    end if;
    if v_matched > 0 then
      raise exception using errcode = '${WRONG_EXPECTED_REVISION_SQLSTATE}',
        message = 'wrong expected revision (some event ids already appended)', detail = v_current::text;
    end if;
  end if;
  raise exception using errcode = '${WRONG_EXPECTED_REVISION_SQLSTATE}',
    message = 'wrong expected revision', detail = v_current::text;
end
$fn$;
`;
