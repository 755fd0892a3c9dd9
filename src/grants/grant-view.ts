import type { Allowance } from './allowance.js';
import { mayActInGrantArea, type GrantActor } from './grant-access.js';
import type { GrantLine, GrantState, LineStatus } from './grant.state.js';
import type { LineKind } from './grant.events.js';
import {
  consumptionWindowOn,
  deliveredIn,
  isExpiredOn,
  lastOrderDateOf,
  lineNextOrderDate,
  orderedIn,
  pastConsumptionWindows,
  type ConsumptionWindow,
} from './line-accounting.js';
import { remainingOf } from './windows.js';

/**
 * A citizen's grant as API.md's GET /citizens/:id/grant shows it (DOMAIN §4.3), computed from the folded
 * grant state and a date. Pure and complete: the read model stores the state and calls this at query time
 * (so windows roll over with the date, without writes), and the audit view "grant as of an instant" folds the
 * events up to that instant and calls it with that instant's Copenhagen date.
 */

/** What the catalogue and the caller's agreement add (DOMAIN §3); the application looks it up. */
export interface LineCatalogueFacts {
  /** The catalogue's current name, if it should replace the one recorded on the line. */
  readonly name?: string | null;
  readonly onAgreement: boolean;
  readonly pricePerSalesUnit: number;
  readonly pricePerPiece: number;
  /** The product's sales unit ("æske à 30 stk."): the prices per sales unit and per piece are read against it. */
  readonly salesUnit?: SalesUnitView;
}

export interface SalesUnitView {
  readonly name: string;
  readonly pieces: number;
}

export interface GrantViewInput {
  readonly citizenId: string;
  readonly state: GrantState;
  /** YYYY-MM-DD, Europe/Copenhagen: "now", or the as-of instant's date. */
  readonly today: string;
  /** "Vis alle varer": inactive lines too. Default: active lines only. */
  readonly includeInactive?: boolean;
  /** Lines in areas the viewer was not given are left out (API.md). Absent: every area. */
  readonly viewer?: GrantActor;
  readonly catalogue?: (itemNumber: string) => LineCatalogueFacts | null;
}

/**
 * Dates as in the line's windows: `end` exclusive (the next window's start), `lastDay` inclusive. A line with
 * an allowance shows its calculation window; one without shows its consumption period (a calendar month, or a
 * one-time line's whole life; line-accounting.ts consumptionWindowOn), so "Leveret på bevillingen" is shown
 * for every line in force.
 */
export interface WindowView {
  readonly start: string;
  readonly end: string;
  readonly lastDay: string;
  readonly ordered: number;
  readonly delivered: number;
}

export interface HistoryEntry extends WindowView {
  /** The cap in force in that window; null: a consumption period of a line without an allowance. */
  readonly grantedMax: number | null;
}

export interface GrantLineView {
  readonly lineId: string;
  readonly itemNumber: string;
  readonly productName: string | null;
  readonly onAgreement: boolean;
  readonly pricePerSalesUnit: number | null;
  readonly pricePerPiece: number | null;
  /** null when the product is not in the catalogue. (Beside API.md's fields.) */
  readonly salesUnit: SalesUnitView | null;
  readonly grantArea: string;
  readonly kind: LineKind;
  readonly status: LineStatus;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly allowance: Allowance | null;
  /** The current window, or period when there is no allowance; null when the line is not in force today (inactive, not started, expired). */
  readonly window: WindowView | null;
  /** Sales units that may still be ordered in the current window; null: no cap. (Beside API.md's fields.) */
  readonly remaining: number | null;
  /** A one-time line past its end date. (Beside API.md's fields.) */
  readonly expired: boolean;
  readonly lastOrderDate: string | null;
  /** null: cannot be ordered on again (inactive, expired, or a one-time allowance used up). */
  readonly nextOrderDate: string | null;
  /** Past windows (and, without an allowance, past calendar months), oldest first. */
  readonly history: readonly HistoryEntry[];
}

export interface GrantView {
  readonly citizenId: string;
  readonly areas: readonly { readonly grantArea: string; readonly lines: readonly GrantLineView[] }[];
}

const danish = new Intl.Collator('da');

export function grantView(input: GrantViewInput): GrantView {
  const { state, today, viewer, catalogue } = input;
  const lines = state.status === 'granted' ? state.lines : [];
  const shown = lines
    .filter((line) => (input.includeInactive === true || line.status === 'ACTIVE') && (!viewer || mayActInGrantArea(viewer, line.grantArea)))
    .map((line) => grantLineView(line, today, catalogue?.(line.itemNumber) ?? null))
    .sort(byStatusThenName);
  const areaNames = [...new Set(shown.map((line) => line.grantArea))].sort(danish.compare);
  return {
    citizenId: input.citizenId,
    areas: areaNames.map((grantArea) => ({ grantArea, lines: shown.filter((line) => line.grantArea === grantArea) })),
  };
}

export function grantLineView(line: GrantLine, today: string, facts: LineCatalogueFacts | null = null): GrantLineView {
  const current = consumptionWindowOn(line, today);
  const window = current === null ? null : windowView(line, current);
  return {
    lineId: line.lineId,
    itemNumber: line.itemNumber,
    productName: facts?.name ?? line.productName,
    onAgreement: facts?.onAgreement ?? false,
    pricePerSalesUnit: facts?.pricePerSalesUnit ?? null,
    pricePerPiece: facts?.pricePerPiece ?? null,
    salesUnit: facts?.salesUnit ?? null,
    grantArea: line.grantArea,
    kind: line.kind,
    status: line.status,
    startDate: line.startDate,
    endDate: line.endDate,
    allowance: line.allowance,
    window,
    remaining: current === null || current.allowance === null || window === null ? null : remainingOf(current.allowance.grantedMax, window.ordered),
    expired: isExpiredOn(line, today),
    lastOrderDate: lastOrderDateOf(line),
    nextOrderDate: lineNextOrderDate(line, today),
    history: pastConsumptionWindows(line, today).map((past) => ({ ...windowView(line, past), grantedMax: past.allowance?.grantedMax ?? null })),
  };
}

const windowView = (line: GrantLine, window: ConsumptionWindow): WindowView => ({
  start: window.start,
  end: window.end,
  lastDay: window.lastDay,
  ordered: orderedIn(line, window),
  delivered: deliveredIn(line, window),
});

function byStatusThenName(a: GrantLineView, b: GrantLineView): number {
  if (a.status !== b.status) return a.status === 'ACTIVE' ? -1 : 1;
  return danish.compare(a.productName ?? a.itemNumber, b.productName ?? b.itemNumber) || danish.compare(a.itemNumber, b.itemNumber) || danish.compare(a.lineId, b.lineId);
}
