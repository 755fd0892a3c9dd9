import type { Address } from '../citizens/citizen.events.js';
import { assertNever } from '../shared/decider.js';
import type { OrderChannel, OrderEvent, OrderPlaced, ReportedLine } from './order.events.js';

/**
 * The state of one order (stream `order-<orderId>`), folded from its events. Plain data, so the order history
 * read model can store it as is and derive statuses with the same functions as the decider.
 */

export interface OrderLineState {
  readonly lineId: string;
  readonly itemNumber: string;
  readonly productName: string | null;
  readonly grantArea: string;
  readonly salesUnits: number;
  readonly shipped: number;
  /** Sales units the ERP reported back-ordered and has not shipped (or had cancelled) since. */
  readonly backordered: number;
  readonly cancelled: number;
  readonly credited: readonly { readonly salesUnits: number; readonly creditNoteNumber: string }[];
}

export interface Order {
  readonly orderId: string;
  readonly citizenId: string;
  readonly municipalityId: string;
  readonly orderNumber: string;
  readonly orderDate: string;
  readonly placedAt: string;
  readonly placedBy: { readonly userId: string; readonly role: string; readonly name: string; readonly channel: OrderChannel };
  readonly remarks: string | null;
  readonly deliveryAddress: Address;
  readonly lines: readonly OrderLineState[];
  readonly accepted: boolean;
  readonly invoiceNumbers: readonly string[];
  readonly cancellationReason: string | null;
}

export type OrderState =
  | { readonly status: 'none' }
  | { readonly status: 'placed'; readonly order: Order }
  /** Counted on the grant, never created, and given back (OrderAbandoned). */
  | { readonly status: 'abandoned'; readonly orderId: string };

export const initialOrderState: OrderState = { status: 'none' };

/** The order's statuses in the order of its life (sorting the history by status follows this, not the spelling). */
export const ORDER_STATUSES = ['placed', 'accepted', 'backordered', 'partially_shipped', 'shipped', 'invoiced', 'credited', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const DELIVERY_STATUSES = ['pending', 'backordered', 'partially_shipped', 'shipped', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Sales units of the line neither shipped nor cancelled: what can still ship, be back-ordered or be cancelled. */
export const openUnits = (line: OrderLineState): number => line.salesUnits - line.shipped - line.cancelled;
export const creditedUnits = (line: OrderLineState): number => line.credited.reduce((sum, credit) => sum + credit.salesUnits, 0);

export function deliveryStatus(line: OrderLineState): DeliveryStatus {
  if (line.cancelled === line.salesUnits) return 'cancelled';
  if (openUnits(line) === 0) return 'shipped';
  if (line.shipped > 0) return 'partially_shipped';
  return line.backordered > 0 ? 'backordered' : 'pending';
}

/** The order's status in the history, the furthest step it has reached. */
export function orderStatus(order: Order): OrderStatus {
  const sum = (units: (line: OrderLineState) => number) => order.lines.reduce((total, line) => total + units(line), 0);
  const shipped = sum((line) => line.shipped);
  if (sum((line) => line.cancelled) === sum((line) => line.salesUnits)) return 'cancelled';
  if (shipped > 0 && sum(creditedUnits) === shipped) return 'credited';
  if (order.invoiceNumbers.length > 0) return 'invoiced';
  if (sum(openUnits) === 0) return 'shipped';
  if (shipped > 0) return 'partially_shipped';
  if (order.lines.some((line) => line.backordered > 0)) return 'backordered';
  return order.accepted ? 'accepted' : 'placed';
}

export function evolveOrder(state: OrderState, event: OrderEvent): OrderState {
  switch (event.type) {
    case 'OrderPlaced':
      return state.status === 'none' ? { status: 'placed', order: placed(event.data) } : state;
    case 'OrderAbandoned':
      return state.status === 'none' ? { status: 'abandoned', orderId: event.data.orderId } : state;
    case 'OrderAccepted':
      return update(state, (order) => ({ ...order, accepted: true }));
    case 'OrderLinesShipped':
      return updateLines(state, event.data.lines, (line, units) => ({
        ...line,
        shipped: line.shipped + units,
        backordered: Math.max(0, line.backordered - units),
      }));
    case 'OrderLinesBackordered':
      return updateLines(state, event.data.lines, (line, units) => ({ ...line, backordered: Math.min(openUnits(line), line.backordered + units) }));
    case 'OrderInvoiced':
      return update(state, (order) =>
        order.invoiceNumbers.includes(event.data.invoiceNumber) ? order : { ...order, invoiceNumbers: [...order.invoiceNumbers, event.data.invoiceNumber] },
      );
    case 'OrderLinesCredited': {
      const { creditNoteNumber } = event.data;
      return updateLines(state, event.data.lines, (line, units) => ({ ...line, credited: [...line.credited, { salesUnits: units, creditNoteNumber }] }));
    }
    case 'OrderCancelled': {
      const next = updateLines(state, event.data.lines, (line, units) => ({ ...line, cancelled: line.cancelled + units, backordered: 0 }));
      return update(next, (order) => ({ ...order, cancellationReason: event.data.reason }));
    }
    default:
      return assertNever(event);
  }
}

function placed(data: OrderPlaced['data']): Order {
  return {
    ...data,
    lines: data.lines.map((line) => ({ ...line, shipped: 0, backordered: 0, cancelled: 0, credited: [] })),
    accepted: false,
    invoiceNumbers: [],
    cancellationReason: null,
  };
}

function update(state: OrderState, change: (order: Order) => Order): OrderState {
  return state.status === 'placed' ? { ...state, order: change(state.order) } : state;
}

function updateLines(state: OrderState, lines: readonly ReportedLine[], change: (line: OrderLineState, units: number) => OrderLineState): OrderState {
  return update(state, (order) => ({
    ...order,
    lines: order.lines.map((line) => {
      const units = lines.filter((reported) => reported.lineId === line.lineId).reduce((sum, reported) => sum + reported.salesUnits, 0);
      return units > 0 ? change(line, units) : line;
    }),
  }));
}
