/**
 * Fictitious CPR numbers for tests, computed here rather than written down: a date, a serial prefix (which
 * fixes the 7th digit, hence the century) and the wanted check-digit outcome give the first serial that
 * fits. The modulus-11 arithmetic is written out again on purpose, independent of src/citizens/cpr.ts.
 */

const WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];

export const weightedSum = (tenDigits: string): number =>
  [...tenDigits].reduce((sum, digit, index) => sum + Number(digit) * WEIGHTS[index]!, 0);

export const passesModulus11 = (tenDigits: string): boolean => weightedSum(tenDigits) % 11 === 0;

export interface FictitiousCprOptions {
  /** `invalid`: fails modulus 11. */
  readonly checksum: 'valid' | 'invalid';
  readonly gender?: 'male' | 'female';
}

/**
 * @param ddmmyy the birth date as it is written in the number, e.g. '150585'
 * @param serialPrefix the first 1–4 digits of the serial SSSS, e.g. '4' for a 7th digit of 4
 */
export function fictitiousCpr(ddmmyy: string, serialPrefix: string, options: FictitiousCprOptions): string {
  if (!/^[0-9]{6}$/.test(ddmmyy) || !/^[0-9]{1,4}$/.test(serialPrefix)) throw new Error('bad fixture arguments');
  const free = 4 - serialPrefix.length;
  for (let rest = 0; rest < 10 ** free; rest++) {
    const cpr = `${ddmmyy}${serialPrefix}${free === 0 ? '' : String(rest).padStart(free, '0')}`;
    const lastDigitOdd = Number(cpr[9]) % 2 === 1;
    if (options.gender === 'male' && !lastDigitOdd) continue;
    if (options.gender === 'female' && lastDigitOdd) continue;
    if (passesModulus11(cpr) === (options.checksum === 'valid')) return cpr;
  }
  throw new Error(`no serial starting ${serialPrefix} fits ${JSON.stringify(options)}`);
}

export const hyphenated = (cpr: string): string => `${cpr.slice(0, 6)}-${cpr.slice(6)}`;
