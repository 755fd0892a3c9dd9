import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { Allowance } from '../../src/grants/allowance.js';
import type { GrantActor } from '../../src/grants/grant-access.js';
import {
  grantDecider,
  type GiveBackGrantOrderLines,
  type GrantCommand,
  type PlaceGrantOrder,
  type RecordGrantOrderDelivery,
} from '../../src/grants/grant.decider.js';
import {
  grantEventDefinitions,
  type GiveBackReason,
  type GrantEvent,
  type GrantLineAdded,
  type GrantOrderLinesDelivered,
  type GrantOrderLinesGivenBack,
  type GrantOrderPlaced,
} from '../../src/grants/grant.events.js';
import { findLine, type GrantLine, type GrantState } from '../../src/grants/grant.state.js';
import { grantLineView } from '../../src/grants/grant-view.js';
import { deliveredIn, lastOrderDateOf, lineWindowOn, orderedIn, pastLineWindows } from '../../src/grants/line-accounting.js';
import { fold } from '../../src/shared/decider.js';
import { DomainError } from '../../src/shared/domain-error.js';
import { EventRegistry } from '../../src/shared/event-schema.js';
import { spec } from '../support/decider-spec.js';
import { CITIZEN_ID, FOUR_A_DAY, lineAdded } from './grant-fixtures.js';

/** In the first window of line-1 (windows anchored 31 Jan, P = 3: 31 Jan, 30 Apr, 31 Jul, 31 Oct …). */
const TODAY = '2026-03-10';
const CASEWORKER: GrantActor = { role: 'caseworker', grantAreas: ['Stomi', 'Inkontinens', 'Kateter'] };
const ERP: GrantActor = { role: 'integration', grantAreas: [] };

/** A 12-month allowance typed in, with a per-order cap below grantedMax. */
const SIX_A_YEAR_TWO_PER_ORDER: Allowance = { quantity: null, per: null, periodMonths: 12, grantedMax: 6, salesUnitsPerOrder: 2 };

const ITEM_NUMBERS: Record<string, string> = { 'line-1': '301004', 'line-2': '101001', 'line-3': '201001', 'line-4': '401001' };

const added = (data: Partial<GrantLineAdded['data']> = {}): GrantLineAdded =>
  lineAdded({ itemNumber: ITEM_NUMBERS[data.lineId ?? 'line-1'] ?? data.lineId, productName: undefined, ...data });
/** line-1 (Stomi, 13 per window of 3 months), line-2 (Inkontinens, 6 a year, 2 per order), line-3 (Kateter, no allowance). */
const THREE_LINES: GrantEvent[] = [
  added(),
  added({ lineId: 'line-2', grantArea: 'Inkontinens', allowance: SIX_A_YEAR_TWO_PER_ORDER }),
  added({ lineId: 'line-3', grantArea: 'Kateter', allowance: null }),
];

type Units = ReadonlyArray<readonly [lineId: string, salesUnits: number]>;
const lines = (units: Units) => units.map(([lineId, salesUnits]) => ({ lineId, salesUnits }));

const placed = (orderId: string, orderDate: string, units: Units): GrantOrderPlaced => ({
  type: 'GrantOrderPlaced',
  data: { citizenId: CITIZEN_ID, orderId, orderDate, lines: units.map(([lineId, salesUnits]) => ({ lineId, itemNumber: ITEM_NUMBERS[lineId] ?? lineId, salesUnits })) },
});
const givenBack = (orderId: string, units: Units, reason: GiveBackReason = 'cancelled'): GrantOrderLinesGivenBack => ({
  type: 'GrantOrderLinesGivenBack',
  data: { citizenId: CITIZEN_ID, orderId, lines: lines(units), reason },
});
const delivered = (orderId: string, units: Units): GrantOrderLinesDelivered => ({
  type: 'GrantOrderLinesDelivered',
  data: { citizenId: CITIZEN_ID, orderId, lines: lines(units) },
});

const place = (units: Units, data: Partial<PlaceGrantOrder['data']> = {}): PlaceGrantOrder => ({
  type: 'PlaceGrantOrder',
  data: { citizenId: CITIZEN_ID, actor: CASEWORKER, citizenActive: true, today: TODAY, orderId: 'order-new', lines: lines(units), ...data },
});
const giveBack = (orderId: string, units: Units, reason: GiveBackReason = 'cancelled', actor = reason === 'credited' ? ERP : CASEWORKER): GiveBackGrantOrderLines => ({
  type: 'GiveBackGrantOrderLines',
  data: { citizenId: CITIZEN_ID, actor, orderId, lines: lines(units), reason },
});
const deliver = (orderId: string, units: Units, actor = ERP): RecordGrantOrderDelivery => ({
  type: 'RecordGrantOrderDelivery',
  data: { citizenId: CITIZEN_ID, actor, orderId, lines: lines(units) },
});

const grant = spec(grantDecider);

const lineOf = (events: readonly GrantEvent[], lineId = 'line-1'): GrantLine => {
  const line = findLine(fold(grantDecider, events), lineId);
  if (!line) throw new Error(`no line ${lineId}`);
  return line;
};

describe('placing an order: the caps of DOMAIN §4.2', () => {
  it('within the cap the order is counted, on today’s date, with each line’s item number', () => {
    grant.given(THREE_LINES).when(place([['line-1', 5], ['line-3', 2]])).then([placed('order-new', TODAY, [['line-1', 5], ['line-3', 2]])]);
  });

  it('exactly at the cap: ordered in the current window + salesUnits = grantedMax is allowed', () => {
    grant
      .given([added(), placed('order-1', '2026-02-10', [['line-1', 8]])])
      .when(place([['line-1', 5]]))
      .then([placed('order-new', TODAY, [['line-1', 5]])]);
  });

  it('one over the cap is refused with EXCEEDS_GRANTED_MAX: nothing remains, the next order date is the next window’s start', () => {
    const error = grant.given([added(), placed('order-1', '2026-02-10', [['line-1', 13]])]).when(place([['line-1', 1]])).thenThrows('EXCEEDS_GRANTED_MAX');
    expect(error.kind).toBe('unprocessable');
    expect(error.details).toEqual({ lineId: 'line-1', remaining: 0, nextOrderDate: '2026-04-30' });
  });

  it('over the cap while something remains: the error says how many remain, and that today is still an order date', () => {
    const error = grant.given([added(), placed('order-1', '2026-02-10', [['line-1', 10]])]).when(place([['line-1', 4]])).thenThrows('EXCEEDS_GRANTED_MAX');
    expect(error.details).toEqual({ lineId: 'line-1', remaining: 3, nextOrderDate: TODAY });
  });

  it('all lines of one order pass or the whole order is refused: the second line failing, nothing is emitted', () => {
    const history = [...THREE_LINES, placed('order-1', '2026-02-10', [['line-2', 2]]), placed('order-2', '2026-03-01', [['line-2', 2], ['line-2', 1]])];
    const error = grant.given(history).when(place([['line-1', 5], ['line-2', 2], ['line-3', 1]])).thenThrows('EXCEEDS_GRANTED_MAX');
    expect(error.details).toEqual({ lineId: 'line-2', remaining: 1, nextOrderDate: TODAY });
  });

  it('the first failing line, in the order’s order, is the one reported', () => {
    const error = grant.given(THREE_LINES).when(place([['line-2', 3], ['line-1', 14]])).thenThrows('EXCEEDS_PER_ORDER');
    expect(error.details).toMatchObject({ lineId: 'line-2' });
  });

  it('the same line twice in one order counts together, against grantedMax and per-order alike', () => {
    const history = [...THREE_LINES, placed('order-1', '2026-02-10', [['line-1', 10]])];
    expect(grant.given(history).when(place([['line-1', 2], ['line-1', 2]])).thenThrows('EXCEEDS_GRANTED_MAX').details).toEqual({
      lineId: 'line-1',
      remaining: 3,
      nextOrderDate: TODAY,
    });
    grant.given(history).when(place([['line-1', 2], ['line-1', 1]])).then([placed('order-new', TODAY, [['line-1', 2], ['line-1', 1]])]);
    grant.given(THREE_LINES).when(place([['line-2', 1], ['line-2', 2]])).thenThrows('EXCEEDS_PER_ORDER');
  });

  it('an order line counted twice in one order is one entry of the grant line’s accounting, with the sum', () => {
    const line = lineOf([added(), placed('order-1', TODAY, [['line-1', 2], ['line-1', 1]])]);
    expect(line.orders).toEqual([{ orderId: 'order-1', orderDate: TODAY, salesUnits: 3, givenBack: 0, delivered: 0 }]);
  });

  it('per-order cap: salesUnits above salesUnitsPerOrder is EXCEEDS_PER_ORDER, even with room in the window', () => {
    const error = grant.given(THREE_LINES).when(place([['line-2', 3]])).thenThrows('EXCEEDS_PER_ORDER');
    expect(error.kind).toBe('unprocessable');
    expect(error.details).toEqual({ lineId: 'line-2', remaining: 6, nextOrderDate: TODAY, salesUnitsPerOrder: 2 });
    grant.given(THREE_LINES).when(place([['line-2', 2]])).then([placed('order-new', TODAY, [['line-2', 2]])]);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('salesUnits %p is not a whole number ≥ 1: EXCEEDS_PER_ORDER, with or without an allowance', (salesUnits) => {
    grant.given(THREE_LINES).when(place([['line-1', salesUnits]])).thenThrows('EXCEEDS_PER_ORDER');
    const error = grant.given(THREE_LINES).when(place([['line-3', salesUnits]])).thenThrows('EXCEEDS_PER_ORDER');
    expect(error.details).toEqual({ lineId: 'line-3', remaining: null, nextOrderDate: TODAY, salesUnitsPerOrder: null });
  });

  it('no allowance, no caps', () => {
    grant.given(THREE_LINES).when(place([['line-3', 500]])).then([placed('order-new', TODAY, [['line-3', 500]])]);
  });

  it('an inactive line cannot be ordered on: LINE_INACTIVE', () => {
    const inactivated: GrantEvent = { type: 'GrantLineInactivated', data: { citizenId: CITIZEN_ID, lineId: 'line-1', effectiveDate: '2026-03-01' } };
    const error = grant.given([added(), inactivated]).when(place([['line-1', 1]])).thenThrows('LINE_INACTIVE');
    expect(error.details).toEqual({ lineId: 'line-1', remaining: null, nextOrderDate: null });
  });

  describe('a one-time line: its grantedMax is for its whole life, and it expires after its end date', () => {
    const oneTime = added({ lineId: 'line-4', kind: 'one_time', startDate: '2026-02-01', endDate: '2026-03-31', allowance: { ...FOUR_A_DAY, grantedMax: 4, salesUnitsPerOrder: 4 } });

    it('on its last day it can still be ordered on', () => {
      grant.given([oneTime]).when(place([['line-4', 4]], { today: '2026-03-31' })).then([placed('order-new', '2026-03-31', [['line-4', 4]])]);
    });

    it('the day after its end date it is expired: LINE_EXPIRED', () => {
      const error = grant.given([oneTime]).when(place([['line-4', 1]], { today: '2026-04-01' })).thenThrows('LINE_EXPIRED');
      expect(error.details).toEqual({ lineId: 'line-4', remaining: null, nextOrderDate: null });
    });

    it('used up, it cannot be ordered on again: no next order date', () => {
      const error = grant.given([oneTime, placed('order-1', '2026-02-05', [['line-4', 4]])]).when(place([['line-4', 1]])).thenThrows('EXCEEDS_GRANTED_MAX');
      expect(error.details).toEqual({ lineId: 'line-4', remaining: 0, nextOrderDate: null });
    });
  });

  it('Decision: a line not yet started is LINE_NOT_STARTED (not LINE_EXPIRED), with its start date as next order date', () => {
    const error = grant.given([added({ startDate: '2026-04-01' })]).when(place([['line-1', 1]])).thenThrows('LINE_NOT_STARTED');
    expect(error.kind).toBe('unprocessable');
    expect(error.details).toEqual({ lineId: 'line-1', remaining: null, nextOrderDate: '2026-04-01' });
  });

  it('an inactive citizen cannot order: CITIZEN_NOT_ACTIVE', () => {
    grant.given(THREE_LINES).when(place([['line-1', 1]], { citizenActive: false })).thenThrows('CITIZEN_NOT_ACTIVE');
  });

  it('an area-scoped nurse cannot order outside her grant areas: GRANT_AREA_FORBIDDEN, before anything else about the line', () => {
    const nurse: GrantActor = { role: 'nurse', grantAreas: ['Stomi', 'Kateter'] };
    const error = grant.given(THREE_LINES).when(place([['line-1', 1], ['line-2', 1]], { actor: nurse, citizenActive: false })).thenThrows('GRANT_AREA_FORBIDDEN');
    expect(error.kind).toBe('forbidden');
    grant.given(THREE_LINES).when(place([['line-1', 1], ['line-3', 1]], { actor: nurse })).then([placed('order-new', TODAY, [['line-1', 1], ['line-3', 1]])]);
  });

  it.each(['caseworker', 'nurse', 'orderer', 'customer_service', 'citizen'] as const)('a %s may place an order', (role) => {
    const actor: GrantActor = { role, grantAreas: role === 'customer_service' || role === 'citizen' ? [] : ['Stomi'] };
    grant.given(THREE_LINES).when(place([['line-1', 1]], { actor })).then([placed('order-new', TODAY, [['line-1', 1]])]);
  });

  it.each(['auditor', 'admin', 'integration', 'system'] as const)('a %s may not: FORBIDDEN', (role) => {
    expect(grant.given(THREE_LINES).when(place([['line-1', 1]], { actor: { role, grantAreas: [] } })).thenThrows('FORBIDDEN').kind).toBe('forbidden');
  });

  it('an unknown line is LINE_NOT_FOUND; an order without lines is VALIDATION_FAILED; an order id is used once', () => {
    expect(grant.given(THREE_LINES).when(place([['line-9', 1]])).thenThrows('LINE_NOT_FOUND').details).toEqual({ lineId: 'line-9' });
    grant.given(THREE_LINES).when(place([])).thenThrows('VALIDATION_FAILED');
    grant.given([...THREE_LINES, placed('order-new', '2026-02-01', [['line-3', 1]])]).when(place([['line-1', 1]])).thenThrows('ORDER_ID_IN_USE');
  });
});

describe('the window rolls over by date', () => {
  const atTheCapOnTheLastDay = [added(), placed('order-1', '2026-04-29', [['line-1', 13]])];

  it('on the last day of the window an order at the cap blocks more, until the next window’s start', () => {
    const error = grant.given(atTheCapOnTheLastDay).when(place([['line-1', 1]], { today: '2026-04-29' })).thenThrows('EXCEEDS_GRANTED_MAX');
    expect(error.details).toEqual({ lineId: 'line-1', remaining: 0, nextOrderDate: '2026-04-30' });
  });

  it('the next day, in the new window, the full grantedMax can be ordered again', () => {
    grant.given(atTheCapOnTheLastDay).when(place([['line-1', 13]], { today: '2026-04-30' })).then([placed('order-new', '2026-04-30', [['line-1', 13]])]);
  });
});

describe('giving back: a cancelled or credited quantity is given back to the window of its order (DOMAIN §4.2)', () => {
  const atTheCap = [added(), placed('order-1', '2026-02-10', [['line-1', 13]])];

  it('a given-back quantity can be ordered again in the same window', () => {
    grant.given(atTheCap).when(giveBack('order-1', [['line-1', 3]])).then([givenBack('order-1', [['line-1', 3]])]);
    const afterCancel = [...atTheCap, givenBack('order-1', [['line-1', 3]])];
    grant.given(afterCancel).when(place([['line-1', 3]])).then([placed('order-new', TODAY, [['line-1', 3]])]);
    grant.given(afterCancel).when(place([['line-1', 4]])).thenThrows('EXCEEDS_GRANTED_MAX');
  });

  it('a credit for an order of a past window does not free the current window', () => {
    const history = [...atTheCap, placed('order-2', '2026-05-05', [['line-1', 13]]), givenBack('order-1', [['line-1', 5]], 'credited')];
    const error = grant.given(history).when(place([['line-1', 1]], { today: '2026-05-20' })).thenThrows('EXCEEDS_GRANTED_MAX');
    expect(error.details).toEqual({ lineId: 'line-1', remaining: 0, nextOrderDate: '2026-07-31' });
    const view = grantLineView(lineOf(history), '2026-05-20');
    expect(view.history).toEqual([{ start: '2026-01-31', end: '2026-04-30', lastDay: '2026-04-29', grantedMax: 13, ordered: 8, delivered: 0 }]);
    expect(view.window).toMatchObject({ start: '2026-04-30', ordered: 13 });
  });

  it('giving back more than the order still counts for the line is refused: GIVE_BACK_EXCEEDS_ORDERED', () => {
    const error = grant.given([...atTheCap, givenBack('order-1', [['line-1', 10]])]).when(giveBack('order-1', [['line-1', 2], ['line-1', 2]])).thenThrows('GIVE_BACK_EXCEEDS_ORDERED');
    expect(error.kind).toBe('conflict');
    expect(error.details).toEqual({ orderId: 'order-1', lineId: 'line-1', givable: 3 });
  });

  it('a line the order does not name counts nothing to give back', () => {
    const history = [...THREE_LINES, placed('order-1', '2026-02-10', [['line-1', 2]])];
    expect(grant.given(history).when(giveBack('order-1', [['line-3', 1]])).thenThrows('GIVE_BACK_EXCEEDS_ORDERED').details).toMatchObject({ givable: 0 });
  });

  it('cancelling takes back only what is not delivered yet; a credit only delivered units, which are then no longer delivered', () => {
    const history = [...atTheCap, delivered('order-1', [['line-1', 10]])];
    expect(grant.given(history).when(giveBack('order-1', [['line-1', 4]])).thenThrows('GIVE_BACK_EXCEEDS_ORDERED').details).toMatchObject({ givable: 3 });
    expect(grant.given(history).when(giveBack('order-1', [['line-1', 11]], 'credited')).thenThrows('GIVE_BACK_EXCEEDS_ORDERED').details).toMatchObject({ givable: 10 });
    grant.given(history).when(giveBack('order-1', [['line-1', 4]], 'credited')).then([givenBack('order-1', [['line-1', 4]], 'credited')]);
    const line = lineOf([...history, givenBack('order-1', [['line-1', 4]], 'credited'), givenBack('order-1', [['line-1', 3]])]);
    expect(line.orders).toEqual([{ orderId: 'order-1', orderDate: '2026-02-10', salesUnits: 13, givenBack: 7, delivered: 6 }]);
  });

  it('an unknown order is ORDER_NOT_FOUND; whole sales units ≥ 1 only; only the municipality and customer service cancel, only the supplier credits', () => {
    expect(grant.given(atTheCap).when(giveBack('order-9', [['line-1', 1]])).thenThrows('ORDER_NOT_FOUND').kind).toBe('not_found');
    grant.given(atTheCap).when(giveBack('order-1', [['line-1', 0]])).thenThrows('VALIDATION_FAILED');
    grant.given(atTheCap).when(giveBack('order-1', [['line-1', 1]], 'cancelled', { role: 'citizen', grantAreas: [] })).thenThrows('FORBIDDEN');
    grant.given(atTheCap).when(giveBack('order-1', [['line-1', 1]], 'credited', CASEWORKER)).thenThrows('FORBIDDEN');
    grant.given(atTheCap).when(giveBack('order-1', [['line-1', 1]], 'cancelled', { role: 'nurse', grantAreas: ['Kateter'] })).thenThrows('GRANT_AREA_FORBIDDEN');
  });
});

describe('deliveries', () => {
  const ordered = [added(), placed('order-1', '2026-02-10', [['line-1', 5]]), givenBack('order-1', [['line-1', 2]])];

  it('delivered never exceeds ordered less given back: DELIVERY_EXCEEDS_ORDERED', () => {
    const error = grant.given(ordered).when(deliver('order-1', [['line-1', 4]])).thenThrows('DELIVERY_EXCEEDS_ORDERED');
    expect(error.kind).toBe('conflict');
    expect(error.details).toEqual({ orderId: 'order-1', lineId: 'line-1', undelivered: 3 });
    grant.given(ordered).when(deliver('order-1', [['line-1', 3]])).then([delivered('order-1', [['line-1', 3]])]);
    grant.given([...ordered, delivered('order-1', [['line-1', 2]])]).when(deliver('order-1', [['line-1', 2]])).thenThrows('DELIVERY_EXCEEDS_ORDERED');
  });

  it('only the supplier reports deliveries, of known orders', () => {
    grant.given(ordered).when(deliver('order-1', [['line-1', 1]], CASEWORKER)).thenThrows('FORBIDDEN');
    grant.given(ordered).when(deliver('order-9', [['line-1', 1]])).thenThrows('ORDER_NOT_FOUND');
  });

  it('evolve is defensive: events beyond what was ordered are clamped, unknown orders and lines change nothing', () => {
    const line = lineOf([...ordered, delivered('order-1', [['line-1', 9]]), delivered('order-9', [['line-1', 1]]), givenBack('order-1', [['line-7', 1]])]);
    expect(line.orders).toEqual([{ orderId: 'order-1', orderDate: '2026-02-10', salesUnits: 5, givenBack: 2, delivered: 3 }]);
    const overGiven = lineOf([...ordered, givenBack('order-1', [['line-1', 9]], 'credited')]);
    expect(overGiven.orders[0]).toMatchObject({ givenBack: 5, delivered: 0 });
    expect(fold(grantDecider, [placed('order-1', TODAY, [['line-1', 1]])])).toEqual({ status: 'none' });
  });
});

describe('line accounting and the grant view read these events', () => {
  const history: GrantEvent[] = [
    added(),
    placed('order-1', '2026-02-10', [['line-1', 5]]),
    placed('order-2', '2026-03-10', [['line-1', 4]]),
    delivered('order-1', [['line-1', 5]]),
    givenBack('order-2', [['line-1', 1]], 'credited'),
  ];

  it('ordered (less what was given back), delivered and the last order date', () => {
    const line = lineOf(history);
    const window = lineWindowOn(line, '2026-03-15');
    if (!window) throw new Error('no window');
    expect([orderedIn(line, window), deliveredIn(line, window), lastOrderDateOf(line)]).toEqual([8, 5, '2026-03-10']);
    expect(grantLineView(line, '2026-03-15')).toMatchObject({
      window: { start: '2026-01-31', end: '2026-04-30', lastDay: '2026-04-29', ordered: 8, delivered: 5 },
      remaining: 5,
      lastOrderDate: '2026-03-10',
      nextOrderDate: '2026-03-15',
    });
  });

  it('every order event survives its schema', () => {
    const registry = new EventRegistry(grantEventDefinitions);
    for (const event of history) expect(registry.decode(event.type, registry.encode(event).data, 1)).toEqual(event);
    expect(() => registry.encode(placed('order-1', TODAY, [['line-1', 0]]))).toThrow();
    expect(() => registry.encode(placed('order-1', TODAY, []))).toThrow();
    expect(() => registry.encode({ ...givenBack('order-1', [['line-1', 1]]), data: { ...givenBack('order-1', [['line-1', 1]]).data, reason: 'lost' } })).toThrow();
  });
});

describe('property: whatever orders are accepted, no window ever holds more than grantedMax', () => {
  const FIRST_DAY = Date.UTC(2026, 0, 20);
  const dayOf = (offset: number) => new Date(FIRST_DAY + offset * 86_400_000).toISOString().slice(0, 10);
  /** Every window any order date below falls in is over by then. */
  const AFTER_EVERY_ORDER = '2028-02-01';
  const LINES: GrantEvent[] = [
    ...THREE_LINES,
    added({ lineId: 'line-4', kind: 'one_time', startDate: '2026-02-15', endDate: '2026-06-30', allowance: { ...FOUR_A_DAY, grantedMax: 5, salesUnitsPerOrder: 5 } }),
  ];
  const LINE_IDS = ['line-1', 'line-2', 'line-3', 'line-4'];

  const step = fc.oneof(
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('place' as const),
        // Days before the first line starts, through several windows, and after the one-time line ends.
        day: fc.integer({ min: 0, max: 420 }),
        lines: fc.array(fc.tuple(fc.constantFrom(...LINE_IDS), fc.integer({ min: 1, max: 13 })), { minLength: 1, maxLength: 3 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({ kind: fc.constant('giveBack' as const), pick: fc.nat(), line: fc.constantFrom(...LINE_IDS), salesUnits: fc.integer({ min: 1, max: 5 }) }),
    },
  );

  it('for any sequence of orders (and give-backs) each decided on the folded state', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let state: GrantState = fold(grantDecider, LINES);
        const orderIds: string[] = [];
        steps.forEach((input, index) => {
          const command: GrantCommand | null =
            input.kind === 'place'
              ? place(input.lines, { orderId: `order-${index}`, today: dayOf(input.day) })
              : orderIds.length === 0
                ? null
                : giveBack(orderIds[input.pick % orderIds.length] ?? '', [[input.line, input.salesUnits]], 'cancelled', { role: 'system', grantAreas: [] });
          if (command === null) return;
          try {
            const events = grantDecider.decide(command, state);
            state = events.reduce(grantDecider.evolve, state);
            if (command.type === 'PlaceGrantOrder') orderIds.push(command.data.orderId);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
        });
        if (state.status !== 'granted') throw new Error('no grant');
        for (const line of state.lines) {
          const windows = pastLineWindows(line, AFTER_EVERY_ORDER);
          for (const window of windows) expect(orderedIn(line, window)).toBeLessThanOrEqual(window.allowance.grantedMax);
          // No accepted order escapes the caps by falling outside every window (before the start, after the end).
          if (line.allowance !== null) {
            const counted = line.orders.reduce((sum, order) => sum + order.salesUnits - order.givenBack, 0);
            expect(windows.reduce((sum, window) => sum + orderedIn(line, window), 0)).toBe(counted);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
