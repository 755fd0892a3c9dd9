import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  calculateAllowance,
  fractionToNumber,
  grantedMaxFor,
  MAX_RATE_QUANTITY,
  piecesPerPeriod,
  piecesPerYear,
  RATE_UNITS,
  resolveAllowance,
  salesUnitsPerOrderFor,
  type PeriodMonths,
  type RateUnit,
} from '../../src/grants/allowance.js';
import { DomainError } from '../../src/shared/domain-error.js';

const refusal = (run: () => unknown): DomainError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return error as DomainError;
  }
  throw new Error('Expected a DomainError, but nothing was thrown');
};

describe('the allowance calculator, every row of DOMAIN §4.1', () => {
  // q, u, P, s, pieces per period, grantedMax, salesUnitsPerOrder (null: the user's choice or none)
  it.each<[number, RateUnit, PeriodMonths, number, number, number, number | null]>([
    [4, 'day', 3, 30, 365, 13, 13],
    [1, 'week', 12, 10, 52, 6, null],
    [2, 'month', 3, 1, 6, 6, 6],
    [100, 'year', 3, 25, 25, 1, 1],
    [3, 'day', 12, 20, 1095, 55, null],
    [1, 'day', 3, 10, 91.25, 10, 10],
  ])('%i a %s over %i months, %i pieces per sales unit → %p pieces, grantedMax %i, per order %p', (quantity, per, periodMonths, piecesPerSalesUnit, pieces, grantedMax, perOrder) => {
    expect(fractionToNumber(piecesPerPeriod(quantity, per, periodMonths))).toBe(pieces);
    expect(grantedMaxFor({ quantity, per, periodMonths, piecesPerSalesUnit })).toBe(grantedMax);
    expect(salesUnitsPerOrderFor({ periodMonths, grantedMax })).toBe(perOrder);
    // The calculator endpoint's answer (API.md: salesUnitsPerOrder null for 12).
    expect(calculateAllowance({ quantity, per, periodMonths, piecesPerSalesUnit })).toEqual({ piecesPerPeriod: pieces, grantedMax, salesUnitsPerOrder: perOrder });
  });

  it('pieces per year: q × 365 a day, × 52 a week, × 12 a month, × 1 a year', () => {
    expect(RATE_UNITS.map((per) => piecesPerYear(2, per))).toEqual([730, 104, 24, 2]);
  });

  it('pieces per period is an exact fraction: 1 a day over 3 months is 365/4 (91.25), never a rounded float', () => {
    expect(piecesPerPeriod(1, 'day', 3)).toEqual({ numerator: 365, denominator: 4 });
    expect(piecesPerPeriod(2, 'day', 3)).toEqual({ numerator: 365, denominator: 2 });
    expect(piecesPerPeriod(4, 'day', 3)).toEqual({ numerator: 365, denominator: 1 });
    expect(piecesPerPeriod(7, 'year', 12)).toEqual({ numerator: 7, denominator: 1 });
  });

  it('grantedMax rounds up, so the stated need is always covered: 61 pieces in boxes of 30 is 3 boxes', () => {
    // 61 pieces a quarter = 244 a year.
    expect(grantedMaxFor({ quantity: 244, per: 'year', periodMonths: 3, piecesPerSalesUnit: 30 })).toBe(3);
    expect(grantedMaxFor({ quantity: 240, per: 'year', periodMonths: 3, piecesPerSalesUnit: 30 })).toBe(2);
    // 91.25 pieces in units of 91 → 2; in units of 92 → 1.
    expect(grantedMaxFor({ quantity: 1, per: 'day', periodMonths: 3, piecesPerSalesUnit: 91 })).toBe(2);
    expect(grantedMaxFor({ quantity: 1, per: 'day', periodMonths: 3, piecesPerSalesUnit: 92 })).toBe(1);
  });

  it('stays exact at the largest rate and a huge sales unit', () => {
    expect(grantedMaxFor({ quantity: MAX_RATE_QUANTITY, per: 'day', periodMonths: 12, piecesPerSalesUnit: 1 })).toBe(365_000_000);
    expect(grantedMaxFor({ quantity: MAX_RATE_QUANTITY, per: 'day', periodMonths: 12, piecesPerSalesUnit: 7 })).toBe(52_142_858);
    expect(grantedMaxFor({ quantity: 1, per: 'year', periodMonths: 3, piecesPerSalesUnit: Number.MAX_SAFE_INTEGER })).toBe(1);
  });

  it('refuses inputs outside its domain as a programming error (the edge and resolveAllowance validate first)', () => {
    expect(() => grantedMaxFor({ quantity: 0, per: 'day', periodMonths: 3, piecesPerSalesUnit: 10 })).toThrow(RangeError);
    expect(() => grantedMaxFor({ quantity: 1, per: 'day', periodMonths: 6 as PeriodMonths, piecesPerSalesUnit: 10 })).toThrow(RangeError);
    expect(() => grantedMaxFor({ quantity: 1, per: 'day', periodMonths: 3, piecesPerSalesUnit: 0 })).toThrow(RangeError);
  });
});

describe('property: grantedMax is the fewest sales units that cover the pieces of a period', () => {
  const inputs = fc.record({
    quantity: fc.integer({ min: 1, max: MAX_RATE_QUANTITY }),
    per: fc.constantFrom(...RATE_UNITS),
    periodMonths: fc.constantFrom<PeriodMonths>(3, 12),
    piecesPerSalesUnit: fc.integer({ min: 1, max: 100_000 }),
  });

  it('grantedMax × s ≥ pieces per period and (grantedMax − 1) × s < pieces per period', () => {
    fc.assert(
      fc.property(inputs, (input) => {
        const grantedMax = grantedMaxFor(input);
        const { numerator, denominator } = piecesPerPeriod(input.quantity, input.per, input.periodMonths);
        // Compared as fractions, multiplied out: all integers, all below 2^53.
        expect(grantedMax * input.piecesPerSalesUnit * denominator).toBeGreaterThanOrEqual(numerator);
        expect((grantedMax - 1) * input.piecesPerSalesUnit * denominator).toBeLessThan(numerator);
      }),
      { numRuns: 2000 },
    );
  });

  it('pieces per period as a number is exactly Y × P / 12', () => {
    fc.assert(
      fc.property(inputs, ({ quantity, per, periodMonths }) => {
        const value = fractionToNumber(piecesPerPeriod(quantity, per, periodMonths));
        expect(value * 12).toBe(piecesPerYear(quantity, per) * periodMonths);
      }),
    );
  });
});

describe('sales units per order (DOMAIN §4.1)', () => {
  it('with a 3-month period it equals grantedMax; a value given must be that value', () => {
    expect(salesUnitsPerOrderFor({ periodMonths: 3, grantedMax: 13 })).toBe(13);
    expect(salesUnitsPerOrderFor({ periodMonths: 3, grantedMax: 13, requested: null })).toBe(13);
    expect(salesUnitsPerOrderFor({ periodMonths: 3, grantedMax: 13, requested: 13 })).toBe(13);
    const error = refusal(() => salesUnitsPerOrderFor({ periodMonths: 3, grantedMax: 13, requested: 5 }));
    expect(error.code).toBe('SALES_UNITS_PER_ORDER_INVALID');
    expect(error.kind).toBe('unprocessable');
    expect(error.details).toEqual({ grantedMax: 13 });
  });

  it('with a 12-month period it is optional: none, or the user’s choice from 1 to grantedMax', () => {
    expect(salesUnitsPerOrderFor({ periodMonths: 12, grantedMax: 6 })).toBeNull();
    expect(salesUnitsPerOrderFor({ periodMonths: 12, grantedMax: 6, requested: null })).toBeNull();
    expect(salesUnitsPerOrderFor({ periodMonths: 12, grantedMax: 6, requested: 1 })).toBe(1);
    expect(salesUnitsPerOrderFor({ periodMonths: 12, grantedMax: 6, requested: 6 })).toBe(6);
  });

  it.each([0, -1, 7, 2.5, Number.NaN])('with a 12-month period and grantedMax 6, %p is refused (SALES_UNITS_PER_ORDER_INVALID)', (requested) => {
    expect(refusal(() => salesUnitsPerOrderFor({ periodMonths: 12, grantedMax: 6, requested })).code).toBe('SALES_UNITS_PER_ORDER_INVALID');
  });
});

describe('resolving the allowance a user entered into the one a line stores', () => {
  it('a rate: the calculator decides grantedMax and the rate is kept', () => {
    expect(resolveAllowance({ quantity: 4, per: 'day', periodMonths: 3 }, 30)).toEqual({
      quantity: 4,
      per: 'day',
      periodMonths: 3,
      grantedMax: 13,
      salesUnitsPerOrder: 13,
    });
    expect(resolveAllowance({ quantity: 3, per: 'day', periodMonths: 12, salesUnitsPerOrder: 10 }, 20)).toEqual({
      quantity: 3,
      per: 'day',
      periodMonths: 12,
      grantedMax: 55,
      salesUnitsPerOrder: 10,
    });
  });

  it('grantedMax entered directly: no rate', () => {
    expect(resolveAllowance({ grantedMax: 8, periodMonths: 12 }, 30)).toEqual({ quantity: null, per: null, periodMonths: 12, grantedMax: 8, salesUnitsPerOrder: null });
    expect(resolveAllowance({ grantedMax: 8, periodMonths: 3 }, 30)).toEqual({ quantity: null, per: null, periodMonths: 3, grantedMax: 8, salesUnitsPerOrder: 8 });
  });

  it('no allowance at all: no caps', () => {
    expect(resolveAllowance(null, 30)).toBeNull();
    expect(resolveAllowance(undefined, 30)).toBeNull();
  });

  it('salesUnitsPerOrder above the computed grantedMax is refused (422)', () => {
    const error = refusal(() => resolveAllowance({ quantity: 1, per: 'week', periodMonths: 12, salesUnitsPerOrder: 7 }, 10));
    expect(error.code).toBe('SALES_UNITS_PER_ORDER_INVALID');
    expect(error.details).toEqual({ grantedMax: 6 });
  });

  it.each<[string, unknown, string]>([
    ['a quantity of 0', { quantity: 0, per: 'day', periodMonths: 3 }, 'allowance.quantity'],
    ['a negative quantity', { quantity: -2, per: 'day', periodMonths: 3 }, 'allowance.quantity'],
    ['a fractional quantity', { quantity: 1.5, per: 'day', periodMonths: 3 }, 'allowance.quantity'],
    ['a quantity above the bound', { quantity: MAX_RATE_QUANTITY + 1, per: 'day', periodMonths: 3 }, 'allowance.quantity'],
    ['an unknown rate unit', { quantity: 1, per: 'fortnight', periodMonths: 3 }, 'allowance.per'],
    ['a period of 6 months', { quantity: 1, per: 'day', periodMonths: 6 }, 'allowance.periodMonths'],
    ['a missing period', { quantity: 1, per: 'day' }, 'allowance.periodMonths'],
    ['a grantedMax of 0', { grantedMax: 0, periodMonths: 3 }, 'allowance.grantedMax'],
    ['a fractional grantedMax', { grantedMax: 2.5, periodMonths: 12 }, 'allowance.grantedMax'],
    ['both a rate and a grantedMax', { grantedMax: 3, quantity: 1, per: 'day', periodMonths: 3 }, 'allowance'],
  ])('%s is refused: 400 VALIDATION_FAILED naming the field', (_case, input, path) => {
    const error = refusal(() => resolveAllowance(input as never, 10));
    expect(error.kind).toBe('bad_request');
    expect(error.code).toBe('VALIDATION_FAILED');
    expect((error.details.fields as { path: string }[]).map((field) => field.path)).toContain(path);
  });
});
