/**
 * The EventStore conformance suite, written once against the port. Every adapter runs it unchanged:
 *   eventStoreConformance({ name: 'pglite', gaps: {...}, open: async () => ({ store, dispose }) })
 *
 * One store per suite; each case works in streams under its own random prefix, so cases do not see each
 * other's events (the $all cases read through a prefix filter).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  WrongExpectedRevisionError,
  comparePositions,
  type AllFilter,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type Position,
  type RecordedEvent,
} from '../../src/kernel/event-store.port.js';

export interface OpenTransaction {
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export interface SlowAppend extends OpenTransaction {
  /** The append's result as seen inside its still open transaction. */
  readonly result: AppendResult;
}

/**
 * Raw access a backend with concurrent transactions offers, to provoke the gaps of the global order.
 * Each call uses a connection of its own.
 */
export interface GapHarness {
  /** Runs the append inside a transaction and leaves it open: resolves once the events are written, uncommitted. */
  beginSlowAppend(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<SlowAppend>;
  /** Opens a transaction that holds a transaction id, as any writer does (not an append), and leaves it idle. */
  beginIdleTransaction(): Promise<OpenTransaction>;
}

export interface ConformanceFixture {
  readonly store: EventStore;
  /** Present when the subject declares gap support. */
  readonly gaps?: GapHarness;
  dispose(): Promise<void>;
}

/** Positions in the adapter's own encoding, which the suite cannot make up itself (positions are opaque). */
export interface PositionExamples {
  /** Well-formed, and far beyond any event a test run will ever write. */
  readonly beyondAnyWrite: Position;
  /** Not positions of this store, though they may look close to one (e.g. a part out of its range). */
  readonly malformed: readonly string[];
}

export interface ConformanceSubject {
  /** Shown in the describe title: `EventStore conformance [name]`. */
  readonly name: string;
  /** Declared up front (not by the fixture) so that jest can list unsupported cases as skipped, with the reason. */
  readonly gaps: { readonly supported: true } | { readonly supported: false; readonly reason: string };
  /** Set when the backend is not available here (e.g. no server configured): every case is listed as skipped with this reason. */
  readonly skipAll?: string;
  readonly positions: PositionExamples;
  open(): Promise<ConformanceFixture>;
}

interface Case {
  readonly title: string;
  readonly needsGaps?: boolean;
  run(store: EventStore, gaps: GapHarness, positions: PositionExamples): Promise<void>;
}

const WAIT_MS = 15_000;

const event = (type = 'Happened', data: unknown = { n: 1 }, metadata: Record<string, unknown> = {}): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata,
});
const events = (count: number, type = 'Happened'): NewEvent[] => Array.from({ length: count }, (_, i) => event(type, { i }));
/** A category-like prefix of its own per case: `conf<random>-`. */
const prefix = () => `conf${randomUUID().slice(0, 8)}-`;
const byPrefix = (p: string): AllFilter => ({ streamPrefixes: [p] });
const ids = (recorded: readonly RecordedEvent[]) => recorded.map((e) => e.eventId);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = WAIT_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

async function within<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Waits until $all exposes `position`. Visibility may lag an append (on PostgreSQL, any older transaction
 * on the server holds it back), so assertions about $all first wait for it.
 */
async function waitVisible(store: EventStore, position: Position | null): Promise<void> {
  if (position === null) throw new Error('no position to wait for');
  await until(async () => {
    const head = await store.headPosition();
    return head !== undefined && comparePositions(head, position) >= 0;
  }, `position ${position} to become visible`);
}

/** Reads $all from `after` until the end of what is visible. */
async function drain(
  store: EventStore,
  options: { after?: Position; filter?: AllFilter; maxCount?: number },
): Promise<{ events: RecordedEvent[]; next: Position | undefined }> {
  const collected: RecordedEvent[] = [];
  let after = options.after;
  for (;;) {
    const slice = await store.readAll({ after, maxCount: options.maxCount ?? 100, filter: options.filter });
    collected.push(...slice.events);
    if (slice.next !== undefined) after = slice.next;
    if (slice.isEnd) return { events: collected, next: after };
  }
}

/** A retried append answers as the first did, and says it wrote nothing (or, where the adapter cannot tell, nothing). */
function expectRepeated(retry: AppendResult, original: AppendResult): void {
  expect({ nextExpectedRevision: retry.nextExpectedRevision, position: retry.position }).toEqual({ nextExpectedRevision: original.nextExpectedRevision, position: original.position });
  expect(original.repeated).not.toBe(true);
  expect(retry.repeated).not.toBe(false);
}

async function expectConflict(append: Promise<unknown>, actual: number | 'no_stream'): Promise<void> {
  const error = await append.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  expect((error as WrongExpectedRevisionError).actual).toBe(actual);
}

const maxPosition = (...positions: (Position | null)[]): Position | null =>
  positions.reduce<Position | null>((a, b) => (a === null ? b : b === null ? a : comparePositions(a, b) >= 0 ? a : b), null);

/** A checkpoint never lies at or beyond an event that has not been delivered yet. */
function expectBefore(checkpoint: Position | undefined, position: Position | null): void {
  if (checkpoint === undefined) return;
  expect(position).not.toBeNull();
  expect(comparePositions(checkpoint, position as Position)).toBeLessThan(0);
}

const CASES: Case[] = [
  {
    title: 'no_stream: appends to a new stream; on an existing stream it conflicts with the actual revision',
    async run(store) {
      const stream = `${prefix()}1`;
      const result = await store.appendToStream(stream, events(2), 'no_stream');
      expect(result.nextExpectedRevision).toBe(1);
      expect(result.position).not.toBeNull();
      await expectConflict(store.appendToStream(stream, events(1), 'no_stream'), 1);
      expect(await store.readStream(stream)).toHaveLength(2);
    },
  },
  {
    title: 'stream_exists: on a missing stream it conflicts with no_stream; appends to an existing stream',
    async run(store) {
      const stream = `${prefix()}1`;
      await expectConflict(store.appendToStream(stream, events(1), 'stream_exists'), 'no_stream');
      expect(await store.readStream(stream)).toEqual([]);
      await store.appendToStream(stream, events(1), 'no_stream');
      const result = await store.appendToStream(stream, events(2), 'stream_exists');
      expect(result.nextExpectedRevision).toBe(2);
    },
  },
  {
    title: 'any: appends whether the stream exists or not',
    async run(store) {
      const stream = `${prefix()}1`;
      expect((await store.appendToStream(stream, events(1), 'any')).nextExpectedRevision).toBe(0);
      expect((await store.appendToStream(stream, events(2), 'any')).nextExpectedRevision).toBe(2);
    },
  },
  {
    title: 'exact revision: appends when it matches; otherwise conflicts with the actual revision',
    async run(store) {
      const stream = `${prefix()}1`;
      await expectConflict(store.appendToStream(stream, events(1), 0), 'no_stream');
      await store.appendToStream(stream, events(3), 'no_stream');
      await expectConflict(store.appendToStream(stream, events(1), 1), 2);
      await expectConflict(store.appendToStream(stream, events(1), 3), 2);
      const result = await store.appendToStream(stream, events(1), 2);
      expect(result.nextExpectedRevision).toBe(3);
      expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    },
  },
  {
    title: '20 concurrent writers with the same expected revision: exactly one wins each revision',
    async run(store) {
      const stream = `${prefix()}1`;
      const rounds = 4;
      for (let round = 0; round < rounds; round++) {
        const expected: ExpectedRevision = round === 0 ? 'no_stream' : round - 1;
        const outcomes = await Promise.allSettled(
          Array.from({ length: 20 }, () => store.appendToStream(stream, [event()], expected)),
        );
        const winners = outcomes.filter((o) => o.status === 'fulfilled');
        expect(winners).toHaveLength(1);
        for (const loser of outcomes.filter((o) => o.status === 'rejected')) {
          expect(loser.reason).toBeInstanceOf(WrongExpectedRevisionError);
          expect((loser.reason as WrongExpectedRevisionError).actual).toBe(round);
        }
      }
      expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
    },
  },
  {
    title: 'a retry with the same event ids appends nothing and returns the original result',
    async run(store) {
      const stream = `${prefix()}1`;
      await store.appendToStream(stream, events(1), 'no_stream');
      const batch = events(2);
      const original = await store.appendToStream(stream, batch, 0);
      await store.appendToStream(stream, events(1), 2);
      // Retried with the expectation the first attempt had, and with one that no longer matches anything.
      for (const expected of [0, 'any', 'no_stream'] as const) expectRepeated(await store.appendToStream(stream, batch, expected), original);
      expect(await store.readStream(stream)).toHaveLength(4);
      // A retried stream creation, too.
      const created = `${prefix()}2`;
      const first = events(1);
      const creation = await store.appendToStream(created, first, 'no_stream');
      expect(creation.repeated).not.toBe(true);
      expectRepeated(await store.appendToStream(created, first, 'no_stream'), creation);
      expect(await store.readStream(created)).toHaveLength(1);
    },
  },
  {
    title: 'an append that partly repeats appended event ids is a conflict',
    async run(store) {
      const stream = `${prefix()}1`;
      const batch = events(2);
      await store.appendToStream(stream, batch, 'no_stream');
      await expectConflict(store.appendToStream(stream, [batch[1] as NewEvent, event()], 'any'), 1);
      expect(await store.readStream(stream)).toHaveLength(2);
    },
  },
  {
    title: 'an empty append checks the expectation, appends nothing and has no position',
    async run(store) {
      const stream = `${prefix()}1`;
      expect(await store.appendToStream(stream, [], 'no_stream')).toEqual({ nextExpectedRevision: -1, position: null });
      await expectConflict(store.appendToStream(stream, [], 'stream_exists'), 'no_stream');
      expect(await store.readStream(stream)).toEqual([]);
      await store.appendToStream(stream, events(2), 'no_stream');
      expect(await store.appendToStream(stream, [], 1)).toEqual({ nextExpectedRevision: 1, position: null });
      expect(await store.appendToStream(stream, [], 'any')).toEqual({ nextExpectedRevision: 1, position: null });
      await expectConflict(store.appendToStream(stream, [], 0), 1);
      await expectConflict(store.appendToStream(stream, [], 'no_stream'), 1);
      expect(await store.readStream(stream)).toHaveLength(2);
    },
  },
  {
    title: 'reads a stream forwards, as appended; a missing stream reads as []',
    async run(store) {
      const stream = `${prefix()}1`;
      const first = events(3, 'First');
      const second = events(2, 'Second');
      await store.appendToStream(stream, first, 'no_stream');
      const last = await store.appendToStream(stream, second, 2);
      const read = await store.readStream(stream);
      expect(ids(read)).toEqual([...first, ...second].map((e) => e.eventId));
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4]);
      expect(read.map((e) => e.type)).toEqual(['First', 'First', 'First', 'Second', 'Second']);
      expect(read.every((e) => e.streamName === stream && e.recordedAt instanceof Date)).toBe(true);
      expect(read.at(-1)?.position).toBe(last.position);
      for (let i = 1; i < read.length; i++) {
        expect(comparePositions((read[i - 1] as RecordedEvent).position, (read[i] as RecordedEvent).position)).toBeLessThan(0);
      }
      expect(await store.readStream(`${prefix()}missing`)).toEqual([]);
    },
  },
  {
    title: 'reads a stream up to a revision (inclusive) and at most maxCount events',
    async run(store) {
      const stream = `${prefix()}1`;
      await store.appendToStream(stream, events(6), 'no_stream');
      expect((await store.readStream(stream, { toRevision: 2 })).map((e) => e.revision)).toEqual([0, 1, 2]);
      expect((await store.readStream(stream, { toRevision: 0 })).map((e) => e.revision)).toEqual([0]);
      expect((await store.readStream(stream, { maxCount: 4 })).map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      expect((await store.readStream(stream, { toRevision: 99 })).map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
    },
  },
  {
    title: 'reads a stream up to an instant (recorded at or before it)',
    async run(store) {
      const stream = `${prefix()}1`;
      await store.appendToStream(stream, [event()], 'no_stream');
      await sleep(15);
      await store.appendToStream(stream, [event()], 0);
      await sleep(15);
      await store.appendToStream(stream, [event()], 1);
      const all = await store.readStream(stream);
      const instants = all.map((e) => e.recordedAt.getTime());
      expect([...instants].sort((a, b) => a - b)).toEqual(instants);
      const second = all[1] as RecordedEvent;
      expect((await store.readStream(stream, { until: second.recordedAt })).map((e) => e.revision)).toEqual([0, 1]);
      expect(await store.readStream(stream, { until: new Date((all[0] as RecordedEvent).recordedAt.getTime() - 1) })).toEqual([]);
      expect(await store.readStream(stream, { until: new Date(Date.now() + 60_000) })).toHaveLength(3);
    },
  },
  {
    title: 'reads a stream from a revision',
    async run(store) {
      const stream = `${prefix()}1`;
      await store.appendToStream(stream, events(5), 'no_stream');
      expect((await store.readStream(stream, { fromRevision: 3 })).map((e) => e.revision)).toEqual([3, 4]);
      expect((await store.readStream(stream, { fromRevision: 1, toRevision: 2 })).map((e) => e.revision)).toEqual([1, 2]);
      expect(await store.readStream(stream, { fromRevision: 5 })).toEqual([]);
    },
  },
  {
    title: 'data and metadata round trip (nested objects, arrays, unicode, numbers, null)',
    async run(store) {
      const stream = `${prefix()}1`;
      const data = { name: 'Søren Ærø Åby', note: '💊 Ströme – “quotes” \\ \' "', nested: { list: [1, 2.5, -3, { deep: [null, true, 'ø'] }] }, empty: {} };
      const metadata = {
        correlationId: randomUUID(),
        actor: { userId: 'u-1', role: 'caseworker', municipalityId: '0101' },
        tags: ['æ', 'ø', 'å', '中文', '🙂'],
        schemaVersion: 2,
        occurredAt: '2026-11-26T07:00:00.000Z',
      };
      const sent = event('Described', data, metadata);
      await store.appendToStream(stream, [sent, event('Scalar', 42, {}), event('Text', 'just a string', {})], 'no_stream');
      const [read, scalar, text] = await store.readStream(stream);
      expect(read?.eventId).toBe(sent.eventId);
      expect(read?.data).toEqual(data);
      expect(read?.metadata).toEqual(metadata);
      expect(scalar?.data).toBe(42);
      expect(text?.data).toBe('just a string');
    },
  },
  {
    title: '$all under concurrent writers and a concurrent reader: every event exactly once, in stream revision order',
    async run(store) {
      const p = prefix();
      const filter = byPrefix(p);
      const { next: start } = await drain(store, { filter });
      const appended: string[] = [];
      let writing = true;
      // Readers resume from their checkpoint, as projections do, while the writers run.
      const seen: RecordedEvent[] = [];
      const deadline = Date.now() + 2 * WAIT_MS;
      const reader = (async () => {
        let after = start;
        while (writing || seen.length < appended.length) {
          if (Date.now() > deadline) throw new Error(`reader saw ${seen.length} of ${appended.length} events`);
          const slice = await store.readAll({ after, maxCount: 7, filter });
          seen.push(...slice.events);
          after = slice.next ?? after;
          if (slice.isEnd) await sleep(5);
        }
      })();
      const writers = Array.from({ length: 8 }, async (_, writer) => {
        for (let i = 0; i < 12; i++) {
          // Four streams shared by all writers: appends to one stream from different connections interleave.
          const batch = events(1 + ((writer + i) % 3));
          await store.appendToStream(`${p}s${(writer * 7 + i) % 4}`, batch, 'any');
          appended.push(...batch.map((e) => e.eventId));
        }
      });
      try {
        await Promise.all(writers);
      } finally {
        writing = false;
      }
      await reader;

      expect(new Set(ids(seen)).size).toBe(seen.length);
      expect([...ids(seen)].sort()).toEqual([...appended].sort());
      for (let i = 1; i < seen.length; i++) {
        expect(comparePositions((seen[i - 1] as RecordedEvent).position, (seen[i] as RecordedEvent).position)).toBeLessThan(0);
      }
      const revisions = new Map<string, number[]>();
      for (const e of seen) revisions.set(e.streamName, [...(revisions.get(e.streamName) ?? []), e.revision]);
      for (const list of revisions.values()) expect(list).toEqual(list.map((_, i) => i));
    },
  },
  {
    title: 'readAll filters by event type',
    async run(store) {
      const p = prefix();
      const wanted = `Wanted${randomUUID().slice(0, 8)}`;
      const a = [event(wanted), event('Other'), event(wanted)];
      const b = [event('Other'), event(wanted)];
      await store.appendToStream(`${p}a`, a, 'no_stream');
      const last = await store.appendToStream(`${p}b`, b, 'no_stream');
      await waitVisible(store, last.position);
      const { events: read } = await drain(store, { filter: { eventTypes: [wanted] }, maxCount: 2 });
      expect(ids(read)).toEqual([a[0], a[2], b[1]].map((e) => e?.eventId));
      const both = await drain(store, { filter: { eventTypes: [wanted, 'Other'], streamPrefixes: [p] } });
      expect(both.events).toHaveLength(5);
    },
  },
  {
    title: 'readAll filters by stream prefix',
    async run(store) {
      const p = prefix();
      const x = events(2);
      const y = events(1);
      await store.appendToStream(`${p}x-1`, x, 'no_stream');
      await store.appendToStream(`${p}y-1`, y, 'no_stream');
      const last = await store.appendToStream(`${p}x-2`, [event()], 'no_stream');
      await waitVisible(store, last.position);
      const onlyX = await drain(store, { filter: { streamPrefixes: [`${p}x-`] } });
      expect(onlyX.events.map((e) => e.streamName)).toEqual([`${p}x-1`, `${p}x-1`, `${p}x-2`]);
      const both = await drain(store, { filter: { streamPrefixes: [`${p}x-`, `${p}y-`] } });
      expect(both.events).toHaveLength(4);
      // A prefix is literal: LIKE wildcards in it match only themselves.
      expect((await drain(store, { filter: { streamPrefixes: [`${p}%`, `${p}_-`] } })).events).toEqual([]);
    },
  },
  {
    title: "a filtered readAll's next advances past the events it does not return",
    async run(store) {
      const p = prefix();
      const filter: AllFilter = { eventTypes: [`Never${randomUUID()}`] };
      const before = await store.readAll({ maxCount: 10, filter });
      const last = await store.appendToStream(`${p}1`, events(5, 'Other'), 'no_stream');
      await waitVisible(store, last.position);
      const slice = await store.readAll({ after: before.next, maxCount: 10, filter });
      expect(slice.events).toEqual([]);
      expect(slice.isEnd).toBe(true);
      expect(slice.next).toBeDefined();
      expect(comparePositions(slice.next as Position, last.position as Position)).toBeGreaterThanOrEqual(0);
    },
  },
  {
    title: 'readAll resumes from a checkpoint, page by page, without loss or repetition',
    async run(store) {
      const p = prefix();
      const filter = byPrefix(p);
      const first = events(4);
      const second = events(6);
      await store.appendToStream(`${p}1`, first, 'no_stream');
      const mid = await store.appendToStream(`${p}2`, second.slice(0, 3), 'no_stream');
      await waitVisible(store, mid.position);
      const page = await store.readAll({ maxCount: 3, filter });
      expect(ids(page.events)).toEqual(first.slice(0, 3).map((e) => e.eventId));
      expect(page.isEnd).toBe(false);
      const rest = await store.appendToStream(`${p}2`, second.slice(3), 2);
      await waitVisible(store, rest.position);
      const collected = [...page.events];
      let after = page.next;
      for (;;) {
        const slice = await store.readAll({ after, maxCount: 3, filter });
        collected.push(...slice.events);
        after = slice.next;
        if (slice.isEnd) break;
      }
      expect(ids(collected)).toEqual([...first, ...second].map((e) => e.eventId));
      // Nothing after the final checkpoint.
      expect((await store.readAll({ after, maxCount: 3, filter })).events).toEqual([]);
    },
  },
  {
    title: 'headPosition is the position of the newest event',
    async run(store) {
      const result = await store.appendToStream(`${prefix()}1`, events(2), 'no_stream');
      await waitVisible(store, result.position);
      const head = await store.headPosition();
      expect(head).toBeDefined();
      expect(comparePositions(head as Position, result.position as Position)).toBeGreaterThanOrEqual(0);
    },
  },
  {
    title: 'checkPosition: the position an append answered is written as soon as the append returns, and so is every earlier one',
    async run(store) {
      const stream = `${prefix()}1`;
      const result = await store.appendToStream(stream, events(3), 'no_stream');
      // No wait for visibility: a client may send the position back the moment it has it.
      expect(await store.checkPosition(result.position as string)).toBe('written');
      const [first] = await store.readStream(stream);
      expect(await store.checkPosition((first as RecordedEvent).position)).toBe('written');
    },
  },
  {
    title: 'checkPosition: a well-formed position beyond the newest event written is unwritten',
    async run(store, _gaps, positions) {
      await store.appendToStream(`${prefix()}1`, events(1), 'no_stream');
      expect(await store.checkPosition(positions.beyondAnyWrite)).toBe('unwritten');
    },
  },
  {
    title: "checkPosition: a string not shaped as the store's positions is malformed, answered rather than thrown",
    async run(store, _gaps, positions) {
      const { position } = await store.appendToStream(`${prefix()}1`, events(1), 'no_stream');
      const real = position as string;
      // Positions are fixed-width: a real one cut, lengthened or padded is none.
      const candidates = ['', 'garbage', "';drop table es_events", '-1', '\u0000', 'x'.repeat(10_000), real.slice(1), `${real}0`, ` ${real}`, `${real}\n`];
      for (const candidate of [...candidates, ...positions.malformed]) {
        expect({ candidate: candidate.slice(0, 40), check: await store.checkPosition(candidate) }).toEqual({ candidate: candidate.slice(0, 40), check: 'malformed' });
      }
    },
  },
  {
    title: 'a subscription catches up, goes live, receives an event appended after it started, and ends on abort',
    async run(store) {
      const p = prefix();
      const catchUp = events(5);
      await store.appendToStream(`${p}1`, catchUp, 'no_stream');
      const controller = new AbortController();
      const received: RecordedEvent[] = [];
      const subscription = (async () => {
        for await (const slice of store.subscribeToAll({ filter: byPrefix(p), batchSize: 2, signal: controller.signal })) {
          received.push(...slice.events);
        }
      })();
      try {
        await until(() => received.length === 5, 'the catch-up');
        const live = event('Live');
        await sleep(100);
        await store.appendToStream(`${p}1`, [live], 4);
        await until(() => received.length === 6, 'the live event');
        expect(ids(received)).toEqual([...catchUp, live].map((e) => e.eventId));
      } finally {
        controller.abort();
      }
      await within(subscription, 'the subscription to end on abort', 5_000);
      await store.appendToStream(`${p}1`, [event()], 5);
      await sleep(50);
      expect(received).toHaveLength(6);
    },
  },
  {
    title: 'a subscription from a checkpoint delivers only the events after it',
    async run(store) {
      const p = prefix();
      const old = events(3);
      const first = await store.appendToStream(`${p}1`, old, 'no_stream');
      await waitVisible(store, first.position);
      const { next } = await drain(store, { filter: byPrefix(p) });
      const fresh = events(2);
      await store.appendToStream(`${p}1`, fresh, 2);
      const controller = new AbortController();
      const received: RecordedEvent[] = [];
      const timeout = setTimeout(() => controller.abort(), WAIT_MS);
      try {
        for await (const slice of store.subscribeToAll({ after: next, filter: byPrefix(p), signal: controller.signal })) {
          received.push(...slice.events);
          if (received.length >= 2) controller.abort();
        }
      } finally {
        clearTimeout(timeout);
        controller.abort();
      }
      expect(ids(received)).toEqual(fresh.map((e) => e.eventId));
    },
  },

  // ---- the global order's gaps (need real concurrent transactions) ----
  {
    title: 'gap: a reader never passes a slower transaction that began first; after it commits, the reader sees it',
    needsGaps: true,
    async run(store, gaps) {
      const p = prefix();
      const filter = byPrefix(p);
      const slowEvent = event('Slow');
      const slow = await gaps.beginSlowAppend(`${p}slow`, [slowEvent], 'no_stream');
      let fast: AppendResult;
      let first: { events: RecordedEvent[]; next: Position | undefined };
      try {
        fast = await store.appendToStream(`${p}fast`, [event('Fast')], 'no_stream');
        first = await drain(store, { filter });
        expect(ids(first.events)).not.toContain(slowEvent.eventId);
        expectBefore(first.next, slow.result.position);
      } finally {
        await slow.commit();
      }
      await waitVisible(store, maxPosition(slow.result.position, fast.position));
      const second = await drain(store, { after: first.next, filter });
      const all = ids([...first.events, ...second.events]);
      expect(all).toContain(slowEvent.eventId);
      expect(all).toHaveLength(2);
      expect(new Set(all).size).toBe(2);
    },
  },
  {
    title: 'gap: several slow transactions committing in reverse order are each delivered exactly once',
    needsGaps: true,
    async run(store, gaps) {
      const p = prefix();
      const filter = byPrefix(p);
      const slows: SlowAppend[] = [];
      try {
        for (let i = 0; i < 3; i++) slows.push(await gaps.beginSlowAppend(`${p}slow${i}`, events(2), 'no_stream'));
        const fast = await store.appendToStream(`${p}fast`, events(1), 'no_stream');
        const seen: RecordedEvent[] = [];
        let checkpoint: Position | undefined;
        const read = async () => {
          const slice = await drain(store, { after: checkpoint, filter });
          seen.push(...slice.events);
          checkpoint = slice.next;
        };
        await read();
        for (const slow of slows) expectBefore(checkpoint, slow.result.position);
        while (slows.length > 0) {
          await (slows.pop() as SlowAppend).commit();
          await read();
          for (const open of slows) expectBefore(checkpoint, open.result.position);
        }
        await waitVisible(store, fast.position);
        await read();
        expect(seen).toHaveLength(7);
        expect(new Set(ids(seen)).size).toBe(7);
      } finally {
        await Promise.all(slows.map((s) => s.rollback()));
      }
    },
  },
  {
    title: 'gap: a rolled-back append (a hole in the sequence) is passed over',
    needsGaps: true,
    async run(store, gaps) {
      const p = prefix();
      const filter = byPrefix(p);
      const slow = await gaps.beginSlowAppend(`${p}rolled`, events(2), 'no_stream');
      const fast = await store.appendToStream(`${p}fast`, events(1), 'no_stream');
      await slow.rollback();
      await waitVisible(store, fast.position);
      const read = await drain(store, { filter });
      expect(read.events.map((e) => e.streamName)).toEqual([`${p}fast`]);
      expect(await store.readStream(`${p}rolled`)).toEqual([]);
      // The stream was never created: it can be now, and the reader goes on from its checkpoint.
      const again = await store.appendToStream(`${p}rolled`, events(1), 'no_stream');
      await waitVisible(store, again.position);
      const after = await drain(store, { after: read.next, filter });
      expect(after.events.map((e) => e.streamName)).toEqual([`${p}rolled`]);
    },
  },
  {
    title: 'gap: checkPosition counts an append as written while an older open transaction still hides it from $all',
    needsGaps: true,
    async run(store, gaps) {
      const idle = await gaps.beginIdleTransaction();
      try {
        // Appended by another writer (another instance of the service): this store object has not seen it.
        const other = await gaps.beginSlowAppend(`${prefix()}1`, events(1), 'no_stream');
        await other.commit();
        // headPosition lags behind the append here, so it cannot be what tells written from unwritten.
        expectBefore(await store.headPosition(), other.result.position);
        expect(await store.checkPosition(other.result.position as string)).toBe('written');
      } finally {
        await idle.commit();
      }
    },
  },
  {
    title: 'gap: an idle open transaction holds the horizon; no event is lost when it commits',
    needsGaps: true,
    async run(store, gaps) {
      const p = prefix();
      const filter = byPrefix(p);
      const { next: start } = await drain(store, { filter });
      const controller = new AbortController();
      const received: RecordedEvent[] = [];
      const subscription = (async () => {
        for await (const slice of store.subscribeToAll({ after: start, filter, signal: controller.signal })) {
          received.push(...slice.events);
        }
      })();
      const idle = await gaps.beginIdleTransaction();
      try {
        const appended = await store.appendToStream(`${p}1`, events(2), 'no_stream');
        const during = await store.readAll({ after: start, maxCount: 10, filter });
        expect(during.events).toEqual([]);
        expectBefore(during.next, appended.position);
        await sleep(300);
        expect(received).toEqual([]);
      } finally {
        // A commit that appended nothing notifies no one: the subscription must find the events by itself.
        await idle.commit();
      }
      try {
        await until(() => received.length === 2, 'the subscription to deliver the held-back events');
      } finally {
        controller.abort();
        await subscription;
      }
    },
  },
];

export function eventStoreConformance(subject: ConformanceSubject): void {
  const skipReason = (c: Case): string | undefined =>
    subject.skipAll ?? (c.needsGaps && !subject.gaps.supported ? subject.gaps.reason : undefined);
  const skipped = CASES.filter((c) => skipReason(c) !== undefined).length;
  describe(`EventStore conformance [${subject.name}] (${CASES.length - skipped} cases run, ${skipped} skipped)`, () => {
    if (subject.skipAll !== undefined) {
      for (const c of CASES) it.skip(`skipped: ${subject.skipAll} — ${c.title}`, () => undefined);
      return;
    }
    let fixture: ConformanceFixture;
    beforeAll(async () => {
      fixture = await subject.open();
    });
    afterAll(async () => {
      await fixture?.dispose();
    });
    for (const c of CASES) {
      const reason = skipReason(c);
      if (reason !== undefined) {
        it.skip(`skipped: ${reason} — ${c.title}`, () => undefined);
        continue;
      }
      it(c.title, async () => {
        const gaps = fixture.gaps;
        if (c.needsGaps && !gaps) throw new Error(`${subject.name} declares gap support but its fixture has no gap harness`);
        await c.run(fixture.store, gaps as GapHarness, subject.positions);
      });
    }
  });
}
