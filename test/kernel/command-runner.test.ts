import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { CommandRunner } from '../../src/kernel/command-runner.js';
import type { CommandContext } from '../../src/kernel/command-context.js';
import { WrongExpectedRevisionError, type EventStore } from '../../src/kernel/event-store.port.js';
import type { Decider, DomainEvent } from '../../src/shared/decider.js';
import { conflict } from '../../src/shared/domain-error.js';
import { defineEvent, EventRegistry } from '../../src/shared/event-schema.js';
import { noPersonalData } from '../../src/shared/personal-data.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';

type Counted = DomainEvent<'Counted', { by: number }>;
type Count = { readonly type: 'Count'; readonly by: number; readonly max: number };

/** A tiny counter with a cap: enough to show read → fold → decide → append. */
const counter: Decider<Count, Counted, number> = {
  initialState: 0,
  evolve: (total, event) => total + event.data.by,
  decide: (command, total) => {
    if (total + command.by > command.max) throw conflict('OVER_MAX', 'over');
    return [{ type: 'Counted', data: { by: command.by } }];
  },
};

const registry = new EventRegistry([
  // Version 2 renamed `n` to `by`: events written as version 1 are upcast when read.
  defineEvent('Counted', z.object({ by: z.number() }), { personalData: noPersonalData('by'), version: 2, upcasters: { 1: (old) => ({ by: (old as { n: number }).n }) } }),
]);

const context = (commandId: string): CommandContext => ({
  commandId,
  correlationId: 'corr',
  causationId: 'cause',
  actor: { userId: 'u', role: 'caseworker', municipalityId: '101' },
  now: new Date('2026-03-01T10:00:00Z'),
});

describe('The command runner (ARCHITECTURE §4)', () => {
  it('appends the decided events with full metadata and the exact expected revision', async () => {
    const store = new InMemoryEventStore();
    const runner = new CommandRunner(store, registry);
    const result = await runner.run({ streamName: 'counter-1', decider: counter, command: { type: 'Count', by: 2, max: 10 }, context: context('c1') });
    expect(result.state).toBe(2);
    const [event] = await store.readStream('counter-1');
    expect(event!.metadata).toEqual({
      commandId: 'c1',
      correlationId: 'corr',
      causationId: 'cause',
      actor: { userId: 'u', role: 'caseworker', municipalityId: '101' },
      occurredAt: '2026-03-01T10:00:00.000Z',
      schemaVersion: 2,
    });
    expect(result.position).toBe(event!.position);
  });

  it('a repeated command (same command id) appends nothing and answers the first result', async () => {
    const store = new InMemoryEventStore();
    const runner = new CommandRunner(store, registry);
    const first = await runner.run({ streamName: 'counter-1', decider: counter, command: { type: 'Count', by: 5, max: 5 }, context: context('same') });
    const again = await runner.run({ streamName: 'counter-1', decider: counter, command: { type: 'Count', by: 5, max: 5 }, context: context('same') });
    expect(again.position).toBe(first.position);
    expect(await store.readStream('counter-1')).toHaveLength(1);
  });

  it('on a concurrent write it re-reads and decides again on fresh state, so a cap holds', async () => {
    const store = new InMemoryEventStore();
    const runner = new CommandRunner(store, registry);
    await runner.run({ streamName: 'c', decider: counter, command: { type: 'Count', by: 1, max: 10 }, context: context('a') });
    // Another writer slips in between our read and our append, once.
    let interfered = false;
    const racing: EventStore = Object.assign(Object.create(store) as EventStore, {
      appendToStream: async (...args: Parameters<EventStore['appendToStream']>) => {
        if (!interfered) {
          interfered = true;
          await new CommandRunner(store, registry).run({ streamName: 'c', decider: counter, command: { type: 'Count', by: 8, max: 10 }, context: context('b') });
        }
        return store.appendToStream(...args);
      },
    });
    await expect(new CommandRunner(racing, registry).run({ streamName: 'c', decider: counter, command: { type: 'Count', by: 2, max: 10 }, context: context('c') })).rejects.toMatchObject({
      code: 'OVER_MAX',
    });
    expect((await runner.load('c', counter)).state).toBe(9);
  });

  it('gives up after the allowed retries and surfaces the conflict', async () => {
    const store = new InMemoryEventStore();
    const alwaysConflicting: EventStore = Object.assign(Object.create(store) as EventStore, {
      appendToStream: async (streamName: string) => {
        throw new WrongExpectedRevisionError(streamName, 'no_stream', 0);
      },
    });
    await expect(
      new CommandRunner(alwaysConflicting, registry).run({ streamName: 'c', decider: counter, command: { type: 'Count', by: 1, max: 5 }, context: context('x'), retriesOnConflict: 2 }),
    ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
  });

  it('upcasts events written under an older schema version when folding', async () => {
    const store = new InMemoryEventStore();
    await store.appendToStream('c', [{ eventId: '00000000-0000-4000-8000-000000000001', type: 'Counted', data: { n: 4 }, metadata: { schemaVersion: 1 } }], 'no_stream');
    expect((await new CommandRunner(store, registry).load('c', counter)).state).toBe(4);
  });
});
