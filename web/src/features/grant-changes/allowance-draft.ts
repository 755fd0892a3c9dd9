import type { AllowanceCalculation, AllowanceInput, GrantLine } from './api';

/**
 * The allowance fields of a grant line's form ("Bevilget max.", user guide p. 5–6, 8) as the user fills them in,
 * and what they send. grantedMax is never computed here: a typed max is sent as typed, and numbers that came from
 * the calculator are sent as the rate they came from, so that the service's calculator decides (DOMAIN §4.1).
 */

export type RateUnit = 'day' | 'week' | 'month' | 'year';
export type PeriodMonths = 3 | 12;
export const RATE_UNITS: readonly RateUnit[] = ['day', 'week', 'month', 'year'];

/** What "Opdatér antal" takes back from the calculator. */
export interface CalculatedAllowance {
  readonly quantity: number;
  readonly per: RateUnit;
  readonly periodMonths: PeriodMonths;
  readonly result: AllowanceCalculation;
  readonly salesUnitsPerOrder: number | null;
}

export interface AllowanceDraft {
  /** "Uden max." (false) or a "Bevilget max." (true). */
  readonly withMax: boolean;
  readonly grantedMax: string;
  readonly periodMonths: PeriodMonths;
  /** Only for 12 months: with 3, a sales unit per order is always the granted max (DOMAIN §4.1). */
  readonly salesUnitsPerOrder: string;
  /** The rate the numbers came from, while grantedMax and the period are still the ones computed from it. */
  readonly rate: { readonly quantity: number; readonly per: RateUnit; readonly piecesPerPeriod?: number } | null;
}

export type AllowanceField = 'grantedMax' | 'salesUnitsPerOrder';

export const NO_ALLOWANCE: AllowanceDraft = { withMax: false, grantedMax: '', periodMonths: 12, salesUnitsPerOrder: '', rate: null };

/** The fields as a line's current allowance fills them ("Ret bevilget max."). */
export function draftOf(allowance: GrantLine['allowance']): AllowanceDraft {
  if (allowance === null) return NO_ALLOWANCE;
  return {
    withMax: true,
    grantedMax: String(allowance.grantedMax),
    periodMonths: allowance.periodMonths,
    salesUnitsPerOrder: allowance.periodMonths === 12 && allowance.salesUnitsPerOrder !== null ? String(allowance.salesUnitsPerOrder) : '',
    rate: allowance.quantity !== null && allowance.per !== null ? { quantity: allowance.quantity, per: allowance.per } : null,
  };
}

/** "Opdatér antal": the calculator's numbers in the form. */
export function draftFromCalculation(calculated: CalculatedAllowance): AllowanceDraft {
  return {
    withMax: true,
    grantedMax: String(calculated.result.grantedMax),
    periodMonths: calculated.periodMonths,
    salesUnitsPerOrder: calculated.periodMonths === 12 && calculated.salesUnitsPerOrder !== null ? String(calculated.salesUnitsPerOrder) : '',
    rate: { quantity: calculated.quantity, per: calculated.per, piecesPerPeriod: calculated.result.piecesPerPeriod },
  };
}

/** A typed change of the max or the period: the numbers no longer come from the rate, which is dropped. */
export function withTyped(draft: AllowanceDraft, change: Partial<Pick<AllowanceDraft, 'grantedMax' | 'periodMonths'>>): AllowanceDraft {
  const next = { ...draft, ...change };
  const changed = next.grantedMax !== draft.grantedMax || next.periodMonths !== draft.periodMonths;
  return changed ? { ...next, rate: null } : next;
}

/** A whole number as typed (digits only, spaces around allowed); null for anything else. */
export function parseWholeNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,9}$/.test(trimmed)) return null;
  return Number(trimmed);
}

export type DraftResult = { readonly allowance: AllowanceInput | null } | { readonly errors: Partial<Record<AllowanceField, string>> };

/** What the draft sends: null for "Uden max.", the rate while the numbers are the calculator's, else the typed max. */
export function allowanceInputOf(draft: AllowanceDraft): DraftResult {
  if (!draft.withMax) return { allowance: null };
  const errors: Partial<Record<AllowanceField, string>> = {};
  let salesUnitsPerOrder: number | undefined;
  if (draft.periodMonths === 12 && draft.salesUnitsPerOrder.trim() !== '') {
    const parsed = parseWholeNumber(draft.salesUnitsPerOrder);
    if (parsed === null || parsed < 1) errors.salesUnitsPerOrder = 'Skriv salgsenheder pr. ordre som et helt tal, mindst 1, eller lad feltet stå tomt.';
    else salesUnitsPerOrder = parsed;
  }
  const perOrder = salesUnitsPerOrder === undefined ? {} : { salesUnitsPerOrder };
  if (draft.rate) {
    if (errors.salesUnitsPerOrder) return { errors };
    return { allowance: { quantity: draft.rate.quantity, per: draft.rate.per, periodMonths: draft.periodMonths, ...perOrder } };
  }
  const grantedMax = parseWholeNumber(draft.grantedMax);
  if (grantedMax === null || grantedMax < 1) errors.grantedMax = 'Skriv bevilget max. som et helt antal salgsenheder, mindst 1 – eller vælg "Uden max.".';
  if (errors.grantedMax || errors.salesUnitsPerOrder) return { errors };
  return { allowance: { grantedMax: grantedMax!, periodMonths: draft.periodMonths, ...perOrder } };
}

/** Whether two drafts send the same allowance (an unchanged "Ret bevilget max." is not a change). */
export function sameAllowance(a: AllowanceDraft, b: AllowanceDraft): boolean {
  return JSON.stringify(allowanceInputOf(a)) === JSON.stringify(allowanceInputOf(b));
}
