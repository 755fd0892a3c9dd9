import { roleName } from '../../lib/roles';
import type { OrderDetail, OrderLine, OrderRow } from './types';

/** The order history's words (user guide p. 7): statuses, channels and each line's delivery, in Danish. */

const ORDER_STATUS: Readonly<Record<OrderRow['status'], string>> = {
  placed: 'Bestilt',
  accepted: 'Modtaget af leverandøren',
  backordered: 'I restordre',
  partially_shipped: 'Delvist afsendt',
  shipped: 'Afsendt',
  invoiced: 'Faktureret',
  credited: 'Krediteret',
  cancelled: 'Annulleret',
};

/** DKFDS badge colours: done is green, waiting blue, a problem yellow, cancelled grey. */
const ORDER_STATUS_BADGE: Readonly<Record<OrderRow['status'], string>> = {
  placed: 'badge-info',
  accepted: 'badge-info',
  backordered: 'badge-warning',
  partially_shipped: 'badge-warning',
  shipped: 'badge-success',
  invoiced: 'badge-success',
  credited: 'badge-warning',
  cancelled: '',
};

const CHANNEL: Readonly<Record<OrderRow['placedBy']['channel'], string>> = {
  citizen: 'borger',
  municipality: 'kommune',
  customer_service: 'kundeservice',
};

export const orderStatusText = (status: OrderRow['status']): string => ORDER_STATUS[status];
export const orderStatusBadge = (status: OrderRow['status']): string => ORDER_STATUS_BADGE[status];

/** Who placed it, beside the name: "Sagsbehandler, kanal: kommune". */
export const placedByText = (placedBy: OrderRow['placedBy']): string => `${roleName(placedBy.role)}, kanal: ${CHANNEL[placedBy.channel]}`;

export const creditedUnits = (line: OrderLine): number => line.credited.reduce((sum, credit) => sum + credit.salesUnits, 0);

/** Sales units that have neither shipped nor been cancelled: what cancelling the order would take. */
export const openUnits = (line: OrderLine): number => line.salesUnits - line.shipped - line.cancelled;

/** A line's delivery as the person following it reads it: shipped, back-ordered, cancelled, credited … */
export function lineStatusText(line: OrderLine): string {
  const credited = creditedUnits(line);
  switch (line.deliveryStatus) {
    case 'cancelled':
      return 'Annulleret';
    case 'pending':
      return 'Afventer afsendelse';
    case 'backordered':
      return 'I restordre';
    case 'partially_shipped':
      return [`Delvist afsendt (${line.shipped} af ${line.salesUnits})`, line.backordered > 0 ? `${line.backordered} i restordre` : null, line.cancelled > 0 ? `${line.cancelled} annulleret` : null]
        .filter(Boolean)
        .join(', ');
    case 'shipped':
      if (credited > 0 && credited >= line.shipped) return 'Afsendt og krediteret';
      return ['Afsendt', credited > 0 ? `${credited} krediteret` : null, line.cancelled > 0 ? `${line.cancelled} annulleret` : null].filter(Boolean).join(', ');
  }
}

/** An order that still has units to ship can be cancelled (the rest of a partly shipped line included). */
export const isCancellable = (order: OrderDetail): boolean => order.status !== 'cancelled' && order.lines.some((line) => openUnits(line) > 0);

/** Who may cancel (API.md: POST /orders/:orderId/cancel); auditors read only. */
const CANCELLING_ROLES = ['caseworker', 'nurse', 'orderer', 'customer_service'];
export const mayCancelOrders = (role: string): boolean => CANCELLING_ROLES.includes(role);
