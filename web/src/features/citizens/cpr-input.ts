/**
 * A CPR number as a person types it (DOMAIN §2.1: `DDMMYY-SSSS` or `DDMMYYSSSS`). The service decides whether a
 * number is valid; the portal only tidies what was typed and says early when a search criterion cannot be one.
 */

/** The typed number without its separators: what "Brugernavn til webshop" follows (the default username is the 10 digits). */
export const withoutSeparators = (typed: string): string => typed.replace(/[\s-]/g, '');

export type CprSearch = { readonly ok: true; readonly cpr?: string } | { readonly ok: false };

/** A search criterion is the whole number or its first 6 digits (the birth date), with one optional separator. */
export function cprSearchCriterion(typed: string): CprSearch {
  const trimmed = typed.trim();
  if (trimmed === '') return { ok: true };
  if (/^\d{6}$/.test(trimmed)) return { ok: true, cpr: trimmed };
  const whole = /^(\d{6})[\s-]?(\d{4})$/.exec(trimmed);
  return whole ? { ok: true, cpr: `${whole[1]}${whole[2]}` } : { ok: false };
}

/** The full number as the guide writes it: `DDMMYY-SSSS`. */
export const hyphenatedCpr = (cpr: string): string => (/^\d{10}$/.test(cpr) ? `${cpr.slice(0, 6)}-${cpr.slice(6)}` : cpr);
