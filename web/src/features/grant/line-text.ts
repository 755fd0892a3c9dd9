import { formatDate } from '../../lib/format';
import type { GrantLine } from './types';

/** How a grant line reads on "Borgers bevilling", in the user guide's words (p. 3, 6, 7). */

const PERIODS: Readonly<Record<number, string>> = { 3: '3 måneder', 12: '12 måneder' };

/** "Løbende" or "Engangsbevilling", with its dates. */
export function kindText(line: Pick<GrantLine, 'kind' | 'startDate' | 'endDate'>): string {
  if (line.kind === 'one_time') return `Engangsbevilling ${formatDate(line.startDate)}–${line.endDate ? formatDate(line.endDate) : ''}`;
  return `Løbende fra ${formatDate(line.startDate)}`;
}

/** "Bevilget max." per calculation period; a one-time line's is for its whole life (DOMAIN §4.1). */
export function grantedMaxText(line: Pick<GrantLine, 'kind' | 'allowance'>): string {
  if (line.allowance === null) return 'Ingen grænse';
  if (line.kind === 'one_time') return `${line.allowance.grantedMax} i alt`;
  return `${line.allowance.grantedMax} pr. ${PERIODS[line.allowance.periodMonths] ?? `${line.allowance.periodMonths} måneder`}`;
}

/** A window's dates, first and last day. */
export const periodText = (window: { readonly start: string; readonly lastDay: string }): string => `${formatDate(window.start)}–${formatDate(window.lastDay)}`;

/** The price per sales unit names the unit ("pr. æske") when the catalogue knows it. */
export const perSalesUnitText = (line: Pick<GrantLine, 'salesUnit'>): string => `pr. ${line.salesUnit?.name ?? 'salgsenhed'}`;

/** What one sales unit holds ("æske à 30 stk."): the prices per sales unit and per piece are read against it. */
export const salesUnitText = (line: Pick<GrantLine, 'salesUnit'>): string | null =>
  line.salesUnit ? `${line.salesUnit.name} à ${line.salesUnit.pieces} stk.` : null;
