import { useState, type FormEvent } from 'react';
import { isApiError } from '../../lib/api-error';
import { errorMessage } from '../../lib/error-messages';
import { basketTotal, type BasketLine } from './ordering';
import { usePlaceOrder } from './place-order';
import type { PlacedOrder } from './use-ordering';

/**
 * The basket's "Bestil varer" (user guide p. 7), the same for staff and for the citizen: "Bemærkninger", one order
 * of the basket's lines, and a refusal told at the line it concerns with its numbers. The basket's look is the page's.
 */
export function useBasketOrder({ citizenId, basket, onOrdered, onClose }: {
  citizenId: string;
  basket: readonly BasketLine[];
  onOrdered: (order: PlacedOrder) => void;
  onClose: () => void;
}) {
  const placeOrder = usePlaceOrder(citizenId);
  const [remarks, setRemarks] = useState('');
  const [attempt, setAttempt] = useState(0);
  const refusal = placeOrder.error;
  const refusedLineId = isApiError(refusal) && typeof refusal.details.lineId === 'string' ? refusal.details.lineId : null;
  const refusedLine = basket.find((entry) => entry.line.lineId === refusedLineId)?.line;
  const summary = refusal ? [{ message: refusedLine ? `${refusedLine.productName ?? refusedLine.itemNumber}: ${errorMessage(refusal)}` : errorMessage(refusal) }] : [];

  const order = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (placeOrder.isPending) return;
    setAttempt((n) => n + 1);
    const text = remarks.trim();
    const lines = basket.map(({ line, salesUnits: units }) => ({ lineId: line.lineId, salesUnits: units }));
    placeOrder.mutate(text ? { lines, remarks: text } : { lines }, {
      onSuccess: (answer) => {
        setRemarks('');
        placeOrder.reset();
        onOrdered({ answer, lines: basket, remarks: text });
      },
    });
  };

  const close = () => {
    placeOrder.reset();
    onClose();
  };

  /** The refusal's Danish text when it is about this line. */
  const refusalAt = (lineId: string): string | null => (refusal && lineId === refusedLineId ? errorMessage(refusal) : null);

  return { remarks, setRemarks, attempt, summary, refusalAt, order, close, pending: placeOrder.isPending, ...basketTotal(basket) };
}
