import { ErrorSummary } from '../../../components/error-summary';
import { Modal } from '../../../components/modal';
import { TextareaField } from '../../../components/textarea-field';
import { formatPrice } from '../../../lib/format';
import { salesUnits, type BasketLine } from '../ordering';
import type { GrantCitizen } from '../types';
import { useBasketOrder } from '../use-basket-order';
import type { PlacedOrder } from '../use-ordering';
interface Props {
  readonly open: boolean;
  readonly citizenId: string;
  readonly citizen: GrantCitizen;
  readonly basket: readonly BasketLine[];
  readonly onRemove: (lineId: string) => void;
  readonly onClose: () => void;
  readonly onOrdered: (order: PlacedOrder) => void;
}

const REMARKS_MAX = 1000;

/**
 * "Indkøbskurv" (user guide p. 7): the lines and their units and prices, the delivery address (the citizen's),
 * "bemærkninger", and the green "Bestil varer". A refusal is told at the line it concerns, with its numbers.
 */
export function BasketModal({ open, citizenId, citizen, basket, onRemove, onClose, onOrdered }: Props) {
  const { remarks, setRemarks, attempt, summary, refusalAt, order, close, pending, total, complete } = useBasketOrder({ citizenId, basket, onOrdered, onClose });

  return (
    <Modal
      id="indkoebskurv"
      open={open}
      heading="Indkøbskurv"
      onClose={close}
      actions={
        <>
          <button type="submit" form="indkoebskurv-form" className="button button-primary button-accept" disabled={pending || basket.length === 0}>
            Bestil varer
          </button>
          <button type="button" className="button button-secondary" onClick={close}>
            Tilbage til bevillingen
          </button>
        </>
      }
    >
      <form id="indkoebskurv-form" onSubmit={order} noValidate>
        <ErrorSummary items={summary} attempt={attempt} heading="Bestillingen blev afvist" />
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
                    {refused && (
                      <span className="form-error-message d-block">
                        <span className="sr-only">Fejl: </span>
                        {refused}
                      </span>
                    )}
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
        <h3 className="h5">Leveringsadresse</h3>
        <p className="mt-0">
          {citizen.name}
          <br />
          {citizen.address.street}
          <br />
          {citizen.address.postalCode} {citizen.address.city}
        </p>
        <TextareaField
          id="bemaerkninger"
          label="Bemærkninger"
          hint="Valgfrit. F.eks. hvor pakken må stilles."
          maxLength={REMARKS_MAX}
          value={remarks}
          onChange={(event) => setRemarks(event.target.value)}
        />
      </form>
    </Modal>
  );
}
