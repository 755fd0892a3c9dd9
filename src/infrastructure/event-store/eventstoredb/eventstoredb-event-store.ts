import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START,
  type AllStreamResolvedEvent,
  type Direction,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import {
  WrongExpectedRevisionError,
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
import { subscriptionSlices } from './all-subscription.js';
import {
  compileFilter,
  hasPosition,
  isStreamNotFound,
  isSystemEvent,
  normalizeConnectionString,
  positionOf,
  satisfiesExpectation,
  toActualRevision,
  toEventData,
  toExpectedRevision,
  toRecordedEvent,
  toWrongExpectedRevision,
  type ClientRecordedEvent,
} from './mapping.js';
import { compareEsdbPositions, decodePosition, encodePosition, isEsdbPosition, type EsdbPosition } from './position.js';

/** The part of the client this adapter uses (a test can hand in a client of its own making). */
export type EventStoreDbClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

export interface EventStoreDbEventStoreOptions {
  /** close() also disposes the client. Default: true when the store made the client (connect/open), else false. */
  readonly ownsClient?: boolean;
  /** Page size of subscriptions when the subscriber does not give one. Default 500. */
  readonly defaultBatchSize?: number;
  /**
   * readAll filters on the client (client 6.x reads $all unfiltered), reading $all in pages of up to this
   * many events. Default 1000.
   */
  readonly scanPageSize?: number;
  /**
   * On a conflict, how many of the stream's last events are searched for the appended event ids (an append
   * already made by an earlier attempt is then answered with its result instead). Default 500.
   */
  readonly idempotenceWindow?: number;
  /**
   * A filtered subscription gets a checkpoint from the server every `checkpointInterval * 32` events its filter
   * considered; each moves the subscriber's `next` (a checkpoint write for a projection). Default 10.
   */
  readonly checkpointInterval?: number;
  /** A quiet subscription looks for the end of $all itself after this long, backing off up to 30 s. Default 1000 ms. */
  readonly idleProbeMs?: number;
}

/**
 * The EventStore on EventStoreDB / KurrentDB, through `@eventstore/db-client` 6.x over gRPC. Server 22.6 or
 * later (stream reads carry $all positions); 23.10 or later recommended: it says when a subscription caught
 * up, and no longer sends the extra checkpoint on going live that could skip an event (KurrentDB PR #4023).
 *
 * Maps one to one: streams and revisions, expected revisions, event ids, metadata, $all and its position
 * (see position.ts), catch-up subscriptions with server-side filters. Where the port promises more than the
 * server does, the adapter makes up the difference:
 * - an empty append checks its expectation by reading the stream's last revision (nothing is sent);
 * - idempotence: see appendToStream;
 * - readAll filters on the client, since client 6.x cannot send a filter with a read of $all;
 * - a subscription whose server filter skipped the tail of $all probes for the head itself (see all-subscription.ts).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly closing = new AbortController();
  private readonly defaultBatchSize: number;
  private readonly scanPageSize: number;
  private readonly idempotenceWindow: number;
  private readonly checkpointInterval: number;
  private readonly idleProbeMs: number;

  constructor(
    private readonly client: EventStoreDbClient,
    private readonly options: EventStoreDbEventStoreOptions = {},
  ) {
    this.defaultBatchSize = positiveInteger('defaultBatchSize', options.defaultBatchSize ?? 500);
    this.scanPageSize = Math.max(2, positiveInteger('scanPageSize', options.scanPageSize ?? 1000));
    this.idempotenceWindow = positiveInteger('idempotenceWindow', options.idempotenceWindow ?? 500);
    this.checkpointInterval = positiveInteger('checkpointInterval', options.checkpointInterval ?? 10);
    this.idleProbeMs = positiveInteger('idleProbeMs', options.idleProbeMs ?? 1000);
  }

  /** A store on a new client for the connection string (`esdb://…`; `kurrentdb://` and `kdb://` too). Connects lazily. */
  static connect(connectionString: string, options: EventStoreDbEventStoreOptions = {}): EventStoreDbEventStore {
    const client = EventStoreDBClient.connectionString(normalizeConnectionString(connectionString));
    return new EventStoreDbEventStore(client, { ...options, ownsClient: options.ownsClient ?? true });
  }

  /** connect(), then one read of $all, so that an unreachable server fails at start rather than on first use. */
  static async open(connectionString: string, options: EventStoreDbEventStoreOptions = {}): Promise<EventStoreDbEventStore> {
    const store = EventStoreDbEventStore.connect(connectionString, options);
    try {
      await store.headPosition();
      return store;
    } catch (error) {
      await store.close();
      throw error;
    }
  }

  /**
   * Appends with the expectation mapped one to one, and the port's event ids as the events' ids.
   *
   * Idempotence: EventStoreDB recognises a retried append by its event ids when it comes with the expectation
   * of the first attempt — an exact revision or no_stream: the events are found at the revisions that
   * expectation implies (durably, from its index), and the original result is returned. With `any` or
   * `stream_exists` it only looks the ids up in a bounded in-memory cache of recent writes, so after a server
   * restart or eviction such a retry appends the events a second time. The port asks more: a retry under
   * any expectation appends nothing. So on a conflict the adapter looks for the ids among the stream's last
   * `idempotenceWindow` events and, when the whole batch is there in order, answers with its original result.
   * What remains different: a retry with `any`/`stream_exists` the server's cache has forgotten is appended
   * again (no conflict arises to look into), and a retry older than the window is reported as a conflict.
   * Nor does EventStoreDB refuse an event id that another stream already holds, as PostgreSQL does.
   */
  async appendToStream(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const expectedRevision = toExpectedRevision(expected);
    if (events.length === 0) return this.checkExpectation(streamName, expected);
    const data = events.map(toEventData);
    let result;
    try {
      result = await this.client.appendToStream(streamName, data, { expectedRevision });
    } catch (error) {
      const conflict = toWrongExpectedRevision(error, streamName, expected);
      if (!conflict) throw error;
      const earlier = await this.findEarlierAppend(streamName, events);
      if (earlier) return earlier;
      throw conflict;
    }
    if (!result.success) {
      // Only with a client made with throwOnAppendFailure: false.
      throw new WrongExpectedRevisionError(streamName, expected, toActualRevision(result.nextExpectedRevision));
    }
    const nextExpectedRevision = Number(result.nextExpectedRevision);
    // Older servers answer an idempotent retry without a position.
    const position = hasPosition(result.position) ? result.position : await this.positionOfRevision(streamName, nextExpectedRevision);
    return { nextExpectedRevision, position: encodePosition(position) };
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = nonNegativeInteger('fromRevision', options.fromRevision ?? 0);
    const to = options.toRevision === undefined ? undefined : nonNegativeInteger('toRevision', options.toRevision);
    const maxCount = options.maxCount === undefined ? undefined : nonNegativeInteger('maxCount', options.maxCount);
    if ((to !== undefined && to < from) || maxCount === 0) return [];
    const until = options.until?.getTime();
    // With `until` the count is cut on this side, after the filter.
    const counts = [to === undefined ? undefined : to - from + 1, until === undefined ? maxCount : undefined].filter(
      (count): count is number => count !== undefined,
    );
    const read = await this.readStreamEvents(streamName, {
      fromRevision: BigInt(from),
      direction: FORWARDS,
      ...(counts.length > 0 ? { maxCount: Math.min(...counts) } : {}),
    });
    const recorded: RecordedEvent[] = [];
    for (const event of read ?? []) {
      if (until !== undefined && event.created.getTime() > until) continue;
      recorded.push(toRecordedEvent(event));
      if (maxCount !== undefined && recorded.length === maxCount) break;
    }
    return recorded;
  }

  /**
   * Reads $all in pages and filters on this side, until `maxCount` events match or the end is reached; then
   * `next` is the last position read, matching or not, so a filtered reader moves over what it skipped.
   */
  async readAll(options: ReadAllOptions): Promise<ReadAllSlice> {
    if (!Number.isInteger(options.maxCount) || options.maxCount < 1) throw new RangeError('maxCount must be a positive integer');
    const matches = compileFilter(options.filter);
    let cursor = options.after === undefined ? undefined : decodePosition(options.after);
    const events: RecordedEvent[] = [];
    // +1: a read from a position includes the event at it, which the port excludes.
    let pageSize = Math.min(this.scanPageSize, Math.max(options.maxCount + 1, 64));
    for (;;) {
      const page = await this.readAllPage(cursor ?? START, pageSize, FORWARDS);
      for (const event of page) {
        const position = positionOf(event);
        if (cursor !== undefined && compareEsdbPositions(position, cursor) <= 0) continue;
        cursor = position;
        if (!matches(event.streamId, event.type)) continue;
        events.push(toRecordedEvent(event));
        if (events.length === options.maxCount) return { events, next: encodePosition(position), isEnd: false };
      }
      if (page.length < pageSize) return { events, next: cursor === undefined ? undefined : encodePosition(cursor), isEnd: true };
      pageSize = Math.min(this.scanPageSize, pageSize * 4);
    }
  }

  subscribeToAll(options: SubscribeOptions): AsyncIterable<ReadAllSlice> {
    const batchSize = positiveInteger('batchSize', options.batchSize ?? this.defaultBatchSize);
    const signal = AbortSignal.any([options.signal, this.closing.signal]);
    return subscriptionSlices(
      {
        subscribe: (from, filter) => this.client.subscribeToAll({ fromPosition: from ?? START, filter, resolveLinkTos: false }),
        probeEnd: (after) => this.probeEnd(after, options),
      },
      { after: options.after, filter: options.filter, signal },
      {
        batchSize,
        checkpointInterval: this.checkpointInterval,
        idleProbeMs: this.idleProbeMs,
        maxIdleProbeMs: Math.max(this.idleProbeMs, 30_000),
        maxQueued: Math.max(2 * batchSize, 1000),
      },
    );
  }

  /** The newest event that is not a system event, read backwards from the end of $all. */
  async headPosition(): Promise<Position | undefined> {
    let from: EsdbPosition | undefined;
    let pageSize = 32;
    for (;;) {
      const page = await this.readAllPage(from ?? END, pageSize, BACKWARDS);
      for (const event of page) {
        const position = positionOf(event);
        if (from !== undefined && compareEsdbPositions(position, from) >= 0) continue;
        from = position;
        if (!isSystemEvent(event.streamId, event.type)) return encodePosition(position);
      }
      if (page.length < pageSize) return undefined;
      pageSize = Math.min(this.scanPageSize, pageSize * 4);
    }
  }

  /**
   * Against the last event of $all, system events included (one backward read): a position the node has
   * acknowledged is in $all at once, so a candidate beyond its end was never given out by this node's log.
   */
  async checkPosition(candidate: string): Promise<PositionCheck> {
    if (!isEsdbPosition(candidate)) return 'malformed';
    const [newest] = await this.readAllPage(END, 1, BACKWARDS);
    return newest !== undefined && compareEsdbPositions(decodePosition(candidate), positionOf(newest)) <= 0 ? 'written' : 'unwritten';
  }

  /** Ends live subscriptions; disposes the client when this store made it (or was given it with ownsClient). */
  async close(): Promise<void> {
    this.closing.abort();
    if (this.options.ownsClient) await this.client.dispose();
  }

  /** The empty append: the port checks the expectation and appends nothing, so nothing goes to the server. */
  private async checkExpectation(streamName: string, expected: ExpectedRevision): Promise<AppendResult> {
    const last = await this.readStreamEvents(streamName, { fromRevision: END, direction: BACKWARDS, maxCount: 1 });
    const current = last?.[0] === undefined ? -1 : Number(last[0].revision);
    if (!satisfiesExpectation(expected, current)) {
      throw new WrongExpectedRevisionError(streamName, expected, current < 0 ? 'no_stream' : current);
    }
    return { nextExpectedRevision: current, position: null };
  }

  /** The result of an earlier append of exactly these events, if the stream's recent events hold them in order. */
  private async findEarlierAppend(streamName: string, events: readonly NewEvent[]): Promise<AppendResult | undefined> {
    const recent = await this.readStreamEvents(streamName, { fromRevision: END, direction: BACKWARDS, maxCount: this.idempotenceWindow });
    if (!recent) return undefined;
    recent.reverse();
    const ids = events.map((event) => event.eventId.toLowerCase());
    const start = recent.findIndex((event) => event.id.toLowerCase() === ids[0]);
    if (start < 0 || start + ids.length > recent.length) return undefined;
    if (!ids.every((id, i) => recent[start + i]?.id.toLowerCase() === id)) return undefined;
    const last = recent[start + ids.length - 1] as ClientRecordedEvent;
    return { nextExpectedRevision: Number(last.revision), position: encodePosition(positionOf(last)), repeated: true };
  }

  /** An append's position when the server answered without one (older servers, for an idempotent retry). */
  private async positionOfRevision(streamName: string, revision: number): Promise<EsdbPosition> {
    const [event] = (await this.readStreamEvents(streamName, { fromRevision: BigInt(revision), direction: FORWARDS, maxCount: 1 })) ?? [];
    if (!event) throw new Error(`EventStoreDB reported an append to ${streamName} up to revision ${revision}, which cannot be read`);
    return positionOf(event);
  }

  /** A stream's events as the client records them; undefined for a stream that does not exist. */
  private async readStreamEvents(
    streamName: string,
    options: { fromRevision: bigint | typeof END; direction: Direction; maxCount?: number },
  ): Promise<ClientRecordedEvent[] | undefined> {
    const events: ClientRecordedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamName, { ...options, resolveLinkTos: false }) as AsyncIterable<ResolvedEvent>) {
        if (resolved.event) events.push(resolved.event);
      }
    } catch (error) {
      if (isStreamNotFound(error)) return undefined;
      throw error;
    }
    return events;
  }

  private async readAllPage(from: ReadPosition, maxCount: number, direction: Direction): Promise<ClientRecordedEvent[]> {
    const events: ClientRecordedEvent[] = [];
    const read = this.client.readAll({ fromPosition: from, maxCount, direction, resolveLinkTos: false });
    for await (const resolved of read as AsyncIterable<AllStreamResolvedEvent>) {
      if (resolved.event) events.push(resolved.event);
    }
    return events;
  }

  /** See SubscriptionDeps.probeEnd: nothing matching after `after` up to the end of $all as it is now? */
  private async probeEnd(after: Position | undefined, options: SubscribeOptions): Promise<{ atEnd: boolean; next: Position | undefined }> {
    const head = await this.headPosition();
    if (head === undefined || (after !== undefined && head <= after)) return { atEnd: true, next: after };
    const slice = await this.readAll({ after, maxCount: 1, filter: options.filter });
    return slice.events.length > 0 ? { atEnd: false, next: after } : { atEnd: true, next: slice.next };
  }
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  return value;
}
