/**
 * The CPR rules of DOMAIN §2.1, in one place: used by the citizen decider, the HTTP edge, search and the
 * portal alike. Pure and integer-only: dates are checked arithmetically, never through `Date`, so no time
 * zone or DST can shift a birth date.
 */

export type Gender = 'male' | 'female';

/**
 * `valid`: passes modulus 11. `exempt`: fails it on a birth date where the CPR office issues such numbers
 * (accepted silently). `unconfirmed`: fails it on any other date — likely a typo, needs confirmation.
 */
export type CprChecksum = 'valid' | 'exempt' | 'unconfirmed';

export type CprRejectionCode = 'CPR_FORMAT' | 'CPR_DATE';

export interface ParsedCpr {
  readonly ok: true;
  /** 10 digits, no separator: the stored form. */
  readonly cpr: string;
  /** YYYY-MM-DD */
  readonly birthDate: string;
  readonly gender: Gender;
  readonly checksum: CprChecksum;
}

export interface RejectedCpr {
  readonly ok: false;
  readonly code: CprRejectionCode;
}

export type CprParseResult = ParsedCpr | RejectedCpr;

export const CPR_CHECKSUM_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1] as const;

/**
 * Birth dates on which the CPR office has issued numbers that fail modulus 11 (since 1 October 2007, when
 * these dates ran out of numbers). Data, not logic: the list grows as more dates run out, and the office
 * says its own overview is not necessarily complete — which is why a failing check on any other date is only
 * a warning to confirm, never a refusal. Extend it when the office publishes new dates.
 */
export const CHECKSUM_EXEMPT_BIRTH_DATES: ReadonlySet<string> = new Set(
  [1960, 1962, 1964, 1965, 1966, 1967, 1969, 1970, 1974, 1975, 1978]
    .concat([1980, 1981, 1982, 1983, 1984, 1985, 1986, 1987, 1988, 1989, 1990, 1991, 1992, 1994, 1995])
    .map((year) => `${year}-01-01`),
);

/** DDMMYY, then one optional hyphen or space, then SSSS. Surrounding whitespace is tolerated. */
const CPR_INPUT = /^([0-9]{6})[- ]?([0-9]{4})$/;
const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

export function parseCpr(input: string, today: string): CprParseResult {
  const match = CPR_INPUT.exec(input.trim());
  if (!match) return { ok: false, code: 'CPR_FORMAT' };
  const cpr = `${match[1]}${match[2]}`;
  const digits = [...cpr].map(Number);
  const [d1, d2, m1, m2, y1, y2, s1] = digits as [number, number, number, number, number, number, number];

  const day = d1 * 10 + d2;
  const month = m1 * 10 + m2;
  const year = centuryOf(s1, y1 * 10 + y2) + y1 * 10 + y2;
  if (!isExistingDate(year, month, day)) return { ok: false, code: 'CPR_DATE' };
  const birthDate = formatDate(year, month, day);
  if (birthDate > parseToday(today)) return { ok: false, code: 'CPR_DATE' };

  const gender: Gender = digits[9]! % 2 === 1 ? 'male' : 'female';
  return { ok: true, cpr, birthDate, gender, checksum: checksumOf(digits, birthDate) };
}

/** `DDMMYY-XXXX`: the form shown in lists and search results. Accepts the stored or the hyphenated form. */
export function maskCpr(cpr: string): string {
  const match = CPR_INPUT.exec(cpr.trim());
  // The value is deliberately left out of the message: it may be a CPR number.
  if (!match) throw new Error('maskCpr expects a CPR number of 10 digits');
  return `${match[1]}-XXXX`;
}

/**
 * Whether a search term looks like the first 6 digits of a CPR number (DOMAIN §2.2: "cpr, full or the first
 * 6 digits"): DDMMYY, optionally followed by the hyphen, forming a day that exists in some century.
 */
export function isCprSearchPrefix(input: string): boolean {
  const match = /^([0-9]{2})([0-9]{2})([0-9]{2})-?$/.exec(input.trim());
  if (!match) return false;
  const [day, month, yy] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Without the 7th digit the century is unknown; 2000 is the one century year that is a leap year.
  return [1800, 1900, 2000].some((century) => isExistingDate(century + yy, month, day));
}

/** Century from the 7th digit (first of SSSS) and YY, per the CPR office's table. */
function centuryOf(seventhDigit: number, yy: number): number {
  if (seventhDigit <= 3) return 1900;
  if (seventhDigit === 4 || seventhDigit === 9) return yy <= 36 ? 2000 : 1900;
  return yy <= 57 ? 2000 : 1800;
}

function checksumOf(digits: readonly number[], birthDate: string): CprChecksum {
  const sum = CPR_CHECKSUM_WEIGHTS.reduce((total, weight, index) => total + weight * digits[index]!, 0);
  if (sum % 11 === 0) return 'valid';
  return CHECKSUM_EXEMPT_BIRTH_DATES.has(birthDate) ? 'exempt' : 'unconfirmed';
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isExistingDate(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `today` comes from the command; a malformed one is a programming error, not a user's mistake. */
function parseToday(today: string): string {
  const match = ISO_DATE.exec(today);
  if (!match || !isExistingDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new Error(`today must be a date YYYY-MM-DD, got ${JSON.stringify(today)}`);
  }
  return today;
}
