import { describe, expect, it } from '@jest/globals';
import { grantDecider, type ChangeGrantLineKind } from '../../src/grants/grant.decider.js';
import type { GrantEvent } from '../../src/grants/grant.events.js';
import { lineNextOrderDate, remainingOn } from '../../src/grants/line-accounting.js';
import { findLine } from '../../src/grants/grant.state.js';
import { fold } from '../../src/shared/decider.js';
import { spec } from '../support/decider-spec.js';
import { CITIZEN_ID, FOUR_A_DAY, lineAdded, TWO_A_DAY } from './grant-fixtures.js';

const TODAY = '2026-03-10';
const NEW_LINE = 'line-2';
const grant = spec(grantDecider);

const changeKind = (data: Partial<ChangeGrantLineKind['data']> = {}): ChangeGrantLineKind => ({
  type: 'ChangeGrantLineKind',
  data: {
    citizenId: CITIZEN_ID,
    actor: { role: 'nurse', grantAreas: ['Stomi'] },
    citizenActive: true,
    today: TODAY,
    lineId: 'line-1',
    newLineId: NEW_LINE,
    kind: 'one_time',
    endDate: '2026-06-30',
    piecesPerSalesUnit: 30,
    ...data,
  },
});

const continuous = lineAdded();
const oneTime = lineAdded({ kind: 'one_time', endDate: '2026-05-31', allowance: { ...FOUR_A_DAY, periodMonths: 12, grantedMax: 49, salesUnitsPerOrder: null } });
const inactivatedToday: GrantEvent = { type: 'GrantLineInactivated', data: { citizenId: CITIZEN_ID, lineId: 'line-1', effectiveDate: TODAY } };

describe('"Redigér": a line becomes one-time or continuous (user guide p. 8)', () => {
  it('continuous → one-time: the line is inactivated and the item granted anew from today, one-time to the end date, with the same allowance', () => {
    grant
      .given([continuous])
      .when(changeKind())
      .then([
        inactivatedToday,
        lineAdded({ lineId: NEW_LINE, kind: 'one_time', startDate: TODAY, endDate: '2026-06-30', allowance: FOUR_A_DAY, allowanceEffectiveDate: TODAY }),
      ]);
  });

  it('one-time → continuous: no end date, optionally with a new allowance computed on the catalogue’s sales unit', () => {
    grant
      .given([oneTime])
      .when(changeKind({ kind: 'continuous', endDate: undefined, allowance: { quantity: 2, per: 'day', periodMonths: 3 } }))
      .then([inactivatedToday, lineAdded({ lineId: NEW_LINE, startDate: TODAY, allowance: TWO_A_DAY, allowanceEffectiveDate: TODAY })]);
    grant
      .given([oneTime])
      .when(changeKind({ kind: 'continuous', endDate: null, allowance: null }))
      .then([inactivatedToday, lineAdded({ lineId: NEW_LINE, startDate: TODAY, allowance: null, allowanceEffectiveDate: TODAY })]);
  });

  it('the new line counts afresh: orders under the old kind stay on the old line and its history', () => {
    const ordered: GrantEvent = { type: 'GrantOrderPlaced', data: { citizenId: CITIZEN_ID, orderId: 'order-1', orderDate: '2026-03-02', lines: [{ lineId: 'line-1', itemNumber: '301004', salesUnits: 13 }] } };
    const state = fold(grantDecider, [continuous, ordered, ...grantDecider.decide(changeKind(), fold(grantDecider, [continuous, ordered]))]);
    const renewed = findLine(state, NEW_LINE)!;
    // The old window (31 Jan – 30 Apr) was used up; the one-time line's whole-life cap of 13 is untouched.
    expect(remainingOn(renewed, TODAY)).toBe(13);
    expect(lineNextOrderDate(renewed, TODAY)).toBe(TODAY);
    expect(findLine(state, 'line-1')?.status).toBe('INACTIVE');
    expect(findLine(state, 'line-1')?.orders.map((order) => order.orderId)).toEqual(['order-1']);
  });

  it('a line that has not started yet is granted anew from its own start date', () => {
    grant
      .given([lineAdded({ startDate: '2026-04-01' })])
      .when(changeKind())
      .then([
        { type: 'GrantLineInactivated', data: { citizenId: CITIZEN_ID, lineId: 'line-1', effectiveDate: '2026-04-01' } },
        lineAdded({ lineId: NEW_LINE, kind: 'one_time', startDate: '2026-04-01', endDate: '2026-06-30', allowanceEffectiveDate: '2026-04-01' }),
      ]);
  });

  it('a one-time line needs its end date, on or after the day it starts; a continuous line has none', () => {
    grant.given([continuous]).when(changeKind({ endDate: undefined })).thenThrows('END_DATE_REQUIRED');
    grant.given([continuous]).when(changeKind({ endDate: '2026-03-09' })).thenThrows('END_DATE_BEFORE_START');
    grant.given([oneTime]).when(changeKind({ kind: 'continuous', endDate: '2026-12-31' })).thenThrows('END_DATE_NOT_ALLOWED');
  });

  it('the same kind as the line has: only the allowance and end date given change, on the same line', () => {
    grant.given([continuous]).when(changeKind({ kind: 'continuous', endDate: undefined })).thenNothing();
    grant
      .given([oneTime])
      .when(changeKind({ endDate: '2026-06-30', allowance: null }))
      .then([
        { type: 'GrantLineAllowanceChanged', data: { citizenId: CITIZEN_ID, lineId: 'line-1', allowance: null, piecesPerSalesUnit: 30, effectiveDate: TODAY } },
        { type: 'GrantLineEndDateChanged', data: { citizenId: CITIZEN_ID, lineId: 'line-1', endDate: '2026-06-30' } },
      ]);
    grant.given([continuous]).when(changeKind({ kind: 'continuous', endDate: '2026-06-30' })).thenThrows('END_DATE_NOT_ALLOWED');
  });

  it('an inactive line is reactivated, not changed; and who may change it is checked as for every change', () => {
    grant.given([continuous, inactivatedToday]).when(changeKind()).thenThrows('LINE_INACTIVE');
    grant.given([continuous]).when(changeKind({ actor: { role: 'nurse', grantAreas: ['Kateter'] } })).thenThrows('GRANT_AREA_FORBIDDEN');
    grant.given([continuous]).when(changeKind({ actor: { role: 'orderer', grantAreas: ['Stomi'] } })).thenThrows('FORBIDDEN');
    grant.given([continuous]).when(changeKind({ citizenActive: false })).thenThrows('CITIZEN_NOT_ACTIVE');
    grant.given([continuous]).when(changeKind({ lineId: 'unknown' })).thenThrows('LINE_NOT_FOUND');
    grant.given([continuous, lineAdded({ lineId: NEW_LINE, itemNumber: '999999' })]).when(changeKind()).thenThrows('LINE_ID_IN_USE');
  });
});
