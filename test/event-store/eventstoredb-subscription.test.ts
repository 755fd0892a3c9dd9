/**
 * The subscription's slicing, against a hand-made client subscription (a Readable in object mode, as the
 * client's is), so orderings a server makes rare can be set up on purpose.
 */
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from '@jest/globals';
import type { AllStreamSubscription, Filter } from '@eventstore/db-client';
import type { AllFilter, Position, ReadAllSlice } from '../../src/kernel/event-store.port.js';
import { subscriptionSlices, type SubscriptionSettings } from '../../src/infrastructure/event-store/eventstoredb/all-subscription.js';
import { encodePosition, type EsdbPosition } from '../../src/infrastructure/event-store/eventstoredb/position.js';

class HandMadeSubscription extends Readable {
  unsubscribed = false;
  constructor() {
    super({ objectMode: true, read: () => undefined });
  }
  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
  }
}

const at = (n: number): EsdbPosition => ({ commit: BigInt(n), prepare: BigInt(n) });
const pos = (n: number): Position => encodePosition(at(n));
const resolved = (n: number, streamId = 'grant-1', type = 'Happened') => ({
  event: {
    streamId,
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    revision: BigInt(n),
    type,
    created: new Date(1_000 + n),
    data: { n },
    metadata: {},
    isJson: true,
    position: at(n),
  },
});

const SETTINGS: SubscriptionSettings = { batchSize: 100, checkpointInterval: 1, idleProbeMs: 20, maxIdleProbeMs: 40, maxQueued: 1000 };

interface Harness {
  readonly subscription: HandMadeSubscription;
  readonly filter: () => Filter;
  readonly controller: AbortController;
  readonly iterator: AsyncIterator<ReadAllSlice>;
  /** The first next(), asked for at once: that runs the generator up to its first wait, so it has subscribed. */
  first: Promise<IteratorResult<ReadAllSlice>> | undefined;
  from?: EsdbPosition;
}

const open: Harness[] = [];
afterEach(async () => {
  for (const harness of open.splice(0)) {
    harness.controller.abort();
    await harness.iterator.return?.();
  }
});

function start(
  options: { after?: Position; filter?: AllFilter; settings?: Partial<SubscriptionSettings> } = {},
  probeEnd: (after: Position | undefined) => Promise<{ atEnd: boolean; next: Position | undefined }> = async (after) => ({ atEnd: false, next: after }),
): Harness {
  const subscription = new HandMadeSubscription();
  let filter: Filter | undefined;
  const controller = new AbortController();
  const harness: Harness = {
    subscription,
    filter: () => filter as Filter,
    controller,
    first: undefined,
    iterator: subscriptionSlices(
      {
        subscribe: (from, given) => {
          harness.from = from;
          filter = given;
          return subscription as unknown as AllStreamSubscription;
        },
        probeEnd,
      },
      { after: options.after, filter: options.filter ?? { streamPrefixes: ['grant-'] }, signal: controller.signal },
      { ...SETTINGS, ...options.settings },
    )[Symbol.asyncIterator](),
  };
  open.push(harness);
  harness.first = harness.iterator.next();
  return harness;
}

/** The harness's next slice: the first one asked for in start(), then new ones; fails after a few seconds. */
function nextSlice(harness: Harness): Promise<IteratorResult<ReadAllSlice>> {
  const pending = harness.first ?? harness.iterator.next();
  harness.first = undefined;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no slice within 5 s')), 5_000);
  });
  return Promise.race([pending, timeout]).finally(() => clearTimeout(timer));
}

/** Slices until one satisfies `done` (or fails after a few seconds). */
async function collectUntil(harness: Harness, done: (slice: ReadAllSlice, all: ReadAllSlice[]) => boolean): Promise<ReadAllSlice[]> {
  const slices: ReadAllSlice[] = [];
  for (;;) {
    const { value, done: finished } = await nextSlice(harness);
    if (finished) return slices;
    slices.push(value);
    if (done(value, slices)) return slices;
  }
}

const positions = (slices: readonly ReadAllSlice[]) => slices.flatMap((slice) => slice.events.map((event) => event.position));

describe('EventStoreDB subscription slices', () => {
  it('subscribes after the given position with the server-side filter', async () => {
    const harness = start({ after: pos(7), filter: { eventTypes: ['A', 'B'] } });
    harness.subscription.push(resolved(8, 'grant-1', 'A'));
    await nextSlice(harness);
    expect(harness.from).toEqual(at(7));
    expect(harness.filter()).toMatchObject({ filterOn: 'eventType', regex: '^(?:A|B)$' });
  });

  it('a checkpoint never overtakes an event the client still holds in its buffer', async () => {
    const harness = start();
    // The client decoded event 100 but has not emitted it yet; then the server's checkpoint at 200 comes in.
    harness.subscription.pause();
    harness.subscription.push(resolved(100));
    const checkpointed = harness.filter().checkpointReached?.(harness.subscription as unknown as AllStreamSubscription, at(200));
    const slices = await collectUntil(harness, (slice) => slice.next === pos(200));
    await checkpointed;
    expect(positions(slices)).toEqual([pos(100)]);
    const eventSlice = slices.findIndex((slice) => slice.events.length > 0);
    expect(slices.slice(0, eventSlice).every((slice) => slice.next === undefined || slice.next < pos(100))).toBe(true);
  });

  it('hands out slices of at most batchSize events; next moves over events the filter skips; isEnd once caught up and drained', async () => {
    const harness = start({ settings: { batchSize: 2 } });
    for (const n of [1, 2, 3, 4, 5, 6, 7]) harness.subscription.push(resolved(n, n % 3 === 0 ? 'order-1' : 'grant-1'));
    harness.subscription.emit('caughtUp');
    const slices = await collectUntil(harness, (slice) => slice.isEnd);
    expect(positions(slices)).toEqual([1, 2, 4, 5, 7].map(pos));
    expect(slices.every((slice) => slice.events.length <= 2)).toBe(true);
    expect(slices.at(-1)).toMatchObject({ next: pos(7), isEnd: true });
    expect(slices.slice(0, -1).every((slice) => !slice.isEnd)).toBe(true);
  });

  it('a server checkpoint alone advances next (no event matched)', async () => {
    const harness = start();
    const pending = collectUntil(harness, (slice) => slice.next === pos(64));
    await harness.filter().checkpointReached?.(harness.subscription as unknown as AllStreamSubscription, at(64));
    expect((await pending).at(-1)).toMatchObject({ events: [], next: pos(64) });
  });

  it('checkpoints older than what was handed out do not move next back', async () => {
    const harness = start();
    harness.subscription.push(resolved(50));
    const [first] = await collectUntil(harness, () => true);
    expect(first?.next).toBe(pos(50));
    await harness.filter().checkpointReached?.(harness.subscription as unknown as AllStreamSubscription, at(40));
    harness.subscription.push(resolved(60));
    const slices = await collectUntil(harness, (slice) => slice.events.length > 0);
    expect(slices.map((slice) => slice.next)).toEqual([pos(60)]);
  });

  it('an event at or before a position already handed out is not delivered again', async () => {
    const harness = start({ after: pos(10) });
    for (const n of [10, 5, 11, 11, 12]) harness.subscription.push(resolved(n));
    const slices = await collectUntil(harness, (_slice, all) => positions(all).includes(pos(12)));
    expect(positions(slices)).toEqual([pos(11), pos(12)]);
  });

  it('system events are never delivered, but move next', async () => {
    const harness = start({ filter: {} });
    harness.subscription.push(resolved(1, 'grant-1', 'A'));
    harness.subscription.push(resolved(2, '$ce-grant', '$>'));
    const slices = await collectUntil(harness, (slice) => slice.next === pos(2));
    expect(positions(slices)).toEqual([pos(1)]);
  });

  it('while quiet, the probe of $all moves next over a tail the server filter skipped, and marks the end', async () => {
    const probes: (Position | undefined)[] = [];
    const harness = start({}, async (after) => {
      probes.push(after);
      return { atEnd: true, next: pos(90) };
    });
    harness.subscription.push(resolved(30));
    const slices = await collectUntil(harness, (slice) => slice.isEnd);
    expect(slices.at(-1)).toMatchObject({ events: [], next: pos(90), isEnd: true });
    expect(probes[0]).toBe(pos(30));
  });

  it('a probe that finds matching events still to come changes nothing', async () => {
    let probed = 0;
    const harness = start({}, async (after) => {
      probed++;
      return { atEnd: false, next: after };
    });
    harness.subscription.push(resolved(30));
    await collectUntil(harness, () => true);
    const next = nextSlice(harness);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(probed).toBeGreaterThan(0);
    harness.subscription.push(resolved(31));
    expect((await next).value).toMatchObject({ next: pos(31), isEnd: false });
  });

  it('after falling behind, slices are not at the end until caught up again', async () => {
    const harness = start();
    harness.subscription.emit('caughtUp');
    await collectUntil(harness, (slice) => slice.isEnd);
    harness.subscription.emit('fellBehind');
    harness.subscription.push(resolved(5));
    const [behind] = await collectUntil(harness, (slice) => slice.events.length > 0);
    expect(behind?.isEnd).toBe(false);
    harness.subscription.push(resolved(6));
    harness.subscription.emit('caughtUp');
    expect((await collectUntil(harness, (slice) => slice.isEnd)).at(-1)?.next).toBe(pos(6));
  });

  it('pauses the client subscription when too much is queued, and resumes it as slices are taken', async () => {
    const harness = start({ settings: { batchSize: 2, maxQueued: 4 } });
    for (let n = 1; n <= 10; n++) harness.subscription.push(resolved(n));
    const [first] = await collectUntil(harness, () => true);
    expect(first?.events).toHaveLength(2);
    const slices = await collectUntil(harness, (_slice, all) => positions(all).length === 8);
    expect(positions([first as ReadAllSlice, ...slices])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(pos));
    expect(harness.subscription.isPaused()).toBe(false);
  });

  it('ends when the signal aborts, and unsubscribes', async () => {
    const harness = start();
    harness.controller.abort();
    expect(await nextSlice(harness)).toEqual({ done: true, value: undefined });
    expect(harness.subscription.unsubscribed).toBe(true);
  });

  it('an aborted signal yields nothing and never subscribes', async () => {
    const controller = new AbortController();
    controller.abort();
    let subscribed = false;
    const iterator = subscriptionSlices(
      {
        subscribe: () => {
          subscribed = true;
          return new HandMadeSubscription() as unknown as AllStreamSubscription;
        },
        probeEnd: async () => ({ atEnd: true, next: undefined }),
      },
      { signal: controller.signal },
      SETTINGS,
    )[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(subscribed).toBe(false);
  });

  it('an error of the client subscription ends the iteration with it, after the events queued before it', async () => {
    const harness = start();
    harness.subscription.push(resolved(1));
    harness.subscription.destroy(new Error('connection lost'));
    const [slice] = await collectUntil(harness, () => true);
    expect(positions([slice as ReadAllSlice])).toEqual([pos(1)]);
    await expect(nextSlice(harness)).rejects.toThrow('connection lost');
    expect(harness.subscription.unsubscribed).toBe(true);
  });

  it('the server ending the subscription (without an abort) is an error, so the subscriber starts again', async () => {
    const harness = start();
    harness.subscription.push(null);
    await expect(nextSlice(harness)).rejects.toThrow(/ended unexpectedly/);
  });
});
