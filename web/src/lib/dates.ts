/**
 * Calendar days as the API writes them (`YYYY-MM-DD`, Europe/Copenhagen, API.md): what a date field starts
 * from. Formatting for people is format.ts's.
 */
const copenhagenDay = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Copenhagen', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Copenhagen, `YYYY-MM-DD`: a caseworker working past midnight UTC is already on tomorrow's date there. */
export function copenhagenToday(now: Date = new Date()): string {
  const parts = copenhagenDay.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * Ordering is blocked until the next order date when that date is after today (the red date with the bell,
 * user guide p. 7): the API answers today itself while anything remains in the current window.
 */
export const orderingBlocked = (nextOrderDate: string | null | undefined, today: string): boolean =>
  typeof nextOrderDate === 'string' && nextOrderDate > today;

/**
 * A date as a Danish user types it — `31.12.2026`, `31-12-2026`, `31/12/2026`, `31 12 2026`, `1.2.2026` or
 * `31122026` — as the API writes it (`2026-12-31`); null when it is no such day.
 */
export function parseDanishDate(text: string): string | null {
  const trimmed = text.trim();
  const parts = /^(\d{1,2})[.\-/ ](\d{1,2})[.\-/ ](\d{4})$/.exec(trimmed) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(trimmed);
  if (!parts) return null;
  const [day, month, year] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  // Day 0 of the next month is the last day of this one.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A date field's text as the API writes it, or what the user is told: `missing` when empty, else how to write it. */
export function typedDate(text: string, missing: string): { date: string } | { error: string } {
  if (text.trim() === '') return { error: missing };
  const date = parseDanishDate(text);
  return date ? { date } : { error: 'Skriv datoen som dd.mm.åååå, f.eks. 31.12.2026.' };
}
