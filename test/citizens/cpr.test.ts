import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { CHECKSUM_EXEMPT_BIRTH_DATES, isCprSearchPrefix, maskCpr, parseCpr } from '../../src/citizens/cpr.js';
import { fictitiousCpr, hyphenated, passesModulus11 } from './cpr-fixtures.js';

const TODAY = '2025-06-15';
/** Far enough ahead that no row of the century table is in the future. */
const FAR_FUTURE = '2099-12-31';

/** The table of DOMAIN §2.1 rule 2, written out again as the oracle of a property. */
const centuryFromTable = (seventh: number, yy: number): number => {
  if (seventh <= 3) return 1900;
  if (seventh === 4 || seventh === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;
};

/** Independent oracle for the calendar: the UTC calendar of the JS engine. */
const dateExists = (year: number, month: number, day: number): boolean =>
  month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();

describe('CPR format (DOMAIN §2.1 rule 1): exactly 10 digits after removing one optional hyphen or space', () => {
  const cpr = fictitiousCpr('150585', '1', { checksum: 'valid' });

  it.each([
    ['DDMMYYSSSS', cpr],
    ['DDMMYY-SSSS', hyphenated(cpr)],
    ['DDMMYY SSSS', `${cpr.slice(0, 6)} ${cpr.slice(6)}`],
    ['surrounded by whitespace', `  ${hyphenated(cpr)}\t`],
  ])('%s is accepted and stored as 10 digits', (_form, input) => {
    expect(parseCpr(input, TODAY)).toMatchObject({ ok: true, cpr });
  });

  it.each([
    ['empty', ''],
    ['9 digits', '150585123'],
    ['11 digits', '15058512345'],
    ['5 serial digits', '150585-12345'],
    ['a letter', '1505851a34'],
    ['two hyphens', '150585--1234'],
    ['a hyphen and a space', '150585- 1234'],
    ['the hyphen elsewhere', '15058-51234'],
    ['another separator', '150585/1234'],
    ['full-width digits', '１５０５８５１２３４'],
  ])('%s is refused with CPR_FORMAT', (_case, input) => {
    expect(parseCpr(input, TODAY)).toEqual({ ok: false, code: 'CPR_FORMAT' });
  });

  it('every 10-digit string with one character replaced by a non-digit is refused with CPR_FORMAT', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[0-9]{10}$/),
        fc.integer({ min: 0, max: 9 }),
        fc.string({ minLength: 1, maxLength: 1 }).filter((ch) => !/[0-9]/.test(ch)),
        (digits, index, other) => {
          const input = digits.slice(0, index) + other + digits.slice(index + 1);
          expect(parseCpr(input, TODAY)).toEqual({ ok: false, code: 'CPR_FORMAT' });
        },
      ),
    );
  });
});

describe('CPR century (DOMAIN §2.1 rule 2): from the 7th digit and YY', () => {
  it.each([
    ['0', '00', '1900'],
    ['3', '99', '1999'],
    ['1', '37', '1937'],
    ['4', '00', '2000'],
    ['4', '36', '2036'],
    ['4', '37', '1937'],
    ['9', '36', '2036'],
    ['9', '99', '1999'],
    ['5', '00', '2000'],
    ['6', '57', '2057'],
    ['7', '58', '1858'],
    ['8', '99', '1899'],
  ])('7th digit %s with YY %s is born in %s', (seventh, yy, year) => {
    const cpr = fictitiousCpr(`1505${yy}`, seventh, { checksum: 'valid' });
    expect(parseCpr(cpr, FAR_FUTURE)).toMatchObject({ ok: true, birthDate: `${year}-05-15` });
  });
});

describe('CPR birth date (DOMAIN §2.1 rule 2): it must exist and not lie after today', () => {
  it.each([
    ['31 February', '310299', '1'],
    ['30 February', '300290', '1'],
    ['31 April', '310485', '1'],
    ['day 00', '000185', '1'],
    ['day 32', '320185', '1'],
    ['month 00', '010085', '1'],
    ['month 13', '011385', '1'],
    ['29 February 1985, not a leap year', '290285', '1'],
    ['29 February 1900, a century year that is not a leap year', '290200', '0'],
    ['29 February 1858, not a leap year', '290258', '5'],
  ])('%s is refused with CPR_DATE', (_case, ddmmyy, seventh) => {
    expect(parseCpr(`${ddmmyy}${seventh}234`, TODAY)).toEqual({ ok: false, code: 'CPR_DATE' });
  });

  it.each([
    ['29 February 1984', '290284', '1', '1984-02-29'],
    ['29 February 2000, a century year that is a leap year', '290200', '4', '2000-02-29'],
    ['29 February 2000 through the 5–8 rule', '290200', '5', '2000-02-29'],
  ])('%s exists', (_case, ddmmyy, seventh, birthDate) => {
    expect(parseCpr(fictitiousCpr(ddmmyy, seventh, { checksum: 'valid' }), TODAY)).toMatchObject({ ok: true, birthDate });
  });

  it('a birth date after today is refused with CPR_DATE', () => {
    expect(parseCpr(fictitiousCpr('160625', '4', { checksum: 'valid' }), TODAY)).toEqual({ ok: false, code: 'CPR_DATE' });
    expect(parseCpr(fictitiousCpr('010157', '5', { checksum: 'valid' }), TODAY)).toEqual({ ok: false, code: 'CPR_DATE' });
  });

  it('a birth date of today is accepted', () => {
    expect(parseCpr(fictitiousCpr('150625', '4', { checksum: 'valid' }), TODAY)).toMatchObject({ ok: true, birthDate: TODAY });
  });

  it('CPR_DATE exactly when the date does not exist in its century or lies after today (all dates, all 7th digits)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 39 }),
        fc.integer({ min: 0, max: 14 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 9 }),
        (day, month, yy, seventh) => {
          const year = centuryFromTable(seventh, yy) + yy;
          const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const ddmmyy = [day, month, yy].map((n) => String(n).padStart(2, '0')).join('');
          const result = parseCpr(`${ddmmyy}${seventh}000`, TODAY);
          const refused = !dateExists(year, month, day) || iso > TODAY;
          expect(result.ok ? null : result.code).toBe(refused ? 'CPR_DATE' : null);
          if (result.ok) expect(result.birthDate).toBe(iso);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('CPR check digit (DOMAIN §2.1 rule 3): modulus 11 with weights 4,3,2,7,6,5,4,3,2,1', () => {
  it('a number passing modulus 11 is valid', () => {
    expect(parseCpr(fictitiousCpr('150585', '1', { checksum: 'valid' }), TODAY)).toMatchObject({ ok: true, checksum: 'valid' });
  });

  it.each([...CHECKSUM_EXEMPT_BIRTH_DATES].map((date) => [date]))(
    'a number failing modulus 11 with the exempt birth date %s is accepted silently',
    (birthDate) => {
      const ddmmyy = `0101${birthDate.slice(2, 4)}`;
      expect(parseCpr(fictitiousCpr(ddmmyy, '2', { checksum: 'invalid' }), TODAY)).toMatchObject({
        ok: true,
        birthDate,
        checksum: 'exempt',
      });
    },
  );

  it('the exempt dates are 1 January of 1960, 1962, 1964–1967, 1969, 1970, 1974, 1975, 1978, 1980–1992, 1994, 1995', () => {
    const years = [1960, 1962, 1964, 1965, 1966, 1967, 1969, 1970, 1974, 1975, 1978];
    years.push(1980, 1981, 1982, 1983, 1984, 1985, 1986, 1987, 1988, 1989, 1990, 1991, 1992, 1994, 1995);
    expect([...CHECKSUM_EXEMPT_BIRTH_DATES].sort()).toEqual(years.map((year) => `${year}-01-01`));
  });

  it.each([
    ['1 January 1961, a year not on the list', '010161', '0'],
    ['1 January 1993, a year not on the list', '010193', '3'],
    ['2 January 1960, not 1 January', '020160', '1'],
    ['1 January 1860, the same DDMMYY in another century', '010160', '5'],
    ['15 May 1985, an ordinary date', '150585', '1'],
  ])('a number failing modulus 11 on %s is unconfirmed', (_case, ddmmyy, seventh) => {
    expect(parseCpr(fictitiousCpr(ddmmyy, seventh, { checksum: 'invalid' }), TODAY)).toMatchObject({
      ok: true,
      checksum: 'unconfirmed',
    });
  });
});

describe('CPR gender (DOMAIN §2.1 rule 4): last digit odd is male, even is female', () => {
  it.each([
    ['male', 'valid'],
    ['female', 'valid'],
    ['male', 'invalid'],
    ['female', 'invalid'],
  ] as const)('%s (check digit %s)', (gender, checksum) => {
    const cpr = fictitiousCpr('150585', '1', { checksum, gender });
    expect(parseCpr(cpr, TODAY)).toMatchObject({ ok: true, gender });
  });
});

describe('every well-formed CPR number with an existing past birth date', () => {
  /** Birth dates in the centuries the 7th digit can express, and the 7th digits that express them. */
  const seventhDigitsFor = (year: number): number[] => {
    if (year < 1900) return [5, 6, 7, 8];
    if (year < 2000) return year % 100 >= 37 ? [0, 1, 2, 3, 4, 9] : [0, 1, 2, 3];
    return year % 100 <= 36 ? [4, 5, 6, 7, 8, 9] : [5, 6, 7, 8];
  };
  const anyCpr = fc
    .record({
      year: fc.integer({ min: 1858, max: 2024 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      seventhChoice: fc.nat(),
      serialRest: fc.integer({ min: 0, max: 999 }),
    })
    .filter(({ year, month, day }) => dateExists(year, month, day))
    .map(({ year, month, day, seventhChoice, serialRest }) => {
      const sevenths = seventhDigitsFor(year);
      const seventh = sevenths[seventhChoice % sevenths.length]!;
      const ddmmyy = [day, month, year % 100].map((n) => String(n).padStart(2, '0')).join('');
      const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      return { cpr: `${ddmmyy}${seventh}${String(serialRest).padStart(3, '0')}`, birthDate };
    });

  it('round-trips with and without the hyphen or space, to the same 10 digits, birth date and gender', () => {
    fc.assert(
      fc.property(anyCpr, ({ cpr, birthDate }) => {
        const plain = parseCpr(cpr, TODAY);
        expect(plain).toMatchObject({ ok: true, cpr, birthDate, gender: Number(cpr[9]) % 2 === 1 ? 'male' : 'female' });
        expect(parseCpr(hyphenated(cpr), TODAY)).toEqual(plain);
        expect(parseCpr(`${cpr.slice(0, 6)} ${cpr.slice(6)}`, TODAY)).toEqual(plain);
      }),
      { numRuns: 1000 },
    );
  });

  it('is valid exactly when it passes modulus 11, and otherwise exempt only on a listed birth date', () => {
    fc.assert(
      fc.property(anyCpr, ({ cpr, birthDate }) => {
        const expected = passesModulus11(cpr) ? 'valid' : CHECKSUM_EXEMPT_BIRTH_DATES.has(birthDate) ? 'exempt' : 'unconfirmed';
        expect(parseCpr(cpr, TODAY)).toMatchObject({ checksum: expected });
      }),
      { numRuns: 1000 },
    );
  });

  it('is masked as DDMMYY-XXXX, the serial never shown', () => {
    fc.assert(
      fc.property(anyCpr, ({ cpr }) => {
        expect(maskCpr(cpr)).toBe(`${cpr.slice(0, 6)}-XXXX`);
        expect(maskCpr(hyphenated(cpr))).toBe(`${cpr.slice(0, 6)}-XXXX`);
      }),
    );
  });
});

describe('CPR masking (DOMAIN §2.2)', () => {
  it('masks the serial: DDMMYY-XXXX', () => {
    expect(maskCpr(fictitiousCpr('150585', '1', { checksum: 'valid' }))).toBe('150585-XXXX');
  });

  it('refuses something that is not a CPR number without repeating it', () => {
    expect(() => maskCpr('15058512')).toThrow(/^maskCpr expects a CPR number of 10 digits$/);
  });
});

describe('CPR search prefix (DOMAIN §2.2: "cpr, full or the first 6 digits")', () => {
  it.each([
    ['150585', true],
    ['150585-', true],
    [' 150585 ', true],
    ['290200', true], // exists in 2000
    ['290201', false],
    ['310485', false],
    ['320185', false],
    ['151385', false],
    ['15058', false],
    ['1505851', false],
    ['15o585', false],
    ['8000', false],
    ['', false],
  ])('%j looks like a CPR prefix: %s', (input, expected) => {
    expect(isCprSearchPrefix(input)).toBe(expected);
  });
});
