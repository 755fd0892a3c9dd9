import { describe, expect, it } from '@jest/globals';
import { fold } from '../../src/shared/decider.js';
import { grantDecider } from '../../src/grants/grant.decider.js';
import type { GrantState, LineOrder } from '../../src/grants/grant.state.js';
import type { GrantEvent } from '../../src/grants/grant.events.js';
import { grantView, type GrantLineView } from '../../src/grants/grant-view.js';
import { CITIZEN_ID, FOUR_A_DAY, lineAdded, TWO_A_DAY } from './grant-fixtures.js';

const added = lineAdded;


const order = (orderDate: string, salesUnits: number, more: Partial<LineOrder> = {}): LineOrder => ({
  orderId: `order-${orderDate}-${salesUnits}`,
  orderDate,
  salesUnits,
  givenBack: 0,
  delivered: 0,
  ...more,
});

/** The orders issue will fold order events into GrantLine.orders; until then the tests place them there. */
function grantOf(events: readonly GrantEvent[], orders: Record<string, readonly LineOrder[]> = {}): GrantState {
  const state = fold(grantDecider, events);
  if (state.status !== 'granted') return state;
  return { ...state, lines: state.lines.map((line) => ({ ...line, orders: orders[line.lineId] ?? line.orders })) };
}

const lineOn = (state: GrantState, today: string, lineId = 'line-1'): GrantLineView => {
  const line = grantView({ citizenId: CITIZEN_ID, state, today, includeInactive: true })
    .areas.flatMap((area) => area.lines)
    .find((candidate) => candidate.lineId === lineId);
  if (!line) throw new Error(`no line ${lineId}`);
  return line;
};

describe('windows roll over by date alone (issue 4.6): no event, no scheduled write', () => {
  const state = grantOf([added()], { 'line-1': [order('2026-02-10', 5), order('2026-04-29', 8)] });

  it('on the last day of a window the line shows that window, with what was ordered in it', () => {
    const line = lineOn(state, '2026-04-29');
    expect(line.window).toEqual({ start: '2026-01-31', end: '2026-04-30', lastDay: '2026-04-29', ordered: 13, delivered: 0 });
    expect(line.remaining).toBe(0);
    expect(line.nextOrderDate).toBe('2026-04-30');
    expect(line.history).toEqual([]);
  });

  it('a line whose window ended yesterday shows today’s window, the ended one in its history', () => {
    const line = lineOn(state, '2026-04-30');
    expect(line.window).toEqual({ start: '2026-04-30', end: '2026-07-31', lastDay: '2026-07-30', ordered: 0, delivered: 0 });
    expect(line.remaining).toBe(13);
    expect(line.nextOrderDate).toBe('2026-04-30');
    expect(line.history).toEqual([{ start: '2026-01-31', end: '2026-04-30', lastDay: '2026-04-29', grantedMax: 13, ordered: 13, delivered: 0 }]);
  });

  it('history lists every past window, oldest first, empty ones included', () => {
    const line = lineOn(state, '2027-01-31');
    expect(line.window?.start).toBe('2027-01-31');
    expect(line.history.map((window) => [window.start, window.ordered])).toEqual([
      ['2026-01-31', 13],
      ['2026-04-30', 0],
      ['2026-07-31', 0],
      ['2026-10-31', 0],
    ]);
  });
});

describe('the next order date of a line (DOMAIN §4.2)', () => {
  it('today while something remains in the current window', () => {
    const line = lineOn(grantOf([added()], { 'line-1': [order('2026-02-10', 12)] }), '2026-03-01');
    expect(line).toMatchObject({ nextOrderDate: '2026-03-01', remaining: 1, lastOrderDate: '2026-02-10' });
  });

  it('the next window’s start when grantedMax is used up; what is credited or cancelled is given back', () => {
    expect(lineOn(grantOf([added()], { 'line-1': [order('2026-02-10', 13)] }), '2026-03-01').nextOrderDate).toBe('2026-04-30');
    const credited = lineOn(grantOf([added()], { 'line-1': [order('2026-02-10', 13, { givenBack: 2, delivered: 11 })] }), '2026-03-01');
    expect(credited).toMatchObject({ nextOrderDate: '2026-03-01', remaining: 2 });
    expect(credited.window).toMatchObject({ ordered: 11, delivered: 11 });
  });

  it('an order counts in the window that holds its order date, not in the window of today', () => {
    const line = lineOn(grantOf([added()], { 'line-1': [order('2026-04-29', 13)] }), '2026-05-02');
    expect(line).toMatchObject({ nextOrderDate: '2026-05-02', remaining: 13, lastOrderDate: '2026-04-29' });
  });

  it('today, with no cap, for a line without an allowance (its window is the calendar month: grant-no-max.test.ts)', () => {
    const line = lineOn(grantOf([added({ allowance: null })], { 'line-1': [order('2026-02-10', 99)] }), '2026-03-01');
    expect(line).toMatchObject({ window: { start: '2026-03-01', ordered: 0 }, remaining: null, nextOrderDate: '2026-03-01' });
  });

  it('the start date of a line that has not started', () => {
    expect(lineOn(grantOf([added({ startDate: '2026-05-01' })]), '2026-03-01')).toMatchObject({ window: null, nextOrderDate: '2026-05-01' });
  });

  it('none for an inactive line; it is shown only with "Vis alle varer"', () => {
    const state = grantOf([added(), { type: 'GrantLineInactivated', data: { citizenId: CITIZEN_ID, lineId: 'line-1', effectiveDate: '2026-03-01' } }]);
    expect(lineOn(state, '2026-03-02')).toMatchObject({ status: 'INACTIVE', window: null, nextOrderDate: null, remaining: null });
    expect(grantView({ citizenId: CITIZEN_ID, state, today: '2026-03-02' }).areas).toEqual([]);
  });
});

describe('a one-time line: one window for its whole life, start to end date', () => {
  const oneTime = added({ kind: 'one_time', startDate: '2026-03-01', endDate: '2026-08-15', allowance: { grantedMax: 4, periodMonths: 3, quantity: null, per: null, salesUnitsPerOrder: 4 } });

  it('its window is its life, whatever the period; ordered counts everything since the start', () => {
    const line = lineOn(grantOf([oneTime], { 'line-1': [order('2026-03-05', 1), order('2026-07-01', 2)] }), '2026-08-01');
    expect(line.window).toEqual({ start: '2026-03-01', end: '2026-08-16', lastDay: '2026-08-15', ordered: 3, delivered: 0 });
    expect(line).toMatchObject({ remaining: 1, nextOrderDate: '2026-08-01', expired: false });
  });

  it('used up, it cannot be ordered on again: no next order date', () => {
    expect(lineOn(grantOf([oneTime], { 'line-1': [order('2026-03-05', 4)] }), '2026-04-01')).toMatchObject({ remaining: 0, nextOrderDate: null });
  });

  it('past its end date it is expired: no window, no next order date, its one window in the history', () => {
    const line = lineOn(grantOf([oneTime], { 'line-1': [order('2026-03-05', 1)] }), '2026-08-16');
    expect(line).toMatchObject({ expired: true, window: null, nextOrderDate: null });
    expect(line.history).toEqual([{ start: '2026-03-01', end: '2026-08-16', lastDay: '2026-08-15', grantedMax: 4, ordered: 1, delivered: 0 }]);
  });
});

describe('an allowance change re-anchors the windows at the change date (DOMAIN §4.3)', () => {
  const state = grantOf(
    [
      added(),
      { type: 'GrantLineAllowanceChanged', data: { citizenId: CITIZEN_ID, lineId: 'line-1', allowance: TWO_A_DAY, piecesPerSalesUnit: 30, effectiveDate: '2026-03-10' } },
    ],
    { 'line-1': [order('2026-02-01', 13), order('2026-03-12', 7)] },
  );

  it('the old window ends at the change, with the old grantedMax; the new one starts there, with the new', () => {
    const line = lineOn(state, '2026-04-01');
    expect(line.window).toEqual({ start: '2026-03-10', end: '2026-06-10', lastDay: '2026-06-09', ordered: 7, delivered: 0 });
    expect(line).toMatchObject({ remaining: 0, nextOrderDate: '2026-06-10', allowance: TWO_A_DAY });
    expect(line.history).toEqual([{ start: '2026-01-31', end: '2026-03-10', lastDay: '2026-03-09', grantedMax: 13, ordered: 13, delivered: 0 }]);
  });

  it('inactive times have no windows: after a reactivation the windows start at the reactivation date', () => {
    const reactivated = grantOf([
      added(),
      { type: 'GrantLineInactivated', data: { citizenId: CITIZEN_ID, lineId: 'line-1', effectiveDate: '2026-03-10' } },
      { type: 'GrantLineReactivated', data: { citizenId: CITIZEN_ID, lineId: 'line-1', piecesPerSalesUnit: 30, effectiveDate: '2026-09-15' } },
    ]);
    const line = lineOn(reactivated, '2027-01-01');
    expect(line.window).toMatchObject({ start: '2026-12-15', end: '2027-03-15' });
    expect(line.history.map((window) => [window.start, window.end, window.grantedMax])).toEqual([
      ['2026-01-31', '2026-03-10', 13],
      ['2026-09-15', '2026-12-15', 13],
    ]);
  });
});

describe('the grant as API.md shows it: lines grouped by grant area', () => {
  const state = grantOf([
    added(),
    added({ lineId: 'line-2', itemNumber: '101001', productName: 'Bleer', grantArea: 'Inkontinens', allowance: null }),
    added({ lineId: 'line-3', itemNumber: '201001', productName: 'Kateter Classic', grantArea: 'Kateter', allowance: null }),
    added({ lineId: 'line-4', itemNumber: '301009', productName: 'Afløbspose', grantArea: 'Stomi', allowance: null }),
    { type: 'GrantLineInactivated', data: { citizenId: CITIZEN_ID, lineId: 'line-3', effectiveDate: '2026-02-01' } },
  ]);

  it('active lines by area (areas and products in Danish order); inactive ones only on request', () => {
    const view = grantView({ citizenId: CITIZEN_ID, state, today: '2026-03-01' });
    expect(view.citizenId).toBe(CITIZEN_ID);
    expect(view.areas.map((area) => [area.grantArea, area.lines.map((line) => line.lineId)])).toEqual([
      ['Inkontinens', ['line-2']],
      ['Stomi', ['line-4', 'line-1']],
    ]);
    const all = grantView({ citizenId: CITIZEN_ID, state, today: '2026-03-01', includeInactive: true });
    expect(all.areas.map((area) => area.grantArea)).toEqual(['Inkontinens', 'Kateter', 'Stomi']);
  });

  it('lines in areas the viewer was not given are left out; roles without area scoping see all', () => {
    const nurse = grantView({ citizenId: CITIZEN_ID, state, today: '2026-03-01', includeInactive: true, viewer: { role: 'nurse', grantAreas: ['Stomi', 'Kateter'] } });
    expect(nurse.areas.map((area) => area.grantArea)).toEqual(['Kateter', 'Stomi']);
    const service = grantView({ citizenId: CITIZEN_ID, state, today: '2026-03-01', viewer: { role: 'customer_service', grantAreas: [] } });
    expect(service.areas.map((area) => area.grantArea)).toEqual(['Inkontinens', 'Stomi']);
  });

  it('every field of API.md’s line, with the star, prices and sales unit the catalogue adds', () => {
    const view = grantView({
      citizenId: CITIZEN_ID,
      state,
      today: '2026-03-01',
      catalogue: (itemNumber) =>
        itemNumber === '301004' ? { onAgreement: true, pricePerSalesUnit: 103900, pricePerPiece: 3463, salesUnit: { name: 'æske', pieces: 30 } } : null,
    });
    const line = view.areas.find((area) => area.grantArea === 'Stomi')?.lines.find((candidate) => candidate.lineId === 'line-1');
    expect(line).toEqual({
      lineId: 'line-1',
      itemNumber: '301004',
      productName: 'Stomipose Åben',
      onAgreement: true,
      pricePerSalesUnit: 103900,
      pricePerPiece: 3463,
      salesUnit: { name: 'æske', pieces: 30 },
      grantArea: 'Stomi',
      kind: 'continuous',
      status: 'ACTIVE',
      startDate: '2026-01-31',
      endDate: null,
      allowance: FOUR_A_DAY,
      window: { start: '2026-01-31', end: '2026-04-30', lastDay: '2026-04-29', ordered: 0, delivered: 0 },
      remaining: 13,
      expired: false,
      lastOrderDate: null,
      nextOrderDate: '2026-03-01',
      history: [],
    });
    const unpriced = view.areas.find((area) => area.grantArea === 'Inkontinens')?.lines[0];
    expect(unpriced).toMatchObject({ onAgreement: false, pricePerSalesUnit: null, pricePerPiece: null, salesUnit: null });
  });

  it('an empty grant has no areas', () => {
    expect(grantView({ citizenId: CITIZEN_ID, state: { status: 'none' }, today: '2026-03-01' })).toEqual({ citizenId: CITIZEN_ID, areas: [] });
  });
});
