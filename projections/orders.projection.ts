import { normalizeForSearch } from '../src/citizens/search-normalize.js';
import type { OrderEvent } from '../src/orders/order.events.js';
import { evolveOrder, initialOrderState, orderStatus, type Order, type OrderState } from '../src/orders/order.state.js';
import { ORDER_STATUS_SEQUENCE, ordersReadModel, type OrderDocument } from '../read-models/orders/orders.read-model.js';
import type { ProjectedEvent, Projection } from '../src/kernel/projection.js';

type Event = ProjectedEvent<OrderEvent['type']> & OrderEvent;

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
 * The order decider's own evolve: the read model holds exactly the state the decisions were made on. Only a
 * created order has a document, so a stored document is always the 'placed' state; a stream that was
 * abandoned before it was created (or anything evolveOrder leaves without an order) has none.
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
  ],
  documentIds: (event) => [event.data.orderId],
  evolve: (doc, event) => {
    const state: OrderState = doc ? { status: 'placed', order: doc.order } : initialOrderState;
    const next = evolveOrder(state, event);
    return next.status === 'placed' ? orderDocument(next.order) : null;
  },
};
