import { describe, expect, it } from '@jest/globals';
import { appliedCalculation, calculationRequest, currentResult, initialCalculator, type CalculatorState } from './calculator-form';

const answered = (state: CalculatorState, result: { piecesPerPeriod: number; grantedMax: number; salesUnitsPerOrder: number | null }): CalculatorState => ({
  ...state,
  answered: { inputs: { quantity: state.quantity, per: state.per, periodMonths: state.periodMonths }, result },
});

describe('the calculator pop-up, "Udregn bevilget max." (user guide p. 6)', () => {
  it('opens on 12 months and "dag" ("Beregningsperioden defineres automatisk til et år"), or on the rate the line already has', () => {
    expect(initialCalculator(null, null)).toMatchObject({ quantity: '', per: 'day', periodMonths: 12, answered: null });
    expect(initialCalculator({ quantity: 5, per: 'week' }, 3)).toMatchObject({ quantity: '5', per: 'week', periodMonths: 3 });
    expect(initialCalculator(null, 3).periodMonths).toBe(12);
  });

  it('"Udregn" asks the service with the product; a quantity that is not a whole number of at least 1 is refused first', () => {
    const state = { ...initialCalculator(null, null), quantity: '3' };
    expect(calculationRequest(state, '202006')).toEqual({ request: { quantity: 3, per: 'day', periodMonths: 12, itemNumber: '202006' } });
    expect(calculationRequest({ ...state, quantity: '0' }, '202006')).toEqual({ errors: { quantity: expect.stringContaining('helt tal') } });
    expect(calculationRequest({ ...state, quantity: '' }, '202006')).toHaveProperty('errors');
  });

  it('a result is shown only for the inputs it answered: another period or quantity needs "Udregn" again', () => {
    const state = answered({ ...initialCalculator(null, null), quantity: '3' }, { piecesPerPeriod: 1095, grantedMax: 55, salesUnitsPerOrder: null });
    expect(currentResult(state)?.grantedMax).toBe(55);
    expect(currentResult({ ...state, periodMonths: 3 })).toBeNull();
    expect(currentResult({ ...state, quantity: '4' })).toBeNull();
    expect(appliedCalculation({ ...state, per: 'week' })).toEqual({ errors: { quantity: expect.stringContaining('Udregn') } });
  });

  it('"Opdatér antal" with 3 months takes the per-order cap the service answered (= the max)', () => {
    const state = answered({ ...initialCalculator(null, null), quantity: '4', periodMonths: 3 }, { piecesPerPeriod: 365, grantedMax: 13, salesUnitsPerOrder: 13 });
    expect(appliedCalculation(state)).toEqual({ calculated: { quantity: 4, per: 'day', periodMonths: 3, result: state.answered!.result, salesUnitsPerOrder: 13 } });
  });

  it('"Opdatér antal" with 12 months: the per-order cap is optional, 1 … the max', () => {
    const state = answered({ ...initialCalculator(null, null), quantity: '1', per: 'week' }, { piecesPerPeriod: 52, grantedMax: 6, salesUnitsPerOrder: null });
    expect(appliedCalculation(state)).toMatchObject({ calculated: { salesUnitsPerOrder: null } });
    expect(appliedCalculation({ ...state, salesUnitsPerOrder: '6' })).toMatchObject({ calculated: { salesUnitsPerOrder: 6 } });
    expect(appliedCalculation({ ...state, salesUnitsPerOrder: '7' })).toEqual({ errors: { perOrder: 'Salgsenheder pr. ordre skal være et helt tal fra 1 til 6, eller tomt.' } });
    expect(appliedCalculation({ ...state, salesUnitsPerOrder: '0' })).toHaveProperty('errors.perOrder');
  });
});
