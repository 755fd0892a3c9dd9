import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { GrantActor } from '../../src/grants/grant-access.js';
import { grantDecider, type GrantCommand } from '../../src/grants/grant.decider.js';
import type { GrantEvent } from '../../src/grants/grant.events.js';
import { findLine, type GrantState, type LineOrder } from '../../src/grants/grant.state.js';
import { GRANT_ACCOUNTED_ORDER_EVENTS, grantAccountingFor } from '../../src/processes/orders/order-accounting.js';
import { FULFILMENT_TYPES, orderDecider, type OrderCommand } from '../../src/orders/order.decider.js';
import type { OrderEvent, OrderLine, OrderPlaced } from '../../src/orders/order.events.js';
import { creditedUnits, type OrderState } from '../../src/orders/order.state.js';
import { fold } from '../../src/shared/decider.js';
import { DomainError } from '../../src/shared/domain-error.js';
import { CITIZEN_ID, lineAdded } from '../grants/grant-fixtures.js';

const ORDER_ID = 'order-1';
const AT = '2026-03-10T12:00:00.000Z';
const TODAY = '2026-03-10';
const SYSTEM: GrantActor = { role: 'system', grantAreas: [] };
const ERP: GrantActor = { role: 'integration', grantAreas: [] };
const CASEWORKER: GrantActor = { role: 'caseworker', grantAreas: ['Stomi', 'Inkontinens'] };

const STOMI: OrderLine = { lineId: 'line-1', itemNumber: '301004', productName: 'Stomipose Åben', grantArea: 'Stomi', salesUnits: 5 };
const INKO: OrderLine = { lineId: 'line-2', itemNumber: '101001', productName: 'Bleer Nat', grantArea: 'Inkontinens', salesUnits: 3 };

const base = { orderId: ORDER_ID, citizenId: CITIZEN_ID };
const units = [
  { lineId: 'line-1', itemNumber: '301004', salesUnits: 3 },
  { lineId: 'line-2', itemNumber: '101001', salesUnits: 1 },
];
const accounted = [
  { lineId: 'line-1', salesUnits: 3 },
  { lineId: 'line-2', salesUnits: 1 },
];

const placedData = (lines: readonly OrderLine[]): OrderPlaced['data'] => ({
  ...base,
  municipalityId: '101',
  orderNumber: '260310-000001',
  orderDate: TODAY,
  placedAt: AT,
  placedBy: { userId: 'user-1', role: 'caseworker', name: 'Sara Fiktiv', channel: 'municipality' },
  remarks: null,
  deliveryAddress: { street: 'Prøvevej 7', postalCode: '2100', city: 'København Ø' },
  lines: [...lines],
});

describe('grantAccountingFor: what each order event changes on the grant', () => {
  it('OrderLinesShipped → RecordGrantOrderDelivery of the shipped units (lines by grant line id only)', () => {
    expect(grantAccountingFor({ type: 'OrderLinesShipped', data: { ...base, lines: units, at: AT } })).toEqual({
      type: 'RecordGrantOrderDelivery',
      data: { ...base, actor: SYSTEM, lines: accounted },
    });
  });

  it('OrderCancelled → GiveBackGrantOrderLines, reason cancelled', () => {
    expect(grantAccountingFor({ type: 'OrderCancelled', data: { ...base, lines: units, reason: 'Borgeren er indlagt' } })).toEqual({
      type: 'GiveBackGrantOrderLines',
      data: { ...base, actor: SYSTEM, lines: accounted, reason: 'cancelled' },
    });
  });

  it('OrderAbandoned → GiveBackGrantOrderLines, reason cancelled', () => {
    expect(grantAccountingFor({ type: 'OrderAbandoned', data: { ...base, lines: accounted } })).toEqual({
      type: 'GiveBackGrantOrderLines',
      data: { ...base, actor: SYSTEM, lines: accounted, reason: 'cancelled' },
    });
  });

  it('OrderLinesCredited → GiveBackGrantOrderLines, reason credited', () => {
    expect(grantAccountingFor({ type: 'OrderLinesCredited', data: { ...base, lines: units, creditNoteNumber: 'CN-1', at: AT } })).toEqual({
      type: 'GiveBackGrantOrderLines',
      data: { ...base, actor: SYSTEM, lines: accounted, reason: 'credited' },
    });
  });

  it.each<OrderEvent>([
    { type: 'OrderPlaced', data: placedData([STOMI, INKO]) },
    { type: 'OrderAccepted', data: { ...base, at: AT } },
    { type: 'OrderLinesBackordered', data: { ...base, lines: units, at: AT } },
    { type: 'OrderInvoiced', data: { ...base, invoiceNumber: 'INV-1', at: AT } },
  ])('$type → null: it changes nothing on the grant', (event) => {
    expect(grantAccountingFor(event)).toBeNull();
  });

  it('the commands are always the system’s, and the subscription names exactly the accounted event types', () => {
    const accountedTypes = (['OrderLinesShipped', 'OrderCancelled', 'OrderAbandoned', 'OrderLinesCredited'] as const).slice().sort();
    expect([...GRANT_ACCOUNTED_ORDER_EVENTS].sort()).toEqual(accountedTypes);
    const shipped = grantAccountingFor({ type: 'OrderLinesShipped', data: { ...base, lines: units, at: AT } });
    expect(shipped?.data.actor).toEqual({ role: 'system', grantAreas: [] });
  });
});

/**
 * The order stream and the grant stream side by side, as the order workflow and the accounting reaction run
 * them: the order is counted on the grant, then placed; every order event the decider accepts is carried over
 * to the grant through grantAccountingFor and must be accepted there too.
 */
class OrderAndGrant {
  order: OrderState;
  grant: GrantState;

  constructor(lines: readonly OrderLine[], grantLines: readonly GrantEvent[]) {
    this.grant = fold(grantDecider, grantLines);
    this.grant = this.decideGrant({
      type: 'PlaceGrantOrder',
      data: { citizenId: CITIZEN_ID, actor: CASEWORKER, citizenActive: true, today: TODAY, orderId: ORDER_ID, lines: lines.map(({ lineId, salesUnits }) => ({ lineId, salesUnits })) },
    });
    this.order = fold(orderDecider, []);
    this.run({ type: 'PlaceOrder', data: placedData(lines) });
  }

  /** Decides the order command; carries its events over to the grant. Throws what the order decider throws. */
  run(command: OrderCommand): void {
    const events = orderDecider.decide(command, this.order);
    this.order = events.reduce(orderDecider.evolve, this.order);
    for (const event of events) {
      const accounting = grantAccountingFor(event);
      if (!accounting) continue;
      try {
        this.grant = this.decideGrant(accounting);
      } catch (error) {
        // Not a DomainError: the order accepted the step, so the grant must never refuse to follow it.
        throw new Error(`the grant refused ${event.type}: ${error instanceof DomainError ? `${error.code} ${JSON.stringify(error.details)}` : String(error)}`);
      }
    }
  }

  entry(lineId: string): LineOrder | undefined {
    return findLine(this.grant, lineId)?.orders.find((order) => order.orderId === ORDER_ID);
  }

  private decideGrant(command: GrantCommand): GrantState {
    return grantDecider.decide(command, this.grant).reduce(grantDecider.evolve, this.grant);
  }
}

const report = (type: (typeof FULFILMENT_TYPES)[number], lines: ReadonlyArray<readonly [OrderLine, number]> = [], number = 'N-1'): OrderCommand => ({
  type: 'ReportFulfilment',
  data: {
    orderId: ORDER_ID,
    actor: ERP,
    report: { type, at: AT, lines: lines.map(([line, salesUnits]) => ({ itemNumber: line.itemNumber, salesUnits })), invoiceNumber: number, creditNoteNumber: number },
  },
});
const cancel = (): OrderCommand => ({ type: 'CancelOrder', data: { orderId: ORDER_ID, actor: CASEWORKER, reason: 'Borgeren er indlagt' } });

const GRANT_LINES: GrantEvent[] = [lineAdded(), lineAdded({ lineId: 'line-2', itemNumber: '101001', grantArea: 'Inkontinens', allowance: null })];

describe('the grant follows the order: ordered and delivered in step', () => {
  it('place 5, ship 3, credit 2, cancel the rest: the grant entry is { salesUnits 5, givenBack 4, delivered 1 }', () => {
    const both = new OrderAndGrant([STOMI], GRANT_LINES);
    expect(both.entry('line-1')).toEqual({ orderId: ORDER_ID, orderDate: TODAY, salesUnits: 5, givenBack: 0, delivered: 0 });

    both.run(report('shipped', [[STOMI, 3]]));
    expect(both.entry('line-1')).toMatchObject({ salesUnits: 5, givenBack: 0, delivered: 3 });

    // A credit: the credited units are no longer delivered, and given back to the order's window.
    both.run(report('credited', [[STOMI, 2]], 'CN-1'));
    expect(both.entry('line-1')).toMatchObject({ salesUnits: 5, givenBack: 2, delivered: 1 });

    // Cancelling gives back the 2 units never shipped; the delivered one stays delivered.
    both.run(cancel());
    expect(both.entry('line-1')).toEqual({ orderId: ORDER_ID, orderDate: TODAY, salesUnits: 5, givenBack: 4, delivered: 1 });
  });

  it('an abandoned order gives everything back', () => {
    const grant = fold(grantDecider, GRANT_LINES);
    const counted = grantDecider
      .decide(
        {
          type: 'PlaceGrantOrder',
          data: { citizenId: CITIZEN_ID, actor: CASEWORKER, citizenActive: true, today: TODAY, orderId: ORDER_ID, lines: [{ lineId: 'line-1', salesUnits: 5 }] },
        },
        grant,
      )
      .reduce(grantDecider.evolve, grant);
    const [abandoned] = orderDecider.decide({ type: 'AbandonOrder', data: { ...base, lines: [{ lineId: 'line-1', salesUnits: 5 }] } }, fold(orderDecider, []));
    if (!abandoned) throw new Error('no OrderAbandoned');
    const accounting = grantAccountingFor(abandoned);
    if (!accounting) throw new Error('no accounting');
    const after = grantDecider.decide(accounting, counted).reduce(grantDecider.evolve, counted);
    expect(findLine(after, 'line-1')?.orders).toEqual([{ orderId: ORDER_ID, orderDate: TODAY, salesUnits: 5, givenBack: 5, delivered: 0 }]);
  });

  describe('property: for any accepted sequence of reports and cancels, the grant never refuses the accounting and stays in step', () => {
    const LINES = [STOMI, INKO];
    const step = fc.oneof(
      {
        weight: 6,
        arbitrary: fc.record({
          kind: fc.constant('report' as const),
          type: fc.constantFrom(...FULFILMENT_TYPES),
          lines: fc.array(fc.tuple(fc.constantFrom(...LINES), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 3 }),
          number: fc.constantFrom('N-1', 'N-2', 'N-3'),
        }),
      },
      { weight: 1, arbitrary: fc.constant({ kind: 'cancel' as const }) },
    );

    it('entry.salesUnits − givenBack = ordered − cancelled − credited, and entry.delivered = shipped − credited', () => {
      fc.assert(
        fc.property(fc.array(step, { maxLength: 25 }), (steps) => {
          const both = new OrderAndGrant(LINES, GRANT_LINES);
          for (const input of steps) {
            try {
              both.run(input.kind === 'cancel' ? cancel() : report(input.type, input.lines, input.number));
            } catch (error) {
              // The order refused the step (the grant's refusals are not DomainErrors, see run).
              if (!(error instanceof DomainError)) throw error;
            }
            if (both.order.status !== 'placed') throw new Error('the order is placed');
            for (const line of both.order.order.lines) {
              const entry = both.entry(line.lineId);
              expect(entry?.salesUnits).toBe(line.salesUnits);
              expect(entry?.givenBack).toBe(line.cancelled + creditedUnits(line));
              expect(entry?.delivered).toBe(line.shipped - creditedUnits(line));
            }
          }
        }),
        { numRuns: 300 },
      );
    });
  });
});
