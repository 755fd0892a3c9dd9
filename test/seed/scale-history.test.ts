import { describe, expect, it } from '@jest/globals';
import {
  generateHistory,
  isFictitiousCpr,
  longStandingCitizens,
  newHistoryStats,
  scaleCitizen,
  scaleStaff,
  totalRefusals,
  type GeneratedEvent,
  type HistoryOptions,
} from '../../bench/scale/history.js';
import { SCALE_MUNICIPALITIES } from '../../bench/scale/denmark.js';
import { agreementDecider } from '../../src/catalogue/agreement.decider.js';
import { productDecider } from '../../src/catalogue/product.decider.js';
import { citizenDecider } from '../../src/citizens/citizen.decider.js';
import { cprRegistryDecider } from '../../src/citizens/cpr-registry.decider.js';
import { parseCpr } from '../../src/citizens/cpr.js';
import { createEventRegistry } from '../../src/composition/event-registry.js';
import { grantDecider } from '../../src/grants/grant.decider.js';
import { municipalityDecider } from '../../src/identity/municipality.decider.js';
import { userDecider } from '../../src/identity/user.decider.js';
import { usernameRegistryDecider } from '../../src/identity/username-registry.decider.js';
import { orderNumberDecider } from '../../src/orders/order-number.js';
import { orderDecider } from '../../src/orders/order.decider.js';
import type { OrderState } from '../../src/orders/order.state.js';
import type { GrantState } from '../../src/grants/grant.state.js';
import type { Decider, DomainEvent } from '../../src/shared/decider.js';
import { eventMetadataSchema } from '../../src/shared/event-metadata.js';

/**
 * The national-scale history generator (bench/scale/history.ts) at a small size: what it writes must be what
 * the service itself could have written.
 */

const OPTIONS: HistoryOptions = { citizens: 300, seed: 16, now: new Date('2026-11-15T12:00:00.000Z'), years: 2, batchCitizens: 64 };

function generate(options: HistoryOptions) {
  const stats = newHistoryStats();
  const batches = [...generateHistory(options, stats)];
  return { stats, batches, events: batches.flat() };
}

const { stats, batches, events } = generate(OPTIONS);

type AnyDecider = Pick<Decider<unknown, DomainEvent, unknown>, 'evolve' | 'initialState'>;
const DECIDERS: ReadonlyArray<readonly [string, AnyDecider]> = [
  ['municipality-', municipalityDecider as unknown as AnyDecider],
  ['username-', usernameRegistryDecider as unknown as AnyDecider],
  ['user-', userDecider as unknown as AnyDecider],
  ['product-', productDecider as unknown as AnyDecider],
  ['agreement-', agreementDecider as unknown as AnyDecider],
  ['cprreg-', cprRegistryDecider as unknown as AnyDecider],
  ['citizen-', citizenDecider as unknown as AnyDecider],
  ['grant-', grantDecider as unknown as AnyDecider],
  ['ordernumber-', orderNumberDecider as unknown as AnyDecider],
  ['order-', orderDecider as unknown as AnyDecider],
];
const deciderOf = (streamName: string): AnyDecider => {
  const found = DECIDERS.find(([prefix]) => streamName.startsWith(prefix));
  if (!found) throw new Error(`No decider for stream ${streamName}`);
  return found[1];
};

function byStream(all: readonly GeneratedEvent[]): Map<string, GeneratedEvent[]> {
  const streams = new Map<string, GeneratedEvent[]>();
  for (const event of all) {
    const stream = streams.get(event.streamName);
    if (stream) stream.push(event);
    else streams.set(event.streamName, [event]);
  }
  return streams;
}

describe('the scale history generator', () => {
  it('writes the setup first, then the citizens in batches', () => {
    const setupTypes = new Set(batches[0]!.map((event) => event.type));
    expect([...setupTypes].sort()).toEqual(['AgreementAssortmentSet', 'MunicipalityRegistered', 'ProductAdded', 'UserCreated', 'UsernameReserved']);
    expect(batches[0]!.filter((event) => event.type === 'MunicipalityRegistered')).toHaveLength(98);
    expect(new Set(SCALE_MUNICIPALITIES.map((municipality) => municipality.id)).size).toBe(98);
    expect(batches).toHaveLength(1 + Math.ceil(OPTIONS.citizens / OPTIONS.batchCitizens!));
    expect(stats.citizens).toBe(OPTIONS.citizens);
    expect(stats.events).toBe(events.length);
    // Every stream lies within one batch, so that bench:scale may write batches in concurrent transactions.
    const batchOf = new Map<string, number>();
    batches.forEach((batch, index) => {
      for (const { streamName } of batch) {
        expect(batchOf.get(streamName) ?? index).toBe(index);
        batchOf.set(streamName, index);
      }
    });
    // Each citizens' batch is in time order, as a log is: a projection's slice of it meets many citizens.
    for (const batch of batches.slice(1)) {
      const times = batch.map((event) => event.recordedAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(new Set(batch.slice(0, 50).map((event) => event.metadata.correlationId)).size).toBeGreaterThan(10);
    }
  });

  it('every stream has revisions 0, 1, 2 … in time order, and folds through its decider', () => {
    const streams = byStream(events);
    const registry = createEventRegistry();
    for (const [streamName, stream] of streams) {
      stream.forEach((event, index) => expect(event.revision).toBe(index));
      for (let index = 1; index < stream.length; index++) expect(stream[index]!.recordedAt.getTime()).toBeGreaterThanOrEqual(stream[index - 1]!.recordedAt.getTime());
      const decider = deciderOf(streamName);
      const state = stream.reduce((current, event) => decider.evolve(current, registry.decode(event.type, event.data, event.metadata.schemaVersion)), decider.initialState);
      expect(state).not.toBe(decider.initialState);
    }
    expect(new Set(events.map((event) => event.eventId)).size).toBe(events.length);
  });

  it('keeps the accounting invariants: the grant counts every order as its stream says, never more delivered or given back than ordered', () => {
    const streams = byStream(events);
    const registry = createEventRegistry();
    const fold = (streamName: string) => {
      const decider = deciderOf(streamName);
      return (streams.get(streamName) ?? []).reduce((state, event) => decider.evolve(state, registry.decode(event.type, event.data, event.metadata.schemaVersion)), decider.initialState);
    };
    const numbers = new Map(events.filter((event) => event.type === 'OrderNumberReserved').map((event) => [(event.data as { orderId: string }).orderId, (event.data as { orderNumber: string }).orderNumber]));
    let orders = 0;
    for (const streamName of streams.keys()) {
      if (!streamName.startsWith('order-')) continue;
      orders += 1;
      const order = fold(streamName) as OrderState;
      if (order.status !== 'placed') throw new Error(`${streamName} holds no placed order`);
      expect(numbers.get(order.order.orderId)).toBe(order.order.orderNumber);
      const grant = fold(`grant-${order.order.citizenId}`) as GrantState;
      if (grant.status !== 'granted') throw new Error('an order without a grant');
      for (const line of order.order.lines) {
        expect(line.shipped + line.cancelled).toBeLessThanOrEqual(line.salesUnits);
        const counted = grant.lines.find((candidate) => candidate.lineId === line.lineId)?.orders.find((entry) => entry.orderId === order.order.orderId);
        const credited = line.credited.reduce((sum, credit) => sum + credit.salesUnits, 0);
        expect(counted).toEqual({ orderId: order.order.orderId, orderDate: order.order.orderDate, salesUnits: line.salesUnits, givenBack: line.cancelled + credited, delivered: line.shipped - credited });
      }
    }
    expect(orders).toBe(stats.eventsByType.OrderPlaced);
  });

  it('every event decodes to exactly its data through the event registry, and its metadata is valid', () => {
    const registry = createEventRegistry();
    for (const event of events) {
      expect(registry.decode(event.type, event.data, event.metadata.schemaVersion).data).toEqual(event.data);
      expect(eventMetadataSchema.parse(event.metadata)).toEqual(event.metadata);
      expect(event.metadata.occurredAt).toBe(event.recordedAt.toISOString());
      expect(event.recordedAt.getTime()).toBeLessThanOrEqual(OPTIONS.now.getTime());
    }
  });

  it('is deterministic for a seed, and another seed gives another history', () => {
    const again = generate(OPTIONS).events;
    expect(again).toEqual(events);
    const other = generate({ ...OPTIONS, seed: 17 }).events;
    const citizens = (all: readonly GeneratedEvent[]) => all.filter((event) => event.type === 'CitizenRegistered').map((event) => JSON.stringify(event.data));
    expect(citizens(other)).not.toEqual(citizens(events));
    expect(other.map((event) => event.eventId)).not.toEqual(events.map((event) => event.eventId));
  });

  it('holds the mix the benchmark needs, with no refusal', () => {
    const counts = stats.eventsByType;
    const wanted = [
      'CitizenRegistered',
      'GrantLineAdded',
      'OrderPlaced',
      'GrantOrderPlaced',
      'OrderAccepted',
      'OrderLinesShipped',
      'GrantOrderLinesDelivered',
      'OrderLinesBackordered',
      'OrderInvoiced',
      'OrderLinesCredited',
      'OrderCancelled',
      'GrantOrderLinesGivenBack',
      'CitizenStatusChanged',
      'GrantLinesInactivatedForStatus',
      'GrantLineReactivated',
      'CitizenRemoved',
      'CprReleased',
      'CitizenReopened',
      'GrantLinesRestored',
      'CitizenContactDetailsChanged',
      'GrantLineAllowanceChanged',
      'GrantLineInactivated',
    ];
    expect(wanted.filter((type) => !((counts[type] ?? 0) > 0))).toEqual([]);
    const citizenEvents = events.length - batches[0]!.length;
    expect(citizenEvents / OPTIONS.citizens).toBeGreaterThanOrEqual(10);
    expect(totalRefusals(stats)).toBe(0);
  });

  it('registers fictitious CPR numbers only, none twice, each the one citizenProfile derives', () => {
    const registered = events.filter((event) => event.type === 'CitizenRegistered').map((event) => event.data as { citizenId: string; cpr: string; birthDate: string });
    expect(registered).toHaveLength(OPTIONS.citizens);
    expect(new Set(registered.map(({ cpr }) => cpr)).size).toBe(OPTIONS.citizens);
    const today = OPTIONS.now.toISOString().slice(0, 10);
    for (const { cpr, birthDate } of registered) {
      expect(isFictitiousCpr(cpr)).toBe(true);
      expect(parseCpr(cpr, today)).toMatchObject({ ok: true, birthDate, checksum: 'unconfirmed' });
      expect(birthDate.slice(5)).not.toBe('01-01');
    }
    // A batch is in time order, so registrations are not in index order: each profile's CPR is its citizen's.
    const cprOf = new Map(registered.map(({ citizenId, cpr }) => [citizenId, cpr]));
    for (let index = 0; index < OPTIONS.citizens; index++) {
      const { citizenId, cpr } = scaleCitizen(OPTIONS, index);
      expect(cprOf.get(citizenId)).toBe(cpr);
    }
  });

  it('derives the staff and the long-standing citizens a benchmark looks for', () => {
    const created = new Map(events.filter((event) => event.type === 'UserCreated').map((event) => [(event.data as { userId: string }).userId, event.data as { username: string; role: string }]));
    const staff = scaleStaff(OPTIONS.seed);
    expect(staff.caseworkers.size).toBe(98);
    for (const user of [...staff.caseworkers.values(), staff.erp, staff.customerService]) expect(created.get(user.userId)?.username).toBe(user.username);

    const longStanding = longStandingCitizens(OPTIONS, 3);
    expect(longStanding).toHaveLength(3);
    const dayMs = 86_400_000;
    for (const citizen of longStanding) {
      const orderDates = events
        .filter((event) => event.type === 'OrderPlaced' && (event.data as { citizenId: string }).citizenId === citizen.citizenId)
        .map((event) => event.recordedAt.getTime());
      expect(citizen.fate).toEqual({ kind: 'active' });
      expect(orderDates.length).toBeGreaterThanOrEqual(8);
      expect(orderDates[0]! - citizen.registeredAt.getTime()).toBeLessThan(15 * dayMs);
      expect(OPTIONS.now.getTime() - orderDates.at(-1)!).toBeLessThan(95 * dayMs);
    }
  });
});
