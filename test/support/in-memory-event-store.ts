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
} from '../../src/kernel/event-store.port.js';

/**
 * A test fake of the EventStore port: one array in memory, positions as zero-padded counters (so string
 * order is log order, as the port requires). Good enough for the projection runner's unit tests; the
 * real adapters have their own conformance suite.
 */
export class InMemoryEventStore implements EventStore {
  private readonly log: RecordedEvent[] = [];
  private waiters = new Set<() => void>();
  private clock = Date.parse('2026-01-01T00:00:00Z');

  static position(sequence: number): Position {
    return String(sequence).padStart(16, '0') as Position;
  }

  async appendToStream(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const stream = this.log.filter((event) => event.streamName === streamName);
    const current = stream.length - 1;
    this.checkExpected(streamName, expected, current);
    const fresh = events.filter((event) => !stream.some((recorded) => recorded.eventId === event.eventId));
    fresh.forEach((event, index) => {
      this.log.push({
        ...event,
        streamName,
        revision: current + 1 + index,
        position: InMemoryEventStore.position(this.log.length + 1),
        recordedAt: new Date((this.clock += 1000)),
      });
    });
    this.wake();
    const last = this.log.filter((event) => event.streamName === streamName).at(-1);
    return {
      nextExpectedRevision: current + fresh.length,
      position: events.length === 0 ? null : (last?.position ?? null),
      ...(events.length > 0 && fresh.length === 0 ? { repeated: true } : {}),
    };
  }

  async readStream(streamName: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const from = options.fromRevision ?? 0;
    const to = options.toRevision ?? Number.MAX_SAFE_INTEGER;
    return this.log
      .filter((event) => event.streamName === streamName && event.revision >= from && event.revision <= to)
      .filter((event) => !options.until || event.recordedAt <= options.until)
      .slice(0, options.maxCount ?? Number.MAX_SAFE_INTEGER);
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllSlice> {
    const start = options.after === undefined ? 0 : Number(options.after);
    const events: RecordedEvent[] = [];
    let scanned = start;
    for (const event of this.log.slice(start)) {
      if (events.length >= options.maxCount) break;
      scanned++;
      if (matches(event, options.filter)) events.push(event);
    }
    const next = scanned === 0 ? undefined : InMemoryEventStore.position(scanned);
    return { events, next, isEnd: scanned >= this.log.length };
  }

  async *subscribeToAll(options: SubscribeOptions): AsyncIterable<ReadAllSlice> {
    let after = options.after;
    while (!options.signal.aborted) {
      const slice = await this.readAll({ after, maxCount: options.batchSize ?? 100, filter: options.filter });
      const advanced = slice.next !== undefined && slice.next !== after;
      if (slice.events.length > 0 || advanced || (slice.isEnd && after === undefined)) yield slice;
      after = slice.next ?? after;
      if (slice.isEnd) await this.nextAppend(options.signal);
    }
  }

  async headPosition(): Promise<Position | undefined> {
    return this.log.at(-1)?.position;
  }

  async checkPosition(candidate: string): Promise<PositionCheck> {
    if (!/^\d{16}$/.test(candidate)) return 'malformed';
    return Number(candidate) <= this.log.length ? 'written' : 'unwritten';
  }

  async close(): Promise<void> {
    this.wake();
  }

  /** Test helper: the whole log. */
  all(): readonly RecordedEvent[] {
    return this.log;
  }

  private checkExpected(streamName: string, expected: ExpectedRevision, current: number): void {
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && current === -1) ||
      (expected === 'stream_exists' && current >= 0) ||
      expected === current;
    if (!ok) throw new WrongExpectedRevisionError(streamName, expected, current === -1 ? 'no_stream' : current);
  }

  private nextAppend(signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        this.waiters.delete(done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.waiters.add(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  private wake(): void {
    const waiting = [...this.waiters];
    this.waiters = new Set();
    waiting.forEach((resolve) => resolve());
  }
}

const matches = (event: RecordedEvent, filter: AllFilter | undefined): boolean =>
  (!filter?.eventTypes || filter.eventTypes.includes(event.type)) &&
  (!filter?.streamPrefixes || filter.streamPrefixes.some((prefix) => event.streamName.startsWith(prefix)));
