import { createHash } from 'node:crypto';
import { assertNever, type Decider } from '../shared/decider.js';
import { conflict } from '../shared/domain-error.js';
import type { OrderNumberReserved } from './order.events.js';

/**
 * Order numbers (DOMAIN §5: unique, human-readable): `YYMMDD-NNNNNN`, the order date and six digits, e.g.
 * `261126-048213`, easy to read out on the phone. Uniqueness cannot come from a counter without one stream every
 * order in the country contends on; instead each number is reserved in a stream of its own,
 * `ordernumber-<number>`, appended only if it does not exist. The digits are drawn from the order id and an
 * attempt number, so a retried request walks the same candidates and finds its own reservation again.
 */

export const orderNumberStream = (orderNumber: string): string => `ordernumber-${orderNumber}`;

export function orderNumberCandidate(orderId: string, orderDate: string, attempt: number): string {
  const digits = createHash('sha256').update(`${orderId}:${attempt}`).digest().readUInt32BE(0) % 1_000_000;
  return `${orderDate.slice(2, 4)}${orderDate.slice(5, 7)}${orderDate.slice(8, 10)}-${String(digits).padStart(6, '0')}`;
}

export interface ReserveOrderNumber {
  readonly type: 'ReserveOrderNumber';
  readonly data: { readonly orderNumber: string; readonly orderId: string };
}

type ReservationState = { readonly orderId: string | null };

/** The number is this order's if free or already its own; another order's: ORDER_NUMBER_TAKEN (try the next). */
export const orderNumberDecider: Decider<ReserveOrderNumber, OrderNumberReserved, ReservationState> = {
  initialState: { orderId: null },
  evolve: (state, event) => (state.orderId === null ? { orderId: event.data.orderId } : state),
  decide: (command, state) => {
    switch (command.type) {
      case 'ReserveOrderNumber':
        if (state.orderId === command.data.orderId) return [];
        if (state.orderId !== null) throw conflict('ORDER_NUMBER_TAKEN', 'The order number belongs to another order');
        return [{ type: 'OrderNumberReserved', data: command.data }];
      default:
        return assertNever(command.type);
    }
  },
};
