import { randomUUID } from 'node:crypto';
import {
  WrongExpectedRevisionError,
  type AllFilter,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type PositionCheck,
  type ReadAllOptions,
  type ReadAllSlice,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
} from '../../../kernel/event-store.port.js';
import type { SqlDatabase } from '../../sql/sql-database.js';
import {
  DUPLICATE_EVENT_ID_SQLSTATE,
  EVENTS_CHANNEL,
  EXPECTED_CODES,
  SCHEMA_SQL,
  WRONG_EXPECTED_REVISION_SQLSTATE,
} from './schema.js';

export interface PostgresEventStoreOptions {
  /**
   * When true, close() also closes the database. Default false: the database is usually shared with the
   * read-model store, so whoever opened it closes it.
   */
  readonly ownsDatabase?: boolean;
  /**
   * A live subscription re-reads at least this often even without a notification: the visibility horizon
   * also moves when an older transaction that appended nothing ends (or rolls back), and that notifies no one.
   */
  readonly wakeUpIntervalMs?: number;
  /**
   * When the last read left nothing committed above the horizon, every event still to come arrives with a
   * notification (its append notifies after it commits), so a live subscription waits this long at most: a
   * safety net for a lost notification, not a poll. Default 60 s.
   */
  readonly idleWakeUpIntervalMs?: number;
  /**
   * While appends keep coming, at most one notification per this many ms (the first one goes at once). Only
   * subscribers in other processes wait for it (this process's own are woken in memory), so it bounds how late
   * another instance's projections hear of a burst of appends, at one extra transaction per interval. Default 50.
   */
  readonly notifyIntervalMs?: number;
  /**
   * How long after an append this process's own subscriptions are woken, for every append meanwhile. Default 0
   * (at once); see wakeLocalSubscribers for what 3 ms does on PGlite.
   */
  readonly localWakeDelayMs?: number;
  /** Page size of subscriptions when the subscriber does not give one. */
  readonly defaultBatchSize?: number;
}

/**
 * The live subscriptions of this process, per database: an append that commits wakes them in memory, without
 * waiting for its notification to come back through LISTEN (a round trip each way). Per database rather than per
 * store, so that every store on one database in this process hears the others' appends. Its notifications carry
 * the group's id, so that they do not wake its own subscribers a second time when they come back.
 */
interface LocalSubscribers {
  readonly id: string;
  readonly pokes: Set<() => void>;
  /** Set while a wake-up is due: appends in the meantime share it. */
  wakeTimer?: NodeJS.Timeout;
}
const localSubscribers = new WeakMap<SqlDatabase, LocalSubscribers>();

function localSubscribersOf(db: SqlDatabase): LocalSubscribers {
  let group = localSubscribers.get(db);
  if (!group) {
    group = { id: randomUUID(), pokes: new Set() };
    localSubscribers.set(db, group);
  }
  return group;
}

/**
 * The EventStore on PostgreSQL, over the SqlDatabase seam (a `pg` server or embedded PGlite).
 *
 * Position: `<xid as 16 hex digits>-<seq as 16 hex digits>`, the (transaction id, sequence) of an event, so
 * plain string order is $all order. $all only exposes transactions older than the oldest running one, so a
 * position, once passed, can never gain an event before it (see schema.ts).
 */
export class PostgresEventStore implements EventStore {
  private readonly closing = new AbortController();
  private notifyScheduled = false;
  private notifyTimer: NodeJS.Timeout | undefined;
  private lastNotifyAt = 0;
  private inFlightNotify: Promise<unknown> = Promise.resolve();
  private readonly wakeUpIntervalMs: number;
  private readonly idleWakeUpIntervalMs: number;
  private readonly defaultBatchSize: number;
  private readonly notifyIntervalMs: number;
  private readonly localWakeDelayMs: number;
  /** The newest position this store object has appended or read: written, so checkPosition needs no query below it. */
  private newestKnown: Position | undefined;
  /**
   * Whether other processes may append to this database and follow its log. Not on PGlite: every process that
   * opens a data directory takes its lock (data-dir-lock.ts; the CLI too), and an in-memory one is private, so
   * the process's own wake-ups are all there is and LISTEN/NOTIFY would only cost.
   */
  private readonly sharedWithOtherProcesses: boolean;

  constructor(
    private readonly db: SqlDatabase,
    private readonly options: PostgresEventStoreOptions = {},
  ) {
    this.wakeUpIntervalMs = options.wakeUpIntervalMs ?? 750;
    this.idleWakeUpIntervalMs = options.idleWakeUpIntervalMs ?? 60_000;
    this.defaultBatchSize = options.defaultBatchSize ?? 500;
    this.notifyIntervalMs = options.notifyIntervalMs ?? 50;
    this.localWakeDelayMs = options.localWakeDelayMs ?? 0;
    this.sharedWithOtherProcesses = db.driver !== 'pglite';
  }

  /** Creates the store and brings its schema up to date. */
  static async open(db: SqlDatabase, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(db, options);
    await store.migrate();
    return store;
  }

  async migrate(): Promise<void> {
    await this.db.exec(SCHEMA_SQL);
  }

  async appendToStream(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const payload = JSON.stringify(events.map((e) => ({ type: e.type, data: e.data, metadata: e.metadata })));
    let row: { out_revision: unknown; out_xid: string | null; out_seq: string | null; own_xid: string | null } | undefined;
    try {
      // Autocommit on purpose: es_append must start its own transaction (see schema.ts). An append that wrote
      // answers with its own transaction's id; a retried one with the first append's (`repeated`).
      ({ rows: [row] } = await this.db.query<NonNullable<typeof row>>(
        'select a.*, pg_current_xact_id_if_assigned()::text as own_xid from es_append($1, $2, $3::uuid[], $4::text::jsonb) a',
        [streamName, expectedCode(expected), events.map((e) => e.eventId), payload],
      ));
    } catch (error) {
      throw translateAppendError(error, streamName, expected);
    }
    if (!row) throw new Error('es_append returned no row');
    const repeated = events.length > 0 && row.out_xid !== row.own_xid;
    if (row.out_xid !== null && events.length > 0 && !repeated) {
      this.wakeLocalSubscribers();
      if (this.sharedWithOtherProcesses) this.notifyCommitted();
    }
    const position = row.out_xid === null || row.out_seq === null ? null : encodePosition(row.out_xid, row.out_seq);
    if (position !== null) this.know(position);
    return { nextExpectedRevision: Number(row.out_revision), position, ...(repeated ? { repeated } : {}) };
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const { rows } = await this.db.query<EventRow>(
      `select ${EVENT_COLUMNS} from es_events
        where stream_name = $1 and revision >= $2 and ($3::bigint is null or revision <= $3)
          and ($4::timestamptz is null or recorded_at <= $4)
        order by revision
        limit $5`,
      [streamName, options.fromRevision ?? 0, options.toRevision ?? null, options.until ?? null, options.maxCount ?? null],
    );
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllSlice> {
    return (await this.readAllAndHidden(options)).slice;
  }

  /**
   * readAll, and whether committed events lie above the horizon (held back by an older transaction still
   * running): those become visible without a notification when that transaction ends, so a subscriber polls.
   */
  private async readAllAndHidden(options: ReadAllOptions): Promise<{ slice: ReadAllSlice; hidden: boolean }> {
    if (!Number.isInteger(options.maxCount) || options.maxCount < 1) throw new RangeError('maxCount must be a positive integer');
    const [afterXid, afterSeq] = options.after === undefined ? ['0', '0'] : decodePosition(options.after);
    const { types, prefixes } = filterParams(options.filter);
    // The horizon and the events must come from one statement (one snapshot): the horizon is the promise
    // that nothing more will ever appear below it, which is only true of the snapshot the events came from.
    const { rows } = await this.db.query<EventRow & { horizon: string; hidden: boolean }>(
      `select h.horizon::text as horizon, h.hidden, ${EVENT_COLUMNS}
         from (select s.horizon, exists (select 1 from es_events p where p.xid >= s.horizon) as hidden
                 from (select pg_snapshot_xmin(pg_current_snapshot()) as horizon) s) h
         left join lateral (
           select * from es_events e
            where (e.xid, e.seq) > ($1::text::xid8, $2::bigint)
              and e.xid < h.horizon
              and ($4::text[] is null or e.type = any($4::text[]))
              and ($5::text[] is null or exists (select 1 from unnest($5::text[]) p where starts_with(e.stream_name, p)))
            order by e.xid, e.seq
            limit $3
         ) e on true`,
      [afterXid, afterSeq, options.maxCount, types, prefixes],
    );
    const events = rows.filter((r) => r.xid !== null).map(toRecordedEvent);
    const horizon = rows[0]?.horizon ?? '0';
    const hidden = rows[0]?.hidden === true;
    if (events.length > 0) this.know(events.at(-1)!.position);
    const last = events.at(-1)?.position ?? options.after;
    if (events.length === options.maxCount) return { slice: { events, next: last, isEnd: false }, hidden };
    // Everything below the horizon that matches has been returned, so a (filtered) reader's checkpoint may
    // jump to just below it: any event still to come has an xid >= horizon, and every real seq is > 0.
    const marker = encodePosition(horizon, '0');
    const next = last !== undefined && last > marker ? last : marker;
    return { slice: { events, next, isEnd: true }, hidden };
  }

  async *subscribeToAll(options: SubscribeOptions): AsyncIterable<ReadAllSlice> {
    const signal = AbortSignal.any([options.signal, this.closing.signal]);
    if (signal.aborted) return;
    const batchSize = options.batchSize ?? this.defaultBatchSize;
    // `dirty` closes the race between a read finding nothing and the wait starting: a notification that
    // arrives in between must not be lost.
    let dirty = false;
    let wake: (() => void) | undefined;
    const poke = () => {
      dirty = true;
      wake?.();
    };
    // Listen before the first read, so nothing committed after that read goes unnoticed: to this process's own
    // appends in memory, to other processes' through LISTEN.
    const local = localSubscribersOf(this.db);
    const unlisten = this.sharedWithOtherProcesses
      ? await this.db.listen(EVENTS_CHANNEL, (payload) => {
          if (payload !== local.id) poke();
        })
      : async () => undefined;
    local.pokes.add(poke);
    signal.addEventListener('abort', poke);
    try {
      let after = options.after;
      while (!signal.aborted) {
        dirty = false;
        const { slice, hidden } = await this.readAllAndHidden({ after, maxCount: batchSize, filter: options.filter });
        if (signal.aborted) return;
        if (slice.events.length > 0 || slice.next !== after) {
          yield slice;
          after = slice.next;
        }
        if (!slice.isEnd || dirty) continue;
        await new Promise<void>((resolve) => {
          // Quiet (nothing committed is waiting on an older transaction): only an append, which notifies, adds events.
          const timer = setTimeout(() => wake?.(), hidden ? this.wakeUpIntervalMs : this.idleWakeUpIntervalMs);
          // A safety net must not keep a process alive that has nothing else to do.
          if (!hidden) timer.unref();
          wake = () => {
            clearTimeout(timer);
            wake = undefined;
            resolve();
          };
          if (dirty || signal.aborted) wake();
        });
      }
    } finally {
      signal.removeEventListener('abort', poke);
      local.pokes.delete(poke);
      await unlisten();
    }
  }

  async headPosition(): Promise<Position | undefined> {
    const { rows } = await this.db.query<{ xid: string; seq: string }>(
      // Ordered by the columns, not by the text aliases: '9999' sorts after '10000' as text.
      `select e.xid::text as xid, e.seq::text as seq from es_events e
        where e.xid < pg_snapshot_xmin(pg_current_snapshot())
        order by e.xid desc, e.seq desc limit 1`,
    );
    const row = rows[0];
    return row ? encodePosition(row.xid, row.seq) : undefined;
  }

  /**
   * Against the newest committed event, not headPosition(): an append's position is handed out once it has
   * committed, but $all (and headPosition) only shows it once every older transaction has ended. A statement's
   * snapshot sees every transaction committed before it began, and so every position a client can hold.
   */
  async checkPosition(candidate: string): Promise<PositionCheck> {
    if (!isPosition(candidate)) return 'malformed';
    // Most positions handed back were given out by this process, or the shared reader has read past them already.
    if (this.newestKnown !== undefined && candidate <= this.newestKnown) return 'written';
    const { rows } = await this.db.query<{ xid: string; seq: string }>(
      `select e.xid::text as xid, e.seq::text as seq from es_events e order by e.xid desc, e.seq desc limit 1`,
    );
    const newest = rows[0];
    return newest !== undefined && candidate <= encodePosition(newest.xid, newest.seq) ? 'written' : 'unwritten';
  }

  private know(position: Position): void {
    if (this.newestKnown === undefined || position > this.newestKnown) this.newestKnown = position;
  }

  /** Ends live subscriptions; closes the database only when it was handed over with `ownsDatabase`. */
  async close(): Promise<void> {
    this.closing.abort();
    clearTimeout(this.notifyTimer);
    await this.inFlightNotify;
    if (this.options.ownsDatabase) await this.db.close();
  }

  /**
   * Wakes this process's subscriptions after an append: at once, or `localWakeDelayMs` later, once for every append
   * in that moment. On PGlite the delay pays: its one connection otherwise serves the reader's read and the
   * projections' batches between the statements of the requests still in flight, while an order's three appends,
   * which follow each other within milliseconds, become one slice and one batch per projection. Measured with
   * bench:orders (issue 15, PGlite, 3 s cases): with 3 ms, eight clients' orders went from 72 to 147 a second, one
   * client's from 63 to 82; on a server it made nothing faster. Not yet the default: a read model then lags an
   * append by that much more, and the test suites' plain reads just after a write (without `consistentWith`) are
   * to be audited first — one raced.
   */
  private wakeLocalSubscribers(): void {
    const group = localSubscribersOf(this.db);
    if (this.localWakeDelayMs <= 0) {
      for (const poke of group.pokes) poke();
      return;
    }
    if (group.wakeTimer) return;
    group.wakeTimer = setTimeout(() => {
      group.wakeTimer = undefined;
      for (const poke of group.pokes) poke();
    }, this.localWakeDelayMs);
  }

  /**
   * Wakes subscribers in other processes; see EVENTS_CHANNEL for why this is not part of the append.
   * Throttled: the first append after a quiet spell notifies at once, later ones share one notification
   * per interval. One per append cost 15-25% of append throughput (measured, server and PGlite), and a
   * busy subscriber re-reads without waiting anyway.
   */
  private notifyCommitted(): void {
    if (this.notifyScheduled || this.closing.signal.aborted) return;
    this.notifyScheduled = true;
    const send = () => {
      // Cleared before sending: an append that commits from here on may not be covered, so it schedules the next.
      this.notifyScheduled = false;
      this.notifyTimer = undefined;
      this.lastNotifyAt = Date.now();
      // A notification is not durable anyway: no need for this transaction to wait for its WAL flush.
      this.inFlightNotify = this.db
        .query(`select set_config('synchronous_commit', 'off', true), pg_notify($1, $2)`, [EVENTS_CHANNEL, localSubscribersOf(this.db).id])
        // Subscribers also wake on their timer, so a lost notification only delays them.
        .catch(() => undefined);
    };
    const wait = this.lastNotifyAt + this.notifyIntervalMs - Date.now();
    if (wait <= 0) send();
    else this.notifyTimer = setTimeout(send, wait);
  }
}

const EVENT_COLUMNS = 'xid::text as xid, seq::text as seq, stream_name, revision, event_id, type, data, metadata, recorded_at';

interface EventRow {
  xid: string | null;
  seq: string;
  stream_name: string;
  revision: number | string;
  event_id: string;
  type: string;
  data: unknown;
  metadata: Record<string, unknown>;
  recorded_at: Date;
}

const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  eventId: row.event_id,
  type: row.type,
  data: row.data,
  metadata: row.metadata,
  streamName: row.stream_name,
  revision: Number(row.revision),
  position: encodePosition(row.xid ?? '0', row.seq),
  recordedAt: row.recorded_at,
});

const HEX_WIDTH = 16;
const POSITION_PATTERN = /^[0-9a-f]{16}-[0-9a-f]{16}$/;
/** seq is a bigserial: beyond this no row or checkpoint has it, and the database could not even compare it. */
const MAX_SEQ = (1n << 63n) - 1n;

/** Shaped as this store's positions: (xid8, seq) as fixed-width hex, seq within a bigint. */
function isPosition(candidate: string): candidate is Position {
  return POSITION_PATTERN.test(candidate) && BigInt(`0x${candidate.slice(HEX_WIDTH + 1)}`) <= MAX_SEQ;
}

/** Decimal xid and seq (as the database prints them) to the fixed-width position. */
export function encodePosition(xid: string, seq: string): Position {
  const hex = (decimal: string) => BigInt(decimal).toString(16).padStart(HEX_WIDTH, '0');
  return `${hex(xid)}-${hex(seq)}` as Position;
}

/** The position's (xid, seq) in decimal, ready for SQL parameters. */
export function decodePosition(position: Position): [xid: string, seq: string] {
  if (!isPosition(position)) throw new RangeError(`Not a PostgreSQL event store position: ${position}`);
  const [xid = '', seq = ''] = position.split('-');
  return [BigInt(`0x${xid}`).toString(), BigInt(`0x${seq}`).toString()];
}

function expectedCode(expected: ExpectedRevision): number {
  if (typeof expected === 'number') {
    if (!Number.isSafeInteger(expected) || expected < 0) throw new RangeError(`Invalid expected revision: ${expected}`);
    return expected;
  }
  return EXPECTED_CODES[expected];
}

function filterParams(filter: AllFilter | undefined): { types: string[] | null; prefixes: string[] | null } {
  return {
    types: filter?.eventTypes ? [...filter.eventTypes] : null,
    prefixes: filter?.streamPrefixes ? [...filter.streamPrefixes] : null,
  };
}

function translateAppendError(error: unknown, streamName: string, expected: ExpectedRevision): unknown {
  const e = error as { code?: string; detail?: string; message?: string };
  if (e?.code === WRONG_EXPECTED_REVISION_SQLSTATE) {
    const actual = Number(e.detail);
    return new WrongExpectedRevisionError(streamName, expected, actual < 0 ? 'no_stream' : actual);
  }
  if (e?.code === DUPLICATE_EVENT_ID_SQLSTATE) {
    return new Error(`An event id appended to ${streamName} is already recorded in another stream`, { cause: error });
  }
  return error;
}
