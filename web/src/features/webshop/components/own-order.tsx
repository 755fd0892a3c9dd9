import { useState } from 'react';
import { Alert } from '../../../components/alert';
import { Spinner } from '../../../components/spinner';
import { errorMessage } from '../../../lib/error-messages';
import { formatDate, formatDateTime } from '../../../lib/format';
import { lineStatusText, orderStatusBadge, orderStatusText, placedByText, useOrder, type OrderDetail, type OrderRow } from '../../orders/api';

/** One of the citizen's orders as a card: number, date, status, who placed it; "Se detaljer / luk" opens it in place. */
export function OwnOrder({ order }: { order: OrderRow }) {
  const [open, setOpen] = useState(false);
  const detailsId = `ordre-${order.orderId}`;
  return (
    <li className="webshop-order">
      <h3 className="h4 mt-0 mb-2">Ordre {order.orderNumber}</h3>
      <p className="mt-0 mb-2">
        Bestilt {formatDate(order.orderDate)} <span className={`badge ${orderStatusBadge(order.status)}`}>{orderStatusText(order.status)}</span>
      </p>
      <p className="mt-0 mb-2">
        Bestilt af {order.placedBy.name}
        <span className="d-block form-hint">{placedByText(order.placedBy)}</span>
      </p>
      <p className="mt-0 mb-2">
        {order.lineCount} {order.lineCount === 1 ? 'varelinje' : 'varelinjer'}
        {order.invoiceNumbers.length > 0 && ` · Fakturanr. ${order.invoiceNumbers.join(', ')}`}
      </p>
      <button
        type="button"
        className="function-link"
        aria-label={`Se detaljer / luk, ordre ${order.orderNumber}`}
        aria-expanded={open}
        aria-controls={open ? detailsId : undefined}
        onClick={() => setOpen((value) => !value)}
      >
        Se detaljer / luk
      </button>
      {open && (
        <div id={detailsId} className="mt-4">
          <Details orderId={order.orderId} />
        </div>
      )}
    </li>
  );
}

function Details({ orderId }: { orderId: string }) {
  const order = useOrder(orderId);
  if (order.isPending) return <Spinner status="Henter ordren …" />;
  if (order.isError) return <Alert variant="error">{errorMessage(order.error)}</Alert>;
  return <Lines order={order.data} />;
}

function Lines({ order }: { order: OrderDetail }) {
  return (
    <>
      <h4 className="h5 mt-0">Varer</h4>
      <ul className="webshop-order-lines">
        {order.lines.map((line) => (
          <li key={line.lineId}>
            <strong>{line.productName ?? line.itemNumber}</strong> (varenr. {line.itemNumber}): {line.salesUnits}
            <span className="d-block">{lineStatusText(line)}</span>
            {line.credited.length > 0 && (
              <span className="d-block">Krediteret: {line.credited.map((credit) => `${credit.salesUnits} på kreditnota ${credit.creditNoteNumber}`).join(', ')}</span>
            )}
          </li>
        ))}
      </ul>
      <dl className="order-facts">
        <dt>Bestilt</dt>
        <dd>{formatDateTime(order.placedAt)}</dd>
        <dt>Leveringsadresse</dt>
        <dd>
          {order.deliveryAddress.street}, {order.deliveryAddress.postalCode} {order.deliveryAddress.city}
        </dd>
        <dt>Bemærkninger</dt>
        <dd>{order.remarks ?? 'Ingen'}</dd>
        {order.cancellationReason && (
          <>
            <dt>Årsag til annullering</dt>
            <dd>{order.cancellationReason}</dd>
          </>
        )}
      </dl>
    </>
  );
}
