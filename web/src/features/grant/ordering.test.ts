import { describe, expect, it } from '@jest/globals';
import type { GrantLine } from './api';
import { basketTotal, checkBasket, initialChoice, isBlocked, orderability, prefilledUnits, unitsProblem, type Choice } from './ordering';

const TODAY = '2026-12-05';

/** A grant line as the API answers it: active, continuous, 3-month window with 7 granted, 6 ordered. */
const line = (more: Partial<GrantLine> = {}): GrantLine => ({
  lineId: 'line-1',
  itemNumber: '201005',
  productName: 'Stomipose lukket',
  onAgreement: true,
  pricePerSalesUnit: 78100,
  pricePerPiece: 2603,
  salesUnit: { name: 'æske', pieces: 30 },
  grantArea: 'Stomi',
  kind: 'continuous',
  status: 'ACTIVE',
  startDate: '2026-04-05',
  endDate: null,
  allowance: { quantity: 2, per: 'day', periodMonths: 3, grantedMax: 7, salesUnitsPerOrder: 7 },
  window: { start: '2026-10-05', end: '2027-01-05', lastDay: '2027-01-04', ordered: 6, delivered: 4 },
  remaining: 1,
  expired: false,
  lastOrderDate: '2026-11-25',
  nextOrderDate: TODAY,
  history: [],
  ...more,
});

describe('Which lines can be put in the basket today, and why not (user guide p. 7, DOMAIN §4.2)', () => {
  it('a line with units left in its window can be ordered', () => {
    expect(orderability(line(), 'ACTIVE', TODAY)).toEqual({ orderable: true });
    expect(isBlocked(line(), TODAY)).toBe(false);
  });

  it.each([
    ['a used-up window: the bell until the next window starts', line({ remaining: 0, nextOrderDate: '2027-01-05' }), 'ACTIVE', 'Kan bestilles igen fra 05.01.2027.'],
    ['an inactive line', line({ status: 'INACTIVE', nextOrderDate: null }), 'ACTIVE', 'Varen er inaktiv.'],
    ['a one-time line past its end date', line({ kind: 'one_time', endDate: '2026-11-30', expired: true, nextOrderDate: null }), 'ACTIVE', 'Bevillingen udløb 30.11.2026.'],
    ['a line that has not started', line({ startDate: '2026-12-15', window: null, nextOrderDate: '2026-12-15' }), 'ACTIVE', 'Kan bestilles fra 15.12.2026.'],
    ['a one-time line whose allowance is used up', line({ kind: 'one_time', endDate: '2027-03-01', nextOrderDate: null, remaining: 0 }), 'ACTIVE', 'Bevillingen er brugt op.'],
    ['a citizen who is not active', line(), 'GRANT_ENDED', 'Borgeren er ikke aktiv.'],
  ])('%s cannot', (_case, candidate, citizenStatus, reason) => {
    expect(orderability(candidate, citizenStatus, TODAY)).toEqual({ orderable: false, reason });
  });

  it('the bell rings for an active line whose next order date is after today, never for an inactive one', () => {
    expect(isBlocked(line({ nextOrderDate: '2027-01-05' }), TODAY)).toBe(true);
    expect(isBlocked(line({ status: 'INACTIVE', nextOrderDate: '2027-01-05' }), TODAY)).toBe(false);
  });
});

describe('"Antal": whole sales units, prefilled with and never above "Salgsenheder pr. ordre"', () => {
  it('is prefilled with "Salgsenheder pr. ordre", or 1 without one', () => {
    expect(prefilledUnits(line())).toBe(7);
    expect(prefilledUnits(line({ allowance: { quantity: null, per: null, periodMonths: 12, grantedMax: 12, salesUnitsPerOrder: null } }))).toBe(1);
    expect(prefilledUnits(line({ allowance: null }))).toBe(1);
  });

  it.each([
    ['7', undefined],
    [' 3 ', undefined],
    ['8', 'Der kan højst bestilles 7 salgsenheder pr. ordre.'],
    ['', 'Skriv antal salgsenheder.'],
    ['0', 'Antal skal være mindst 1.'],
    ['1,5', 'Antal skal være et helt antal salgsenheder.'],
    ['-2', 'Antal skal være et helt antal salgsenheder.'],
    ['to', 'Antal skal være et helt antal salgsenheder.'],
  ])('"%s" → %p', (typed, problem) => {
    expect(unitsProblem(typed, line())).toBe(problem);
  });

  it('a cap of one sales unit reads in the singular; without a cap any whole number passes', () => {
    expect(unitsProblem('2', line({ allowance: { quantity: null, per: null, periodMonths: 3, grantedMax: 1, salesUnitsPerOrder: 1 } }))).toBe('Der kan højst bestilles 1 salgsenhed pr. ordre.');
    expect(unitsProblem('500', line({ allowance: null }))).toBeUndefined();
  });
});

describe('"Læg i indkøbskurv": the ticked lines that can be ordered, or what stops them', () => {
  const colo = line();
  const ring = line({ lineId: 'line-2', itemNumber: '206002', productName: 'Hudring', pricePerSalesUnit: 28900, allowance: { quantity: null, per: null, periodMonths: 3, grantedMax: 2, salesUnitsPerOrder: 2 } });
  const usedUp = line({ lineId: 'line-3', productName: 'Brugt op', remaining: 0, nextOrderDate: '2027-01-05' });
  const choices = (entries: Record<string, Choice>) => (candidate: GrantLine) => entries[candidate.lineId] ?? initialChoice(candidate);

  it('nothing ticked is a problem of the whole choice, and so is a grant with nothing to order today', () => {
    expect(checkBasket([colo, ring], choices({}), 'ACTIVE', TODAY)).toEqual({ basket: [], problems: [{ lineId: null, message: 'Markér mindst én vare, der skal bestilles.' }] });
    expect(checkBasket([usedUp], choices({ 'line-3': { checked: true, units: '1' } }), 'ACTIVE', TODAY)).toEqual({ basket: [], problems: [{ lineId: null, message: 'Ingen af varerne kan bestilles i dag.' }] });
  });

  it('the ticked lines go in with their units; a ticked line that cannot be ordered is left out', () => {
    const check = checkBasket([colo, ring, usedUp], choices({ 'line-1': { checked: true, units: '1' }, 'line-2': { checked: true, units: '2' }, 'line-3': { checked: true, units: '1' } }), 'ACTIVE', TODAY);
    expect(check.problems).toEqual([]);
    expect(check.basket.map((entry) => [entry.line.lineId, entry.salesUnits])).toEqual([
      ['line-1', 1],
      ['line-2', 2],
    ]);
  });

  it('each ticked line with a wrong "Antal" is named with its problem, and nothing goes in', () => {
    const check = checkBasket([colo, ring], choices({ 'line-1': { checked: true, units: '9' }, 'line-2': { checked: true, units: '0' } }), 'ACTIVE', TODAY);
    expect(check).toEqual({
      basket: [],
      problems: [
        { lineId: 'line-1', message: 'Stomipose lukket: Der kan højst bestilles 7 salgsenheder pr. ordre.' },
        { lineId: 'line-2', message: 'Hudring: Antal skal være mindst 1.' },
      ],
    });
  });

  it('the total is the sum of units × price per sales unit, in øre; a product without a price makes it incomplete', () => {
    expect(basketTotal([{ line: colo, salesUnits: 2 }, { line: ring, salesUnits: 1 }])).toEqual({ total: 2 * 78100 + 28900, complete: true });
    expect(basketTotal([{ line: colo, salesUnits: 1 }, { line: line({ pricePerSalesUnit: null }), salesUnits: 3 }])).toEqual({ total: 78100, complete: false });
  });
});
