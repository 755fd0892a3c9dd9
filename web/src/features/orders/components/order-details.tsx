import { useEffect, useRef, useState } from 'react';
import { Alert } from '../../../components/alert';
import { Spinner } from '../../../components/spinner';
import { errorMessage } from '../../../lib/error-messages';
import { formatDateTime } from '../../../lib/format';
import { useSession } from '../../../lib/use-session';
import { useOrder, type OrderDetail } from '../api';
import { isCancellable, lineStatusText, mayCancelOrders, placedByText } from '../order-texts';
import { CancelOrderModal } from './cancel-order-modal';

/** "Se detaljer": the order's lines with their delivery, invoices and credit notes, who placed it and where it goes. */
export function OrderDetails({ orderId }: { orderId: string }) {
  const order = useOrder(orderId);
  if (order.isPending) return <Spinner status="Henter ordren …" />;
  if (order.isError) return <Alert variant="error">{errorMessage(order.error)}</Alert>;
  return <Details order={order.data} />;
}

function Details({ order }: { order: OrderDetail }) {
  const role = useSession()?.user.role ?? '';
  const [cancelling, setCancelling] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (cancelled) notice.current?.focus();
  }, [cancelled]);
  const creditNotes = [...new Set(order.lines.flatMap((line) => line.credited.map((credit) => credit.creditNoteNumber)))];

  return (
    <div className="order-details">
      {cancelled && (
        <div ref={notice} tabIndex={-1}>
          <Alert variant="success">Ordren er annulleret. Varer, der ikke var afsendt, er ført tilbage på bevillingen.</Alert>
        </div>
      )}
      <h3 className="h4 mt-0" id={`lines-${order.orderId}`}>
        Varelinjer i ordre {order.orderNumber}
      </h3>
      <table className="table table--compact" aria-labelledby={`lines-${order.orderId}`}>
        <thead>
          <tr>
            <th scope="col">Varenr.</th>
            <th scope="col">Produkt</th>
            <th scope="col">Antal</th>
            <th scope="col">Leveringsstatus</th>
            <th scope="col">Krediteret</th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((line) => (
            <tr key={line.lineId}>
              <td>{line.itemNumber}</td>
              <td>{line.productName ?? '–'}</td>
              <td>{line.salesUnits}</td>
              <td>{lineStatusText(line)}</td>
              <td>{line.credited.length > 0 ? line.credited.map((credit) => `${credit.salesUnits} på kreditnota ${credit.creditNoteNumber}`).join(', ') : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="order-facts">
        <dt>Bestilt af</dt>
        <dd>
          {order.placedBy.name} ({placedByText(order.placedBy)})
        </dd>
        <dt>Bestilt</dt>
        <dd>{formatDateTime(order.placedAt)}</dd>
        <dt>Leveringsadresse</dt>
        <dd>
          {order.deliveryAddress.street}, {order.deliveryAddress.postalCode} {order.deliveryAddress.city}
        </dd>
        <dt>Bemærkninger</dt>
        <dd>{order.remarks ?? 'Ingen'}</dd>
        <dt>Fakturanr.</dt>
        <dd>{order.invoiceNumbers.length > 0 ? order.invoiceNumbers.join(', ') : 'Ikke faktureret endnu'}</dd>
        {creditNotes.length > 0 && (
          <>
            <dt>Kreditnotanr.</dt>
            <dd>{creditNotes.join(', ')}</dd>
          </>
        )}
        {order.cancellationReason && (
          <>
            <dt>Årsag til annullering</dt>
            <dd>{order.cancellationReason}</dd>
          </>
        )}
      </dl>
      {mayCancelOrders(role) && isCancellable(order) && (
        <button type="button" className="button button-secondary" aria-label={`Annullér ordre ${order.orderNumber}`} onClick={() => setCancelling(true)}>
          Annullér ordre
        </button>
      )}
      {cancelling && (
        <CancelOrderModal
          order={order}
          onClose={() => setCancelling(false)}
          onCancelled={() => {
            setCancelling(false);
            setCancelled(true);
          }}
        />
      )}
    </div>
  );
}
