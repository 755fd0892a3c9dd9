import { assertNever } from '../shared/decider.js';
import type { Allowance } from './allowance.js';
import type { GrantEvent, GrantOrderPlaced, LineKind } from './grant.events.js';
import { laterOf } from './windows.js';

/**
 * The state of a citizen's grant (stream `grant-<citizenId>`), folded from its events. Plain data (arrays, no
 * maps): a read model may store it as is and compute the grant view from it by date (grant-view.ts).
 */

export type LineStatus = 'ACTIVE' | 'INACTIVE';

/**
 * An allowance in force from `from` until `until` (exclusive; null: still in force), its windows anchored at
 * `from`. A line has one span per time it was added, reactivated or given a new allowance; none while
 * inactive. Spans never overlap, so every order date belongs to at most one span, and so to one window.
 */
export interface AllowanceSpan {
  readonly from: string;
  readonly until: string | null;
  readonly allowance: Allowance | null;
}

/**
 * Order accounting, kept in the grant stream so the orders issue can enforce caps atomically (ARCHITECTURE §4:
 * read, check and append with one expected revision of `grant-<citizenId>`). One entry per order line against
 * this grant line; it counts in the window that holds `orderDate`, and what is credited or cancelled is given
 * back to that same window (DOMAIN §4.2). One entry per order and grant line: an order that names a line twice
 * counts it once, with the sum. Always 0 ≤ givenBack ≤ salesUnits and 0 ≤ delivered ≤ salesUnits − givenBack.
 */
export interface LineOrder {
  readonly orderId: string;
  readonly orderDate: string;
  readonly salesUnits: number;
  /** Cancelled or credited sales units, given back to the order's window. */
  readonly givenBack: number;
  readonly delivered: number;
}

export interface GrantLine {
  readonly lineId: string;
  readonly itemNumber: string;
  readonly productName: string | null;
  readonly piecesPerSalesUnit: number;
  readonly grantArea: string;
  readonly kind: LineKind;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly status: LineStatus;
  /** The current allowance; while inactive, the one a plain reactivation restores. */
  readonly allowance: Allowance | null;
  readonly spans: readonly AllowanceSpan[];
  readonly orders: readonly LineOrder[];
}

export type GrantState =
  | { readonly status: 'none' }
  | {
      readonly status: 'granted';
      readonly citizenId: string;
      readonly lines: readonly GrantLine[];
      /** The lines the citizen's removal inactivated, which a reopening restores (absent: none pending). */
      readonly removedLineIds?: readonly string[];
    };

export const initialGrantState: GrantState = { status: 'none' };

export const findLine = (state: GrantState, lineId: string): GrantLine | null =>
  state.status === 'granted' ? (state.lines.find((line) => line.lineId === lineId) ?? null) : null;

/** The ACTIVE line of an item number, if any: at most one (DOMAIN §4). An expired one-time line still counts. */
export const activeLineOf = (state: GrantState, itemNumber: string): GrantLine | null =>
  state.status === 'granted' ? (state.lines.find((line) => line.itemNumber === itemNumber && line.status === 'ACTIVE') ?? null) : null;

export function evolveGrant(state: GrantState, event: GrantEvent): GrantState {
  switch (event.type) {
    case 'GrantLineAdded': {
      const { citizenId, allowanceEffectiveDate, productName, ...line } = event.data;
      const lines = state.status === 'granted' ? state.lines : [];
      const added: GrantLine = {
        ...line,
        productName: productName ?? null,
        status: 'ACTIVE',
        spans: [{ from: allowanceEffectiveDate, until: null, allowance: line.allowance }],
        orders: [],
      };
      return state.status === 'granted' ? { ...state, lines: [...lines, added] } : { status: 'granted', citizenId, lines: [added] };
    }
    case 'GrantLineAllowanceChanged': {
      const { allowance, piecesPerSalesUnit, effectiveDate } = event.data;
      return updateLine(state, event.data.lineId, (line) => ({
        ...line,
        allowance,
        piecesPerSalesUnit,
        spans: [...closeSpans(line.spans, effectiveDate), { from: effectiveDate, until: null, allowance }],
      }));
    }
    case 'GrantLineEndDateChanged':
      return updateLine(state, event.data.lineId, (line) => ({ ...line, endDate: event.data.endDate }));
    case 'GrantLineInactivated':
      return updateLine(state, event.data.lineId, (line) => ({
        ...line,
        status: 'INACTIVE',
        spans: closeSpans(line.spans, event.data.effectiveDate),
      }));
    case 'GrantLineReactivated': {
      const { piecesPerSalesUnit, effectiveDate } = event.data;
      return updateLine(state, event.data.lineId, (line) => {
        const allowance = event.data.allowance === undefined ? line.allowance : event.data.allowance;
        return {
          ...line,
          status: 'ACTIVE',
          allowance,
          piecesPerSalesUnit,
          spans: [...closeSpans(line.spans, effectiveDate), { from: effectiveDate, until: null, allowance }],
        };
      });
    }
    case 'GrantLinesInactivatedForStatus': {
      const { lineIds, effectiveDate, status } = event.data;
      const next = updateLines(state, lineIds, (line) => ({ ...line, status: 'INACTIVE', spans: closeSpans(line.spans, effectiveDate) }));
      const removal = status === 'DECEASED' || status === 'MOVED_AWAY';
      return next.status === 'granted' && removal ? { ...next, removedLineIds: lineIds } : next;
    }
    case 'GrantLinesRestored': {
      const { lineIds, effectiveDate } = event.data;
      // Each line's windows start on the restore's day, or on its own start if that is later.
      const next = updateLines(state, lineIds, (line) => {
        const from = laterOf(effectiveDate, line.startDate);
        return { ...line, status: 'ACTIVE', spans: [...closeSpans(line.spans, from), { from, until: null, allowance: line.allowance }] };
      });
      if (next.status !== 'granted') return next;
      const { removedLineIds: _restored, ...rest } = next;
      return rest;
    }
    case 'GrantOrderPlaced':
      return placeOrder(state, event.data);
    case 'GrantOrderLinesGivenBack': {
      // A cancellation gives back units not delivered; a credit, delivered ones: they are no longer delivered.
      const credited = event.data.reason === 'credited';
      return updateOrderLines(state, event.data.orderId, event.data.lines, (order, units) => {
        const givenBack = Math.min(order.salesUnits, order.givenBack + units);
        const delivered = credited ? Math.max(0, order.delivered - units) : Math.min(order.delivered, order.salesUnits - givenBack);
        return { ...order, givenBack, delivered };
      });
    }
    case 'GrantOrderLinesDelivered':
      return updateOrderLines(state, event.data.orderId, event.data.lines, (order, units) => ({
        ...order,
        delivered: Math.min(order.salesUnits - order.givenBack, order.delivered + units),
      }));
    default:
      return assertNever(event);
  }
}

/** Sales units per grant line, in the order lines first name them: an order may name a line twice. */
export function unitsPerLine(lines: readonly { readonly lineId: string; readonly salesUnits: number }[]): Map<string, number> {
  const totals = new Map<string, number>();
  for (const { lineId, salesUnits } of lines) totals.set(lineId, (totals.get(lineId) ?? 0) + Math.max(0, salesUnits));
  return totals;
}

/** Order ids are unique, so an order a line already counts is not counted again (a duplicate never double-counts). */
function placeOrder(state: GrantState, data: GrantOrderPlaced['data']): GrantState {
  if (state.status !== 'granted') return state;
  const totals = unitsPerLine(data.lines);
  return {
    ...state,
    lines: state.lines.map((line) => {
      const salesUnits = totals.get(line.lineId);
      if (salesUnits === undefined || line.orders.some((order) => order.orderId === data.orderId)) return line;
      return { ...line, orders: [...line.orders, { orderId: data.orderId, orderDate: data.orderDate, salesUnits, givenBack: 0, delivered: 0 }] };
    }),
  };
}

/** Applies `change` to the order's entry on each named line; unknown lines and orders are left alone. */
function updateOrderLines(
  state: GrantState,
  orderId: string,
  lines: readonly { readonly lineId: string; readonly salesUnits: number }[],
  change: (order: LineOrder, salesUnits: number) => LineOrder,
): GrantState {
  if (state.status !== 'granted') return state;
  const totals = unitsPerLine(lines);
  return {
    ...state,
    lines: state.lines.map((line) => {
      const salesUnits = totals.get(line.lineId);
      if (salesUnits === undefined) return line;
      return { ...line, orders: line.orders.map((order) => (order.orderId === orderId ? change(order, salesUnits) : order)) };
    }),
  };
}

/** Ends the open span at `date`; a span that would end before it began ends where it began (it never applied). */
const closeSpans = (spans: readonly AllowanceSpan[], date: string): AllowanceSpan[] =>
  spans.map((span) => (span.until === null ? { ...span, until: laterOf(span.from, date) } : span));

function updateLine(state: GrantState, lineId: string, change: (line: GrantLine) => GrantLine): GrantState {
  return updateLines(state, [lineId], change);
}

function updateLines(state: GrantState, lineIds: readonly string[], change: (line: GrantLine) => GrantLine): GrantState {
  if (state.status !== 'granted') return state;
  return { ...state, lines: state.lines.map((line) => (lineIds.includes(line.lineId) ? change(line) : line)) };
}

