import type { Role } from '../shared/actor.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { conflict, DomainError, unprocessable, validationFailed } from '../shared/domain-error.js';
import { mayActInGrantArea, type GrantActor } from '../grants/grant-access.js';
import type { OrderAbandoned, OrderEvent, OrderPlaced, ReportedLine } from './order.events.js';
import { creditedUnits, evolveOrder, initialOrderState, openUnits, type Order, type OrderLineState, type OrderState } from './order.state.js';

/**
 * One order (stream `order-<orderId>`, DOMAIN §5): its creation, the ERP's fulfilment reports and cancelling.
 * The caps were decided on the grant stream before PlaceOrder (grant.decider.ts); here are the order's own
 * rules: which fulfilment step can follow which, never more shipped than ordered, never more credited than
 * delivered, and only unshipped sales units cancelled.
 */

export interface PlaceOrder {
  readonly type: 'PlaceOrder';
  readonly data: OrderPlaced['data'];
}

/** Claims the stream of an order that was counted on the grant but never created (OrderAbandoned). */
export interface AbandonOrder {
  readonly type: 'AbandonOrder';
  readonly data: OrderAbandoned['data'];
}

export const FULFILMENT_TYPES = ['accepted', 'shipped', 'backordered', 'invoiced', 'credited'] as const;
export type FulfilmentType = (typeof FULFILMENT_TYPES)[number];

/** What the ERP reports (API.md `POST /orders/:orderId/fulfilment`); lines name items, not grant lines. */
export interface FulfilmentReport {
  readonly type: FulfilmentType;
  readonly lines?: readonly { readonly itemNumber: string; readonly salesUnits: number }[];
  readonly invoiceNumber?: string;
  readonly creditNoteNumber?: string;
  /** ISO instant of the step at the supplier. */
  readonly at: string;
}

export interface ReportFulfilment {
  readonly type: 'ReportFulfilment';
  readonly data: { readonly orderId: string; readonly actor: GrantActor; readonly report: FulfilmentReport };
}

export interface CancelOrder {
  readonly type: 'CancelOrder';
  readonly data: { readonly orderId: string; readonly actor: GrantActor; readonly reason: string };
}

export type OrderCommand = PlaceOrder | AbandonOrder | ReportFulfilment | CancelOrder;

export const orderStream = (orderId: string): string => `order-${orderId}`;

/** DOMAIN §5: the municipality or customer service cancel, and the system on a removal (§2.3). */
const CANCELLING_ROLES: readonly Role[] = ['caseworker', 'nurse', 'orderer', 'customer_service', 'system'];
const FULFILMENT_ROLES: readonly Role[] = ['integration'];

export function decideOrder(command: OrderCommand, state: OrderState): OrderEvent[] {
  switch (command.type) {
    case 'PlaceOrder':
      if (state.status === 'abandoned') throw conflict('ORDER_ABANDONED', 'The order was not completed in time and its sales units were given back; place it again');
      if (state.status === 'placed') throw conflict('ORDER_ID_IN_USE', 'An order with this id already exists');
      return [{ type: 'OrderPlaced', data: command.data }];
    case 'AbandonOrder':
      return state.status === 'none' ? [{ type: 'OrderAbandoned', data: command.data }] : [];
    case 'ReportFulfilment':
      return fulfil(command.data, existing(state));
    case 'CancelOrder':
      return cancel(command.data, existing(state));
    default:
      return assertNever(command);
  }
}

export const orderDecider: Decider<OrderCommand, OrderEvent, OrderState> = {
  initialState: initialOrderState,
  evolve: evolveOrder,
  decide: decideOrder,
};

function existing(state: OrderState): Order {
  if (state.status !== 'placed') throw new DomainError('not_found', 'ORDER_NOT_FOUND', 'Order not found');
  return state.order;
}

/**
 * The ERP's steps. A fully cancelled order takes none (ORDER_CANCELLED). Repeating a step that changes nothing
 * (accepted twice, the same invoice number twice) is no event and no error: the ERP may resend.
 */
function fulfil({ actor, report }: ReportFulfilment['data'], order: Order): OrderEvent[] {
  if (!FULFILMENT_ROLES.includes(actor.role)) throw new DomainError('forbidden', 'FORBIDDEN', 'Only the supplier reports fulfilment');
  const { orderId, citizenId } = order;
  const fullyCancelled = order.lines.every((line) => line.cancelled === line.salesUnits);
  if (fullyCancelled && report.type !== 'invoiced' && report.type !== 'credited') {
    throw conflict('ORDER_CANCELLED', 'The order is cancelled', { orderId });
  }
  switch (report.type) {
    case 'accepted':
      return order.accepted ? [] : [{ type: 'OrderAccepted', data: { orderId, citizenId, at: report.at } }];
    case 'shipped':
      return [{ type: 'OrderLinesShipped', data: { orderId, citizenId, lines: reported(order, report, 'SHIPMENT_EXCEEDS_OPEN', openUnits), at: report.at } }];
    case 'backordered': {
      const lines = reported(order, report, 'BACKORDER_EXCEEDS_OPEN', openUnits);
      return [{ type: 'OrderLinesBackordered', data: { orderId, citizenId, lines, at: report.at } }];
    }
    case 'invoiced': {
      const invoiceNumber = required(report.invoiceNumber, 'invoiceNumber');
      if (!order.lines.some((line) => line.shipped > 0)) throw conflict('ORDER_NOT_SHIPPED', 'Nothing of the order has shipped: there is nothing to invoice', { orderId });
      return order.invoiceNumbers.includes(invoiceNumber) ? [] : [{ type: 'OrderInvoiced', data: { orderId, citizenId, invoiceNumber, at: report.at } }];
    }
    case 'credited': {
      const creditNoteNumber = required(report.creditNoteNumber, 'creditNoteNumber');
      const lines = reported(order, report, 'CREDIT_EXCEEDS_DELIVERED', (line) => line.shipped - creditedUnits(line));
      return [{ type: 'OrderLinesCredited', data: { orderId, citizenId, lines, creditNoteNumber, at: report.at } }];
    }
    default:
      return assertNever(report.type);
  }
}

/**
 * The report's lines as order lines, the same item twice summed. Each is checked against `limit`: at most that
 * many sales units of the line can take this step (409 `code`, `details: { itemNumber, limit }`).
 */
function reported(order: Order, report: FulfilmentReport, code: string, limit: (line: OrderLineState) => number): ReportedLine[] {
  const lines = report.lines ?? [];
  if (lines.length === 0) throw validation('lines', 'too_small', `A ${report.type} report names at least one line`);
  const totals = new Map<OrderLineState, number>();
  lines.forEach(({ itemNumber, salesUnits }, index) => {
    if (!Number.isSafeInteger(salesUnits) || salesUnits < 1) throw validation(`lines.${index}.salesUnits`, 'invalid_value', 'A whole number ≥ 1');
    const line = order.lines.find((candidate) => candidate.itemNumber === itemNumber.trim());
    if (!line) throw unprocessable('ITEM_NOT_ON_ORDER', 'The item is not on the order', { itemNumber });
    totals.set(line, (totals.get(line) ?? 0) + salesUnits);
  });
  return [...totals].map(([line, salesUnits]) => {
    if (salesUnits > limit(line)) throw conflict(code, `More sales units than the line allows for this step`, { itemNumber: line.itemNumber, limit: limit(line) });
    return { lineId: line.lineId, itemNumber: line.itemNumber, salesUnits };
  });
}

/**
 * Cancels every sales unit not yet shipped (Decision: a partly shipped line's rest too, e.g. a back-ordered
 * remainder). Nothing left to cancel: ORDER_ALREADY_CANCELLED if it all was, else ORDER_ALREADY_SHIPPED.
 * Municipal users cancel only orders whose lines all lie in their grant areas (as for placing).
 */
function cancel({ actor, reason }: CancelOrder['data'], order: Order): OrderEvent[] {
  if (!CANCELLING_ROLES.includes(actor.role)) throw new DomainError('forbidden', 'FORBIDDEN', 'This role does not cancel orders');
  const outside = order.lines.find((line) => !mayActInGrantArea(actor, line.grantArea));
  if (outside) throw new DomainError('forbidden', 'GRANT_AREA_FORBIDDEN', 'The order has lines outside your grant areas', { grantArea: outside.grantArea });
  const trimmed = required(reason, 'reason');
  if (order.lines.every((line) => line.cancelled === line.salesUnits)) throw conflict('ORDER_ALREADY_CANCELLED', 'The order is already cancelled', { orderId: order.orderId });
  const open = order.lines.filter((line) => openUnits(line) > 0);
  if (open.length === 0) throw conflict('ORDER_ALREADY_SHIPPED', 'Everything on the order has shipped: ask for a credit instead', { orderId: order.orderId });
  const lines = open.map((line) => ({ lineId: line.lineId, itemNumber: line.itemNumber, salesUnits: openUnits(line) }));
  return [{ type: 'OrderCancelled', data: { orderId: order.orderId, citizenId: order.citizenId, lines, reason: trimmed } }];
}

function required(value: string | undefined, path: string): string {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') throw validation(path, 'too_small', 'Required');
  return trimmed;
}

const validation = (path: string, code: string, message: string) => validationFailed([{ path, code, message }]);
