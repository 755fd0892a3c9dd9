import { Fragment, useState } from 'react';
import { formatDate } from '../../../lib/format';
import type { OrderRow } from '../api';
import { orderStatusBadge, orderStatusText, placedByText } from '../order-texts';
import { OrderDetails } from './order-details';

const COLUMNS = 7;

/** The orders found, each with "Se detaljer / luk" opening its details in place, below its row. */
export function OrderTable({ orders }: { orders: readonly OrderRow[] }) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (orderId: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (!next.delete(orderId)) next.add(orderId);
      return next;
    });

  return (
    <div className="table--responsive-scroll">
      <table className="table table--zebra order-table">
        <caption className="sr-only">Ordrer</caption>
        <thead>
          <tr>
            <th scope="col">Ordrenr.</th>
            <th scope="col">Ordredato</th>
            <th scope="col">Status</th>
            <th scope="col">Bestilt af</th>
            <th scope="col">Varelinjer</th>
            <th scope="col">Fakturanr.</th>
            <th scope="col">
              <span className="sr-only">Detaljer</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {orders.map((order) => {
            const expanded = open.has(order.orderId);
            const detailsId = `ordre-${order.orderId}`;
            return (
              <Fragment key={order.orderId}>
                <tr>
                  <th scope="row">{order.orderNumber}</th>
                  <td>{formatDate(order.orderDate)}</td>
                  <td>
                    <span className={`badge ${orderStatusBadge(order.status)}`}>{orderStatusText(order.status)}</span>
                  </td>
                  <td>
                    {order.placedBy.name}
                    <span className="d-block form-hint">{placedByText(order.placedBy)}</span>
                  </td>
                  <td>{order.lineCount}</td>
                  <td>{order.invoiceNumbers.length > 0 ? order.invoiceNumbers.join(', ') : '–'}</td>
                  <td>
                    <button
                      type="button"
                      className="function-link"
                      aria-label={`Se detaljer / luk, ordre ${order.orderNumber}`}
                      aria-expanded={expanded}
                      aria-controls={expanded ? detailsId : undefined}
                      onClick={() => toggle(order.orderId)}
                    >
                      Se detaljer / luk
                    </button>
                  </td>
                </tr>
                {expanded && (
                  <tr className="order-details-row">
                    <td colSpan={COLUMNS} id={detailsId}>
                      <OrderDetails orderId={order.orderId} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
