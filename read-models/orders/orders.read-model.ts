import type { ReadModelDefinition } from '../../src/kernel/read-model-store.port.js';
import { ORDER_STATUSES, type Order, type OrderStatus } from '../../src/orders/order.state.js';

/**
 * The order history (DOMAIN §5): one document per created order, holding the order decider's own state
 * (`order`) and, beside it, the fields the history filters and sorts on, derived from that state when the
 * document is written. An order that was abandoned before it was created has no document.
 */
export const ordersReadModel: ReadModelDefinition = {
  name: 'orders',
  // 2: a citizen's erasure blanks the personal fields of their orders.
  version: 2,
  indexes: [
    // Every history query is one citizen's: this index narrows it to that citizen's few orders, which are
    // then filtered by date and text and sorted without further help.
    { field: 'citizenId', kind: 'equals' },
    { field: 'searchText', kind: 'contains' },
    // The sort keys, for lists across citizens.
    { field: 'orderDate', kind: 'sort' },
    { field: 'orderNumber', kind: 'sort' },
    { field: 'statusRank', kind: 'sort' },
  ],
};

/** The order's statuses in the order of its life: what sorting by status follows (not the codes' spelling). */
export const ORDER_STATUS_SEQUENCE: readonly OrderStatus[] = ORDER_STATUSES;

export interface OrderDocument {
  readonly orderId: string;
  readonly citizenId: string;
  readonly municipalityId: string;
  readonly orderNumber: string;
  /** Europe/Copenhagen date, YYYY-MM-DD: the history's date range compares it as text. */
  readonly orderDate: string;
  /** ISO instant: the tie-break among orders of one date, newest first. */
  readonly placedAt: string;
  /** orderStatus(order) */
  readonly status: OrderStatus;
  /** The status's index in ORDER_STATUS_SEQUENCE. */
  readonly statusRank: number;
  /** Normalized (normalizeForSearch) order number, item numbers and product names, space-separated. */
  readonly searchText: string;
  /** Exactly the decider's state of the order (evolveOrder). */
  readonly order: Order;
}
