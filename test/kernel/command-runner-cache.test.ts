import { describe, expect, it, jest } from '@jest/globals';
import { z } from 'zod';
import { CommandRunner, type CommandRunnerOptions } from '../../src/kernel/command-runner.js';
import type { CommandContext } from '../../src/kernel/command-context.js';
import { WrongExpectedRevisionError, type EventStore, type ExpectedRevision, type NewEvent, type ReadStreamOptions } from '../../src/kernel/event-store.port.js';
import type { Decider, DomainEvent } from '../../src/shared/decider.js';
import { conflict } from '../../src/shared/domain-error.js';
import { defineEvent, EventRegistry } from '../../src/shared/event-schema.js';
import { noPersonalData } from '../../src/shared/personal-data.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';

type Counted = DomainEvent<'Counted', { by: number }>;
type Count = { readonly type: 'Count'; readonly by: number; readonly max: number } | { readonly type: 'TopUp'; readonly to: number };

/** A counter with a cap: what it decides depends on every event before. A top-up already reached decides nothing. */
const counter: Decider<Count, Counted, number> = {
  initialState: 0,
  evolve: (total, event) => total + event.data.by,
  decide: (command, total) => {
    if (command.type === 'TopUp') return total >= command.to ? [] : [{ type: 'Counted', data: { by: command.to - total } }];
    if (total + command.by > command.max) throw conflict('OVER_MAX', 'over');
    return [{ type: 'Counted', data: { by: command.by } }];
  },
};

const newRegistry = () =>
  new EventRegistry([defineEvent('Counted', z.object({ by: z.number() }), { personalData: noPersonalData('by'), version: 2, upcasters: { 1: (old) => ({ by: (old as { n: number }).n }) } })]);

const context = (commandId: string): CommandContext => ({
  commandId,
  correlationId: 'corr',
  causationId: 'cause',
  actor: { userId: 'u', role: 'caseworker', municipalityId: '101' },
  now: new Date('2026-03-01T10:00:00Z'),
});

const count = (by: number, max = 1_000): Count => ({ type: 'Count', by, max });

/** Every call the runner makes on the store, by method name. */
function callsTo(store: EventStore) {
  const calls: string[] = [];
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        calls.push(String(property));
        return (value as (...args: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, calls };
}

/** The store as the runner sees it: every read and every conflict counted, and a hook before each append. */
function watched(store: InMemoryEventStore) {
  const reads: Array<{ streamName: string; fromRevision: number }> = [];
  let conflicts = 0;
  let beforeAppend: { skip: number; write: () => Promise<void> } | undefined;
  const wrapped: EventStore = Object.assign(Object.create(store) as EventStore, {
    readStream: async (streamName: string, options: ReadStreamOptions = {}) => {
      reads.push({ streamName, fromRevision: options.fromRevision ?? 0 });
      return store.readStream(streamName, options);
    },
    appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
      const hook = beforeAppend;
      if (hook && hook.skip-- === 0) {
        beforeAppend = undefined;
        await hook.write();
      }
      try {
        return await store.appendToStream(...args);
      } catch (error) {
        if (error instanceof WrongExpectedRevisionError) conflicts++;
        throw error;
      }
    },
  });
  return {
    store: wrapped,
    reads,
    conflicts: () => conflicts,
    /** The next append (or the one after `skip` more) waits for this write first: a writer that lands before it. */
    interfereOnce: (write: () => Promise<void>, skip = 0) => {
      beforeAppend = { skip, write };
    },
  };
}

const setup = (options: CommandRunnerOptions = {}) => {
  const backing = new InMemoryEventStore();
  const watch = watched(backing);
  const runner = new CommandRunner(watch.store, newRegistry(), options);
  // Another process on the same store: a runner with a cache of its own.
  const elsewhere = new CommandRunner(backing, newRegistry());
  const run = (commandId: string, command: Count, streamName = 'counter-1', retriesOnConflict?: number) =>
    runner.run({ streamName, decider: counter, command, context: context(commandId), ...(retriesOnConflict === undefined ? {} : { retriesOnConflict }) });
  return { backing, watch, runner, elsewhere, run };
};

describe('The command runner keeps folded state per stream (issue 15)', () => {
  it('a command on a cached stream makes exactly one store call, the append, and decodes only what it wrote', async () => {
    const backing = new InMemoryEventStore();
    const counted = callsTo(backing);
    const runner = new CommandRunner(counted.store, newRegistry());
    const run = (commandId: string, by: number) => runner.run({ streamName: 'counter-1', decider: counter, command: count(by), context: context(commandId) });
    for (let index = 0; index < 5; index++) await run(`c${index}`, 1);
    counted.calls.length = 0;
    const decode = jest.spyOn(runner, 'decode');
    const result = await run('c5', 1);
    expect(result.state).toBe(6);
    expect(counted.calls).toEqual(['appendToStream']);
    // The runner's own event is folded as stored (revision -1: not read back).
    expect(decode.mock.calls.map(([recorded]) => recorded.revision)).toEqual([-1]);
    expect((await backing.readStream('counter-1')).map((event) => event.metadata.commandId)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5']);
  });

  it('load() (a check on another stream) reads only after the cached revision, and decodes only the new events', async () => {
    const { watch, runner, elsewhere, run } = setup();
    for (let index = 0; index < 5; index++) await run(`c${index}`, count(1));
    await elsewhere.run({ streamName: 'counter-1', decider: counter, command: count(10), context: context('other') });
    watch.reads.length = 0;
    const decode = jest.spyOn(runner, 'decode');
    expect((await runner.load('counter-1', counter)).state).toBe(15);
    expect(watch.reads).toEqual([{ streamName: 'counter-1', fromRevision: 5 }]);
    expect(decode.mock.calls.map(([recorded]) => recorded.revision)).toEqual([5]);
  });

  it('a writer in another process between two commands forces a re-read; the decision is made on the fresh state, and that conflict uses no retry', async () => {
    const { backing, watch, elsewhere, run } = setup();
    await run('a', count(1));
    await elsewhere.run({ streamName: 'counter-1', decider: counter, command: count(5), context: context('b') });
    watch.reads.length = 0;
    // No retry allowed (as PlaceOrder's order stream): the conflict of a decision on unread state is not one.
    const result = await run('c', count(2), 'counter-1', 0);
    expect(result.state).toBe(8);
    expect(result.revision).toBe(2);
    expect(watch.conflicts()).toBe(1);
    // The entry was dropped on the conflict: the stream was read from its start.
    expect(watch.reads).toEqual([{ streamName: 'counter-1', fromRevision: 0 }]);
    expect((await backing.readStream('counter-1')).map((event) => event.metadata.commandId)).toEqual(['a', 'b', 'c']);
  });

  it('a conflict after the re-read is one of the caller\'s retries: with none allowed it is the answer', async () => {
    const { elsewhere, watch, run } = setup();
    await run('a', count(1));
    await elsewhere.run({ streamName: 'counter-1', decider: counter, command: count(1), context: context('b') });
    // The first append (on the cached state) conflicts by itself; a writer lands before the second as well.
    watch.interfereOnce(async () => {
      await elsewhere.run({ streamName: 'counter-1', decider: counter, command: count(1), context: context('x') });
    }, 1);
    await expect(run('c', count(1), 'counter-1', 0)).rejects.toBeInstanceOf(WrongExpectedRevisionError);
    expect(watch.conflicts()).toBe(2);
    expect((await run('d', count(1), 'counter-1', 1)).state).toBe(4);
  });

  it('a command with nothing to do on a stale cached state is decided again on the stream as it is', async () => {
    const { watch, elsewhere, run } = setup();
    await run('a', count(5));
    // Another process takes three away: the cached 5 has reached the top-up to 4, the stream's 2 has not.
    await elsewhere.run({ streamName: 'counter-1', decider: counter, command: count(-3), context: context('b') });
    watch.reads.length = 0;
    const result = await run('c', { type: 'TopUp', to: 4 }, 'counter-1', 0);
    expect(result.state).toBe(4);
    expect(result.events).toEqual([{ type: 'Counted', data: { by: 2 } }]);
    expect(watch.reads).toEqual([{ streamName: 'counter-1', fromRevision: 1 }]);
    expect(watch.conflicts()).toBe(0);
    // And with nothing to do on the stream as it is either, nothing is written.
    expect((await run('d', { type: 'TopUp', to: 4 })).events).toEqual([]);
  });

  it('an event appended behind the runner\'s back decides the next command', async () => {
    const { backing, run } = setup();
    await run('a', count(1, 10));
    // Written straight on the store, as another process would.
    await new CommandRunner(backing, newRegistry()).run({ streamName: 'counter-1', decider: counter, command: count(8, 10), context: context('b') });
    // No retry allowed: the first decision must already be on the other process's event.
    await expect(run('c', count(2, 10), 'counter-1', 0)).rejects.toMatchObject({ code: 'OVER_MAX' });
    expect((await run('d', count(1, 10))).state).toBe(10);
  });

  it('a refusal is never made on a stale cached state (a refusal reaches no append that could catch it)', async () => {
    const { watch, elsewhere, run } = setup();
    await run('a', count(9, 10));
    // Another process gives five back: the cached 9 would refuse three more, the stream's 4 allows them.
    await elsewhere.run({ streamName: 'counter-1', decider: counter, command: count(-5, 10), context: context('b') });
    watch.reads.length = 0;
    expect((await run('c', count(3, 10), 'counter-1', 0)).state).toBe(7);
    // The refusal on the cached state was checked by reading the tail, and the command decided again on it.
    expect(watch.reads).toEqual([{ streamName: 'counter-1', fromRevision: 1 }]);
    expect(watch.conflicts()).toBe(0);
    // A refusal that the stream as it is confirms is the answer.
    await expect(run('d', count(5, 10), 'counter-1', 0)).rejects.toMatchObject({ code: 'OVER_MAX' });
  });

  it('a write that lands before the append forces a fresh read, and the retry decides on it', async () => {
    const { watch, elsewhere, run } = setup();
    await run('a', count(1, 10));
    watch.interfereOnce(async () => {
      await elsewhere.run({ streamName: 'counter-1', decider: counter, command: count(8, 10), context: context('b') });
    });
    watch.reads.length = 0;
    await expect(run('c', count(2, 10))).rejects.toMatchObject({ code: 'OVER_MAX' });
    expect(watch.conflicts()).toBe(1);
    // The cached state was decided on unread; the entry was dropped on the conflict and the stream read from its start.
    expect(watch.reads).toEqual([{ streamName: 'counter-1', fromRevision: 0 }]);
    expect((await run('d', count(1, 10))).state).toBe(10);
  });

  it('with a write between read and append the command is applied on fresh state, once', async () => {
    const { backing, watch, elsewhere, run } = setup();
    await run('a', count(1));
    watch.interfereOnce(async () => {
      await elsewhere.run({ streamName: 'counter-1', decider: counter, command: count(5), context: context('b') });
    });
    const result = await run('c', count(2));
    expect(result.state).toBe(8);
    expect((await backing.readStream('counter-1')).map((event) => event.metadata.commandId)).toEqual(['a', 'b', 'c']);
  });

  it('a state handed in by the handler is not used once this process has written the stream since', async () => {
    const { watch, runner, run } = setup();
    await run('a', count(1, 10));
    const loaded = await runner.load('counter-1', counter);
    await run('b', count(8, 10));
    await expect(runner.run({ streamName: 'counter-1', decider: counter, command: count(2, 10), context: context('c'), loaded })).rejects.toMatchObject({ code: 'OVER_MAX' });
    expect(watch.conflicts()).toBe(0);
  });

  it('a state handed in by the handler saves the second read', async () => {
    const { watch, runner } = setup();
    const loaded = await runner.load('counter-1', counter);
    watch.reads.length = 0;
    const result = await runner.run({ streamName: 'counter-1', decider: counter, command: count(3), context: context('a'), loaded });
    expect(result.state).toBe(3);
    expect(watch.reads).toEqual([]);
  });

  it('concurrent commands on one stream are queued: none reaches the store as a conflict, each is applied once', async () => {
    const { backing, watch, runner, run } = setup();
    await run('first', count(1));
    const N = 24;
    const results = await Promise.all(
      Array.from({ length: N }, async (_, index) => {
        // Half of them load first, as a handler that checks access does, and hand the state over.
        if (index % 2 === 0) return run(`c${index}`, count(1));
        const loaded = await runner.load('counter-1', counter);
        return runner.run({ streamName: 'counter-1', decider: counter, command: count(1), context: context(`c${index}`), loaded });
      }),
    );
    expect(watch.conflicts()).toBe(0);
    expect(results.map((result) => result.state).sort((a, b) => a - b)).toEqual(Array.from({ length: N }, (_, index) => index + 2));
    const ids = (await backing.readStream('counter-1')).map((event) => event.metadata.commandId);
    expect(ids).toHaveLength(N + 1);
    expect(new Set(ids).size).toBe(N + 1);
  });

  it('a cap holds under concurrency in this process and another', async () => {
    const { backing, elsewhere, run } = setup();
    const attempts = await Promise.allSettled(
      Array.from({ length: 16 }, (_, index) =>
        index % 4 === 0
          ? elsewhere.run({ streamName: 'counter-1', decider: counter, command: count(3, 20), context: context(`e${index}`), retriesOnConflict: 50 })
          : run(`c${index}`, count(3, 20), 'counter-1', 50),
      ),
    );
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(6);
    expect(attempts.filter((attempt) => attempt.status === 'rejected').every((attempt) => (attempt as PromiseRejectedResult).reason.code === 'OVER_MAX')).toBe(true);
    const total = (await backing.readStream('counter-1')).length * 3;
    expect(total).toBe(18);
  });

  it.each([
    ['warm', false],
    ['cold', true],
  ])('a repeated command appends nothing and answers the first run (cache %s)', async (_, cold) => {
    const { backing, watch, run } = setup();
    const first = await run('same', count(5, 10));
    // Many commands later, so that the first run is far behind the head, and the cap now refuses it anew.
    for (let index = 0; index < 20; index++) await run(`later${index}`, count(0, 10));
    await run('fill', count(5, 10));
    const again = cold
      ? await new CommandRunner(watch.store, newRegistry()).run({ streamName: 'counter-1', decider: counter, command: count(5, 10), context: context('same') })
      : await run('same', count(5, 10));
    expect(again.position).toBe(first.position);
    expect(again.revision).toBe(first.revision);
    expect(again.events).toEqual(first.events);
    expect(await backing.readStream('counter-1')).toHaveLength(22);
  });

  it('a repeated command written by another process is recognised from the tail', async () => {
    const { backing, elsewhere, run } = setup();
    await run('a', count(1, 10));
    const first = await elsewhere.run({ streamName: 'counter-1', decider: counter, command: count(9, 10), context: context('retried') });
    const again = await run('retried', count(9, 10));
    expect(again.position).toBe(first.position);
    expect(await backing.readStream('counter-1')).toHaveLength(2);
  });

  it('a retry whose first run this process has not seen is answered with the first run, also where the store answers a repeated append itself', async () => {
    const backing = new InMemoryEventStore();
    // As the PostgreSQL store does: ids the stream holds already answer as the first append did, whatever was expected.
    const answering: EventStore = Object.assign(Object.create(backing) as EventStore, {
      appendToStream: async (streamName: string, events: readonly NewEvent[], expected: ExpectedRevision) => {
        const recorded = await backing.readStream(streamName);
        const earlier = recorded.filter((event) => events.some((candidate) => candidate.eventId === event.eventId));
        if (events.length > 0 && earlier.length === events.length) return { nextExpectedRevision: earlier.at(-1)!.revision, position: earlier.at(-1)!.position, repeated: true };
        return backing.appendToStream(streamName, events, expected);
      },
    });
    const runner = new CommandRunner(answering, newRegistry());
    const elsewhere = new CommandRunner(backing, newRegistry());
    await runner.run({ streamName: 'counter-1', decider: counter, command: count(1), context: context('a') });
    const first = await elsewhere.run({ streamName: 'counter-1', decider: counter, command: count(2), context: context('retried') });
    await elsewhere.run({ streamName: 'counter-1', decider: counter, command: count(4), context: context('b') });
    // Decided again on the cached state the retry would count 7; the first run counted 2.
    const again = await runner.run({ streamName: 'counter-1', decider: counter, command: count(7), context: context('retried') });
    expect(again.events).toEqual([{ type: 'Counted', data: { by: 2 } }]);
    expect(again.position).toBe(first.position);
    expect(again.revision).toBe(1);
    expect(await backing.readStream('counter-1')).toHaveLength(3);
  });

  describe('a stream the command creates (createsStream)', () => {
    const creating = (runner: CommandRunner, commandId: string, command: Count, retriesOnConflict = 0) =>
      runner.run({ streamName: 'new-1', decider: counter, command, context: context(commandId), createsStream: true, retriesOnConflict });

    it('is not read: one store call, the append expecting no stream', async () => {
      const backing = new InMemoryEventStore();
      const counted = callsTo(backing);
      const appends = jest.spyOn(backing, 'appendToStream');
      const result = await creating(new CommandRunner(counted.store, newRegistry()), 'a', count(2));
      expect(result).toMatchObject({ state: 2, revision: 0 });
      expect(counted.calls).toEqual(['appendToStream']);
      expect(appends.mock.calls[0]?.[2]).toBe('no_stream');
    });

    it('that exists already is read on the conflict and decided on again, using no retry', async () => {
      const { watch, runner, elsewhere } = setup();
      await elsewhere.run({ streamName: 'new-1', decider: counter, command: count(8, 10), context: context('b') });
      const result = await creating(runner, 'a', count(1, 10));
      expect(result).toMatchObject({ state: 9, revision: 1 });
      expect(watch.conflicts()).toBe(1);
      expect(watch.reads).toEqual([{ streamName: 'new-1', fromRevision: 0 }]);
      // Decided on the stream as it is, a refusal stands.
      await expect(creating(runner, 'c', count(5, 10))).rejects.toMatchObject({ code: 'OVER_MAX' });
    });

    it('a refusal or a no-op on the guessed (empty) state is checked by reading the stream', async () => {
      const { watch, runner, elsewhere } = setup();
      await elsewhere.run({ streamName: 'new-1', decider: counter, command: count(-5), context: context('b') });
      // Refused on an empty stream (11 > 10); the stream's -5 allows it.
      expect((await creating(runner, 'a', count(11, 10))).state).toBe(6);
      expect(watch.conflicts()).toBe(0);
      const other = new CommandRunner(watch.store, newRegistry());
      await elsewhere.run({ streamName: 'new-2', decider: counter, command: count(-3), context: context('c') });
      // Nothing to do on an empty stream (0 reached); on the stream's -3, three to add.
      const topUp = await other.run({ streamName: 'new-2', decider: counter, command: { type: 'TopUp', to: 0 }, context: context('d'), createsStream: true, retriesOnConflict: 0 });
      expect(topUp.events).toEqual([{ type: 'Counted', data: { by: 3 } }]);
      expect(watch.conflicts()).toBe(0);
    });

    it('a repeated command (a retried request, in another process) answers the first run, with no retry allowed', async () => {
      const { backing, runner, elsewhere } = setup();
      const first = await elsewhere.run({ streamName: 'new-1', decider: counter, command: count(2), context: context('same'), createsStream: true });
      // The retry decides differently now; the first run's events are still the answer.
      const again = await creating(runner, 'same', count(7));
      expect(again.events).toEqual(first.events);
      expect(again.position).toBe(first.position);
      expect(await backing.readStream('new-1')).toHaveLength(1);
      // The same in the process that ran it first, from its cache.
      expect((await creating(elsewhere, 'same', count(7))).position).toBe(first.position);
    });
  });

  it('keeps at most the configured number of streams, least recently used going first', async () => {
    const { watch, run } = setup({ cachedStreams: 2 });
    await run('a', count(1), 's-a');
    await run('b', count(1), 's-b');
    await run('a2', count(1), 's-a');
    await run('c', count(1), 's-c');
    watch.reads.length = 0;
    await run('a3', count(1), 's-a');
    await run('b2', count(1), 's-b');
    // s-a is cached (decided on without a read); s-b was the least recently used when s-c came in.
    expect(watch.reads).toEqual([{ streamName: 's-b', fromRevision: 0 }]);
  });

  it('with the cache off every command reads its stream from the start, and decides the same', async () => {
    const { watch, run } = setup({ cachedStreams: 0 });
    await run('a', count(2));
    watch.reads.length = 0;
    expect((await run('b', count(3))).state).toBe(5);
    expect(watch.reads).toEqual([{ streamName: 'counter-1', fromRevision: 0 }]);
  });

  it('the cached fold is the fold a fresh reader makes, upcast events included', async () => {
    const { backing, runner, run } = setup();
    await backing.appendToStream('counter-1', [{ eventId: '00000000-0000-4000-8000-000000000001', type: 'Counted', data: { n: 4 }, metadata: { schemaVersion: 1 } }], 'no_stream');
    await run('a', count(2));
    await backing.appendToStream('counter-1', [{ eventId: '00000000-0000-4000-8000-000000000002', type: 'Counted', data: { n: 7 }, metadata: { schemaVersion: 1 } }], 1);
    await run('b', count(3));
    expect((await runner.load('counter-1', counter)).state).toBe(16);
    expect((await new CommandRunner(backing, newRegistry()).load('counter-1', counter)).state).toBe(16);
  });
});
