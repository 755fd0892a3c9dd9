import { formatDate } from '../../lib/format';
import type { GrantView, GrantViewLine } from './api';

/**
 * The grant as it stood at an instant beside today's (DOMAIN §7), line by line: what was granted only then, only
 * now, or both, and for a line in both the facts that differ. Pure. Both views carry the inactive lines, so a
 * line inactivated since shows as changed, not gone.
 */
export type LineChange = 'added' | 'gone' | 'changed' | 'same';

export interface FieldDifference {
  readonly label: string;
  readonly then: string;
  readonly now: string;
}

export interface ComparedLine {
  readonly lineId: string;
  readonly itemNumber: string;
  readonly productName: string | null;
  readonly grantArea: string;
  readonly change: LineChange;
  readonly then: GrantViewLine | null;
  readonly now: GrantViewLine | null;
  readonly differences: readonly FieldDifference[];
}

const dash = '–';
const dateText = (value: string | null | undefined): string => (value ? formatDate(value) : dash);

/** The facts of a line compared, each as the page shows it. */
export const LINE_FACTS: ReadonlyArray<readonly [string, (line: GrantViewLine) => string]> = [
  ['Status', (line) => (line.status === 'ACTIVE' ? 'Aktiv' : 'Inaktiv')],
  ['Type', (line) => (line.kind === 'one_time' ? 'Engangsbevilling' : 'Løbende')],
  ['Startdato', (line) => dateText(line.startDate)],
  ['Slutdato', (line) => dateText(line.endDate)],
  ['Bevilget max.', (line) => (line.allowance ? `${line.allowance.grantedMax} pr. ${line.allowance.periodMonths} mdr.` : 'Uden max.')],
  ['Salgsenheder pr. ordre', (line) => (line.allowance?.salesUnitsPerOrder == null ? dash : String(line.allowance.salesUnitsPerOrder))],
  ['Periode', (line) => (line.window ? `${formatDate(line.window.start)} – ${formatDate(line.window.lastDay)}` : dash)],
  ['Bestilt i perioden', (line) => (line.window ? String(line.window.ordered) : dash)],
  ['Leveret på bevillingen', (line) => (line.window ? String(line.window.delivered) : dash)],
];

const linesOf = (view: GrantView): GrantViewLine[] => view.areas.flatMap((area) => area.lines);

export function compareGrants(then: GrantView, now: GrantView): ComparedLine[] {
  const thenLines = new Map(linesOf(then).map((line) => [line.lineId, line]));
  const nowLines = new Map(linesOf(now).map((line) => [line.lineId, line]));
  const ids = [...new Set([...thenLines.keys(), ...nowLines.keys()])];
  const compared = ids.map((lineId): ComparedLine => {
    const before = thenLines.get(lineId) ?? null;
    const after = nowLines.get(lineId) ?? null;
    const line = (after ?? before) as GrantViewLine;
    const differences =
      before && after
        ? LINE_FACTS.flatMap(([label, fact]) => (fact(before) === fact(after) ? [] : [{ label, then: fact(before), now: fact(after) }]))
        : [];
    const change: LineChange = !before ? 'added' : !after ? 'gone' : differences.length > 0 ? 'changed' : 'same';
    return { lineId, itemNumber: line.itemNumber, productName: line.productName, grantArea: line.grantArea, change, then: before, now: after, differences };
  });
  return compared.sort((a, b) => a.grantArea.localeCompare(b.grantArea, 'da') || a.itemNumber.localeCompare(b.itemNumber, 'da'));
}

export const CHANGE_NAMES: Readonly<Record<LineChange, string>> = {
  added: 'Bevilget siden',
  gone: 'Ikke længere på bevillingen',
  changed: 'Ændret siden',
  same: 'Uændret',
};

/**
 * A Copenhagen wall-clock date and time ("2026-11-03", "14:30") as an instant (ISO-8601 UTC), whatever the
 * browser's time zone. Null for a time that is not HH:MM.
 */
export function copenhagenInstant(date: string, time: string): string | null {
  const [y, m, d] = date.split('-').map(Number);
  const match = /^([01]?[0-9]|2[0-3])[:.]([0-5][0-9])$/.exec(time.trim());
  if (!match || !y || !m || !d) return null;
  const wall = Date.UTC(y, m - 1, d, Number(match[1]), Number(match[2]));
  // The offset at the wall time read as UTC, then again at the instant found (it differs only around a DST switch).
  let instant = wall - copenhagenOffset(wall);
  instant = wall - copenhagenOffset(instant);
  return new Date(instant).toISOString();
}

function copenhagenOffset(instant: number): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/Copenhagen',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return asUtc - Math.floor(instant / 1000) * 1000;
}
