import { ErrorSummary } from '../../../components/error-summary';
import { Modal } from '../../../components/modal';
import { TextareaField } from '../../../components/textarea-field';
import { formatPrice } from '../../../lib/format';
import { salesUnits, useBasketOrder, type BasketLine, type GrantCitizen, type PlacedOrder } from '../../grant/api';
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
 * "Indkøbskurv" (user guide p. 7) on the citizen's own grant, as a list that fits a phone: the products, their
 * units and prices, the delivery address (the citizen's own), "Bemærkninger" and the green "Bestil varer". A
 * refusal is told at the product it concerns, with the remaining units and the next order date.
 */
export function OwnBasket({ open, citizenId, citizen, basket, onRemove, onClose, onOrdered }: Props) {
  const { remarks, setRemarks, attempt, summary, refusalAt, order, close, pending, total, complete } = useBasketOrder({ citizenId, basket, onOrdered, onClose });

  return (
    <Modal
      id="min-indkoebskurv"
      open={open}
      heading="Indkøbskurv"
      onClose={close}
      actions={
        <>
          <button type="submit" form="min-indkoebskurv-form" className="button button-primary button-accept" disabled={pending || basket.length === 0}>
            Bestil varer
          </button>
          <button type="button" className="button button-secondary" onClick={close}>
            Tilbage til min bevilling
          </button>
        </>
      }
    >
      <form id="min-indkoebskurv-form" onSubmit={order} noValidate>
        <ErrorSummary items={summary} attempt={attempt} heading="Bestillingen blev afvist" />
        <ul className="nobullet-list webshop-basket" aria-label="Varer i indkøbskurven">
          {basket.map(({ line, salesUnits: units }) => {
            const name = line.productName ?? line.itemNumber;
            const refused = refusalAt(line.lineId);
            return (
              <li key={line.lineId} className="webshop-basket-line">
                <strong>{name}</strong>
                <span className="d-block form-hint">Varenr. {line.itemNumber}</span>
                {refused && (
                  <span className="form-error-message d-block">
                    <span className="sr-only">Fejl: </span>
                    {refused}
                  </span>
                )}
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
        <h3 className="h5">Leveringsadresse</h3>
        <p className="mt-0">
          {citizen.name}
          <br />
          {citizen.address.street}
          <br />
          {citizen.address.postalCode} {citizen.address.city}
        </p>
        <TextareaField
          id="mine-bemaerkninger"
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
