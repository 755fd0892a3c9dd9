import { formatPrice } from '../../../lib/format';
import { salesUnits, type BasketLine } from '../ordering';
import type { GrantCitizen } from '../types';
import { useBasketOrder } from '../use-basket-order';
import type { PlacedOrder } from '../use-ordering';
import { BasketFrame, LineRefusal } from './basket-frame';

interface Props {
  readonly open: boolean;
  readonly citizenId: string;
  readonly citizen: GrantCitizen;
  readonly basket: readonly BasketLine[];
  readonly onRemove: (lineId: string) => void;
  readonly onClose: () => void;
  readonly onOrdered: (order: PlacedOrder) => void;
}

/** "Indkøbskurv" on "Borgers bevilling" (user guide p. 7): the lines as a table, with their units and prices. */
export function BasketModal({ open, citizenId, citizen, basket, onRemove, onClose, onOrdered }: Props) {
  const ordering = useBasketOrder({ citizenId, basket, onOrdered, onClose });
  const { refusalAt, total, complete } = ordering;

  return (
    <BasketFrame id="indkoebskurv" open={open} citizen={citizen} empty={basket.length === 0} backLabel="Tilbage til bevillingen" ordering={ordering}>
      <table className="table table--compact basket-lines">
        <caption className="sr-only">Varer i indkøbskurven</caption>
        <thead>
          <tr>
            <th scope="col">Vare</th>
            <th scope="col">Antal</th>
            <th scope="col">Pris pr. salgsenhed</th>
            <th scope="col">I alt</th>
            <th scope="col">
              <span className="sr-only">Fjern</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {basket.map(({ line, salesUnits: units }) => {
            const name = line.productName ?? line.itemNumber;
            const refused = refusalAt(line.lineId);
            return (
              <tr key={line.lineId} className={refused ? 'basket-line-refused' : undefined}>
                <td>
                  <strong>{name}</strong>
                  <span className="d-block form-hint">Varenr. {line.itemNumber}</span>
                  <LineRefusal text={refused} />
                </td>
                <td className="text-nowrap">{salesUnits(units)}</td>
                <td className="text-nowrap">{line.pricePerSalesUnit === null ? '–' : formatPrice(line.pricePerSalesUnit)}</td>
                <td className="text-nowrap">{line.pricePerSalesUnit === null ? '–' : formatPrice(line.pricePerSalesUnit * units)}</td>
                <td>
                  <button type="button" className="function-link" onClick={() => onRemove(line.lineId)}>
                    Fjern<span className="sr-only"> {name}</span>
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              I alt{complete ? '' : ' (uden varer uden pris)'}
            </th>
            <td className="text-nowrap">
              <strong>{formatPrice(total)}</strong>
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
    </BasketFrame>
  );
}
