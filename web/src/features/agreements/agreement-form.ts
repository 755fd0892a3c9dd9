import type { AgreementPeriod, PeriodBody } from './api';

/**
 * The agreement page's form: an item's price and validity period, added to the item's other periods or replacing
 * one of them. Whether the periods overlap, or end before they start, is the service's rule (it answers with the
 * period at fault); the page only reads what was typed.
 */

export const ITEM_NUMBER = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/** Kroner as a Dane types them — `123`, `123,5`, `1.234,50`, `123.50` — in øre; null when it is no such amount. */
export function parseKroner(text: string): number | null {
  const typed = text.trim().replace(/\s|kr\.?$/gi, '');
  // A comma is the decimal sign; with none, a dot followed by exactly 1–2 digits at the end is one too.
  const decimal = typed.includes(',') ? typed.lastIndexOf(',') : /\.\d{1,2}$/.test(typed) ? typed.lastIndexOf('.') : -1;
  const whole = (decimal < 0 ? typed : typed.slice(0, decimal)).replace(/\.(?=\d{3}(\.|$))/g, '');
  const fraction = decimal < 0 ? '' : typed.slice(decimal + 1);
  if (!/^\d{1,9}$/.test(whole) || !/^\d{0,2}$/.test(fraction)) return null;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** øre as the field shows them: `1234,50`. */
export const kronerText = (oere: number): string => `${Math.floor(oere / 100)},${String(oere % 100).padStart(2, '0')}`;

const body = (period: Pick<AgreementPeriod, 'pricePerSalesUnit' | 'validFrom' | 'validTo'>): PeriodBody => ({
  pricePerSalesUnit: period.pricePerSalesUnit,
  validFrom: period.validFrom,
  validTo: period.validTo,
});

/**
 * The item's periods to send: `current` with `replacing` (the period being changed, by its first day) swapped for
 * `period`, or `period` added when nothing is being replaced; `period` null takes `replacing` away.
 */
export function periodsToSend(current: readonly AgreementPeriod[], period: PeriodBody | null, replacing: string | null): PeriodBody[] {
  const kept = current.filter((existing) => existing.validFrom !== replacing).map(body);
  return period ? [...kept, period] : kept;
}
