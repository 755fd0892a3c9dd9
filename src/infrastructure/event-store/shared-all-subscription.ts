import {
  comparePositions,
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
} from '../../kernel/event-store.port.js';

export interface SharedAllSubscriptionOptions {
  /** Events per slice the shared reader asks of the store (unfiltered), and the page size of a catch-up. Default 500. */
  readonly batchSize?: number;
  /** Slices a subscriber may have waiting before the reader waits for it. Default 2. */
  readonly maxQueuedSlices?: number;
  /**
   * How long the reader waits for a subscriber whose queue is full before it lets that subscriber go back to
   * reading on its own (a reaction waiting out a delay must not hold up every projection). Default 2 s.
   */
  readonly detachAfterMs?: number;
}

type Delivery = { readonly kind: 'slice'; readonly slice: ReadAllSlice } | { readonly kind: 'end' } | { readonly kind: 'error'; readonly error: unknown };

/** A subscriber attached to the shared reader. */
interface Member {
  readonly filter: AllFilter | undefined;
  /** Exclusive: the last position this subscriber was handed (events at or before it are dropped). */
  cursor: Position | undefined;
  readonly queue: Delivery[];
  /** The reader stopped waiting for it: it drops its queue and reads on its own from its cursor. */
  detached: boolean;
  /** Wakes the subscriber's iteration (something was queued, it was detached, or the reader ended). */
  wake: (() => void) | undefined;
}

const atOrAfter = (position: Position | undefined, other: Position | undefined): boolean =>
  other === undefined || (position !== undefined && comparePositions(position, other) >= 0);

const later = (a: Position | undefined, b: Position | undefined): Position | undefined => (atOrAfter(a, b) ? a : b);

const matches = (filter: AllFilter | undefined, event: RecordedEvent): boolean =>
  (filter?.eventTypes === undefined || filter.eventTypes.includes(event.type)) &&
  (filter?.streamPrefixes === undefined || filter.streamPrefixes.some((prefix) => event.streamName.startsWith(prefix)));

/**
 * One `$all` reader per process, shared by every subscriber, over any EventStore (it only uses the store's own
 * subscribeToAll, readAll and headPosition): an append wakes one reader and costs one read, however many
 * projections and reactions follow the log. Everything but subscribeToAll goes straight to the store.
 *
 * The shared reader starts at the head and reads unfiltered slices; each subscriber gets every slice, filtered by
 * its own filter, with the same `next` and `isEnd` (so a checkpoint still advances over events it ignores).
 * A subscriber behind the reader catches up on its own with filtered `readAll` pages and joins once its position
 * is at or past the reader's; the check and the joining are one synchronous step, so no slice falls between.
 * A subscriber ahead of the reader joins at once and drops what it has seen. The reader reads the next slice only
 * once no subscriber has a full queue (bounded memory); one that keeps it waiting longer than `detachAfterMs` is
 * let go, drops its queue (every event in it is after its cursor) and reads on its own from its cursor again.
 * Nothing is skipped: whatever a subscriber is handed lies after what it was handed before, and catching up
 * reads from exactly there.
 */
export class SharedAllSubscription implements EventStore {
  private readonly closing = new AbortController();
  private readonly members = new Set<Member>();
  private readonly batchSize: number;
  private readonly maxQueued: number;
  private readonly detachAfterMs: number;
  /** The running reader, if any: where it has read up to and whether its last slice was the end of the log. */
  private reader: { position: Position | undefined; isEnd: boolean; readonly stop: AbortController } | undefined;
  private starting: Promise<void> | undefined;
  /** Wakes the reader when a queue drains or a member leaves. */
  private readerWake: (() => void) | undefined;

  constructor(
    private readonly store: EventStore,
    options: SharedAllSubscriptionOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.maxQueued = options.maxQueuedSlices ?? 2;
    this.detachAfterMs = options.detachAfterMs ?? 2_000;
  }

  appendToStream(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    return this.store.appendToStream(streamName, events, expected);
  }

  readStream(streamName: string, options?: ReadStreamOptions): Promise<RecordedEvent[]> {
    return this.store.readStream(streamName, options);
  }

  readAll(options: ReadAllOptions): Promise<ReadAllSlice> {
    return this.store.readAll(options);
  }

  headPosition(): Promise<Position | undefined> {
    return this.store.headPosition();
  }

  checkPosition(candidate: string): Promise<PositionCheck> {
    return this.store.checkPosition(candidate);
  }

  /** Ends every subscription, then closes the store. */
  async close(): Promise<void> {
    this.closing.abort();
    this.reader?.stop.abort();
    await this.store.close();
  }

  /** Subscribers currently attached to the shared reader (for tests and metrics). */
  get attached(): number {
    return this.members.size;
  }

  async *subscribeToAll(options: SubscribeOptions): AsyncIterable<ReadAllSlice> {
    const signal = AbortSignal.any([options.signal, this.closing.signal]);
    const batchSize = options.batchSize ?? this.batchSize;
    let cursor = options.after;
    while (!signal.aborted) {
      // Catching up: on its own, filtered, until it is at or past the shared reader.
      await this.ensureReader();
      if (signal.aborted) return;
      const reader = this.reader;
      if (reader === undefined) continue;
      if (!atOrAfter(cursor, reader.position)) {
        const readerAt = reader.position;
        const slice = await this.store.readAll({ after: cursor, maxCount: batchSize, filter: options.filter });
        if (signal.aborted) return;
        // The end of the log as this read saw it covers everything the reader had read before it began: the
        // subscriber may resume from there (the reader may have gone on meanwhile; the loop looks again).
        const next = later(later(slice.next, cursor), slice.isEnd ? readerAt : undefined);
        const events = slice.events.filter((event) => !atOrAfter(cursor, event.position));
        if (events.length > 0 || next !== cursor) yield { events, next, isEnd: slice.isEnd };
        cursor = next;
        continue;
      }
      // At or past the reader: join it (synchronously after the comparison, so no slice falls in between).
      const member: Member = { filter: options.filter, cursor, queue: [], detached: false, wake: undefined };
      if (reader.isEnd) member.queue.push({ kind: 'slice', slice: { events: [], next: cursor, isEnd: true } });
      this.members.add(member);
      const onAbort = () => member.wake?.();
      signal.addEventListener('abort', onAbort);
      try {
        for (;;) {
          const delivery = member.queue.shift();
          if (delivery === undefined) {
            if (member.detached || signal.aborted) break;
            await new Promise<void>((resolve) => (member.wake = resolve));
            member.wake = undefined;
            continue;
          }
          this.readerWake?.();
          if (delivery.kind === 'end') return;
          if (delivery.kind === 'error') throw delivery.error;
          cursor = delivery.slice.next;
          member.cursor = cursor;
          yield delivery.slice;
          if (signal.aborted) return;
        }
      } finally {
        signal.removeEventListener('abort', onAbort);
        this.leave(member);
      }
      // Detached: what it was handed ends at `cursor`; read on from there.
    }
  }

  private leave(member: Member): void {
    this.members.delete(member);
    member.queue.length = 0;
    this.readerWake?.();
    // Nobody left to read for: stop, so an idle process with no subscribers reads nothing.
    if (this.members.size === 0) this.reader?.stop.abort();
  }

  /** Starts the shared reader at the head of the log, unless it runs (or is starting) already. */
  private ensureReader(): Promise<void> {
    if (this.reader || this.closing.signal.aborted) return Promise.resolve();
    this.starting ??= (async () => {
      try {
        const head = await this.store.headPosition();
        if (this.closing.signal.aborted) return;
        const reader = { position: head, isEnd: false, stop: new AbortController() };
        this.reader = reader;
        void this.read(reader);
      } finally {
        this.starting = undefined;
      }
    })();
    return this.starting;
  }

  private async read(reader: NonNullable<SharedAllSubscription['reader']>): Promise<void> {
    const signal = AbortSignal.any([reader.stop.signal, this.closing.signal]);
    let ending: Delivery = { kind: 'end' };
    try {
      for await (const slice of this.store.subscribeToAll({ after: reader.position, batchSize: this.batchSize, signal })) {
        if (signal.aborted) break;
        reader.position = later(slice.next, reader.position);
        reader.isEnd = slice.isEnd;
        for (const member of this.members) this.hand(member, slice);
        await this.drained(signal);
        if (signal.aborted) break;
      }
    } catch (error) {
      if (!signal.aborted) ending = { kind: 'error', error };
    } finally {
      // Stopped for want of members: one that joined meanwhile reads on its own (and starts a new reader). A
      // failure, or a store whose subscription ended by itself (closed), ends every member's subscription (a
      // failure is rethrown to each, so its runner retries as it would have with a subscription of its own).
      const stoppedHere = reader.stop.signal.aborted && !this.closing.signal.aborted && ending.kind === 'end';
      if (this.reader === reader) this.reader = undefined;
      reader.stop.abort();
      for (const member of this.members) {
        if (stoppedHere) member.detached = true;
        else member.queue.push(ending);
        member.wake?.();
      }
      if (!stoppedHere) this.members.clear();
    }
  }

  private hand(member: Member, slice: ReadAllSlice): void {
    if (member.detached) return;
    const last = member.queue.findLast((delivery) => delivery.kind === 'slice');
    const handed = last?.kind === 'slice' ? last.slice.next : member.cursor;
    const unseen = slice.events.filter((event) => !atOrAfter(handed, event.position));
    const events = unseen.filter((event) => matches(member.filter, event));
    const next = later(slice.next, handed);
    if (events.length === 0 && next === handed && !slice.isEnd) return;
    member.queue.push({ kind: 'slice', slice: { events, next, isEnd: slice.isEnd, passed: unseen.at(-1)?.position ?? null } });
    member.wake?.();
  }

  /** Waits until no member has a full queue; members that keep it waiting past detachAfterMs are let go. */
  private async drained(signal: AbortSignal): Promise<void> {
    const full = () => [...this.members].filter((member) => !member.detached && member.queue.length >= this.maxQueued);
    if (full().length === 0) return;
    const deadline = Date.now() + this.detachAfterMs;
    while (!signal.aborted && full().length > 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        for (const member of full()) {
          member.detached = true;
          member.queue.length = 0;
          member.wake?.();
        }
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, remaining);
        const onAbort = () => done();
        signal.addEventListener('abort', onAbort, { once: true });
        function done() {
          clearTimeout(timer);
          signal.removeEventListener('abort', onAbort);
          resolve();
        }
        this.readerWake = () => {
          this.readerWake = undefined;
          done();
        };
      });
    }
  }
}
