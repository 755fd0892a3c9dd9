import { AgreementStar } from '../../../components/agreement-star';
import { CheckboxField } from '../../../components/checkbox-field';
import { NextOrderDate } from '../../../components/next-order-date';
import { TextField } from '../../../components/text-field';
import { formatDate, formatPrice } from '../../../lib/format';
import { grantedMaxText, isBlocked, kindText, orderability, periodText, perSalesUnitText, salesUnitText, type Choice, type GrantLine } from '../../grant/api';

interface Props {
  readonly line: GrantLine;
  readonly citizenStatus: string;
  readonly today: string;
  readonly choice: Choice;
  readonly unitsError: string | undefined;
  readonly onChoice: (change: Partial<Choice>) => void;
}

/**
 * One product of the citizen's own grant, as a card that fits a phone: what is granted, what has been delivered in
 * the period, what is left, and when it can be ordered next (in red with the bell while the period's max is used
 * up); then "Bestil" and "Antal" when it can be ordered today, or why not.
 */
export function OwnGrantLine({ line, citizenStatus, today, choice, unitsError, onChoice }: Props) {
  const name = line.productName ?? line.itemNumber;
  const orderable = orderability(line, citizenStatus, today);
  const unit = salesUnitText(line);
  const reasonId = `bestil-${line.lineId}-hvorfor`;
  return (
    <li className="webshop-line">
      <h3 className="h4 mt-0 mb-2">
        {name} {line.onAgreement && <AgreementStar />}
      </h3>
      <p className="form-hint mt-0 mb-3">
        Varenr. {line.itemNumber}
        {unit && ` · ${unit}`}
      </p>
      {line.pricePerSalesUnit !== null && line.pricePerPiece !== null && (
        <p className="mt-0 mb-3">
          {formatPrice(line.pricePerSalesUnit)} {perSalesUnitText(line)} · {formatPrice(line.pricePerPiece)} pr. stk.
        </p>
      )}
      <dl className="webshop-facts">
        <div>
          <dt>Bevilling</dt>
          <dd>{kindText(line)}</dd>
        </div>
        <div>
          <dt>Bevilget max.</dt>
          <dd>
            {grantedMaxText(line)}
            {line.window && <span className="d-block form-hint">Periode {periodText(line.window)}</span>}
          </dd>
        </div>
        <div>
          <dt>Leveret på bevillingen</dt>
          <dd>{line.window ? `${line.window.delivered} (bestilt ${line.window.ordered})` : '–'}</dd>
        </div>
        <div>
          <dt>Tilbage</dt>
          <dd>{line.remaining ?? '–'}</dd>
        </div>
        <div>
          <dt>Salgsenheder pr. ordre</dt>
          <dd>{line.allowance?.salesUnitsPerOrder ?? '–'}</dd>
        </div>
        <div>
          <dt>Seneste ordredato</dt>
          <dd>{line.lastOrderDate ? formatDate(line.lastOrderDate) : '–'}</dd>
        </div>
        <div>
          <dt>Næste bestillingsdato</dt>
          <dd>
            <NextOrderDate date={line.status === 'ACTIVE' ? line.nextOrderDate : null} blocked={isBlocked(line, today)} />
          </dd>
        </div>
      </dl>
      {orderable.orderable ? (
        <div className="webshop-order-fields">
          <CheckboxField id={`bestil-${line.lineId}`} label={`Bestil ${name}`} checked={choice.checked} onChange={(event) => onChoice({ checked: event.target.checked })} />
          <TextField
            id={`antal-${line.lineId}`}
            label="Antal salgsenheder"
            inputMode="numeric"
            width="xs"
            value={choice.units}
            error={unitsError}
            onChange={(event) => onChoice({ units: event.target.value })}
          />
        </div>
      ) : (
        <p className="webshop-not-orderable mb-0" id={reasonId}>
          {orderable.reason}
        </p>
      )}
    </li>
  );
}
