/**
 * Calendar arithmetic for calculation windows (DOMAIN §4.2). Dates are Europe/Copenhagen calendar dates
 * written `YYYY-MM-DD` (API.md); the caller turns "now" into today's Copenhagen date (shared/time.ts), so
 * nothing here touches a `Date`, a time zone or daylight saving time: only year, month and day integers.
 * Such strings compare correctly as strings, which the rest of the grant domain relies on.
 */

export interface CalendarWindow {
  /** k of "window k is [d + kP months, d + (k+1)P months)"; 0 is the window starting at the anchor. */
  readonly index: number;
  /** First day of the window. */
  readonly start: string;
  /** The day after the last day (exclusive): the next window's start. Arithmetic and the API use this. */
  readonly end: string;
  /** The last day of the window (inclusive), for people: "31.01.–29.04.". */
  readonly lastDay: string;
}

interface Ymd {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const DATE_PATTERN = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

export const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** A real calendar date written YYYY-MM-DD, years 0001–9999 (so that string order is date order). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function parse(date: string): Ymd {
  if (!isCalendarDate(date)) throw new RangeError(`Not a calendar date YYYY-MM-DD: ${JSON.stringify(date)}`);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

function format({ year, month, day }: Ymd): string {
  if (year < 1 || year > 9999) throw new RangeError('Date outside the years 0001–9999');
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * `anchor` + n calendar months, keeping the anchor's day of month, clamped to the last day of a shorter
 * month: 31 Jan + 1 → 28/29 Feb, + 3 → 30 Apr, + 6 → 31 Jul. Always compute from the anchor itself: chaining
 * (31 Jan + 1 + 1 = 28 Mar) loses the day. n may be negative.
 */
export function addMonths(anchor: string, n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError('n must be a whole number of months');
  const { year, month, day } = parse(anchor);
  const monthIndex = year * 12 + (month - 1) + n;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return format({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) });
}

export function nextDay(date: string): string {
  const { year, month, day } = parse(date);
  if (day < daysInMonth(year, month)) return format({ year, month, day: day + 1 });
  return month < 12 ? format({ year, month: month + 1, day: 1 }) : format({ year: year + 1, month: 1, day: 1 });
}

export function previousDay(date: string): string {
  const { year, month, day } = parse(date);
  if (day > 1) return format({ year, month, day: day - 1 });
  return month > 1 ? format({ year, month: month - 1, day: daysInMonth(year, month - 1) }) : format({ year: year - 1, month: 12, day: 31 });
}

/** The first day of `date`'s calendar month: the anchor of calendar-month periods (windowContaining(…, 1, …)). */
export const startOfMonth = (date: string): string => format({ ...parse(date), day: 1 });

export const laterOf = (a: string, b: string): string => (a >= b ? a : b);
export const earlierOf = (a: string, b: string): string => (a <= b ? a : b);

/** Window k of the windows of P months anchored at `anchor`. */
export function windowAt(anchor: string, periodMonths: number, index: number): CalendarWindow {
  requirePeriod(periodMonths);
  const start = addMonths(anchor, index * periodMonths);
  const end = addMonths(anchor, (index + 1) * periodMonths);
  return { index, start, end, lastDay: previousDay(end) };
}

/**
 * The window that holds `date`: start ≤ date < end. Dates before the anchor fall in windows of negative index
 * (the windows tile the whole calendar); callers that only count from the anchor check `index ≥ 0`.
 */
export function windowContaining(anchor: string, periodMonths: number, date: string): CalendarWindow {
  requirePeriod(periodMonths);
  const a = parse(anchor);
  const d = parse(date);
  const monthsApart = (d.year - a.year) * 12 + (d.month - a.month);
  const index = Math.floor(monthsApart / periodMonths);
  // Window `index` starts in the month of `date` or earlier, and window index+1 in a later month, so `date`
  // is in window `index` unless it is in that window's first month before its (clamped) start day.
  const candidate = windowAt(anchor, periodMonths, index);
  return date < candidate.start ? windowAt(anchor, periodMonths, index - 1) : candidate;
}

/** Every window that overlaps [from, to), in order: for history. Empty when to ≤ from. */
export function windowsBetween(anchor: string, periodMonths: number, from: string, to: string): CalendarWindow[] {
  if (to <= from) return [];
  const windows: CalendarWindow[] = [];
  for (let window = windowContaining(anchor, periodMonths, from); window.start < to; window = windowAt(anchor, periodMonths, window.index + 1)) {
    windows.push(window);
  }
  return windows;
}

/**
 * DOMAIN §4.2, "the bell": today if anything remains of `grantedMax` in the current window, else the start of
 * the next window (the current window's exclusive end). No cap (grantedMax null) or no window: today.
 */
export function nextOrderDate(input: {
  readonly today: string;
  readonly window: { readonly end: string } | null;
  readonly orderedInWindow: number;
  readonly grantedMax: number | null;
}): string {
  const { today, window, orderedInWindow, grantedMax } = input;
  if (window === null || grantedMax === null) return today;
  return remainingOf(grantedMax, orderedInWindow) > 0 ? today : window.end;
}

/** Sales units that may still be ordered in a window; never negative (a lowered allowance can leave it over). */
export const remainingOf = (grantedMax: number, orderedInWindow: number): number => Math.max(0, grantedMax - orderedInWindow);

function requirePeriod(periodMonths: number): void {
  if (!Number.isSafeInteger(periodMonths) || periodMonths < 1) throw new RangeError('A window is a whole number of months, at least 1');
}
