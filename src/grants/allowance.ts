import { z } from 'zod';
import { unprocessable, validationFailed } from '../shared/domain-error.js';

/**
 * The allowance calculator, "Udregn bevilget max." (DOMAIN §4.1): one rule in one place, for the grant
 * decider, the calculator endpoint and the portal. Exact integer arithmetic throughout: no value here ever
 * passes through a binary fraction, and every intermediate stays far below 2^53 (see the bounds below).
 */

export const RATE_UNITS = ['day', 'week', 'month', 'year'] as const;
export type RateUnit = (typeof RATE_UNITS)[number];

export const PERIOD_MONTHS = [3, 12] as const;
export type PeriodMonths = (typeof PERIOD_MONTHS)[number];

/** Far above any real consumption, and low enough that Y × P (≤ q × 365 × 12) stays an exact integer. */
export const MAX_RATE_QUANTITY = 1_000_000;
/** The largest grantedMax a rate can give (q × 365 pieces a year, s = 1, P = 12); a typed-in one is held to it too. */
export const MAX_GRANTED_MAX = MAX_RATE_QUANTITY * 365;

const PIECES_PER_YEAR: Record<RateUnit, number> = { day: 365, week: 52, month: 12, year: 1 };

/** An exact fraction in lowest terms, denominator ≥ 1. */
export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

/** The allowance as a grant line stores it and the API shows it. A rate is kept when it was given. */
export const allowanceSchema = z
  .object({
    quantity: z.number().int().positive().max(MAX_RATE_QUANTITY).nullable(),
    per: z.enum(RATE_UNITS).nullable(),
    periodMonths: z.literal(PERIOD_MONTHS),
    grantedMax: z.number().int().positive().max(MAX_GRANTED_MAX),
    salesUnitsPerOrder: z.number().int().positive().max(MAX_GRANTED_MAX).nullable(),
  })
  .refine((allowance) => (allowance.quantity === null) === (allowance.per === null), 'quantity and per come together');
export type Allowance = z.infer<typeof allowanceSchema>;

/**
 * What a user enters (API.md: `allowance`): a rate for the calculator, or grantedMax typed in directly.
 * salesUnitsPerOrder is any number here: whether it is allowed depends on the grantedMax computed from the
 * rest, so it is judged by salesUnitsPerOrderFor (422 SALES_UNITS_PER_ORDER_INVALID), not by the shape.
 */
const salesUnitsPerOrderInput = z.number().nullable().optional();
export const rateAllowanceInputSchema = z
  .object({
    quantity: z.number().int().positive().max(MAX_RATE_QUANTITY),
    per: z.enum(RATE_UNITS),
    periodMonths: z.literal(PERIOD_MONTHS),
    salesUnitsPerOrder: salesUnitsPerOrderInput,
  })
  .strict();
export const grantedMaxAllowanceInputSchema = z
  .object({
    grantedMax: z.number().int().positive().max(MAX_GRANTED_MAX),
    periodMonths: z.literal(PERIOD_MONTHS),
    salesUnitsPerOrder: salesUnitsPerOrderInput,
  })
  .strict();
export type RateAllowanceInput = z.infer<typeof rateAllowanceInputSchema>;
export type GrantedMaxAllowanceInput = z.infer<typeof grantedMaxAllowanceInputSchema>;
export type AllowanceInput = RateAllowanceInput | GrantedMaxAllowanceInput;

/**
 * For the edge. A failed union reports only `invalid_union` at `allowance`; an edge that wants field paths
 * can pass the object through and let resolveAllowance answer, in the same 400 shape.
 */
export const allowanceInputSchema = z.union([grantedMaxAllowanceInputSchema, rateAllowanceInputSchema]);

/** Y: pieces per year. q × 365 for a rate per day (DOMAIN: a year is 365 days, 52 weeks, 12 months). */
export function piecesPerYear(quantity: number, per: RateUnit): number {
  requireWhole(quantity, 1, MAX_RATE_QUANTITY, 'quantity');
  const factor = PIECES_PER_YEAR[per];
  if (factor === undefined) throw new RangeError(`Unknown rate unit ${String(per)}`);
  return quantity * factor;
}

/** Y × P / 12 pieces, exact: 1 a day over 3 months is 365/4 = 91.25. */
export function piecesPerPeriod(quantity: number, per: RateUnit, periodMonths: PeriodMonths): Fraction {
  requirePeriod(periodMonths);
  return reduced(piecesPerYear(quantity, per) * periodMonths, 12);
}

/**
 * A fraction as a JSON number. Exact for every piecesPerPeriod: with P ∈ {3, 12} the denominator divides 4,
 * and quarters are exact binary fractions.
 */
export function fractionToNumber({ numerator, denominator }: Fraction): number {
  if (4 % denominator !== 0) throw new RangeError('Only halves and quarters are exact as a number');
  return numerator / denominator;
}

/** grantedMax = ⌈Y × P / (12 × s)⌉: rounded up, so the stated need is always covered (DOMAIN §4.1, Decision). */
export function grantedMaxFor(input: {
  readonly quantity: number;
  readonly per: RateUnit;
  readonly periodMonths: PeriodMonths;
  readonly piecesPerSalesUnit: number;
}): number {
  requirePeriod(input.periodMonths);
  requireWhole(input.piecesPerSalesUnit, 1, Number.MAX_SAFE_INTEGER, 'piecesPerSalesUnit');
  const pieces = piecesPerYear(input.quantity, input.per) * input.periodMonths;
  // 12 × s may exceed 2^53 for an absurd s; then one sales unit covers any period and the answer is 1.
  const divisor = 12 * input.piecesPerSalesUnit;
  return Number.isSafeInteger(divisor) ? ceilDivide(pieces, divisor) : 1;
}

/**
 * Sales units per order (DOMAIN §4.1): P = 3 → grantedMax (a value given must equal it); P = 12 → the user's
 * choice 1 … grantedMax, or null (no per-order cap). Anything else → 422 SALES_UNITS_PER_ORDER_INVALID.
 */
export function salesUnitsPerOrderFor(input: {
  readonly periodMonths: PeriodMonths;
  readonly grantedMax: number;
  readonly requested?: number | null;
}): number | null {
  const { periodMonths, grantedMax, requested } = input;
  requirePeriod(periodMonths);
  requireWhole(grantedMax, 1, MAX_GRANTED_MAX, 'grantedMax');
  if (periodMonths === 3) {
    if (requested === undefined || requested === null || requested === grantedMax) return grantedMax;
    throw salesUnitsPerOrderInvalid('With a 3-month period, sales units per order equal the granted max', grantedMax);
  }
  if (requested === undefined || requested === null) return null;
  if (Number.isSafeInteger(requested) && requested >= 1 && requested <= grantedMax) return requested;
  throw salesUnitsPerOrderInvalid('Sales units per order must be a whole number from 1 to the granted max', grantedMax);
}

/** The calculator endpoint's answer (API.md POST /allowance-calculations), salesUnitsPerOrder null for 12. */
export function calculateAllowance(input: {
  readonly quantity: number;
  readonly per: RateUnit;
  readonly periodMonths: PeriodMonths;
  readonly piecesPerSalesUnit: number;
}): { piecesPerPeriod: number; grantedMax: number; salesUnitsPerOrder: number | null } {
  const grantedMax = grantedMaxFor(input);
  return {
    piecesPerPeriod: fractionToNumber(piecesPerPeriod(input.quantity, input.per, input.periodMonths)),
    grantedMax,
    salesUnitsPerOrder: salesUnitsPerOrderFor({ periodMonths: input.periodMonths, grantedMax }),
  };
}

/**
 * The allowance a line stores, from what the user entered; null → no allowance (no caps). Invalid shapes
 * answer 400 VALIDATION_FAILED with field paths under `allowance.` (the same shape as the edge's 400).
 *
 * A one-time line uses the same calculator: `periodMonths` is the period the need was stated for, and the
 * resulting grantedMax is the cap for the line's whole life (DOMAIN §4.1), not per period. periodMonths then
 * only decides salesUnitsPerOrder (3 → = grantedMax, 12 → the user's choice), never the windows.
 */
export function resolveAllowance(input: AllowanceInput | null | undefined, piecesPerSalesUnit: number): Allowance | null {
  if (input === null || input === undefined) return null;
  if (isRecord(input) && 'grantedMax' in input) {
    const entered = parseOrRefuse(grantedMaxAllowanceInputSchema, input);
    return {
      quantity: null,
      per: null,
      periodMonths: entered.periodMonths,
      grantedMax: entered.grantedMax,
      salesUnitsPerOrder: salesUnitsPerOrderFor({ ...entered, requested: entered.salesUnitsPerOrder }),
    };
  }
  const rate = parseOrRefuse(rateAllowanceInputSchema, input);
  const grantedMax = grantedMaxFor({ ...rate, piecesPerSalesUnit });
  return {
    quantity: rate.quantity,
    per: rate.per,
    periodMonths: rate.periodMonths,
    grantedMax,
    salesUnitsPerOrder: salesUnitsPerOrderFor({ periodMonths: rate.periodMonths, grantedMax, requested: rate.salesUnitsPerOrder }),
  };
}

export const sameAllowance = (a: Allowance | null, b: Allowance | null): boolean =>
  a === b ||
  (a !== null &&
    b !== null &&
    a.quantity === b.quantity &&
    a.per === b.per &&
    a.periodMonths === b.periodMonths &&
    a.grantedMax === b.grantedMax &&
    a.salesUnitsPerOrder === b.salesUnitsPerOrder);


function parseOrRefuse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw validationFailed(
    parsed.error.issues.map((issue) => ({ path: ['allowance', ...issue.path].join('.'), code: issue.code, message: issue.message })),
  );
}

const salesUnitsPerOrderInvalid = (message: string, grantedMax: number) =>
  unprocessable('SALES_UNITS_PER_ORDER_INVALID', message, { grantedMax });

/** ⌈a / b⌉ for whole a ≥ 0, b ≥ 1, through the exact remainder (a / b in floating point can round up to a whole). */
function ceilDivide(a: number, b: number): number {
  const remainder = a % b;
  return (a - remainder) / b + (remainder === 0 ? 0 : 1);
}

function reduced(numerator: number, denominator: number): Fraction {
  const divisor = greatestCommonDivisor(numerator, denominator);
  return { numerator: numerator / divisor, denominator: denominator / divisor };
}

function greatestCommonDivisor(a: number, b: number): number {
  let [x, y] = [Math.abs(a), Math.abs(b)];
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

function requirePeriod(periodMonths: number): void {
  if (!(PERIOD_MONTHS as readonly number[]).includes(periodMonths)) throw new RangeError('The calculation period is 3 or 12 months');
}

function requireWhole(value: number, min: number, max: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) throw new RangeError(`${name} must be a whole number from ${min} to ${max}`);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
