/**
 * Money in the catalogue (DOMAIN §3): integer øre, never floats. Kroner arrive as text with a decimal comma
 * and optional thousands dots (`1.299,50`), or as a JSON number; both are read digit by digit, so no binary
 * fraction ever touches an amount.
 */

/** Up to 999.999.999,99 kr: far above any sales unit's price, and exact in a double (< 2^53). */
export const MAX_KRONER_DIGITS = 9;
export const MAX_OERE = 10 ** (MAX_KRONER_DIGITS + 2) - 1;

export type KronerRejection =
  | 'EMPTY'
  | 'NEGATIVE'
  /** More than 2 decimals: øre are the smallest unit. */
  | 'DECIMALS'
  /** Thousands dots that do not separate groups of 3 digits (`12.50`, `1.29,50`): often a decimal point. */
  | 'THOUSANDS'
  | 'TOO_LARGE'
  | 'FORMAT';

export type KronerParseResult = { readonly ok: true; readonly oere: number } | { readonly ok: false; readonly reason: KronerRejection };

/** Integer part (digits, optionally with dots), then optionally a comma and decimals. One comma at most. */
const DANISH_AMOUNT = /^([0-9]+(?:\.[0-9]+)*)(?:,([0-9]+))?$/;
/** The shortest decimal form of a JSON number, as `String(number)` writes it. */
const POINT_AMOUNT = /^([0-9]+)(?:\.([0-9]+))?$/;

/** `1.299,50` → 129950, `12,5` → 1250, `89` → 8900. Surrounding whitespace is ignored. */
export function parseKroner(input: string): KronerParseResult {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'EMPTY' };
  if (/^[-−]/.test(text)) return { ok: false, reason: 'NEGATIVE' };
  const match = DANISH_AMOUNT.exec(text);
  if (!match) return { ok: false, reason: 'FORMAT' };
  const groups = match[1]!.split('.');
  const thousandsOk =
    groups.length === 1 || (/^[1-9][0-9]{0,2}$/.test(groups[0]!) && groups.slice(1).every((group) => group.length === 3));
  if (!thousandsOk) return { ok: false, reason: 'THOUSANDS' };
  return toOere(groups.join(''), match[2] ?? '');
}

/**
 * A JSON number of kroner (`1299.5`) → øre, through its decimal string: 1299.5 is 129950 exactly, and a
 * value that is not a whole number of øre in decimal (0.1 + 0.2) is refused rather than rounded.
 */
export function kronerNumberToOere(value: number): KronerParseResult {
  if (!Number.isFinite(value)) return { ok: false, reason: 'FORMAT' };
  if (value < 0) return { ok: false, reason: 'NEGATIVE' };
  const text = String(value);
  // Exponent notation: either ≥ 1e21 or below 1e-6; neither is a price in øre.
  if (/e/i.test(text)) return { ok: false, reason: value >= 1 ? 'TOO_LARGE' : 'DECIMALS' };
  const match = POINT_AMOUNT.exec(text);
  if (!match) return { ok: false, reason: 'FORMAT' };
  return toOere(match[1]!, match[2] ?? '');
}

function toOere(integerDigits: string, decimalDigits: string): KronerParseResult {
  if (decimalDigits.length > 2) return { ok: false, reason: 'DECIMALS' };
  const significant = integerDigits.replace(/^0+(?=[0-9])/, '');
  if (significant.length > MAX_KRONER_DIGITS) return { ok: false, reason: 'TOO_LARGE' };
  let oere = 0;
  for (const digit of significant + decimalDigits.padEnd(2, '0')) oere = oere * 10 + (digit.charCodeAt(0) - 48);
  return { ok: true, oere };
}

/**
 * The price of one piece: price per sales unit / pieces, rounded half up to whole øre (DOMAIN §3: shown per
 * sales unit and per piece). Integer arithmetic: ⌊(2p + n) / 2n⌋, with an exact remainder.
 */
export function pricePerPiece(pricePerSalesUnit: number, pieces: number): number {
  requireOere(pricePerSalesUnit, 'pricePerSalesUnit');
  if (!Number.isSafeInteger(pieces) || pieces < 1) throw new RangeError('pieces must be a positive whole number');
  const numerator = 2 * pricePerSalesUnit + pieces;
  const denominator = 2 * pieces;
  return (numerator - (numerator % denominator)) / denominator;
}

/** 129950 → `1.299,50`; with `thousands: false` → `1299,50`. Always two decimals: the form the import reads. */
export function formatKroner(oere: number, options: { readonly thousands?: boolean } = {}): string {
  if (!Number.isSafeInteger(oere)) throw new RangeError('An amount in øre must be a whole number');
  const sign = oere < 0 ? '-' : '';
  const absolute = Math.abs(oere);
  const kroner = String((absolute - (absolute % 100)) / 100);
  const decimals = String(absolute % 100).padStart(2, '0');
  const integer = options.thousands === false ? kroner : kroner.replace(/\B(?=([0-9]{3})+$)/g, '.');
  return `${sign}${integer},${decimals}`;
}

/** A price in øre as the catalogue stores it: a whole number from 0 to MAX_OERE. */
export const isOere = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_OERE;

function requireOere(value: number, name: string): void {
  if (!isOere(value)) throw new RangeError(`${name} must be whole øre from 0 to ${MAX_OERE}`);
}
