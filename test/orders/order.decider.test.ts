import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { GrantActor } from '../../src/grants/grant-access.js';
import {
  FULFILMENT_TYPES,
  orderDecider,
  type AbandonOrder,
  type CancelOrder,
  type FulfilmentReport,
  type FulfilmentType,
  type OrderCommand,
  type PlaceOrder,
  type ReportFulfilment,
} from '../../src/orders/order.decider.js';
import {
  orderEventDefinitions,
  type OrderAbandoned,
  type OrderAccepted,
  type OrderCancelled,
  type OrderEvent,
  type OrderInvoiced,
  type OrderLine,
  type OrderLinesBackordered,
  type OrderLinesCredited,
  type OrderLinesShipped,
  type OrderPlaced,
} from '../../src/orders/order.events.js';
import { creditedUnits, deliveryStatus, openUnits, orderStatus, type Order, type OrderLineState, type OrderState } from '../../src/orders/order.state.js';
import type { Role } from '../../src/shared/actor.js';
import { fold } from '../../src/shared/decider.js';
import { DomainError } from '../../src/shared/domain-error.js';
import { EventRegistry } from '../../src/shared/event-schema.js';
import { spec } from '../support/decider-spec.js';

/** One fictitious order of one fictitious citizen: 5 stoma bags (Stomi) and 3 packs of pads (Inkontinens). */
const ORDER_ID = 'order-1';
const CITIZEN_ID = '5f1c2a9e-8b7d-4c3e-a1f0-2d4b6c8e0a13';
const AT = '2026-03-04T12:00:00.000Z';

const STOMI: OrderLine = { lineId: 'line-1', itemNumber: '301004', productName: 'Stomipose Åben', grantArea: 'Stomi', salesUnits: 5 };
const INKO: OrderLine = { lineId: 'line-2', itemNumber: '101001', productName: 'Bleer Nat', grantArea: 'Inkontinens', salesUnits: 3 };

const ERP: GrantActor = { role: 'integration', grantAreas: [] };
const CASEWORKER: GrantActor = { role: 'caseworker', grantAreas: ['Stomi', 'Inkontinens', 'Kateter'] };
const SYSTEM: GrantActor = { role: 'system', grantAreas: [] };

const placedData = (data: Partial<OrderPlaced['data']> = {}): OrderPlaced['data'] => ({
  orderId: ORDER_ID,
  citizenId: CITIZEN_ID,
  municipalityId: '101',
  orderNumber: '260302-048213',
  orderDate: '2026-03-02',
  placedAt: '2026-03-02T09:15:00.000Z',
  placedBy: { userId: 'user-nurse-1', role: 'nurse', name: 'Bente Fiktiv', channel: 'municipality' },
  remarks: null,
  deliveryAddress: { street: 'Prøvevej 7', postalCode: '2100', city: 'København Ø' },
  lines: [STOMI, INKO],
  ...data,
});

type Units = ReadonlyArray<readonly [line: OrderLine, salesUnits: number]>;
const reportedLines = (units: Units) => units.map(([line, salesUnits]) => ({ lineId: line.lineId, itemNumber: line.itemNumber, salesUnits }));

// Events
const placed = (data: Partial<OrderPlaced['data']> = {}): OrderPlaced => ({ type: 'OrderPlaced', data: placedData(data) });
const abandoned = (): OrderAbandoned => ({
  type: 'OrderAbandoned',
  data: { orderId: ORDER_ID, citizenId: CITIZEN_ID, lines: [{ lineId: STOMI.lineId, salesUnits: 5 }] },
});
const accepted = (): OrderAccepted => ({ type: 'OrderAccepted', data: { orderId: ORDER_ID, citizenId: CITIZEN_ID, at: AT } });
const shipped = (...units: Units): OrderLinesShipped => ({ type: 'OrderLinesShipped', data: { orderId: ORDER_ID, citizenId: CITIZEN_ID, lines: reportedLines(units), at: AT } });
const backordered = (...units: Units): OrderLinesBackordered => ({
  type: 'OrderLinesBackordered',
  data: { orderId: ORDER_ID, citizenId: CITIZEN_ID, lines: reportedLines(units), at: AT },
});
const invoiced = (invoiceNumber: string): OrderInvoiced => ({ type: 'OrderInvoiced', data: { orderId: ORDER_ID, citizenId: CITIZEN_ID, invoiceNumber, at: AT } });
const credited = (creditNoteNumber: string, ...units: Units): OrderLinesCredited => ({
  type: 'OrderLinesCredited',
  data: { orderId: ORDER_ID, citizenId: CITIZEN_ID, lines: reportedLines(units), creditNoteNumber, at: AT },
});
const cancelled = (reason: string, ...units: Units): OrderCancelled => ({
  type: 'OrderCancelled',
  data: { orderId: ORDER_ID, citizenId: CITIZEN_ID, lines: reportedLines(units), reason },
});

// Commands
const placeOrder = (data: Partial<OrderPlaced['data']> = {}): PlaceOrder => ({ type: 'PlaceOrder', data: placedData(data) });
const abandonOrder = (): AbandonOrder => ({ type: 'AbandonOrder', data: abandoned().data });
const report = (type: FulfilmentType, extra: Partial<FulfilmentReport> = {}, actor: GrantActor = ERP): ReportFulfilment => ({
  type: 'ReportFulfilment',
  data: { orderId: ORDER_ID, actor, report: { type, at: AT, ...extra } },
});
const items = (...units: Units) => units.map(([line, salesUnits]) => ({ itemNumber: line.itemNumber, salesUnits }));
const ship = (...units: Units) => report('shipped', { lines: items(...units) });
const backorder = (...units: Units) => report('backordered', { lines: items(...units) });
const invoice = (invoiceNumber?: string) => report('invoiced', invoiceNumber === undefined ? {} : { invoiceNumber });
const credit = (creditNoteNumber: string | undefined, ...units: Units) =>
  report('credited', { lines: items(...units), ...(creditNoteNumber === undefined ? {} : { creditNoteNumber }) });
const cancel = (actor: GrantActor = CASEWORKER, reason = 'Borgeren er indlagt'): CancelOrder => ({ type: 'CancelOrder', data: { orderId: ORDER_ID, actor, reason } });

const order = spec(orderDecider);

const placedOrder = (events: readonly OrderEvent[]): Order => {
  const state = fold(orderDecider, events);
  if (state.status !== 'placed') throw new Error(`expected a placed order, got ${state.status}`);
  return state.order;
};
const lineOf = (events: readonly OrderEvent[], lineId = STOMI.lineId): OrderLineState => {
  const line = placedOrder(events).lines.find((candidate) => candidate.lineId === lineId);
  if (!line) throw new Error(`no line ${lineId}`);
  return line;
};
/** A reporting step accepted by the decider, as its events: the statuses tests walk realistic sequences. */
const decided = (history: readonly OrderEvent[], command: OrderCommand): OrderEvent[] => [...history, ...orderDecider.decide(command, fold(orderDecider, history))];

describe('placing and abandoning an order', () => {
  it('PlaceOrder on a fresh stream: OrderPlaced with the command’s data', () => {
    order.given([]).when(placeOrder()).then([placed()]);
  });

  it('PlaceOrder on a placed order: ORDER_ID_IN_USE (409)', () => {
    expect(order.given([placed()]).when(placeOrder()).thenThrows('ORDER_ID_IN_USE').kind).toBe('conflict');
  });

  it('PlaceOrder on an abandoned order: ORDER_ABANDONED (409), a late retry cannot create it after all', () => {
    expect(order.given([abandoned()]).when(placeOrder()).thenThrows('ORDER_ABANDONED').kind).toBe('conflict');
  });

  it('AbandonOrder on a fresh stream: OrderAbandoned, and the stream is claimed', () => {
    order.given([]).when(abandonOrder()).then([abandoned()]);
    expect(fold(orderDecider, [abandoned()])).toEqual({ status: 'abandoned', orderId: ORDER_ID });
  });

  it('AbandonOrder on a placed (or already abandoned) order: no events', () => {
    order.given([placed()]).when(abandonOrder()).thenNothing();
    order.given([abandoned()]).when(abandonOrder()).thenNothing();
  });

  it('a placed order starts with nothing shipped, backordered, cancelled or credited', () => {
    expect(placedOrder([placed()])).toMatchObject({
      accepted: false,
      invoiceNumbers: [],
      cancellationReason: null,
      lines: [
        { ...STOMI, shipped: 0, backordered: 0, cancelled: 0, credited: [] },
        { ...INKO, shipped: 0, backordered: 0, cancelled: 0, credited: [] },
      ],
    });
  });
});

describe('fulfilment reports: who and on what', () => {
  const reports: Record<FulfilmentType, ReportFulfilment> = {
    accepted: report('accepted'),
    shipped: ship([STOMI, 1]),
    backordered: backorder([STOMI, 1]),
    invoiced: invoice('INV-1'),
    credited: credit('CN-1', [STOMI, 1]),
  };

  it.each(FULFILMENT_TYPES)('%s by anyone but the integration role: FORBIDDEN', (type) => {
    const history = [placed(), shipped([STOMI, 2])];
    for (const role of ['caseworker', 'nurse', 'orderer', 'citizen', 'customer_service', 'auditor', 'admin', 'system'] as const) {
      const command = { ...reports[type], data: { ...reports[type].data, actor: { role, grantAreas: ['Stomi', 'Inkontinens'] } } };
      expect(order.given(history).when(command).thenThrows('FORBIDDEN').kind).toBe('forbidden');
    }
  });

  it.each(FULFILMENT_TYPES)('%s on an unknown (or abandoned) order: ORDER_NOT_FOUND (404)', (type) => {
    expect(order.given([]).when(reports[type]).thenThrows('ORDER_NOT_FOUND').kind).toBe('not_found');
    order.given([abandoned()]).when(reports[type]).thenThrows('ORDER_NOT_FOUND');
  });
});

describe('accepted', () => {
  it('OrderAccepted with the reported instant', () => {
    order.given([placed()]).when(report('accepted')).then([accepted()]);
    expect(placedOrder([placed(), accepted()]).accepted).toBe(true);
  });

  it('accepted twice: no event and no error (the ERP may resend)', () => {
    order.given([placed(), accepted()]).when(report('accepted')).thenNothing();
  });
});

describe('shipped', () => {
  it('OrderLinesShipped naming the order lines of the reported items; partial shipments allowed', () => {
    order.given([placed()]).when(ship([STOMI, 2], [INKO, 3])).then([shipped([STOMI, 2], [INKO, 3])]);
    expect(lineOf([placed(), shipped([STOMI, 2])])).toMatchObject({ shipped: 2 });
  });

  it('up to exactly the open units, over several reports', () => {
    order.given([placed(), shipped([STOMI, 2])]).when(ship([STOMI, 3])).then([shipped([STOMI, 3])]);
  });

  it('beyond the open units: SHIPMENT_EXCEEDS_OPEN (409) with { itemNumber, limit }', () => {
    const error = order.given([placed(), shipped([STOMI, 2])]).when(ship([STOMI, 4])).thenThrows('SHIPMENT_EXCEEDS_OPEN');
    expect(error.kind).toBe('conflict');
    expect(error.details).toEqual({ itemNumber: STOMI.itemNumber, limit: 3 });
  });

  it('cancelled units are not open: a partly cancelled line ships only what is left', () => {
    const history = [placed(), shipped([STOMI, 2]), cancelled('x', [STOMI, 3], [INKO, 3])];
    expect(order.given(history).when(ship([STOMI, 1])).thenThrows('SHIPMENT_EXCEEDS_OPEN').details).toEqual({ itemNumber: STOMI.itemNumber, limit: 0 });
  });

  it('the same item twice in one report is summed: one line in the event, checked against the sum', () => {
    order.given([placed()]).when(ship([STOMI, 3], [INKO, 1], [STOMI, 2])).then([shipped([STOMI, 5], [INKO, 1])]);
    expect(order.given([placed()]).when(ship([STOMI, 3], [STOMI, 3])).thenThrows('SHIPMENT_EXCEEDS_OPEN').details).toEqual({
      itemNumber: STOMI.itemNumber,
      limit: 5,
    });
  });

  it('an item number with surrounding blanks names the item (the event carries the order line’s item number)', () => {
    order
      .given([placed()])
      .when(report('shipped', { lines: [{ itemNumber: ` ${STOMI.itemNumber} `, salesUnits: 1 }] }))
      .then([shipped([STOMI, 1])]);
  });

  it('an item not on the order: ITEM_NOT_ON_ORDER (422) naming the item', () => {
    const error = order
      .given([placed()])
      .when(report('shipped', { lines: [{ itemNumber: '999999', salesUnits: 1 }] }))
      .thenThrows('ITEM_NOT_ON_ORDER');
    expect(error.kind).toBe('unprocessable');
    expect(error.details).toEqual({ itemNumber: '999999' });
  });

  it('empty or absent lines: VALIDATION_FAILED on lines', () => {
    const empty = order.given([placed()]).when(report('shipped', { lines: [] })).thenThrows('VALIDATION_FAILED');
    expect(empty.kind).toBe('bad_request');
    expect(empty.details).toEqual({ fields: [expect.objectContaining({ path: 'lines' })] });
    order.given([placed()]).when(report('shipped')).thenThrows('VALIDATION_FAILED');
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('salesUnits %p: VALIDATION_FAILED on that line’s salesUnits', (salesUnits) => {
    const error = order
      .given([placed()])
      .when(report('shipped', { lines: [{ itemNumber: INKO.itemNumber, salesUnits: 1 }, { itemNumber: STOMI.itemNumber, salesUnits }] }))
      .thenThrows('VALIDATION_FAILED');
    expect(error.details).toEqual({ fields: [expect.objectContaining({ path: 'lines.1.salesUnits' })] });
  });

  it('shipping takes back-ordered units off the backorder first', () => {
    const history = [placed(), backordered([STOMI, 3]), shipped([STOMI, 2])];
    expect(lineOf(history)).toMatchObject({ shipped: 2, backordered: 1 });
    expect(lineOf([...history, shipped([STOMI, 3])])).toMatchObject({ shipped: 5, backordered: 0 });
  });
});

describe('backordered', () => {
  it('OrderLinesBackordered; the line counts the back-ordered units', () => {
    order.given([placed()]).when(backorder([STOMI, 4])).then([backordered([STOMI, 4])]);
    expect(lineOf([placed(), backordered([STOMI, 4])]).backordered).toBe(4);
  });

  it('beyond the open units: BACKORDER_EXCEEDS_OPEN (409) with { itemNumber, limit }', () => {
    const error = order.given([placed(), shipped([STOMI, 3])]).when(backorder([STOMI, 3])).thenThrows('BACKORDER_EXCEEDS_OPEN');
    expect(error.kind).toBe('conflict');
    expect(error.details).toEqual({ itemNumber: STOMI.itemNumber, limit: 2 });
  });

  it('the back-ordered units never exceed the open units, however often reported', () => {
    expect(lineOf([placed(), backordered([STOMI, 4]), backordered([STOMI, 4])]).backordered).toBe(5);
  });

  it('empty lines, unknown items and bad sales units are refused as for a shipment', () => {
    order.given([placed()]).when(report('backordered', { lines: [] })).thenThrows('VALIDATION_FAILED');
    order.given([placed()]).when(report('backordered', { lines: [{ itemNumber: 'nope', salesUnits: 1 }] })).thenThrows('ITEM_NOT_ON_ORDER');
    order.given([placed()]).when(backorder([STOMI, 0])).thenThrows('VALIDATION_FAILED');
  });
});

describe('invoiced', () => {
  it('OrderInvoiced once something has shipped; the invoice number is trimmed', () => {
    order.given([placed(), shipped([STOMI, 1])]).when(invoice('  INV-1 ')).then([invoiced('INV-1')]);
    expect(placedOrder([placed(), shipped([STOMI, 1]), invoiced('INV-1'), invoiced('INV-2')]).invoiceNumbers).toEqual(['INV-1', 'INV-2']);
  });

  it('before anything has shipped: ORDER_NOT_SHIPPED (409)', () => {
    expect(order.given([placed(), accepted(), backordered([STOMI, 2])]).when(invoice('INV-1')).thenThrows('ORDER_NOT_SHIPPED').kind).toBe('conflict');
  });

  it('without an invoice number (absent or blank): VALIDATION_FAILED on invoiceNumber', () => {
    const error = order.given([placed(), shipped([STOMI, 1])]).when(invoice()).thenThrows('VALIDATION_FAILED');
    expect(error.details).toEqual({ fields: [expect.objectContaining({ path: 'invoiceNumber' })] });
    order.given([placed(), shipped([STOMI, 1])]).when(invoice('   ')).thenThrows('VALIDATION_FAILED');
  });

  it('the same invoice number twice: no event and no error', () => {
    order.given([placed(), shipped([STOMI, 1]), invoiced('INV-1')]).when(invoice('INV-1')).thenNothing();
    order.given([placed(), shipped([STOMI, 1]), invoiced('INV-1')]).when(invoice('INV-2')).then([invoiced('INV-2')]);
  });
});

describe('credited', () => {
  it('OrderLinesCredited with the credit note number; each credit is kept on its line', () => {
    const history = [placed(), shipped([STOMI, 4])];
    order.given(history).when(credit('CN-1', [STOMI, 2])).then([credited('CN-1', [STOMI, 2])]);
    const line = lineOf([...history, credited('CN-1', [STOMI, 2]), credited('CN-2', [STOMI, 1])]);
    expect(line.credited).toEqual([
      { salesUnits: 2, creditNoteNumber: 'CN-1' },
      { salesUnits: 1, creditNoteNumber: 'CN-2' },
    ]);
    expect(creditedUnits(line)).toBe(3);
  });

  it('beyond what was shipped less what was credited: CREDIT_EXCEEDS_DELIVERED (409) with { itemNumber, limit }', () => {
    const history = [placed(), shipped([STOMI, 4]), credited('CN-1', [STOMI, 3])];
    const error = order.given(history).when(credit('CN-2', [STOMI, 2])).thenThrows('CREDIT_EXCEEDS_DELIVERED');
    expect(error.kind).toBe('conflict');
    expect(error.details).toEqual({ itemNumber: STOMI.itemNumber, limit: 1 });
    order.given(history).when(credit('CN-2', [STOMI, 1])).then([credited('CN-2', [STOMI, 1])]);
    expect(order.given([placed()]).when(credit('CN-1', [INKO, 1])).thenThrows('CREDIT_EXCEEDS_DELIVERED').details).toEqual({
      itemNumber: INKO.itemNumber,
      limit: 0,
    });
  });

  it('the same item twice in one credit is summed against the limit', () => {
    const history = [placed(), shipped([STOMI, 4])];
    order.given(history).when(credit('CN-1', [STOMI, 2], [STOMI, 2])).then([credited('CN-1', [STOMI, 4])]);
    order.given(history).when(credit('CN-1', [STOMI, 2], [STOMI, 3])).thenThrows('CREDIT_EXCEEDS_DELIVERED');
  });

  it('without a credit note number (absent or blank): VALIDATION_FAILED on creditNoteNumber', () => {
    const error = order.given([placed(), shipped([STOMI, 4])]).when(credit(undefined, [STOMI, 1])).thenThrows('VALIDATION_FAILED');
    expect(error.details).toEqual({ fields: [expect.objectContaining({ path: 'creditNoteNumber' })] });
    order.given([placed(), shipped([STOMI, 4])]).when(credit(' ', [STOMI, 1])).thenThrows('VALIDATION_FAILED');
  });

  it('empty lines and unknown items are refused as for a shipment', () => {
    order.given([placed(), shipped([STOMI, 4])]).when(credit('CN-1')).thenThrows('VALIDATION_FAILED');
    order
      .given([placed(), shipped([STOMI, 4])])
      .when(report('credited', { creditNoteNumber: 'CN-1', lines: [{ itemNumber: '999999', salesUnits: 1 }] }))
      .thenThrows('ITEM_NOT_ON_ORDER');
  });
});

describe('a fully cancelled order', () => {
  const history = [placed(), accepted(), cancelled('Borgeren er indlagt', [STOMI, 5], [INKO, 3])];

  it.each([
    ['accepted', report('accepted')],
    ['shipped', ship([STOMI, 1])],
    ['backordered', backorder([STOMI, 1])],
  ] as const)('%s: ORDER_CANCELLED (409)', (_type, command) => {
    const error = order.given(history).when(command).thenThrows('ORDER_CANCELLED');
    expect(error.kind).toBe('conflict');
    expect(error.details).toEqual({ orderId: ORDER_ID });
  });

  it('the same steps on a not yet accepted fully cancelled order: ORDER_CANCELLED too', () => {
    order.given([placed(), cancelled('x', [STOMI, 5], [INKO, 3])]).when(report('accepted')).thenThrows('ORDER_CANCELLED');
  });

  it('invoiced and credited pass the cancellation check and meet their own rules (nothing shipped)', () => {
    order.given(history).when(invoice('INV-1')).thenThrows('ORDER_NOT_SHIPPED');
    order.given(history).when(credit('CN-1', [STOMI, 1])).thenThrows('CREDIT_EXCEEDS_DELIVERED');
  });

  it('a partly cancelled order still takes reports for its open units', () => {
    order.given([placed(), cancelled('x', [INKO, 3])]).when(ship([STOMI, 5])).then([shipped([STOMI, 5])]);
    order.given([placed(), cancelled('x', [INKO, 3])]).when(report('accepted')).then([accepted()]);
  });
});

describe('cancelling', () => {
  const allOpen = cancelled('Borgeren er indlagt', [STOMI, 5], [INKO, 3]);

  it.each(['citizen', 'auditor', 'integration', 'admin'] as const)('by the role %s: FORBIDDEN', (role) => {
    expect(order.given([placed()]).when(cancel({ role, grantAreas: [] })).thenThrows('FORBIDDEN').kind).toBe('forbidden');
  });

  it.each([
    ['caseworker', CASEWORKER],
    ['nurse', { role: 'nurse', grantAreas: ['Stomi', 'Inkontinens'] }],
    ['orderer', { role: 'orderer', grantAreas: ['Inkontinens', 'Stomi'] }],
    ['customer_service', { role: 'customer_service', grantAreas: [] }],
    ['system', SYSTEM],
  ] as ReadonlyArray<readonly [Role, GrantActor]>)('by the role %s: OrderCancelled with every open unit and the reason', (_role, actor) => {
    order.given([placed()]).when(cancel(actor)).then([allOpen]);
  });

  it('an area-scoped user needs every line of the order in their areas: GRANT_AREA_FORBIDDEN naming the first outside', () => {
    const nurse: GrantActor = { role: 'nurse', grantAreas: ['Stomi'] };
    const error = order.given([placed()]).when(cancel(nurse)).thenThrows('GRANT_AREA_FORBIDDEN');
    expect(error.kind).toBe('forbidden');
    expect(error.details).toEqual({ grantArea: 'Inkontinens' });
    // An empty list means no areas (fail closed) for scoped roles.
    order.given([placed()]).when(cancel({ role: 'orderer', grantAreas: [] })).thenThrows('GRANT_AREA_FORBIDDEN');
    // The same nurse may cancel an order that lies wholly within Stomi.
    order
      .given([placed({ lines: [STOMI] })])
      .when(cancel(nurse))
      .then([cancelled('Borgeren er indlagt', [STOMI, 5])]);
  });

  it('a blank reason: VALIDATION_FAILED on reason; the reason is trimmed', () => {
    const error = order.given([placed()]).when(cancel(CASEWORKER, '   ')).thenThrows('VALIDATION_FAILED');
    expect(error.details).toEqual({ fields: [expect.objectContaining({ path: 'reason' })] });
    order.given([placed()]).when(cancel(CASEWORKER, '  Borgeren er indlagt \n')).then([allOpen]);
  });

  it('only open units: a partly shipped line’s rest (back-ordered or not), and none of a fully shipped line', () => {
    const history = [placed(), backordered([STOMI, 3]), shipped([STOMI, 2], [INKO, 3])];
    order.given(history).when(cancel()).then([cancelled('Borgeren er indlagt', [STOMI, 3])]);
    const after = [...history, cancelled('Borgeren er indlagt', [STOMI, 3])];
    expect(lineOf(after)).toMatchObject({ shipped: 2, cancelled: 3, backordered: 0 });
    expect(placedOrder(after).cancellationReason).toBe('Borgeren er indlagt');
  });

  it('nothing left open (all shipped, or shipped and the rest cancelled): ORDER_ALREADY_SHIPPED (409)', () => {
    expect(order.given([placed(), shipped([STOMI, 5], [INKO, 3])]).when(cancel()).thenThrows('ORDER_ALREADY_SHIPPED').kind).toBe('conflict');
    order
      .given([placed(), shipped([STOMI, 2]), cancelled('x', [STOMI, 3], [INKO, 3])])
      .when(cancel())
      .thenThrows('ORDER_ALREADY_SHIPPED');
  });

  it('everything already cancelled: ORDER_ALREADY_CANCELLED (409)', () => {
    const error = order.given([placed(), allOpen]).when(cancel()).thenThrows('ORDER_ALREADY_CANCELLED');
    expect(error.kind).toBe('conflict');
    expect(error.details).toEqual({ orderId: ORDER_ID });
  });

  it('on an unknown or abandoned order: ORDER_NOT_FOUND', () => {
    order.given([]).when(cancel()).thenThrows('ORDER_NOT_FOUND');
    order.given([abandoned()]).when(cancel()).thenThrows('ORDER_NOT_FOUND');
  });
});

describe('statuses: the order’s furthest step and each line’s delivery', () => {
  const statuses = (events: readonly OrderEvent[]) => {
    const current = placedOrder(events);
    return { order: orderStatus(current), lines: current.lines.map(deliveryStatus) };
  };

  it('placed → accepted → backordered → partially_shipped → shipped → invoiced → credited', () => {
    let history: OrderEvent[] = decided([], placeOrder());
    expect(statuses(history)).toEqual({ order: 'placed', lines: ['pending', 'pending'] });

    history = decided(history, report('accepted'));
    expect(statuses(history)).toEqual({ order: 'accepted', lines: ['pending', 'pending'] });

    history = decided(history, backorder([STOMI, 2]));
    expect(statuses(history)).toEqual({ order: 'backordered', lines: ['backordered', 'pending'] });

    history = decided(history, ship([INKO, 3]));
    expect(statuses(history)).toEqual({ order: 'partially_shipped', lines: ['backordered', 'shipped'] });

    history = decided(history, ship([STOMI, 1]));
    expect(statuses(history)).toEqual({ order: 'partially_shipped', lines: ['partially_shipped', 'shipped'] });

    history = decided(history, ship([STOMI, 4]));
    expect(statuses(history)).toEqual({ order: 'shipped', lines: ['shipped', 'shipped'] });

    history = decided(history, invoice('INV-1'));
    expect(statuses(history)).toEqual({ order: 'invoiced', lines: ['shipped', 'shipped'] });

    history = decided(history, credit('CN-1', [STOMI, 5]));
    expect(statuses(history).order).toBe('invoiced'); // not every shipped unit is credited yet

    history = decided(history, credit('CN-2', [INKO, 3]));
    expect(statuses(history)).toEqual({ order: 'credited', lines: ['shipped', 'shipped'] });
  });

  it('cancelled before anything shipped: cancelled, every line cancelled', () => {
    let history: OrderEvent[] = decided([], placeOrder());
    history = decided(history, report('accepted'));
    history = decided(history, backorder([STOMI, 5]));
    history = decided(history, cancel());
    expect(statuses(history)).toEqual({ order: 'cancelled', lines: ['cancelled', 'cancelled'] });
    expect(lineOf(history).backordered).toBe(0);
  });

  it('partly shipped, the rest cancelled: nothing is open, so shipped (not cancelled)', () => {
    let history: OrderEvent[] = decided([], placeOrder());
    history = decided(history, ship([STOMI, 2]));
    history = decided(history, cancel());
    expect(statuses(history)).toEqual({ order: 'shipped', lines: ['shipped', 'cancelled'] });
  });
});

describe('property: whatever the ERP reports and whoever cancels, each line’s counts stay consistent', () => {
  const LINES = [STOMI, INKO, { ...STOMI, lineId: 'line-3', itemNumber: '301005', salesUnits: 1 }];
  const item = fc.constantFrom(...LINES.map((line) => line.itemNumber), '999999');
  const reportedLine = fc.record({ itemNumber: item, salesUnits: fc.integer({ min: 0, max: 6 }) });
  const step = fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({
        kind: fc.constant('report' as const),
        type: fc.constantFrom(...FULFILMENT_TYPES),
        lines: fc.array(reportedLine, { minLength: 0, maxLength: 3 }),
        number: fc.constantFrom('N-1', 'N-2', 'N-3', ' '),
      }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('cancel' as const), role: fc.constantFrom<Role>('caseworker', 'customer_service', 'system', 'citizen') }) },
  );

  const checkInvariants = (state: OrderState) => {
    if (state.status !== 'placed') throw new Error('the order is placed');
    for (const line of state.order.lines) {
      expect(line.shipped).toBeGreaterThanOrEqual(0);
      expect(line.cancelled).toBeGreaterThanOrEqual(0);
      expect(line.backordered).toBeGreaterThanOrEqual(0);
      expect(line.shipped + line.cancelled).toBeLessThanOrEqual(line.salesUnits);
      expect(creditedUnits(line)).toBeLessThanOrEqual(line.shipped);
      expect(line.backordered).toBeLessThanOrEqual(openUnits(line));
    }
  };

  const registry = new EventRegistry(orderEventDefinitions);

  it('for any sequence of fulfilment reports and cancels, each decided on the folded state', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 30 }), (steps) => {
        let state: OrderState = fold(orderDecider, [placed({ lines: LINES })]);
        for (const input of steps) {
          const command: OrderCommand =
            input.kind === 'cancel'
              ? cancel({ role: input.role, grantAreas: ['Stomi', 'Inkontinens'] })
              : report(input.type, { lines: input.lines, invoiceNumber: input.number, creditNoteNumber: input.number });
          try {
            const events = orderDecider.decide(command, state);
            // What the decider emits is what the events' schemas accept (else the append would fail later).
            for (const event of events) expect(registry.decode(event.type, registry.encode(event).data, 1)).toEqual(event);
            state = events.reduce(orderDecider.evolve, state);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
          }
          checkInvariants(state);
        }
      }),
      { numRuns: 400 },
    );
  });
});
