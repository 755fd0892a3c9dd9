import { Query } from '@nestjs/cqrs';
import type { Address } from '../citizens/citizen.events.js';
import type { Principal } from '../kernel/principal.js';
import type { OrderChannel } from './order.events.js';
import type { DeliveryStatus, OrderLineState, OrderStatus } from './order.state.js';

/** The order history's sort keys (API.md): a leading '-' sorts descending. */
export const ORDER_SORTS = ['orderDate', '-orderDate', 'orderNumber', '-orderNumber', 'status', '-status'] as const;
export type OrderSort = (typeof ORDER_SORTS)[number];

export interface OrderHistoryCriteria {
  /** Inclusive Europe/Copenhagen dates of the order date. */
  readonly from: string;
  readonly to: string;
  /** Free text: part of the order number, an item number or a product name. */
  readonly q?: string;
  readonly sort: OrderSort;
  readonly page: number;
  readonly pageSize: number;
}

export interface OrderRow {
  readonly orderId: string;
  readonly orderNumber: string;
  readonly orderDate: string;
  readonly status: OrderStatus;
  readonly placedBy: { readonly role: string; readonly name: string; readonly channel: OrderChannel };
  readonly lineCount: number;
  readonly invoiceNumbers: readonly string[];
}

/** Whose history it is, as the page's heading shows them: never the full CPR number. */
export interface OrderHistoryCitizen {
  readonly citizenId: string;
  readonly name: string;
  readonly cprMasked: string;
}

export interface OrderHistoryPage {
  readonly citizen: OrderHistoryCitizen;
  readonly items: OrderRow[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
}

/** An order line as the order holds it, with its delivery status. */
export interface OrderLineDetail extends OrderLineState {
  readonly deliveryStatus: DeliveryStatus;
}

export interface OrderDetail {
  readonly orderId: string;
  readonly orderNumber: string;
  readonly citizenId: string;
  readonly orderDate: string;
  readonly placedAt: string;
  readonly status: OrderStatus;
  readonly placedBy: { readonly userId: string; readonly role: string; readonly name: string; readonly channel: OrderChannel };
  readonly remarks: string | null;
  readonly deliveryAddress: Address;
  readonly invoiceNumbers: readonly string[];
  readonly cancellationReason: string | null;
  readonly lines: readonly OrderLineDetail[];
}

/** A citizen's order history (DOMAIN §5); null when the caller may not see the citizen. */
export class GetCitizenOrders extends Query<OrderHistoryPage | null> {
  constructor(
    readonly principal: Principal,
    readonly citizenId: string,
    readonly criteria: OrderHistoryCriteria,
  ) {
    super();
  }
}

/** One order with its lines; null when it does not exist or the caller may not see its citizen. */
export class GetOrder extends Query<OrderDetail | null> {
  constructor(
    readonly principal: Principal,
    readonly orderId: string,
  ) {
    super();
  }
}
