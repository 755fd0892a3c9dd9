/**
 * Danish formats (PORTAL.md "Danish throughout"): dates dd.mm.åååå in the Copenhagen calendar, decimal comma,
 * thousands dot, prices from the API's øre, CPR numbers masked unless the full number was asked for.
 */
const TIME_ZONE = 'Europe/Copenhagen';

const dateParts = new Intl.DateTimeFormat('da-DK', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' });
const timeParts = new Intl.DateTimeFormat('da-DK', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

const part = (parts: Intl.DateTimeFormatPart[], type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';

/** `2026-03-05` (an API date, already a Copenhagen calendar day) or an instant → `05.03.2026`. */
export function formatDate(value: string | Date): string {
  if (typeof value === 'string') {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (day) return `${day[3]}.${day[2]}.${day[1]}`;
  }
  const parts = dateParts.formatToParts(typeof value === 'string' ? new Date(value) : value);
  return `${part(parts, 'day')}.${part(parts, 'month')}.${part(parts, 'year')}`;
}

/** An instant → `05.03.2026 kl. 14:07` in Copenhagen time. */
export function formatDateTime(value: string | Date): string {
  const instant = typeof value === 'string' ? new Date(value) : value;
  const parts = timeParts.formatToParts(instant);
  return `${formatDate(instant)} kl. ${part(parts, 'hour')}:${part(parts, 'minute')}`;
}

/** Groups of three with a dot, decimals after a comma: `1234.5` → `1.234,5`. */
export function formatNumber(value: number, decimals?: number): string {
  const fixed = decimals === undefined ? String(Math.abs(value)) : Math.abs(value).toFixed(decimals);
  const [whole = '0', fraction] = fixed.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `,${fraction}` : ''}`;
}

/** Øre (the API's money) → `1.234,50 kr.` */
export function formatPrice(ore: number): string {
  if (!Number.isInteger(ore)) throw new RangeError('A price is a whole number of øre');
  return `${formatNumber(ore / 100, 2)} kr.`;
}

/** Any way a CPR number may be written → `010190-XXXX`: the birth date shows, the serial number never does. */
export function maskCpr(cpr: string): string {
  const digits = cpr.replace(/\D/g, '');
  if (digits.length < 6) return 'XXXXXX-XXXX';
  return `${digits.slice(0, 6)}-XXXX`;
}

/** A count with its noun in the right number: `1 salgsenhed`, `3 salgsenheder`. */
export function formatCount(count: number, singular: string, plural: string): string {
  return `${formatNumber(count)} ${count === 1 ? singular : plural}`;
}
