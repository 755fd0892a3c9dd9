import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { grantDecider } from '../../src/grants/grant.decider.js';
import type { GrantEvent } from '../../src/grants/grant.events.js';
import type { GrantLine, GrantState, LineOrder } from '../../src/grants/grant.state.js';
import { grantLineView } from '../../src/grants/grant-view.js';
import { consumptionWindowOn, lineWindowOn, orderedIn, pastConsumptionWindows, pastLineWindows } from '../../src/grants/line-accounting.js';
import { addMonths, startOfMonth } from '../../src/grants/windows.js';
import { fold } from '../../src/shared/decider.js';
import { CITIZEN_ID, FOUR_A_DAY, lineAdded } from './grant-fixtures.js';

/**
 * "Leveret på bevillingen" and the consumption history of a line granted without a max (DOMAIN §4.2, the
 * guide's default): a continuous line is counted per calendar month, cut at its start and at inactivations; a
 * one-time line over its whole life. Nothing caps such a line: no remaining, no bell.
 */

const order = (orderId: string, orderDate: string, salesUnits: number, more: Partial<LineOrder> = {}): LineOrder => ({
  orderId,
  orderDate,
  salesUnits,
  givenBack: 0,
  delivered: 0,
  ...more,
});

function lineOf(events: readonly GrantEvent[], orders: readonly LineOrder[] = []): GrantLine {
  const state: GrantState = fold(grantDecider, events);
  if (state.status !== 'granted' || !state.lines[0]) throw new Error('no line');
  return { ...state.lines[0], orders };
}

/** Continuous, no max, from 15 January 2026. */
const NO_MAX = lineAdded({ startDate: '2026-01-15', allowance: null });
const inactivated = (effectiveDate: string): GrantEvent => ({ type: 'GrantLineInactivated', data: { citizenId: CITIZEN_ID, lineId: 'line-1', effectiveDate } });
const reactivated = (effectiveDate: string, allowance?: typeof FOUR_A_DAY | null): GrantEvent => ({
  type: 'GrantLineReactivated',
  data: { citizenId: CITIZEN_ID, lineId: 'line-1', piecesPerSalesUnit: 30, effectiveDate, ...(allowance === undefined ? {} : { allowance }) },
});

describe('a continuous line without a max is counted per calendar month', () => {
  const orders = [
    order('o-1', '2026-01-20', 3, { delivered: 3 }),
    order('o-2', '2026-02-01', 4, { givenBack: 1, delivered: 2 }),
    order('o-3', '2026-02-28', 5, { givenBack: 5 }),
    order('o-4', '2026-03-02', 2, { delivered: 1 }),
  ];
  const line = lineOf([NO_MAX], orders);

  it('today’s window is this month, with what was ordered (less what was given back) and delivered; no cap', () => {
    expect(lineWindowOn(line, '2026-03-10')).toBeNull(); // the caps still see no window: nothing is refused
    expect(grantLineView(line, '2026-03-10')).toMatchObject({
      allowance: null,
      window: { start: '2026-03-01', end: '2026-04-01', lastDay: '2026-03-31', ordered: 2, delivered: 1 },
      remaining: null,
      nextOrderDate: '2026-03-10',
      lastOrderDate: '2026-03-02',
    });
  });

  it('the history lists the past months, oldest first, the first cut at the line’s start; credits and cancellations given back', () => {
    expect(grantLineView(line, '2026-03-10').history).toEqual([
      { start: '2026-01-15', end: '2026-02-01', lastDay: '2026-01-31', grantedMax: null, ordered: 3, delivered: 3 },
      { start: '2026-02-01', end: '2026-03-01', lastDay: '2026-02-28', grantedMax: null, ordered: 3, delivered: 2 },
    ]);
  });

  it('a month rolls over by the date alone: on the 1st the month just ended is history', () => {
    const view = grantLineView(line, '2026-04-01');
    expect(view.window).toEqual({ start: '2026-04-01', end: '2026-05-01', lastDay: '2026-04-30', ordered: 0, delivered: 0 });
    expect(view.history.map((entry) => [entry.start, entry.ordered])).toEqual([
      ['2026-01-15', 3],
      ['2026-02-01', 3],
      ['2026-03-01', 2],
    ]);
  });

  it('a line not yet started has no window and no history', () => {
    const future = lineOf([lineAdded({ startDate: '2026-05-20', allowance: null })]);
    expect(grantLineView(future, '2026-03-10')).toMatchObject({ window: null, history: [], nextOrderDate: '2026-05-20' });
  });

  it('inactive times have no periods: the months are cut at the inactivation and start again at the reactivation', () => {
    const paused = lineOf([NO_MAX, inactivated('2026-02-10'), reactivated('2026-04-20')], [order('o-1', '2026-02-05', 2), order('o-2', '2026-04-25', 6)]);
    expect(grantLineView(paused, '2026-03-01').window).toBeNull(); // in the pause
    const view = grantLineView(paused, '2026-05-03');
    expect(view.window).toMatchObject({ start: '2026-05-01', ordered: 0 });
    expect(view.history.map((entry) => [entry.start, entry.lastDay, entry.ordered])).toEqual([
      ['2026-01-15', '2026-01-31', 0],
      ['2026-02-01', '2026-02-09', 2],
      ['2026-04-20', '2026-04-30', 6],
    ]);
  });

  it('the windows of a line WITH a max are untouched; a max given later starts its windows after the months', () => {
    const capped = lineOf([lineAdded()], [order('o-1', '2026-02-10', 5)]);
    expect(pastConsumptionWindows(capped, '2027-01-31')).toEqual(pastLineWindows(capped, '2027-01-31'));
    expect(consumptionWindowOn(capped, '2026-03-10')).toEqual(lineWindowOn(capped, '2026-03-10'));
    const laterCapped = lineOf([NO_MAX, inactivated('2026-03-10'), reactivated('2026-03-10', FOUR_A_DAY)], [order('o-1', '2026-03-05', 4), order('o-2', '2026-03-12', 6)]);
    const view = grantLineView(laterCapped, '2026-07-01');
    expect(view).toMatchObject({ window: { start: '2026-06-10', ordered: 0 }, remaining: 13 });
    expect(view.history.map((entry) => [entry.start, entry.end, entry.grantedMax, entry.ordered])).toEqual([
      ['2026-01-15', '2026-02-01', null, 0],
      ['2026-02-01', '2026-03-01', null, 0],
      ['2026-03-01', '2026-03-10', null, 4],
      ['2026-03-10', '2026-06-10', 13, 6],
    ]);
  });

  it('every order counts in exactly one period, whatever the dates (the months tile the line’s life)', () => {
    const day = fc.integer({ min: 0, max: 800 }).map((days) => new Date(Date.UTC(2026, 0, 15 + days)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(fc.tuple(day, fc.integer({ min: 1, max: 9 })), { maxLength: 12 }), day, (placed, today) => {
        const counted = placed.filter(([date]) => date < startOfMonth(today));
        const subject = lineOf([NO_MAX], placed.map(([date, units], index) => order(`o-${index}`, date, units)));
        const history = pastConsumptionWindows(subject, today);
        expect(history.reduce((sum, period) => sum + orderedIn(subject, period), 0)).toBe(counted.reduce((sum, [, units]) => sum + units, 0));
        history.forEach((period, index) => {
          expect(period.end <= addMonths(period.start, 1)).toBe(true);
          if (index > 0) expect(period.start).toBe(history[index - 1]?.end);
        });
        const current = consumptionWindowOn(subject, today);
        expect(current?.start).toBe(history.length === 0 ? '2026-01-15' : startOfMonth(today));
      }),
    );
  });
});

describe('a one-time line without a max is counted over its whole life', () => {
  const oneTime = lineAdded({ kind: 'one_time', startDate: '2026-03-01', endDate: '2026-08-15', allowance: null });
  const line = lineOf([oneTime], [order('o-1', '2026-03-05', 2, { delivered: 2 }), order('o-2', '2026-07-01', 3, { givenBack: 1 })]);

  it('while it runs: one window, start to end date, no cap', () => {
    expect(grantLineView(line, '2026-08-01')).toMatchObject({
      window: { start: '2026-03-01', end: '2026-08-16', lastDay: '2026-08-15', ordered: 4, delivered: 2 },
      remaining: null,
      nextOrderDate: '2026-08-01',
      history: [],
    });
  });

  it('past its end date: expired, no window, its life in the history', () => {
    expect(grantLineView(line, '2026-08-16')).toMatchObject({
      expired: true,
      window: null,
      nextOrderDate: null,
      history: [{ start: '2026-03-01', end: '2026-08-16', lastDay: '2026-08-15', grantedMax: null, ordered: 4, delivered: 2 }],
    });
  });
});
