import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { ProjectedEvent } from '../../src/kernel/projection.js';
import { comparePositions, type EventStore, type Position, type RecordedEvent } from '../../src/kernel/event-store.port.js';
import { encodePosition, PostgresEventStore } from '../../src/infrastructure/event-store/postgres/postgres-event-store.js';
import type { Reaction } from '../../src/kernel/reaction.js';
import { StoreUnavailableError } from '../../src/kernel/store-unavailable.js';
import { ReactionRunner, Reactions, type ReactionRunnerOptions } from '../../src/infrastructure/reactions/reaction-runner.js';
import { ReactionStorage } from '../../src/infrastructure/reactions/reaction-storage.js';
import { SharedAllSubscription } from '../../src/infrastructure/event-store/shared-all-subscription.js';
import type { EventMetadata } from '../../src/shared/event-metadata.js';
import { describeEachBackend } from '../support/databases.js';

/**
 * The reaction runner over the real PostgreSQL event store and its SQL storage, both in one database (with
 * PGlite, one connection for both). Reactions here record what they see, so a repeat or a skip shows.
 */

const OPTIONS: ReactionRunnerOptions = { batchSize: 2, maxAttempts: 3, retryBaseMs: 1, retryMaxMs: 5, pollMs: 5 };
const HANDLED = 'ThingHappened';
const OCCURRED_AT = '2026-03-10T12:00:00.000Z';

interface Thing {
  readonly n: number;
}

function metadata(occurredAt: string): EventMetadata {
  return { commandId: randomUUID(), correlationId: randomUUID(), causationId: randomUUID(), actor: { userId: 'system', role: 'system', municipalityId: null }, occurredAt, schemaVersion: 1 };
}

async function append(store: EventStore, stream: string, type: string, data: unknown, occurredAt = OCCURRED_AT): Promise<Position> {
  const result = await store.appendToStream(stream, [{ eventId: randomUUID(), type, data, metadata: { ...metadata(occurredAt) } }], 'any');
  if (!result.position) throw new Error('nothing appended');
  return result.position;
}

/** Appends things n = from…to, each followed by an event the reactions do not handle. */
async function appendThings(store: EventStore, from: number, to: number, occurredAt = OCCURRED_AT): Promise<Position[]> {
  const positions: Position[] = [];
  for (let n = from; n <= to; n++) {
    positions.push(await append(store, `thing-${n % 2}`, HANDLED, { n }, occurredAt));
    await append(store, `other-${n}`, 'SomethingElse', { n });
  }
  return positions;
}

function decode(recorded: RecordedEvent): ProjectedEvent {
  return {
    type: recorded.type,
    data: recorded.data,
    eventId: recorded.eventId,
    streamName: recorded.streamName,
    revision: recorded.revision,
    position: recorded.position,
    recordedAt: recorded.recordedAt,
    metadata: recorded.metadata as unknown as EventMetadata,
  };
}

/** A reaction that records every event it handled, and every attempt; `fails` decides whether an attempt throws. */
function recordingReaction(options: { name?: string; delayMs?: number; fails?: (thing: Thing, attempt: number) => boolean } = {}) {
  const handled: ProjectedEvent[] = [];
  const attempts = new Map<number, number>();
  const reaction: Reaction = {
    name: options.name ?? 'things',
    handles: [HANDLED],
    ...(options.delayMs === undefined ? {} : { delayMs: options.delayMs }),
    async react(event) {
      const thing = event.data as Thing;
      const attempt = (attempts.get(thing.n) ?? 0) + 1;
      attempts.set(thing.n, attempt);
      if (options.fails?.(thing, attempt)) throw new Error(`cannot handle thing ${thing.n} (attempt ${attempt})`);
      handled.push(event);
    },
  };
  return { reaction, handled, attempts, numbers: () => handled.map((event) => (event.data as Thing).n) };
}

/** Polls `probe` until it stops throwing (an expect that passes), or rethrows its last failure. */
async function eventually<T>(probe: () => T | Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await probe();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await pause(10);
    }
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachBackend('ReactionRunner on the PostgreSQL event store', (backend) => {
  const cleanup: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  async function setUp() {
    const db = await backend.open();
    cleanup.push(() => db.close());
    const eventStore = await PostgresEventStore.open(db, { wakeUpIntervalMs: 25 });
    cleanup.push(() => eventStore.close());
    const storage = await ReactionStorage.open(db);
    const start = (reaction: Reaction, clock: () => Date = () => new Date(), options: Partial<ReactionRunnerOptions> = {}) => {
      const controller = new AbortController();
      const runner = new ReactionRunner({ reaction, eventStore, storage, decode, clock, options: { ...OPTIONS, ...options } });
      const running = runner.run(controller.signal);
      const stop = async () => {
        controller.abort();
        await running;
      };
      cleanup.push(stop);
      return { runner, stop };
    };
    return { db, eventStore, storage, start };
  }

  it('reacts to each handled event once, in log order, and saves the checkpoint after each', async () => {
    const { eventStore, storage, start } = await setUp();
    const positions = await appendThings(eventStore, 1, 5);
    const things = recordingReaction();
    const { runner } = start(things.reaction);

    await eventually(() => expect(things.numbers()).toEqual([1, 2, 3, 4, 5]));
    expect(things.handled.map((event) => event.position)).toEqual(positions);
    expect(things.handled.every((event) => event.type === HANDLED)).toBe(true);
    await eventually(async () => expect(await storage.checkpoint('things')).toBe(positions[4]));

    // Live: an event appended after catching up is handled too.
    const [sixth] = await appendThings(eventStore, 6, 6);
    await eventually(() => expect(things.numbers()).toEqual([1, 2, 3, 4, 5, 6]));
    await eventually(async () => expect(await storage.checkpoint('things')).toBe(sixth));
    await eventually(() => expect(runner.status).toMatchObject({ name: 'things', checkpoint: sixth, reacted: 6, parked: 0, caughtUp: true, lastError: undefined }));

    await pause(100); // a few wake-ups of the subscription: nothing is handled twice
    expect(things.numbers()).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...things.attempts.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    expect(await storage.parked('things')).toEqual([]);
  });

  it('a restarted runner resumes after its checkpoint: no repeats; another reaction keeps a checkpoint of its own', async () => {
    const { eventStore, storage, start } = await setUp();
    const first = await appendThings(eventStore, 1, 3);
    const before = recordingReaction();
    const { stop } = start(before.reaction);
    await eventually(async () => expect(await storage.checkpoint('things')).toBe(first[2]));
    await stop();
    expect(before.numbers()).toEqual([1, 2, 3]);

    const later = await appendThings(eventStore, 4, 5);
    const after = recordingReaction();
    const { runner } = start(after.reaction);
    await eventually(() => expect(after.numbers()).toEqual([4, 5]));
    expect(after.handled.map((event) => event.position)).toEqual(later);
    await eventually(async () => expect(await storage.checkpoint('things')).toBe(later[1]));
    expect(runner.status.reacted).toBe(2);

    const other = recordingReaction({ name: 'other-things' });
    start(other.reaction);
    await eventually(() => expect(other.numbers()).toEqual([1, 2, 3, 4, 5]));
    await pause(50);
    expect(after.numbers()).toEqual([4, 5]);
    expect(before.numbers()).toEqual([1, 2, 3]);
  });

  it('starts after a checkpoint saved beforehand (e.g. by another instance)', async () => {
    const { eventStore, storage, start } = await setUp();
    const positions = await appendThings(eventStore, 1, 4);
    await storage.saveCheckpoint('things', positions[1] as Position);
    const things = recordingReaction();
    start(things.reaction);
    await eventually(() => expect(things.numbers()).toEqual([3, 4]));
  });

  it('a reaction that throws twice and then succeeds is retried: handled once, after three attempts, nothing parked', async () => {
    const { eventStore, storage, start } = await setUp();
    const positions = await appendThings(eventStore, 1, 3);
    const things = recordingReaction({ fails: (thing, attempt) => thing.n === 2 && attempt <= 2 });
    const { runner } = start(things.reaction);

    await eventually(() => expect(things.numbers()).toEqual([1, 2, 3]));
    expect(things.attempts.get(2)).toBe(3);
    expect(things.attempts.get(3)).toBe(1);
    await eventually(async () => expect(await storage.checkpoint('things')).toBe(positions[2]));
    expect(await storage.parked('things')).toEqual([]);
    expect(runner.status).toMatchObject({ reacted: 3, parked: 0, lastError: 'cannot handle thing 2 (attempt 2)' });
  });

  it('a reaction whose store cannot be reached is not parked: it waits for the store past maxAttempts, then handles the event once', async () => {
    const { eventStore, storage, start } = await setUp();
    await appendThings(eventStore, 1, 2);
    const outage = OPTIONS.maxAttempts * 2;
    const handled: number[] = [];
    let tries = 0;
    const { runner } = start({
      name: 'things',
      handles: [HANDLED],
      async react(event) {
        const { n } = event.data as Thing;
        if (n === 2 && ++tries <= outage) throw new StoreUnavailableError('database', { cause: new Error('connect ECONNREFUSED') });
        handled.push(n);
      },
    });

    await eventually(() => expect(handled).toEqual([1, 2]));
    expect(tries).toBe(outage + 1);
    expect(await storage.parked('things')).toEqual([]);
    expect(runner.status).toMatchObject({ reacted: 2, parked: 0 });
  });

  it('a reaction that always throws is parked after maxAttempts, and the runner goes on to the next event', async () => {
    const { eventStore, storage, start } = await setUp();
    const positions = await appendThings(eventStore, 1, 3);
    const things = recordingReaction({ fails: (thing) => thing.n === 2 });
    const { runner, stop } = start(things.reaction);

    await eventually(() => expect(things.numbers()).toEqual([1, 3]));
    expect(things.attempts.get(2)).toBe(OPTIONS.maxAttempts);
    await eventually(async () => expect(await storage.checkpoint('things')).toBe(positions[2]));
    const parked = await storage.parked('things');
    expect(parked).toEqual([
      {
        reaction: 'things',
        position: positions[1],
        eventId: expect.any(String),
        eventType: HANDLED,
        streamName: 'thing-0',
        error: `cannot handle thing 2 (attempt ${OPTIONS.maxAttempts})`,
        attempts: OPTIONS.maxAttempts,
        parkedAt: expect.any(Date),
      },
    ]);
    const [recorded] = await eventStore.readStream('thing-0');
    expect(parked[0]?.eventId).toBe(recorded?.eventId);
    expect(runner.status).toMatchObject({ reacted: 2, parked: 1 });
    expect(await storage.parked('other-things')).toEqual([]);
    expect(await storage.parkedCounts()).toEqual({ things: 1 });

    // The parked event is not tried again on a restart: the checkpoint has passed it.
    await stop();
    const again = recordingReaction({ fails: (thing) => thing.n === 2 });
    start(again.reaction);
    await appendThings(eventStore, 4, 4);
    await eventually(() => expect(again.numbers()).toEqual([4]));
    expect(again.attempts.has(2)).toBe(false);
  });

  it('stopping while a failed reaction waits to retry starts no further attempt', async () => {
    // react() sleeps out the backoff with the signal (the sleep ends at once on stop) but does not look at
    // the signal afterwards, so it tries the reaction once more after stop() (ProjectionRunner checks there).
    const { eventStore, start } = await setUp();
    await appendThings(eventStore, 1, 1);
    const things = recordingReaction({ fails: () => true });
    const { runner, stop } = start(things.reaction, undefined, { maxAttempts: 5, retryBaseMs: 60_000, retryMaxMs: 60_000 });
    await eventually(() => expect(things.attempts.get(1)).toBe(1));
    await stop();
    expect(things.attempts.get(1)).toBe(1);
    expect(runner.status).toMatchObject({ reacted: 0, parked: 0 });
  });

  it('delayMs: an event is not handled before occurredAt + delay by the injected clock, and is once the clock gets there', async () => {
    const { eventStore, storage, start } = await setUp();
    const delayMs = 60_000;
    // The service's clock (the injected one) runs an hour ahead of the store's, so occurredAt is the later
    // of the two instants the delay may count from.
    const occurredAt = Date.now() + 3_600_000;
    let now = occurredAt + delayMs - 1;
    const [young] = await appendThings(eventStore, 1, 1, new Date(occurredAt).toISOString());
    // Older, but behind the young one in the log: reactions handle events in order, so it waits too.
    await appendThings(eventStore, 2, 2, new Date(occurredAt - 10 * 60_000).toISOString());
    const things = recordingReaction({ delayMs });
    const { runner } = start(things.reaction, () => new Date(now));

    await pause(150); // thirty looks at the clock
    expect(things.handled).toEqual([]);
    expect(things.attempts.size).toBe(0);
    expect(await storage.checkpoint('things')).toBeUndefined();
    expect(runner.status.reacted).toBe(0);

    now = occurredAt + delayMs;
    await eventually(() => expect(things.numbers()).toEqual([1, 2]));
    expect(things.handled[0]?.position).toBe(young);

    // Appended when already old enough by the clock: handled at once.
    await appendThings(eventStore, 3, 3, new Date(now - delayMs).toISOString());
    await eventually(() => expect(things.numbers()).toEqual([1, 2, 3]));
  });

  it('a reaction waiting out its delay does not hold back the others sharing the $all reader', async () => {
    const { db, storage } = await setUp();
    // The shared reader would wait a minute for a subscriber that does not take its slices before letting it go.
    const shared = new SharedAllSubscription(await PostgresEventStore.open(db, { wakeUpIntervalMs: 25 }), { batchSize: 2, maxQueuedSlices: 1, detachAfterMs: 60_000 });
    cleanup.push(() => shared.close());
    let now = Date.now();
    const things = recordingReaction({ delayMs: 60_000 });
    const controller = new AbortController();
    const running = new ReactionRunner({ reaction: things.reaction, eventStore: shared, storage, decode, clock: () => new Date(now), options: OPTIONS }).run(controller.signal);
    cleanup.push(async () => {
      controller.abort();
      await running;
    });
    // Another subscriber (a projection, say), on the same reader.
    const seen: RecordedEvent[] = [];
    void (async () => {
      for await (const slice of shared.subscribeToAll({ after: undefined, signal: controller.signal })) seen.push(...slice.events);
    })();
    await eventually(() => expect(shared.attached).toBe(2));

    const last = (await appendThings(shared, 1, 6, new Date(now).toISOString())).at(-1)!;
    await eventually(() => expect(seen).toHaveLength(12));
    expect(things.handled).toEqual([]);

    // And the delayed events are handled, in order, once due (the delay counts from when the store recorded them).
    now = Date.now() + 60_000;
    await eventually(() => expect(things.numbers()).toEqual([1, 2, 3, 4, 5, 6]));
    expect(await storage.checkpoint('things')).toBe(last);
  });

  it.each([
    ['dated long before it was stored', '2020-01-01T00:00:00.000Z'],
    ['without a readable occurredAt', 'not an instant'],
  ])('delayMs for an event %s counts from when the store recorded it', async (_case, occurredAt) => {
    const { eventStore, start } = await setUp();
    const delayMs = 60_000;
    let ahead = 0;
    await appendThings(eventStore, 1, 1, occurredAt);
    const things = recordingReaction({ delayMs });
    start(things.reaction, () => new Date(Date.now() + ahead));

    await pause(100);
    expect(things.handled).toEqual([]);
    ahead = 2 * delayMs;
    await eventually(() => expect(things.numbers()).toEqual([1]));
  });

  it('Reactions runs every reaction until stopped, each from its own checkpoint', async () => {
    const { eventStore, storage } = await setUp();
    await appendThings(eventStore, 1, 2);
    const one = recordingReaction({ name: 'one' });
    const two = recordingReaction({ name: 'two', fails: (thing) => thing.n === 1 });
    const reactions = new Reactions([one.reaction, two.reaction], { eventStore, storage, decode, clock: () => new Date(), options: OPTIONS });
    reactions.start();
    cleanup.push(() => reactions.stop());

    await eventually(() => {
      expect(one.numbers()).toEqual([1, 2]);
      expect(two.numbers()).toEqual([2]);
    });
    await eventually(() =>
      expect(reactions.status()).toEqual([
        expect.objectContaining({ name: 'one', reacted: 2, parked: 0 }),
        expect.objectContaining({ name: 'two', reacted: 1, parked: 1 }),
      ]),
    );
    await reactions.stop();
    await appendThings(eventStore, 3, 3);
    await pause(100);
    expect(one.numbers()).toEqual([1, 2]);
  });

  describe('ReactionStorage', () => {
    /** Increasing positions across hex digit boundaries of the transaction id and the sequence. */
    const ascending = [
      encodePosition('9', '1'),
      encodePosition('9', '10'),
      encodePosition('10', '0'),
      encodePosition('15', '3'),
      encodePosition('16', '0'),
      encodePosition('255', '7'),
      encodePosition('256', '0'),
      encodePosition('4294967295', '0'),
      encodePosition('4294967296', '0'),
    ];

    it('the positions used here ascend in the event store’s order', () => {
      for (let i = 1; i < ascending.length; i++) expect(comparePositions(ascending[i - 1] as Position, ascending[i] as Position)).toBeLessThan(0);
    });

    it('saveCheckpoint moves a checkpoint forward only, per reaction name', async () => {
      const { storage } = await setUp();
      expect(await storage.checkpoint('things')).toBeUndefined();
      for (const position of ascending) {
        await storage.saveCheckpoint('things', position);
        expect(await storage.checkpoint('things')).toBe(position);
      }
      const last = ascending.at(-1) as Position;
      for (const position of ascending) {
        await storage.saveCheckpoint('things', position);
        expect(await storage.checkpoint('things')).toBe(last);
      }
      await storage.saveCheckpoint('other', ascending[0] as Position);
      expect(await storage.checkpoint('other')).toBe(ascending[0]);
      expect(await storage.checkpoint('things')).toBe(last);
    });

    it('a runner behind another instance never moves the shared checkpoint back', async () => {
      const { eventStore, storage, start } = await setUp();
      await appendThings(eventStore, 1, 3);
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const handled: number[] = [];
      let entered = false;
      const reaction: Reaction = {
        name: 'things',
        handles: [HANDLED],
        async react(event) {
          entered = true;
          await gate;
          handled.push((event.data as Thing).n);
        },
      };
      start(reaction);
      await eventually(() => expect(entered).toBe(true)); // the runner holds the first event
      const ahead = encodePosition('4294967296', '0');
      await storage.saveCheckpoint('things', ahead); // another instance is further on
      release();
      await eventually(() => expect(handled).toEqual([1, 2, 3]));
      await pause(50);
      expect(await storage.checkpoint('things')).toBe(ahead);
    });

    it('parking an event again adds to its attempts and keeps the latest error', async () => {
      const { storage } = await setUp();
      const position = encodePosition('42', '1');
      const parked = { reaction: 'things', position, eventId: randomUUID(), eventType: HANDLED, streamName: 'thing-1', error: 'first', attempts: 3 };
      await storage.park(parked);
      await storage.park({ ...parked, error: 'second', attempts: 2 });
      expect(await storage.parked('things')).toEqual([{ ...parked, error: 'second', attempts: 5, parkedAt: expect.any(Date) }]);
      expect(await storage.parked('other')).toEqual([]);
      expect(await storage.parkedCounts()).toEqual({ things: 1 });
    });
  });
});
