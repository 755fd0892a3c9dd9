import { normalizeForSearch } from '../src/citizens/search-normalize.js';
import type { OrderEvent } from '../src/orders/order.events.js';
import { evolveOrder, initialOrderState, orderStatus, type Order, type OrderState } from '../src/orders/order.state.js';
import { ORDER_STATUS_SEQUENCE, ordersReadModel, type OrderDocument } from '../read-models/orders/orders.read-model.js';
import type { ProjectedEvent, Projection } from '../src/kernel/projection.js';
import type { CitizenPersonalDataErased } from '../src/citizens/citizen.events.js';
import { ERASED } from '../src/shared/personal-data.js';

type Event = ProjectedEvent<OrderEvent['type'] | CitizenPersonalDataErased['type']> & (OrderEvent | CitizenPersonalDataErased);

/** What the history's free text narrows by: the order number, and each line's item number and product name. */
function searchText(order: Order): string {
  const parts = [order.orderNumber, ...order.lines.flatMap((line) => [line.itemNumber, line.productName ?? ''])];
  return [...new Set(parts.map((part) => normalizeForSearch(part)).filter(Boolean))].join(' ');
}

function orderDocument(order: Order): OrderDocument {
  const status = orderStatus(order);
  return {
    orderId: order.orderId,
    citizenId: order.citizenId,
    municipalityId: order.municipalityId,
    orderNumber: order.orderNumber,
    orderDate: order.orderDate,
    placedAt: order.placedAt,
    status,
    statusRank: ORDER_STATUS_SEQUENCE.indexOf(status),
    searchText: searchText(order),
    order,
  };
}

/**
 * The citizen's personal data erased (GDPR): what the order says about the person goes — where it went, the
 * remarks, the name of whoever placed it, why it was cancelled — and the bookkeeping stays: number, dates,
 * lines, quantities, invoice and credit note numbers. The same fields a rebuild reads as `slettet` from the
 * events themselves; this is for the documents written before the erasure. Absent stays absent.
 */
function withoutPersonalData(order: Order): Order {
  return {
    ...order,
    deliveryAddress: { street: ERASED, postalCode: ERASED, city: ERASED },
    remarks: order.remarks === null ? null : ERASED,
    placedBy: { ...order.placedBy, name: ERASED },
    cancellationReason: order.cancellationReason === null ? null : ERASED,
  };
}

/**
 * The order decider's own evolve: the read model holds exactly the state the decisions were made on. Only a
 * created order has a document, so a stored document is always the 'placed' state; a stream that was
 * abandoned before it was created (or anything evolveOrder leaves without an order) has none. A citizen's
 * erasure names their orders (the order documents are not the citizen's), and blanks each one's personal fields.
 */
export const ordersProjection: Projection<OrderDocument, Event> = {
  readModel: ordersReadModel,
  handles: [
    'OrderPlaced',
    'OrderAccepted',
    'OrderLinesShipped',
    'OrderLinesBackordered',
    'OrderInvoiced',
    'OrderLinesCredited',
    'OrderCancelled',
    'OrderAbandoned',
    'CitizenPersonalDataErased',
  ],
  documentIds: (event) => (event.type === 'CitizenPersonalDataErased' ? event.data.orderIds : [event.data.orderId]),
  evolve: (doc, event) => {
    if (event.type === 'CitizenPersonalDataErased') return doc && orderDocument(withoutPersonalData(doc.order));
    const state: OrderState = doc ? { status: 'placed', order: doc.order } : initialOrderState;
    const next = evolveOrder(state, event);
    return next.status === 'placed' ? orderDocument(next.order) : null;
  },
};
