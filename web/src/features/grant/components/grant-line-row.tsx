import { Link } from 'react-router';
import { AgreementStar } from '../../../components/agreement-star';
import { Icon } from '../../../components/icon';
import { NextOrderDate } from '../../../components/next-order-date';
import { formatDate, formatPrice } from '../../../lib/format';
import type { GrantLine } from '../api';
import { grantedMaxText, kindText, periodText, perSalesUnitText, salesUnitText } from '../line-text';
import { isBlocked, orderability, type Choice } from '../ordering';

export interface LineRowProps {
  readonly line: GrantLine;
  readonly citizenStatus: string;
  readonly today: string;
  /** The user orders: a checkbox and "Antal" per line. */
  readonly ordering: boolean;
  /** The user changes grants: "Redigér" per line ("ud for det produkt"). */
  readonly granting: boolean;
  readonly choice: Choice;
  readonly unitsError: string | undefined;
  readonly onChoice: (change: Partial<Choice>) => void;
}

const dash = '–';

/** One line of "Borgers bevilling" (user guide p. 3, 7): what is granted, what was used, and when it can be ordered. */
export function GrantLineRow({ line, citizenStatus, today, ordering, granting, choice, unitsError, onChoice }: LineRowProps) {
  const name = line.productName ?? line.itemNumber;
  const orderable = orderability(line, citizenStatus, today);
  const checkboxId = `bestil-${line.lineId}`;
  const unitsId = `antal-${line.lineId}`;
  const reasonId = `bestil-${line.lineId}-hvorfor`;
  const unit = salesUnitText(line);
  return (
    <tr className={line.status === 'ACTIVE' ? undefined : 'grant-line-inactive'}>
      {ordering && (
        <td>
          <div className="form-group-checkbox">
            <input
              type="checkbox"
              id={checkboxId}
              className="form-checkbox"
              checked={orderable.orderable && choice.checked}
              disabled={!orderable.orderable}
              aria-describedby={orderable.orderable ? undefined : reasonId}
              onChange={(event) => onChoice({ checked: event.target.checked })}
            />
            <label htmlFor={checkboxId}>
              <span className="sr-only">Bestil {name}</span>
            </label>
            {!orderable.orderable && (
              <span id={reasonId} className="sr-only">
                {orderable.reason}
              </span>
            )}
          </div>
        </td>
      )}
      <td>
        <div className="grant-line-product">
          <strong>{name}</strong> {line.onAgreement && <AgreementStar />}
          <span className="d-block form-hint">
            Varenr. {line.itemNumber}
            {unit && ` · ${unit}`}
          </span>
          <Prices line={line} />
          <span className="d-block">{kindText(line)}</span>
          {line.status !== 'ACTIVE' && <span className="badge">Inaktiv</span>}
          {line.expired && <span className="badge">Udløbet</span>}
          {granting && (
            <Link to={`linjer/${line.lineId}/rediger`} className="function-link d-block">
              <Icon name="edit" />
              Redigér<span className="sr-only"> {name}</span>
            </Link>
          )}
        </div>
      </td>
      <td>
        {grantedMaxText(line)}
        {line.window && <span className="d-block form-hint">Periode {periodText(line.window)}</span>}
      </td>
      <td>
        {line.window ? (
          <>
            {line.window.delivered} <span className="d-block form-hint">bestilt {line.window.ordered}</span>
          </>
        ) : (
          dash
        )}
      </td>
      <td>{line.remaining ?? dash}</td>
      <td>{line.allowance?.salesUnitsPerOrder ?? dash}</td>
      <td>{line.lastOrderDate ? formatDate(line.lastOrderDate) : dash}</td>
      <td className="text-nowrap">
        <NextOrderDate date={line.status === 'ACTIVE' ? line.nextOrderDate : null} blocked={isBlocked(line, today)} />
      </td>
      {ordering && (
        <td>
          {orderable.orderable ? (
            <div className={`form-group units-field${unitsError ? ' form-error' : ''}`}>
              <label className="sr-only" htmlFor={unitsId}>
                Antal salgsenheder af {name}
              </label>
              {unitsError && (
                <span className="form-error-message" id={`${unitsId}-error`}>
                  <span className="sr-only">Fejl: </span>
                  {unitsError}
                </span>
              )}
              <input
                type="text"
                inputMode="numeric"
                id={unitsId}
                className="form-input input-width-xxs"
                value={choice.units}
                aria-invalid={unitsError ? true : undefined}
                aria-describedby={unitsError ? `${unitsId}-error` : undefined}
                onChange={(event) => onChoice({ units: event.target.value })}
              />
            </div>
          ) : (
            dash
          )}
        </td>
      )}
    </tr>
  );
}

/** The price per sales unit and per piece: the agreement price when starred, else the list price (DOMAIN §3). */
function Prices({ line }: { line: GrantLine }) {
  if (line.pricePerSalesUnit === null || line.pricePerPiece === null) return null;
  return (
    <span className="d-block">
      <span className="text-nowrap">
        {formatPrice(line.pricePerSalesUnit)} {perSalesUnitText(line)}
      </span>
      {' · '}
      <span className="text-nowrap">{formatPrice(line.pricePerPiece)} pr. stk.</span>
    </span>
  );
}
