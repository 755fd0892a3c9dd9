import type { AllowanceCalculation, CalculationRequest } from './api';
import { parseWholeNumber, type CalculatedAllowance, type PeriodMonths, type RateUnit } from './allowance-draft';

/**
 * The calculator pop-up ("Udregn bevilget max.", user guide p. 6): "beregningsperiode", "periodetype", "antal stk.",
 * "Udregn" (the service computes), then "Salgsenheder pr. ordre" and "Opdatér antal".
 */

export interface CalculatorInputs {
  readonly quantity: string;
  readonly per: RateUnit;
  readonly periodMonths: PeriodMonths;
}

export interface CalculatorState extends CalculatorInputs {
  /** The service's answer, and the inputs it answered: a changed input makes it stale. */
  readonly answered: { readonly inputs: CalculatorInputs; readonly result: AllowanceCalculation } | null;
  readonly salesUnitsPerOrder: string;
}

/** The calculator's own fields (the form behind it has a "Salgsenheder pr. ordre" of its own). */
export type CalculatorField = 'quantity' | 'perOrder';
type Errors = Partial<Record<CalculatorField, string>>;

/** The periodetype's Danish words, as the guide lists them. */
export const PER_LABELS: Readonly<Record<RateUnit, string>> = { day: 'dag', week: 'uge', month: 'måned', year: 'år' };

/** The calculator opens on 12 months ("Beregningsperioden defineres automatisk til et år") or the rate already given. */
export function initialCalculator(rate: { quantity: number; per: RateUnit } | null, periodMonths: PeriodMonths | null): CalculatorState {
  return {
    quantity: rate ? String(rate.quantity) : '',
    per: rate?.per ?? 'day',
    periodMonths: rate && periodMonths ? periodMonths : 12,
    answered: null,
    salesUnitsPerOrder: '',
  };
}

/** The result shown, if it answers the inputs as they are now. */
export function currentResult(state: CalculatorState): AllowanceCalculation | null {
  const { answered } = state;
  if (!answered) return null;
  const same = answered.inputs.quantity === state.quantity && answered.inputs.per === state.per && answered.inputs.periodMonths === state.periodMonths;
  return same ? answered.result : null;
}

/** "Udregn": the request for the service, or what to fix first. */
export function calculationRequest(state: CalculatorState, itemNumber: string): { request: CalculationRequest } | { errors: Errors } {
  const quantity = parseWholeNumber(state.quantity);
  if (quantity === null || quantity < 1) return { errors: { quantity: 'Skriv antal stk. som et helt tal, mindst 1.' } };
  return { request: { quantity, per: state.per, periodMonths: state.periodMonths, itemNumber } };
}

/**
 * "Opdatér antal": the numbers for the form. With 3 months a sales unit per order is the granted max (the service
 * answers it); with 12 it is the user's choice, 1 … granted max, or none.
 */
export function appliedCalculation(state: CalculatorState): { calculated: CalculatedAllowance } | { errors: Errors } {
  const result = currentResult(state);
  if (!result) return { errors: { quantity: 'Klik på "Udregn" først, så bevilget max. passer til tallene.' } };
  let salesUnitsPerOrder = result.salesUnitsPerOrder;
  if (state.periodMonths === 12 && state.salesUnitsPerOrder.trim() !== '') {
    const chosen = parseWholeNumber(state.salesUnitsPerOrder);
    if (chosen === null || chosen < 1 || chosen > result.grantedMax) {
      return { errors: { perOrder: `Salgsenheder pr. ordre skal være et helt tal fra 1 til ${result.grantedMax}, eller tomt.` } };
    }
    salesUnitsPerOrder = chosen;
  }
  const quantity = Number(state.quantity.trim());
  return { calculated: { quantity, per: state.per, periodMonths: state.periodMonths, result, salesUnitsPerOrder } };
}
