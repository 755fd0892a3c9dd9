import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../../components/error-summary';
import { Modal } from '../../../components/modal';
import { RadioGroup } from '../../../components/radio-group';
import { SelectField } from '../../../components/select-field';
import { TextField } from '../../../components/text-field';
import { fieldErrors, formErrorsFrom, NO_ERRORS } from '../../../lib/form-errors';
import { RATE_UNITS, type CalculatedAllowance, type PeriodMonths, type RateUnit } from '../allowance-draft';
import { useAllowanceCalculation } from '../api';
import { appliedCalculation, calculationRequest, currentResult, PER_LABELS, type CalculatorState } from '../calculator-form';
import { AllowanceArithmetic, type SalesUnit } from './allowance-arithmetic';

const FIELDS = ['quantity', 'perOrder'];

/**
 * "Udregn bevilget max." (user guide p. 6): a pop-up of its own. "Udregn" asks the service (the one rule for
 * grantedMax); "Opdatér antal" takes the numbers back into the form and closes the pop-up.
 */
export function AllowanceCalculator({ itemNumber, salesUnit, initial, oneTime, onApply, onClose }: {
  itemNumber: string;
  salesUnit?: SalesUnit;
  initial: CalculatorState;
  oneTime: boolean;
  onApply: (calculated: CalculatedAllowance) => void;
  onClose: () => void;
}) {
  const [state, setState] = useState(initial);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const calculation = useAllowanceCalculation();
  const result = currentResult(state);

  const fail = (next: typeof errors) => {
    setAttempt((n) => n + 1);
    setErrors(next);
  };

  const calculate = (event: FormEvent) => {
    event.preventDefault();
    const asked = calculationRequest(state, itemNumber);
    if ('errors' in asked) return fail(fieldErrors(asked.errors));
    setErrors(NO_ERRORS);
    const inputs = { quantity: state.quantity, per: state.per, periodMonths: state.periodMonths };
    calculation.mutate(asked.request, {
      onSuccess: (answer) => setState((current) => ({ ...current, answered: { inputs, result: answer }, salesUnitsPerOrder: '' })),
      onError: (error) => fail(formErrorsFrom(error, FIELDS)),
    });
  };

  const apply = () => {
    const applied = appliedCalculation(state);
    if ('errors' in applied) return fail(fieldErrors(applied.errors));
    onApply(applied.calculated);
  };

  return (
    <Modal
      id="allowance-calculator"
      open
      heading="Udregn bevilget max."
      onClose={onClose}
      actions={
        <>
          <button type="button" className="button button-primary button-accept" onClick={apply}>
            Opdatér antal
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            Annullér
          </button>
        </>
      }
    >
      <ErrorSummary items={errors.summary} attempt={attempt} />
      <form id="allowance-calculator-form" onSubmit={calculate} noValidate>
        <RadioGroup<`${PeriodMonths}`>
          id="calculationPeriod"
          legend="Beregningsperiode"
          value={`${state.periodMonths}`}
          onChange={(value) => setState({ ...state, periodMonths: Number(value) as PeriodMonths })}
          options={[
            { value: '12', label: '12 måneder' },
            { value: '3', label: '3 måneder' },
          ]}
        />
        <SelectField id="per" label="Periodetype" value={state.per} onChange={(event) => setState({ ...state, per: event.target.value as RateUnit })}>
          {RATE_UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {PER_LABELS[unit]}
            </option>
          ))}
        </SelectField>
        <TextField
          id="quantity"
          label="Antal stk."
          hint={`Borgerens forbrug i stk. pr. ${PER_LABELS[state.per]}.`}
          inputMode="numeric"
          autoComplete="off"
          width="xxs"
          value={state.quantity}
          error={errors.fields.quantity}
          onChange={(event) => setState({ ...state, quantity: event.target.value })}
        />
        <button type="submit" className="button button-primary button-accept" disabled={calculation.isPending}>
          Udregn
        </button>
      </form>
      <div aria-live="polite" className="calculator-result">
        {result && (
          <>
            <AllowanceArithmetic
              id="calculation-result"
              quantity={Number(state.quantity)}
              per={state.per}
              periodMonths={state.periodMonths}
              piecesPerPeriod={result.piecesPerPeriod}
              grantedMax={result.grantedMax}
              salesUnit={salesUnit}
              oneTime={oneTime}
            />
            {state.periodMonths === 3 ? (
              <TextField id="perOrder" label="Salgsenheder pr. ordre" hint="Udfyldt med bevilget max. ved 3 måneders beregningsperiode." width="xxs" readOnly value={String(result.salesUnitsPerOrder ?? result.grantedMax)} />
            ) : (
              <TextField
                id="perOrder"
                label="Salgsenheder pr. ordre (valgfrit)"
                hint={`Et helt tal fra 1 til ${result.grantedMax}. Tomt: ingen grænse pr. ordre.`}
                inputMode="numeric"
                autoComplete="off"
                width="xxs"
                value={state.salesUnitsPerOrder}
                error={errors.fields.perOrder}
                onChange={(event) => setState({ ...state, salesUnitsPerOrder: event.target.value })}
              />
            )}
          </>
        )}
      </div>
    </Modal>
  );
}
