import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { SummaryItem } from '../../lib/form-errors';
import { checkBasket, orderability, type BasketLine } from './ordering';
import type { GrantLine, OrderPlaced } from './types';
import { useOrderChoices } from './use-order-choices';

/** An order as the confirmation shows it: the service's answer and what was in the basket. */
export interface PlacedOrder {
  readonly answer: OrderPlaced;
  readonly lines: readonly BasketLine[];
  readonly remarks: string;
}

/**
 * Ordering on a grant (user guide p. 7), the same for staff on "Borgers bevilling" and for the citizen on "Min
 * bevilling": the lines ticked and their "Antal", "Læg i indkøbskurv" checked before the basket opens (problems go
 * to the error summary, linked to their fields), the basket itself, and the order placed. The pages only lay it out.
 */
export function useOrdering(lines: readonly GrantLine[], citizenStatus: string, today: string) {
  const { choiceOf, choose, unitsErrorOf, markSubmitted, reset } = useOrderChoices();
  const [summary, setSummary] = useState<readonly SummaryItem[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [basketOpen, setBasketOpen] = useState(false);
  const [placed, setPlaced] = useState<PlacedOrder | null>(null);
  // What was put in the basket stays there while it is open, even if the grant is read again meanwhile.
  const [basket, setBasket] = useState<readonly BasketLine[]>([]);
  const basketButton = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);

  const putInBasket = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setAttempt((n) => n + 1);
    const { basket: chosen, problems } = checkBasket(lines, choiceOf, citizenStatus, today);
    if (problems.length > 0) {
      const firstOrderable = lines.find((line) => orderability(line, citizenStatus, today).orderable);
      markSubmitted();
      setSummary(problems.map(({ lineId, message }) => ({ field: lineId ? `antal-${lineId}` : firstOrderable && `bestil-${firstOrderable.lineId}`, message })));
      return;
    }
    setSummary([]);
    setPlaced(null);
    setBasket(chosen);
    setBasketOpen(true);
  };

  // DKFDS's modal leaves the focus where it was when it closes: put it back on the button that opened it (after an
  // order, the confirmation takes it).
  useEffect(() => {
    if (wasOpen.current && !basketOpen && !placed) basketButton.current?.focus();
    wasOpen.current = basketOpen;
  }, [basketOpen, placed]);

  const removeFromBasket = (lineId: string) => {
    const line = lines.find((candidate) => candidate.lineId === lineId);
    if (line) choose(line, { checked: false });
    setBasket((current) => current.filter((entry) => entry.line.lineId !== lineId));
    if (basket.length <= 1) setBasketOpen(false);
  };

  const ordered = (order: PlacedOrder) => {
    reset();
    setPlaced(order);
    setBasketOpen(false);
  };

  return {
    choiceOf,
    choose,
    unitsErrorOf,
    summary,
    attempt,
    putInBasket,
    basketButton,
    basket: { open: basketOpen, lines: basket, onRemove: removeFromBasket, onClose: () => setBasketOpen(false), onOrdered: ordered },
    placed,
  };
}
