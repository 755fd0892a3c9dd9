import type { Allowance } from './allowance.js';
import type { AllowanceSpan, GrantLine } from './grant.state.js';
import { earlierOf, laterOf, nextDay, nextOrderDate, previousDay, remainingOf, startOfMonth, windowContaining, windowsBetween } from './windows.js';

/**
 * A line's calculation windows and what was ordered in them, derived from dates alone (DOMAIN §4.2): windows
 * roll over when the date moves on, with no event and no scheduled write. The grant view shows these; the
 * orders issue checks its caps with the same functions, on the state folded from the same stream.
 */

export interface LineWindow {
  readonly start: string;
  /** Exclusive: the next window's start. Earlier than the calendar window's end when the allowance changed. */
  readonly end: string;
  /** Inclusive, for display. */
  readonly lastDay: string;
  /** The allowance in force in this window. */
  readonly allowance: Allowance;
}

/** A one-time line past its end date can no longer be ordered on (DOMAIN §4.2, LINE_EXPIRED). */
export const isExpiredOn = (line: GrantLine, date: string): boolean => line.endDate !== null && date > line.endDate;

/**
 * The window holding `date`, with the allowance in force then; null when no cap applies on that date: no
 * allowance, line not in force (inactive, not started), or a one-time line past its end date.
 * A continuous line's windows are anchored at the span's start; a one-time line has one window, its whole life.
 */
export function lineWindowOn(line: GrantLine, date: string): LineWindow | null {
  const span = line.spans.find((candidate) => candidate.from <= date && (candidate.until === null || date < candidate.until));
  if (!span || span.allowance === null || isExpiredOn(line, date)) return null;
  return line.kind === 'one_time' ? wholeLife(line, span.allowance) : continuousWindow(span, span.allowance, date);
}

/**
 * Windows that are over by `today` (their exclusive end ≤ today), oldest first, each with its allowance:
 * the consumption history. Inactive times and times without an allowance have no windows.
 */
export function pastLineWindows(line: GrantLine, today: string): LineWindow[] {
  if (line.kind === 'one_time') {
    // Its grantedMax is for the whole life, so the allowance last given is the one it is measured against.
    if (line.allowance === null || line.endDate === null || !(line.endDate < today)) return [];
    return [wholeLife(line, line.allowance)];
  }
  return line.spans.flatMap((span) => {
    const allowance = span.allowance;
    if (allowance === null) return [];
    const until = span.until === null ? today : earlierOf(span.until, today);
    return windowsBetween(span.from, allowance.periodMonths, span.from, until)
      .map((window) => truncated(window.start, window.end, span.until, allowance))
      .filter((window) => window.end <= today);
  });
}

/**
 * A period that ordered and delivered units are counted in, for the grant view: a calculation window (allowance
 * set), or, where no cap applies, a consumption period (allowance null). Nothing is ever refused against the
 * latter; it only shows the caseworker what was ordered and delivered ("Leveret på bevillingen").
 */
export interface ConsumptionWindow {
  readonly start: string;
  readonly end: string;
  readonly lastDay: string;
  /** The allowance in force; null: no cap, a consumption period. */
  readonly allowance: Allowance | null;
}

/**
 * The period the grant view counts `date`'s orders in (DOMAIN §4.2): the calculation window when a cap applies
 * (lineWindowOn, unchanged), else the consumption period of a line in force without an allowance. A continuous
 * line without a max is counted per calendar month: with no cap there is no window to measure against, and a
 * caseworker reviewing use compares it with the need, stated as so much a day, week or month, and with the
 * monthly invoices; months also show at once whether use is steady or rising, and a month is the same for every
 * line, whenever it started. The first and last month of a span (the line's start, a reactivation, an
 * inactivation, a changed allowance) are cut at the span's ends, so an order counts in exactly one period. A
 * one-time line without a max has one period, its whole life, as its capped counterpart does. Null: the line is
 * not in force on `date` (inactive, not started) or is a one-time line past its end date.
 */
export function consumptionWindowOn(line: GrantLine, date: string): ConsumptionWindow | null {
  const capped = lineWindowOn(line, date);
  if (capped !== null) return capped;
  const span = line.spans.find((candidate) => candidate.from <= date && (candidate.until === null || date < candidate.until));
  if (!span || span.allowance !== null || isExpiredOn(line, date)) return null;
  if (line.kind === 'one_time') return wholeLife(line, null);
  const month = windowContaining(startOfMonth(date), 1, date);
  return uncappedPeriod(month.start, month.end, span);
}

/**
 * Every period that is over by `today`, oldest first: the consumption history. Spans with an allowance give
 * their calculation windows (as pastLineWindows); spans without one give calendar months cut at the span's
 * ends. A one-time line has its whole life, once it has ended, measured against the allowance last given (or
 * none). Inactive times have no periods.
 */
export function pastConsumptionWindows(line: GrantLine, today: string): ConsumptionWindow[] {
  if (line.kind === 'one_time') {
    if (line.endDate === null || !(line.endDate < today)) return [];
    return [wholeLife(line, line.allowance)];
  }
  return line.spans.flatMap((span): ConsumptionWindow[] => {
    const allowance = span.allowance;
    const until = span.until === null ? today : earlierOf(span.until, today);
    const periods =
      allowance === null
        ? windowsBetween(startOfMonth(span.from), 1, span.from, until).map((month) => uncappedPeriod(month.start, month.end, span))
        : windowsBetween(span.from, allowance.periodMonths, span.from, until).map((window) => truncated(window.start, window.end, span.until, allowance));
    return periods.filter((period) => period.end <= today);
  });
}

/** Sales units that count in the window: ordered on its dates, less what was cancelled or credited. */
export const orderedIn = (line: GrantLine, window: { readonly start: string; readonly end: string }): number =>
  ordersIn(line, window).reduce((sum, order) => sum + order.salesUnits - order.givenBack, 0);

export const deliveredIn = (line: GrantLine, window: { readonly start: string; readonly end: string }): number =>
  ordersIn(line, window).reduce((sum, order) => sum + order.delivered, 0);

/** What may still be ordered on `date`; null: no cap. */
export function remainingOn(line: GrantLine, date: string): number | null {
  const window = lineWindowOn(line, date);
  return window === null ? null : remainingOf(window.allowance.grantedMax, orderedIn(line, window));
}

export const lastOrderDateOf = (line: GrantLine): string | null =>
  line.orders.reduce<string | null>((last, order) => (last === null || order.orderDate > last ? order.orderDate : last), null);

/**
 * The first day the line can be ordered on, from `today`: today if something remains; else the next window's
 * start ("the bell"); the start date of a line not yet started; null when it cannot be ordered on again
 * (inactive, expired, or a one-time line whose whole-life allowance is used up).
 */
export function lineNextOrderDate(line: GrantLine, today: string): string | null {
  if (line.status !== 'ACTIVE' || isExpiredOn(line, today)) return null;
  if (today < line.startDate) return line.startDate;
  const window = lineWindowOn(line, today);
  const next = nextOrderDate({
    today,
    window,
    orderedInWindow: window === null ? 0 : orderedIn(line, window),
    grantedMax: window?.allowance.grantedMax ?? null,
  });
  return line.kind === 'one_time' && next !== today ? null : next;
}

function wholeLife(line: GrantLine, allowance: Allowance): LineWindow;
function wholeLife(line: GrantLine, allowance: Allowance | null): ConsumptionWindow;
function wholeLife(line: GrantLine, allowance: Allowance | null): ConsumptionWindow {
  // A one-time line always has an end date (the decider's rule); its day after is the exclusive end.
  const lastDay = line.endDate ?? line.startDate;
  return { start: line.startDate, end: nextDay(lastDay), lastDay, allowance };
}

/** A calendar month [start, end) cut to the span [from, until): a consumption period without a cap. */
function uncappedPeriod(start: string, end: string, span: AllowanceSpan): ConsumptionWindow {
  const from = laterOf(start, span.from);
  const cut = span.until === null ? end : earlierOf(end, span.until);
  return { start: from, end: cut, lastDay: previousDay(cut), allowance: null };
}

function continuousWindow(span: AllowanceSpan, allowance: Allowance, date: string): LineWindow {
  const window = windowContaining(span.from, allowance.periodMonths, date);
  return truncated(window.start, window.end, span.until, allowance);
}

function truncated(start: string, end: string, until: string | null, allowance: Allowance): LineWindow {
  const cut = until === null ? end : earlierOf(end, until);
  return { start, end: cut, lastDay: previousDay(cut), allowance };
}

const ordersIn = (line: GrantLine, window: { readonly start: string; readonly end: string }) =>
  line.orders.filter((order) => window.start <= order.orderDate && order.orderDate < window.end);
