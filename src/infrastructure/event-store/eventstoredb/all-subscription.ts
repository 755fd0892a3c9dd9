/**
 * The port's catch-up subscription on EventStoreDB's own: one filtered subscription to $all (the server
 * catches up, then goes live, without polling), its events and checkpoints queued in log order and handed
 * out in slices of at most `batchSize` events.
 */
import type { AllStreamSubscription, Filter } from '@eventstore/db-client';
import type { Position, ReadAllSlice, SubscribeOptions } from '../../../kernel/event-store.port.js';
import { compileFilter, positionOf, serverFilter, toRecordedEvent, type ClientRecordedEvent } from './mapping.js';
import { compareEsdbPositions, decodePosition, encodePosition, type EsdbPosition } from './position.js';

export interface SubscriptionSettings {
  readonly batchSize: number;
  /** Server checkpoint every `checkpointInterval * 32` events its filter considered. */
  readonly checkpointInterval: number;
  /** After this long without anything from the server, look for the end of $all ourselves (doubling while idle). */
  readonly idleProbeMs: number;
  readonly maxIdleProbeMs: number;
  /** Queued events beyond which the subscription is paused (backpressure through gRPC flow control). */
  readonly maxQueued: number;
}

export interface SubscriptionDeps {
  /** The client's subscription to $all after `from` (exclusive), START when undefined. */
  subscribe(from: EsdbPosition | undefined, filter: Filter): AllStreamSubscription;
  /**
   * Whether $all holds no event the filter matches after `after`; if so, also the furthest position that
   * is certain (nothing matching up to it), so a checkpoint can move over a tail the server filter skipped.
   */
  probeEnd(after: Position | undefined): Promise<{ atEnd: boolean; next: Position | undefined }>;
}

type Item =
  | { readonly kind: 'event'; readonly event: ClientRecordedEvent }
  | { readonly kind: 'checkpoint'; readonly position: EsdbPosition }
  | { readonly kind: 'caughtUp' | 'fellBehind' };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const later = (a: EsdbPosition | undefined, b: EsdbPosition): EsdbPosition => (a === undefined || compareEsdbPositions(b, a) > 0 ? b : a);

export async function* subscriptionSlices(
  deps: SubscriptionDeps,
  options: Omit<SubscribeOptions, 'batchSize'>,
  settings: SubscriptionSettings,
): AsyncGenerator<ReadAllSlice> {
  const { signal } = options;
  if (signal.aborted) return;
  const matches = compileFilter(options.filter);
  const queue: Item[] = [];
  let failure: unknown;
  let ended = false;
  let stopped = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  // `current` (the client's subscription) is assigned below, before any of these closures can run.
  const push = (item: Item) => {
    queue.push(item);
    if (queue.length >= settings.maxQueued && !current.isPaused()) current.pause();
    notify();
  };
  // The client emits events as it decodes them, but it may still hold decoded events in its readable buffer
  // when a checkpoint (or caught-up notice) comes through: those events precede it in the log. So markers
  // wait, in order, until everything before them has reached the queue; a checkpoint then never gets ahead
  // of an event not yet delivered. (The client awaits checkpointReached before decoding the next message.)
  const drained = async () => {
    while (!stopped && current.readableLength > 0) await sleep(2);
  };
  let markers: Promise<void> = Promise.resolve();
  let pendingMarkers = 0;
  const afterDrain = (item: Item): Promise<void> => {
    if (pendingMarkers === 0 && current.readableLength === 0) {
      push(item);
      return Promise.resolve();
    }
    pendingMarkers++;
    return (markers = markers
      .then(drained)
      .then(() => push(item))
      .finally(() => pendingMarkers--));
  };

  const filter = serverFilter(options.filter, {
    checkpointInterval: settings.checkpointInterval,
    checkpointReached: (_subscription, position) => afterDrain({ kind: 'checkpoint', position }),
  });
  const from = options.after === undefined ? undefined : decodePosition(options.after);
  const current: AllStreamSubscription = deps.subscribe(from, filter);
  current.on('data', (resolved: { event?: ClientRecordedEvent }) => {
    if (resolved.event) push({ kind: 'event', event: resolved.event });
  });
  current.on('caughtUp', () => void afterDrain({ kind: 'caughtUp' }));
  current.on('fellBehind', () => void afterDrain({ kind: 'fellBehind' }));
  current.on('error', (error: Error) => {
    failure ??= error;
    notify();
  });
  current.on('end', () => {
    ended = true;
    notify();
  });
  signal.addEventListener('abort', notify);

  const waitForItems = (ms: number) =>
    new Promise<boolean>((resolve) => {
      if (queue.length > 0 || failure !== undefined || ended || signal.aborted) return resolve(true);
      const timer = setTimeout(() => {
        wake = undefined;
        resolve(false);
      }, ms);
      wake = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });

  /** The next of the last slice handed out. */
  let next: Position | undefined = options.after;
  /** The furthest position handled: the last event seen (matching or not) or checkpoint. */
  let reached: EsdbPosition | undefined = from;
  let atEnd = false;
  let endReported = false;
  let idleMs = settings.idleProbeMs;
  try {
    while (!signal.aborted) {
      if (queue.length === 0) {
        if (current.isPaused()) current.resume();
        if (failure !== undefined) throw failure;
        if (ended) throw new Error('The EventStoreDB subscription to $all ended unexpectedly');
        if (atEnd && !endReported) {
          endReported = true;
          yield { events: [], next, isEnd: true };
          continue;
        }
        if (await waitForItems(idleMs)) continue;
        // Nothing from the server for a while. Its filter sends checkpoints only every so many events, so a
        // tail of events it skipped can hold `next` below the head (and servers before 23.10 never say they
        // caught up): look at $all ourselves.
        idleMs = Math.min(idleMs * 2, settings.maxIdleProbeMs);
        const probe = await deps.probeEnd(reached === undefined ? undefined : encodePosition(reached));
        if (signal.aborted || !probe.atEnd) continue;
        atEnd = true;
        if (probe.next !== undefined) reached = later(reached, decodePosition(probe.next));
        if (queue.length === 0 && reached !== undefined && encodePosition(reached) !== next) {
          next = encodePosition(reached);
          endReported = true;
          yield { events: [], next, isEnd: true };
        }
        continue;
      }

      idleMs = settings.idleProbeMs;
      const events = [];
      let taken = 0;
      for (; taken < queue.length && events.length < settings.batchSize; taken++) {
        const item = queue[taken] as Item;
        if (item.kind === 'event') {
          const position = positionOf(item.event);
          // Subscriptions start after `from`; a position already handled is never delivered twice.
          if (reached !== undefined && compareEsdbPositions(position, reached) <= 0) continue;
          reached = position;
          if (matches(item.event.streamId, item.event.type)) events.push(toRecordedEvent(item.event));
        } else if (item.kind === 'checkpoint') {
          reached = later(reached, item.position);
        } else {
          atEnd = item.kind === 'caughtUp';
        }
      }
      queue.splice(0, taken);
      if (current.isPaused() && queue.length <= settings.maxQueued / 2) current.resume();
      const sliceNext = reached === undefined ? undefined : encodePosition(reached);
      const isEnd = atEnd && queue.length === 0 && current.readableLength === 0;
      if (events.length > 0 || sliceNext !== next || (isEnd && !endReported)) {
        next = sliceNext;
        endReported = isEnd;
        yield { events, next, isEnd };
      }
    }
  } finally {
    stopped = true;
    signal.removeEventListener('abort', notify);
    await current.unsubscribe().catch(() => undefined);
  }
}
