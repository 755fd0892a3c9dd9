import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../../components/alert';
import type { GrantCitizen } from '../types';
import { salesUnits } from '../ordering';
import type { PlacedOrder } from '../use-ordering';

/**
 * The confirmation ("Når du ser bekræftelsen, er din bestilling modtaget hos os", guide p. 7): the order number and
 * what was ordered, with the way to the order history (`history`: the staff's or the citizen's own). It takes the
 * focus, so a screen reader announces it.
 */
export function OrderConfirmation({ citizen, order, history }: { citizen: GrantCitizen; order: PlacedOrder; history: { to: string; label: string } }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [order]);
  const { street, postalCode, city } = citizen.address;
  return (
    <div ref={ref} tabIndex={-1} className="order-confirmation">
      <Alert variant="success" heading={`Bestillingen er modtaget: ordrenummer ${order.answer.orderNumber}`}>
        <ul className="mt-0">
          {order.lines.map(({ line, salesUnits: units }) => (
            <li key={line.lineId}>
              {salesUnits(units)} {line.productName ?? line.itemNumber} (varenr. {line.itemNumber})
            </li>
          ))}
        </ul>
        <p>
          Leveres til {citizen.name}, {street}, {postalCode} {city}.{order.remarks && ` Bemærkninger: ${order.remarks}`}
        </p>
        <p>
          <Link to={history.to}>{history.label}</Link>
        </p>
      </Alert>
    </div>
  );
}
