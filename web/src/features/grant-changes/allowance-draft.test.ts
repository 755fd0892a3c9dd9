import { describe, expect, it } from '@jest/globals';
import { allowanceInputOf, draftFromCalculation, draftOf, NO_ALLOWANCE, parseWholeNumber, sameAllowance, withTyped, type AllowanceDraft } from './allowance-draft';

const typed = (change: Partial<AllowanceDraft>): AllowanceDraft => ({ ...NO_ALLOWANCE, withMax: true, ...change });

describe('"Bevilget max." in a grant line form: what it sends (grantedMax is never computed in the browser)', () => {
  it('"Uden max." sends no allowance', () => {
    expect(allowanceInputOf(NO_ALLOWANCE)).toEqual({ allowance: null });
    expect(allowanceInputOf({ ...NO_ALLOWANCE, grantedMax: '7' })).toEqual({ allowance: null });
  });

  it('a typed max is sent as typed, with its period; a per-order cap only with 12 months, and only when given', () => {
    expect(allowanceInputOf(typed({ grantedMax: ' 8 ', periodMonths: 12, salesUnitsPerOrder: '2' }))).toEqual({ allowance: { grantedMax: 8, periodMonths: 12, salesUnitsPerOrder: 2 } });
    expect(allowanceInputOf(typed({ grantedMax: '8', periodMonths: 12 }))).toEqual({ allowance: { grantedMax: 8, periodMonths: 12 } });
    expect(allowanceInputOf(typed({ grantedMax: '8', periodMonths: 3, salesUnitsPerOrder: '2' }))).toEqual({ allowance: { grantedMax: 8, periodMonths: 3 } });
  });

  it('numbers from the calculator are sent as the rate they came from, so the service decides the max again', () => {
    const draft = draftFromCalculation({ quantity: 3, per: 'day', periodMonths: 12, result: { piecesPerPeriod: 1095, grantedMax: 55, salesUnitsPerOrder: null }, salesUnitsPerOrder: 5 });
    expect(draft).toMatchObject({ withMax: true, grantedMax: '55', periodMonths: 12, salesUnitsPerOrder: '5' });
    expect(allowanceInputOf(draft)).toEqual({ allowance: { quantity: 3, per: 'day', periodMonths: 12, salesUnitsPerOrder: 5 } });
  });

  it('typing over the calculated max, or changing its period, makes it a typed max: the rate no longer applies', () => {
    const draft = draftFromCalculation({ quantity: 4, per: 'day', periodMonths: 3, result: { piecesPerPeriod: 365, grantedMax: 13, salesUnitsPerOrder: 13 }, salesUnitsPerOrder: 13 });
    expect(draft.salesUnitsPerOrder).toBe('');
    expect(allowanceInputOf(withTyped(draft, { grantedMax: '12' }))).toEqual({ allowance: { grantedMax: 12, periodMonths: 3 } });
    expect(allowanceInputOf(withTyped(draft, { periodMonths: 12 }))).toEqual({ allowance: { grantedMax: 13, periodMonths: 12 } });
    expect(withTyped(draft, { grantedMax: '13' }).rate).toEqual(draft.rate);
  });

  it.each([
    ['an empty max', typed({ grantedMax: '' }), 'grantedMax'],
    ['a max of 0', typed({ grantedMax: '0' }), 'grantedMax'],
    ['a max with a fraction', typed({ grantedMax: '2,5' }), 'grantedMax'],
    ['a per-order cap that is no whole number', typed({ grantedMax: '4', salesUnitsPerOrder: 'to' }), 'salesUnitsPerOrder'],
  ])('%s is refused at its field before anything is sent', (_case, draft, field) => {
    const result = allowanceInputOf(draft);
    expect('errors' in result && Object.keys(result.errors)).toEqual([field]);
  });

  it("a line's allowance fills the fields, and unchanged it is not a change", () => {
    const fromRate = draftOf({ quantity: 5, per: 'day', periodMonths: 3, grantedMax: 16, salesUnitsPerOrder: 16 });
    expect(fromRate).toEqual({ withMax: true, grantedMax: '16', periodMonths: 3, salesUnitsPerOrder: '', rate: { quantity: 5, per: 'day' } });
    expect(allowanceInputOf(fromRate)).toEqual({ allowance: { quantity: 5, per: 'day', periodMonths: 3 } });
    const typedMax = draftOf({ quantity: null, per: null, periodMonths: 12, grantedMax: 12, salesUnitsPerOrder: 3 });
    expect(allowanceInputOf(typedMax)).toEqual({ allowance: { grantedMax: 12, periodMonths: 12, salesUnitsPerOrder: 3 } });
    expect(draftOf(null)).toEqual(NO_ALLOWANCE);
    expect(sameAllowance(typedMax, { ...typedMax })).toBe(true);
    expect(sameAllowance(typedMax, { ...typedMax, salesUnitsPerOrder: '4' })).toBe(false);
  });

  it.each([
    ['12', 12],
    [' 7 ', 7],
    ['0', 0],
    ['', null],
    ['1.000', null],
    ['-1', null],
    ['3 stk', null],
    ['1234567890', null],
  ])('a whole number typed as %p reads %p', (text, value) => {
    expect(parseWholeNumber(text)).toBe(value);
  });
});
