/** The catalogue import's per-row report in Danish (the row codes of POST /catalogue/imports, README "HTTP API"). */
const ROW_MESSAGES: Readonly<Record<string, string>> = {
  ITEM_NUMBER_MISSING: 'Varenummer mangler.',
  ITEM_NUMBER_INVALID: 'Varenummeret er ugyldigt.',
  NAME_MISSING: 'Navn mangler.',
  MANUFACTURER_MISSING: 'Producent mangler.',
  GROUP_MISSING: 'Varegruppe mangler.',
  GROUP_INVALID: 'Varegruppen er ugyldig (fx "Stomi > Poser").',
  SALES_UNIT_NAME_MISSING: 'Salgsenhed mangler.',
  PIECES_MISSING: 'Antal stk. pr. salgsenhed mangler.',
  PIECES_INVALID: 'Antal stk. pr. salgsenhed skal være et helt tal over 0.',
  PRICE_MISSING: 'Listepris mangler.',
  PRICE_INVALID: 'Listeprisen er ugyldig (kroner med decimalkomma, fx 1.299,50).',
  DATASHEET_URL_INVALID: 'Et datablads adresse er ugyldig.',
  FIELD_TOO_LONG: 'Et felt er for langt.',
  FIELD_TYPE_INVALID: 'Et felt har en forkert type.',
  FIELD_INVALID: 'Et felt er ugyldigt.',
  COLUMN_COUNT_MISMATCH: 'Rækken har ikke det samme antal kolonner som overskriften.',
  ROW_NOT_OBJECT: 'Rækken er ikke en vare.',
  DUPLICATE_ITEM_NUMBER: 'Varenummeret står allerede på en tidligere række; kun én række pr. vare indlæses.',
};

export const rowMessage = (code: string): string => ROW_MESSAGES[code] ?? 'Rækken er ugyldig.';

/** The summary line of an import. */
export function importSummary(report: { accepted: number; added: number; changed: number; unchanged: number; rejected: readonly unknown[] }): string {
  const rows = (n: number) => `${n} ${n === 1 ? 'række' : 'rækker'}`;
  return `${rows(report.accepted)} indlæst: ${report.added} nye, ${report.changed} ændrede, ${report.unchanged} uændrede. ${rows(report.rejected.length)} afvist.`;
}

/** Upload progress in whole percent, or null while the size is unknown. */
export const percent = (loaded: number, total: number): number | null => (total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : null);
