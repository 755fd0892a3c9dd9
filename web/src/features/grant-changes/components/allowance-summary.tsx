import { formatNumber } from '../../../lib/format';
import type { GrantLine } from '../api';
import { AllowanceArithmetic, type SalesUnit } from './allowance-arithmetic';

/** A line's "Bevilget max." as it stands: none, typed in, or from a rate (then with its arithmetic). */
export function AllowanceSummary({ allowance, salesUnit, oneTime }: { allowance: GrantLine['allowance']; salesUnit?: SalesUnit; oneTime: boolean }) {
  if (allowance === null) {
    return (
      <p>
        <strong>Bevilget max.:</strong> Uden max.
      </p>
    );
  }
  const perOrder = allowance.salesUnitsPerOrder === null ? 'ingen grænse' : formatNumber(allowance.salesUnitsPerOrder);
  return (
    <>
      {allowance.quantity !== null && allowance.per !== null ? (
        <AllowanceArithmetic quantity={allowance.quantity} per={allowance.per} periodMonths={allowance.periodMonths} grantedMax={allowance.grantedMax} salesUnit={salesUnit} oneTime={oneTime} />
      ) : (
        <p>
          <strong>Bevilget max.:</strong> {formatNumber(allowance.grantedMax)} {allowance.grantedMax === 1 ? 'salgsenhed' : 'salgsenheder'}
          {oneTime ? ' for hele engangsbevillingen' : ` pr. ${allowance.periodMonths} måneder`}
        </p>
      )}
      <p>
        <strong>Salgsenheder pr. ordre:</strong> {perOrder}
      </p>
    </>
  );
}
