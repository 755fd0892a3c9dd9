import { RadioGroup } from '../../../components/radio-group';
import { TextField } from '../../../components/text-field';
import { withTyped, type AllowanceDraft, type PeriodMonths } from '../allowance-draft';
import { AllowanceArithmetic, type SalesUnit } from './allowance-arithmetic';

/**
 * "Bevilget max." of a grant line (user guide p. 5–6): none ("Uden max."), typed in with its period and
 * "Salgsenheder pr. ordre", or "Udregn bevilget max." — the calculator pop-up, whose numbers come back here.
 */
export function AllowanceFields({ draft, onChange, onCalculate, errors, salesUnit, oneTime = false }: {
  draft: AllowanceDraft;
  onChange: (draft: AllowanceDraft) => void;
  /** Opens the calculator pop-up. */
  onCalculate: () => void;
  errors: Readonly<Record<string, string>>;
  salesUnit?: SalesUnit;
  oneTime?: boolean;
}) {
  const unit = salesUnit ? `${salesUnit.name} à ${salesUnit.pieces} stk.` : 'salgsenheder';
  const maxFields = (
    <>
      <TextField
        id="grantedMax"
        label="Bevilget max."
        hint={oneTime ? `Antal salgsenheder (${unit}) for hele engangsbevillingen.` : `Antal salgsenheder (${unit}) i beregningsperioden.`}
        inputMode="numeric"
        autoComplete="off"
        width="xxs"
        value={draft.grantedMax}
        error={errors.grantedMax}
        onChange={(event) => onChange(withTyped(draft, { grantedMax: event.target.value }))}
      />
      <RadioGroup<`${PeriodMonths}`>
        id="periodMonths"
        legend="Beregningsperiode"
        value={`${draft.periodMonths}`}
        onChange={(value) => onChange(withTyped(draft, { periodMonths: Number(value) as PeriodMonths }))}
        options={[
          { value: '12', label: '12 måneder' },
          { value: '3', label: '3 måneder' },
        ]}
      />
      {draft.periodMonths === 12 ? (
        <TextField
          id="salesUnitsPerOrder"
          label="Salgsenheder pr. ordre (valgfrit)"
          hint="Højst så mange salgsenheder pr. bestilling. Tomt: ingen grænse pr. ordre."
          inputMode="numeric"
          autoComplete="off"
          width="xxs"
          value={draft.salesUnitsPerOrder}
          error={errors.salesUnitsPerOrder}
          onChange={(event) => onChange({ ...draft, salesUnitsPerOrder: event.target.value })}
        />
      ) : (
        <p className="form-hint" id="salesUnitsPerOrder" tabIndex={-1}>
          Ved 3 måneders beregningsperiode er salgsenheder pr. ordre det samme som bevilget max.
          {errors.salesUnitsPerOrder && <span className="form-error-message">{errors.salesUnitsPerOrder}</span>}
        </p>
      )}
      {draft.rate && draft.grantedMax !== '' && (
        <AllowanceArithmetic
          quantity={draft.rate.quantity}
          per={draft.rate.per}
          periodMonths={draft.periodMonths}
          piecesPerPeriod={draft.rate.piecesPerPeriod}
          grantedMax={Number(draft.grantedMax)}
          salesUnit={salesUnit}
          oneTime={oneTime}
        />
      )}
    </>
  );

  return (
    <div className="allowance-fields">
      <RadioGroup<'none' | 'max'>
        id="withMax"
        legend="Bevilget max."
        value={draft.withMax ? 'max' : 'none'}
        onChange={(value) => onChange({ ...draft, withMax: value === 'max' })}
        options={[
          { value: 'none', label: 'Uden max.' },
          { value: 'max', label: 'Med bevilget max.', content: maxFields },
        ]}
      />
      <button type="button" className="button button-primary button-accept" id="calculate-allowance" onClick={onCalculate}>
        Udregn bevilget max.
      </button>
    </div>
  );
}
