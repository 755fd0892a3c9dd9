/**
 * The Copenhagen calendar day (the API's dates are Europe/Copenhagen days, DOMAIN §4.2): "today" on a machine in
 * another time zone, or just after midnight UTC, is still the day the municipality lives in.
 */
const dayParts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today (or `now`) as the API writes a date: `2026-03-05`. */
export function copenhagenToday(now: Date = new Date()): string {
  const parts = dayParts.formatToParts(now);
  const value = (type: Intl.DateTimeFormatPartTypes) => parts.find((part) => part.type === type)?.value ?? '';
  return `${value('year')}-${value('month')}-${value('day')}`;
}

/**
 * Ordering is blocked until the next order date when that date is after today (the red date with the bell,
 * user guide p. 7): the API answers today itself while anything remains in the current window.
 */
export const orderingBlocked = (nextOrderDate: string | null | undefined, today: string): boolean =>
  typeof nextOrderDate === 'string' && nextOrderDate > today;
