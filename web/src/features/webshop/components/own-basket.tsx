import { formatPrice } from '../../../lib/format';
import { BasketFrame, LineRefusal, salesUnits, useBasketOrder, type BasketLine, type GrantCitizen, type PlacedOrder } from '../../grant/api';

interface Props {
  readonly open: boolean;
  readonly citizenId: string;
  readonly citizen: GrantCitizen;
  readonly basket: readonly BasketLine[];
  readonly onRemove: (lineId: string) => void;
  readonly onClose: () => void;
  readonly onOrdered: (order: PlacedOrder) => void;
}

/**
 * "Indkøbskurv" (user guide p. 7) on the citizen's own grant, as a list that fits a phone: the products, their
 * units and prices. A refusal is told at the product it concerns, with the remaining units and the next order date.
 */
export function OwnBasket({ open, citizenId, citizen, basket, onRemove, onClose, onOrdered }: Props) {
  const ordering = useBasketOrder({ citizenId, basket, onOrdered, onClose });
  const { refusalAt, total, complete } = ordering;

  return (
    <BasketFrame id="min-indkoebskurv" open={open} citizen={citizen} empty={basket.length === 0} backLabel="Tilbage til min bevilling" ordering={ordering}>
      <ul className="nobullet-list webshop-basket" aria-label="Varer i indkøbskurven">
        {basket.map(({ line, salesUnits: units }) => {
          const name = line.productName ?? line.itemNumber;
          return (
            <li key={line.lineId} className="webshop-basket-line">
              <strong>{name}</strong>
              <span className="d-block form-hint">Varenr. {line.itemNumber}</span>
              <LineRefusal text={refusalAt(line.lineId)} />
              <span className="d-block">
                {salesUnits(units)}
                {line.pricePerSalesUnit !== null && ` à ${formatPrice(line.pricePerSalesUnit)} = ${formatPrice(line.pricePerSalesUnit * units)}`}
              </span>
              <button type="button" className="function-link" onClick={() => onRemove(line.lineId)}>
                Fjern<span className="sr-only"> {name}</span>
              </button>
            </li>
          );
        })}
      </ul>
      <p>
        <strong>
          I alt{complete ? '' : ' (uden varer uden pris)'}: {formatPrice(total)}
        </strong>
      </p>
    </BasketFrame>
  );
}
