import { formatNumber } from '../../../lib/format';
import type { PeriodMonths, RateUnit } from '../allowance-draft';
import { PER_LABELS } from '../calculator-form';

export interface SalesUnit {
  readonly name: string;
  readonly pieces: number;
}

/**
 * The calculator's arithmetic as the user reads it: the rate, the pieces it makes in the period and the
 * "Bevilget max." the service computed from them — in the pop-up after "Udregn", and in the forms the numbers
 * were taken back into. Every figure is the service's (POST /allowance-calculations) or the line's.
 */
export function AllowanceArithmetic({ quantity, per, periodMonths, piecesPerPeriod, grantedMax, salesUnit, oneTime = false, id }: {
  quantity: number;
  per: RateUnit;
  periodMonths: PeriodMonths;
  piecesPerPeriod?: number;
  grantedMax: number;
  salesUnit?: SalesUnit;
  /** A one-time line's max is for its whole life (DOMAIN §4.1), not per period. */
  oneTime?: boolean;
  id?: string;
}) {
  return (
    <dl className="allowance-arithmetic" id={id} aria-label="Udregning af bevilget max.">
      <div>
        <dt>Forbrug</dt>
        <dd>
          {formatNumber(quantity)} stk. pr. {PER_LABELS[per]}
        </dd>
      </div>
      {piecesPerPeriod !== undefined && (
        <div>
          <dt>Stk. i beregningsperioden ({periodMonths} måneder)</dt>
          <dd>{formatNumber(piecesPerPeriod)} stk.</dd>
        </div>
      )}
      <div>
        <dt>Bevilget max.</dt>
        <dd>
          {formatNumber(grantedMax)} {grantedMax === 1 ? 'salgsenhed' : 'salgsenheder'}
          {salesUnit ? ` (${salesUnit.name} à ${formatNumber(salesUnit.pieces)} stk.)` : ''}
          {oneTime ? ' for hele engangsbevillingen' : ` pr. ${periodMonths} måneder`}
        </dd>
      </div>
    </dl>
  );
}
