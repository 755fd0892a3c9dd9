import { describe, expect, it } from '@jest/globals';
import { ordersProjection } from '../../projections/orders.projection.js';
import type { OrderDocument } from '../../read-models/orders/orders.read-model.js';
import { orderEventDefinitions, type OrderEvent } from '../../src/orders/order.events.js';
import { deliveryStatus, evolveOrder, initialOrderState, type OrderState } from '../../src/orders/order.state.js';
import type { RecordedEvent } from '../../src/kernel/event-store.port.js';
import { decode, orderEvents, orderPlaced, project, projectStored, SKIN_PLATE, STOMI_BAG } from './orders.fixture.js';

const CITIZEN = 'citizen-7e1d';
const ORDER = 'order-a1';
const e = orderEvents(ORDER, CITIZEN);

const documentAfter = (events: readonly RecordedEvent[]): OrderDocument | null => project(events).get(ORDER) ?? null;
const lineStatuses = (doc: OrderDocument | null) => doc?.order.lines.map((line) => [line.lineId, deliveryStatus(line)]);

/** The order's life from placing to the last credit: each step with the order's and the lines' status. */
const LIFE: ReadonlyArray<{ step: string; event: RecordedEvent; status: string; lines: string[] }> = [
  { step: 'placed', event: orderPlaced({ orderId: ORDER, citizenId: CITIZEN }), status: 'placed', lines: ['pending', 'pending'] },
  { step: 'accepted', event: e.accepted(), status: 'accepted', lines: ['pending', 'pending'] },
  { step: '6 of 10 bags shipped', event: e.shipped([STOMI_BAG, 6]), status: 'partially_shipped', lines: ['partially_shipped', 'pending'] },
  {
    step: 'the other 4 bags and the plates back-ordered',
    event: e.backordered([STOMI_BAG, 4], [SKIN_PLATE, 4]),
    status: 'partially_shipped',
    lines: ['partially_shipped', 'backordered'],
  },
  { step: 'the rest shipped', event: e.shipped([STOMI_BAG, 4], [SKIN_PLATE, 4]), status: 'shipped', lines: ['shipped', 'shipped'] },
  { step: 'invoiced', event: e.invoiced('INV-2026-0091'), status: 'invoiced', lines: ['shipped', 'shipped'] },
  { step: 'the plates credited', event: e.credited('CN-2026-0007', [SKIN_PLATE, 4]), status: 'invoiced', lines: ['shipped', 'shipped'] },
  { step: 'the bags credited too', event: e.credited('CN-2026-0008', [STOMI_BAG, 10]), status: 'credited', lines: ['shipped', 'shipped'] },
];

describe('The order history read model (DOMAIN §5)', () => {
  it('handles every event of the order stream but the order-number reservation, and a citizen’s erasure', () => {
    const orderStreamTypes = orderEventDefinitions.map((definition) => definition.type).filter((type) => type !== 'OrderNumberReserved');
    expect([...ordersProjection.handles].sort()).toEqual([...orderStreamTypes, 'CitizenPersonalDataErased'].sort());
  });

  it('a placed order gets its citizen, municipality, date, number and a normalized text of number, item numbers and names', () => {
    const doc = documentAfter([LIFE[0]!.event]);
    expect(doc).toMatchObject({
      orderId: ORDER,
      citizenId: CITIZEN,
      municipalityId: '101',
      orderNumber: `ON-${ORDER}`,
      orderDate: '2026-03-02',
      placedAt: '2026-03-02T09:15:00.000Z',
      status: 'placed',
      statusRank: 0,
    });
    expect(doc?.searchText).toBe('on-order-a1 301004 stomipose aaben 402117 hudplade aeroe flex');
  });

  it.each(LIFE.map((entry, index) => ({ ...entry, index })))('after "$step" the order is $status and its lines $lines', ({ index, status, lines }) => {
    const doc = documentAfter(LIFE.slice(0, index + 1).map((entry) => entry.event));
    expect(doc?.status).toBe(status);
    expect(lineStatuses(doc)).toEqual([
      ['line-1', lines[0]],
      ['line-2', lines[1]],
    ]);
  });

  it('holds exactly the state the order decider folds from the same events', () => {
    const events = LIFE.map((entry) => entry.event);
    const decided = events.reduce<OrderState>((state, recorded) => evolveOrder(state, decode(recorded) as unknown as OrderEvent), initialOrderState);
    expect(decided.status).toBe('placed');
    const doc = documentAfter(events);
    expect(doc?.order).toEqual(decided.status === 'placed' ? decided.order : undefined);
    expect(doc?.order).toMatchObject({
      accepted: true,
      invoiceNumbers: ['INV-2026-0091'],
      lines: [
        { lineId: 'line-1', shipped: 10, backordered: 0, credited: [{ salesUnits: 10, creditNoteNumber: 'CN-2026-0008' }] },
        { lineId: 'line-2', shipped: 4, backordered: 0, credited: [{ salesUnits: 4, creditNoteNumber: 'CN-2026-0007' }] },
      ],
    });
  });

  it('a cancelled order is cancelled on every line, with its reason', () => {
    const doc = documentAfter([LIFE[0]!.event, e.backordered([SKIN_PLATE, 4]), e.cancelled('Borgeren er indlagt', [STOMI_BAG, 10], [SKIN_PLATE, 4])]);
    expect(doc).toMatchObject({ status: 'cancelled', statusRank: 7, order: { cancellationReason: 'Borgeren er indlagt' } });
    expect(lineStatuses(doc)).toEqual([
      ['line-1', 'cancelled'],
      ['line-2', 'cancelled'],
    ]);
    expect(doc?.order.lines[1]).toMatchObject({ cancelled: 4, backordered: 0 });
  });

  it('cancelling what was not shipped of a partly shipped order leaves it shipped, the unshipped line cancelled', () => {
    const doc = documentAfter([LIFE[0]!.event, e.shipped([STOMI_BAG, 6]), e.cancelled('Produktet udgår', [STOMI_BAG, 4], [SKIN_PLATE, 4])]);
    expect(doc?.status).toBe('shipped');
    expect(lineStatuses(doc)).toEqual([
      ['line-1', 'shipped'],
      ['line-2', 'cancelled'],
    ]);
    expect(doc?.order.lines[0]).toMatchObject({ shipped: 6, cancelled: 4 });
  });

  it('the same events delivered again change nothing', () => {
    const events = LIFE.map((entry) => entry.event);
    const first = projectStored(events);
    const stored = new Map([...first].map(([id, doc]) => [id, doc!]));
    expect(projectStored(events, stored).size).toBe(0);
    // Again one by one, as a redelivery after a crash would come.
    for (const event of events) expect(projectStored([event], stored).size).toBe(0);
  });

  it('evolve is deterministic and leaves the document it is given as it was', () => {
    const doc = documentAfter(LIFE.slice(0, 3).map((entry) => entry.event))!;
    const before = JSON.stringify(doc);
    const event = decode(e.shipped([STOMI_BAG, 4])) as never;
    const once = ordersProjection.evolve(doc, event, ORDER);
    const twice = ordersProjection.evolve(doc, event, ORDER);
    expect(once).toEqual(twice);
    expect(once?.order.lines[0]?.shipped).toBe(10);
    expect(JSON.stringify(doc)).toBe(before);
  });

  it('an order abandoned before it was created has no document', () => {
    const abandoned = orderEvents('order-gone', CITIZEN);
    const docs = project([abandoned.abandoned([STOMI_BAG, 10], [SKIN_PLATE, 4])]);
    expect(docs.has('order-gone')).toBe(false);
    expect(ordersProjection.evolve(null, decode(abandoned.abandoned([STOMI_BAG, 10])) as never, 'order-gone')).toBeNull();
  });

  it('an abandonment arriving after the order was placed changes nothing (the decider ignores it too)', () => {
    const docs = project([LIFE[0]!.event, e.abandoned([STOMI_BAG, 10])]);
    expect(docs.get(ORDER)).toMatchObject({ status: 'placed', order: { lines: [{ salesUnits: 10, cancelled: 0 }, { salesUnits: 4 }] } });
  });

  it('a fulfilment report for an order without a document writes none', () => {
    expect(project([e.accepted(), e.shipped([STOMI_BAG, 1])]).has(ORDER)).toBe(false);
  });

  it('a product without a name is searchable by its item number and the order number', () => {
    const doc = project([orderPlaced({ orderId: 'order-b2', citizenId: CITIZEN, orderNumber: 'ÅR-0042', lines: [{ ...STOMI_BAG, productName: null }] })]).get('order-b2');
    expect(doc?.searchText).toBe('aar-0042 301004');
  });
});
