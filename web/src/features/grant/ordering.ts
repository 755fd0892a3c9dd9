import { formatCount, formatDate } from '../../lib/format';
import { orderingBlocked } from '../../lib/dates';
import type { GrantLine } from './types';

/**
 * The ordering rules as the page applies them before anything is sent (user guide p. 7, DOMAIN §4.2). The
 * service decides; these only keep a person from asking for what it will surely refuse, and say why. What only
 * the service can know for certain (how much remains once others have ordered) is left to its answer.
 */

export type Orderability = { readonly orderable: true } | { readonly orderable: false; readonly reason: string };

const ORDERABLE: Orderability = { orderable: true };
const refused = (reason: string): Orderability => ({ orderable: false, reason });

export const salesUnits = (count: number): string => formatCount(count, 'salgsenhed', 'salgsenheder');

/** The bell: the window's granted max is used up, so ordering is blocked until the next order date (`today`: YYYY-MM-DD). */
export const isBlocked = (line: GrantLine, today: string): boolean =>
  line.status === 'ACTIVE' && orderingBlocked(line.nextOrderDate, today);

/** Whether the line can be put in the basket today, and if not, why (shown beside its checkbox). */
export function orderability(line: GrantLine, citizenStatus: string, today: string): Orderability {
  if (citizenStatus !== 'ACTIVE') return refused('Borgeren er ikke aktiv.');
  if (line.status !== 'ACTIVE') return refused('Varen er inaktiv.');
  if (line.expired) return refused(line.endDate ? `Bevillingen udløb ${formatDate(line.endDate)}.` : 'Bevillingen er udløbet.');
  if (today < line.startDate) return refused(`Kan bestilles fra ${formatDate(line.startDate)}.`);
  if (line.nextOrderDate === null) return refused('Bevillingen er brugt op.');
  if (line.nextOrderDate > today) return refused(`Kan bestilles igen fra ${formatDate(line.nextOrderDate)}.`);
  return ORDERABLE;
}

/** "Antal" starts at "Salgsenheder pr. ordre" (the most one order may hold), or 1 without one (guide p. 7). */
export const prefilledUnits = (line: GrantLine): number => line.allowance?.salesUnitsPerOrder ?? 1;

/** What is wrong with the typed "Antal" (whole sales units, at least 1, never above "Salgsenheder pr. ordre"); undefined: nothing. */
export function unitsProblem(typed: string, line: GrantLine): string | undefined {
  const text = typed.trim();
  if (text === '') return 'Skriv antal salgsenheder.';
  if (!/^\d+$/.test(text)) return 'Antal skal være et helt antal salgsenheder.';
  const units = Number(text);
  if (units < 1) return 'Antal skal være mindst 1.';
  const perOrder = line.allowance?.salesUnitsPerOrder ?? null;
  if (perOrder !== null && units > perOrder) return `Der kan højst bestilles ${salesUnits(perOrder)} pr. ordre.`;
  return undefined;
}

export interface BasketLine {
  readonly line: GrantLine;
  readonly salesUnits: number;
}

/** The basket's sum in øre; `complete` is false when a product has no price (it is not in the catalogue). */
export function basketTotal(lines: readonly BasketLine[]): { readonly total: number; readonly complete: boolean } {
  const priced = lines.filter(({ line }) => line.pricePerSalesUnit !== null);
  const total = priced.reduce((sum, { line, salesUnits: units }) => sum + (line.pricePerSalesUnit ?? 0) * units, 0);
  return { total, complete: priced.length === lines.length };
}

/** What a person chose for a line: ticked or not, and "Antal" as typed. */
export interface Choice {
  readonly checked: boolean;
  readonly units: string;
}

export const initialChoice = (line: GrantLine): Choice => ({ checked: false, units: String(prefilledUnits(line)) });

export interface BasketCheck {
  readonly basket: readonly BasketLine[];
  /** `lineId` null: a problem of the whole choice (nothing ticked). */
  readonly problems: readonly { readonly lineId: string | null; readonly message: string }[];
}

/** "Læg i indkøbskurv": the ticked lines that can be ordered, or what stops them. */
export function checkBasket(lines: readonly GrantLine[], choiceOf: (line: GrantLine) => Choice, citizenStatus: string, today: string): BasketCheck {
  const orderable = lines.filter((line) => orderability(line, citizenStatus, today).orderable);
  if (orderable.length === 0) return { basket: [], problems: [{ lineId: null, message: 'Ingen af varerne kan bestilles i dag.' }] };
  const ticked = orderable.filter((line) => choiceOf(line).checked);
  if (ticked.length === 0) return { basket: [], problems: [{ lineId: null, message: 'Markér mindst én vare, der skal bestilles.' }] };
  const problems = ticked.flatMap((line) => {
    const problem = unitsProblem(choiceOf(line).units, line);
    return problem ? [{ lineId: line.lineId, message: `${line.productName ?? line.itemNumber}: ${problem}` }] : [];
  });
  if (problems.length > 0) return { basket: [], problems };
  return { basket: ticked.map((line) => ({ line, salesUnits: Number(choiceOf(line).units.trim()) })), problems: [] };
}
