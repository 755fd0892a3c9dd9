import { describe, expect, it } from '@jest/globals';
import { formatCount, formatDate, formatDateTime, formatNumber, formatPrice, maskCpr } from './format';

describe('Danish formats (PORTAL.md "Danish throughout")', () => {
  it.each([
    ['2026-03-05', '05.03.2026'],
    ['2026-12-31', '31.12.2026'],
    // An instant is shown on its Copenhagen calendar day: 23:30 UTC on 31 December is already New Year there.
    ['2026-12-31T23:30:00Z', '01.01.2027'],
    ['2026-07-01T21:59:00Z', '01.07.2026'],
    ['2026-07-01T22:00:00Z', '02.07.2026'],
  ])('a date %s reads dd.mm.åååå: %s', (value, shown) => {
    expect(formatDate(value)).toBe(shown);
  });

  it('a moment reads with the Copenhagen time of day, summer and winter', () => {
    expect(formatDateTime('2026-01-15T13:07:00Z')).toBe('15.01.2026 kl. 14:07');
    expect(formatDateTime('2026-07-15T13:07:00Z')).toBe('15.07.2026 kl. 15:07');
  });

  it.each([
    [0, undefined, '0'],
    [1234.5, undefined, '1.234,5'],
    [1234567, undefined, '1.234.567'],
    [-1234.5, 2, '-1.234,50'],
    [0.5, 2, '0,50'],
  ])('the number %s with %s decimals reads %s (decimal comma, thousands dot)', (value, decimals, shown) => {
    expect(formatNumber(value, decimals)).toBe(shown);
  });

  it.each([
    [123450, '1.234,50 kr.'],
    [5, '0,05 kr.'],
    [0, '0,00 kr.'],
    [129950, '1.299,50 kr.'],
    [100000000, '1.000.000,00 kr.'],
  ])('a price of %s øre reads %s', (ore, shown) => {
    expect(formatPrice(ore)).toBe(shown);
  });

  it('a price is whole øre: a fraction is a bug upstream, not something to round away', () => {
    expect(() => formatPrice(12.5)).toThrow(RangeError);
  });

  it.each(['0101901234', '010190-1234', '010190 1234'])('the CPR number %s is shown as 010190-XXXX: never its serial number', (cpr) => {
    expect(maskCpr(cpr)).toBe('010190-XXXX');
  });

  it('something too short to be a CPR number shows nothing of itself', () => {
    expect(maskCpr('123')).toBe('XXXXXX-XXXX');
  });

  it('a count takes its noun in the right number', () => {
    expect(formatCount(1, 'salgsenhed', 'salgsenheder')).toBe('1 salgsenhed');
    expect(formatCount(0, 'salgsenhed', 'salgsenheder')).toBe('0 salgsenheder');
    expect(formatCount(1200, 'salgsenhed', 'salgsenheder')).toBe('1.200 salgsenheder');
  });
});
