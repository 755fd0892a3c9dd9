import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatKroner, kronerNumberToOere, MAX_OERE, parseKroner, pricePerPiece, type KronerRejection } from '../../src/catalogue/money.js';

describe('kroner with a decimal comma and optional thousands dots → øre (API.md "Catalogue")', () => {
  it.each([
    ['1.299,50', 129950],
    ['1299,50', 129950],
    ['12,5', 1250],
    ['12,05', 1205],
    ['89', 8900],
    ['0', 0],
    ['0,01', 1],
    ['0,5', 50],
    ['1.299', 129900],
    ['1.000.000,00', 100000000],
    ['  89,95  ', 8995],
    ['007', 700],
    ['999.999.999,99', MAX_OERE],
  ])('%s kr is %i øre', (input, oere) => {
    expect(parseKroner(input)).toEqual({ ok: true, oere });
  });

  it.each<[string, KronerRejection]>([
    ['', 'EMPTY'],
    ['   ', 'EMPTY'],
    ['-1', 'NEGATIVE'],
    ['-0,50', 'NEGATIVE'],
    ['1,2,3', 'FORMAT'],
    ['12,', 'FORMAT'],
    [',50', 'FORMAT'],
    ['+5', 'FORMAT'],
    ['1 299,50', 'FORMAT'],
    ['12 kr', 'FORMAT'],
    ['1e3', 'FORMAT'],
    ['abc', 'FORMAT'],
    ['1,299', 'DECIMALS'],
    ['12,505', 'DECIMALS'],
    ['12.50', 'THOUSANDS'],
    ['1299.50', 'THOUSANDS'],
    ['1.29,50', 'THOUSANDS'],
    ['1.2999', 'THOUSANDS'],
    ['1299.500,00', 'THOUSANDS'],
    ['0.500', 'THOUSANDS'],
    ['.500', 'FORMAT'],
    ['1.000.000.000,00', 'TOO_LARGE'],
    ['12345678901', 'TOO_LARGE'],
  ])('%j is refused: %s', (input, reason) => {
    expect(parseKroner(input)).toEqual({ ok: false, reason });
  });
});

describe('a JSON number of kroner is converted exactly, through its decimal string', () => {
  it.each([
    [1299.5, 129950],
    [1299.05, 129905],
    [0.1, 10],
    [0.29, 29],
    [1.15, 115],
    [89, 8900],
    [0, 0],
    [999999999.99, MAX_OERE],
  ])('%d kr is %i øre', (input, oere) => {
    expect(kronerNumberToOere(input)).toEqual({ ok: true, oere });
  });

  it.each<[number, KronerRejection]>([
    [0.1 + 0.2, 'DECIMALS'],
    [1299.505, 'DECIMALS'],
    [1e-7, 'DECIMALS'],
    [-1, 'NEGATIVE'],
    [1e21, 'TOO_LARGE'],
    [1e10, 'TOO_LARGE'],
    [Number.NaN, 'FORMAT'],
    [Number.POSITIVE_INFINITY, 'FORMAT'],
  ])('%d is refused: %s', (input, reason) => {
    expect(kronerNumberToOere(input)).toEqual({ ok: false, reason });
  });
});

describe('price per piece = price per sales unit / pieces, rounded half up to whole øre', () => {
  it.each([
    [19900, 30, 663], // 663.33
    [129950, 30, 4332], // 4331.67
    [1, 2, 1], // 0.5 rounds up
    [3, 2, 2], // 1.5 rounds up
    [5, 2, 3], // 2.5 rounds up (not to even)
    [1, 3, 0], // 0.33
    [2, 3, 1], // 0.67
    [5, 4, 1], // 1.25
    [7, 4, 2], // 1.75
    [0, 30, 0],
    [8900, 1, 8900],
    [100, 200, 1], // 0.5
    [99, 200, 0], // 0.495
    [MAX_OERE, 7, 14285714286], // 14285714285.57
  ])('%i øre / %i pieces = %i øre', (price, pieces, expected) => {
    expect(pricePerPiece(price, pieces)).toBe(expected);
  });

  it('agrees with exact rational arithmetic for every price and pack size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_OERE }), fc.integer({ min: 1, max: 100_000 }), (price, pieces) => {
        const exact = (2n * BigInt(price) + BigInt(pieces)) / (2n * BigInt(pieces));
        expect(pricePerPiece(price, pieces)).toBe(Number(exact));
      }),
    );
  });

  it.each([
    [-1, 1],
    [1.5, 1],
    [100, 0],
    [100, 2.5],
  ])('refuses %d øre over %d pieces: a programming error, not a rounding', (price, pieces) => {
    expect(() => pricePerPiece(price, pieces)).toThrow(RangeError);
  });
});

describe('formatting øre as kroner', () => {
  it.each([
    [129950, '1.299,50', '1299,50'],
    [1250, '12,50', '12,50'],
    [5, '0,05', '0,05'],
    [0, '0,00', '0,00'],
    [100000000, '1.000.000,00', '1000000,00'],
    [-129950, '-1.299,50', '-1299,50'],
  ])('%i øre is %s (or %s without thousands dots)', (oere, withDots, plain) => {
    expect(formatKroner(oere)).toBe(withDots);
    expect(formatKroner(oere, { thousands: false })).toBe(plain);
  });

  it('what is formatted parses back to the same øre, with or without thousands dots', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_OERE }), fc.boolean(), (oere, thousands) => {
        expect(parseKroner(formatKroner(oere, { thousands }))).toEqual({ ok: true, oere });
      }),
      { numRuns: 2000 },
    );
  });
});
