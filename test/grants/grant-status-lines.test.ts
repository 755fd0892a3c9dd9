import { describe, expect, it } from '@jest/globals';
import type { GrantActor } from '../../src/grants/grant-access.js';
import {
  grantDecider,
  type InactivateLinesForStatus,
  type PlaceGrantOrder,
  type RestoreRemovedLines,
} from '../../src/grants/grant.decider.js';
import {
  grantEventDefinitions,
  type GrantEvent,
  type GrantLinesInactivatedForStatus,
  type GrantLinesRestored,
  type GrantOrderPlaced,
} from '../../src/grants/grant.events.js';
import { findLine, type GrantLine, type GrantState } from '../../src/grants/grant.state.js';
import { lineNextOrderDate, lineWindowOn, orderedIn, remainingOn } from '../../src/grants/line-accounting.js';
import { fold } from '../../src/shared/decider.js';
import { EventRegistry } from '../../src/shared/event-schema.js';
import { spec } from '../support/decider-spec.js';
import { CITIZEN_ID, FOUR_A_DAY, lineAdded, TWO_A_DAY } from './grant-fixtures.js';

/**
 * DOMAIN §2.3 on the grant: a status change ends every active line at once (one event listing them), a removal
 * remembers them, and a reopening restores exactly those, their windows anchored afresh.
 */

/** The day of the status change; line-1's first window (anchored 31 Jan, P = 3) runs 31 Jan – 29 Apr. */
const REMOVAL_DAY = '2026-03-10';
const REOPEN_DAY = '2026-03-20';
const CASEWORKER: GrantActor = { role: 'caseworker', grantAreas: ['Stomi', 'Inkontinens', 'Kateter'] };

type Status = GrantLinesInactivatedForStatus['data']['status'];
const REMOVALS: Status[] = ['DECEASED', 'MOVED_AWAY'];
const GRANT_ENDINGS: Status[] = ['GRANT_ENDED', 'OTHER_SUPPLIER'];

/** line-1 Stomi (FOUR_A_DAY), line-2 Inkontinens (TWO_A_DAY), line-3 Kateter (no allowance), all from 31 Jan. */
const line1 = lineAdded();
const line2 = lineAdded({ lineId: 'line-2', itemNumber: '101001', productName: 'Ble', grantArea: 'Inkontinens', allowance: TWO_A_DAY });
const line3 = lineAdded({ lineId: 'line-3', itemNumber: '201001', productName: 'Kateter', grantArea: 'Kateter', allowance: null });
const line3Inactivated: GrantEvent = { type: 'GrantLineInactivated', data: { citizenId: CITIZEN_ID, lineId: 'line-3', effectiveDate: '2026-02-15' } };
/** Two active lines and one the caseworker had inactivated before. */
const GRANT: GrantEvent[] = [line1, line2, line3, line3Inactivated];

const inactivateFor = (status: Status, today = REMOVAL_DAY): InactivateLinesForStatus => ({
  type: 'InactivateLinesForStatus',
  data: { citizenId: CITIZEN_ID, status, today },
});
const restore = (today = REOPEN_DAY): RestoreRemovedLines => ({ type: 'RestoreRemovedLines', data: { citizenId: CITIZEN_ID, today } });
const inactivatedFor = (status: Status, lineIds: string[], effectiveDate = REMOVAL_DAY): GrantLinesInactivatedForStatus => ({
  type: 'GrantLinesInactivatedForStatus',
  data: { citizenId: CITIZEN_ID, status, lineIds, effectiveDate },
});
const restored = (lineIds: string[], effectiveDate = REOPEN_DAY): GrantLinesRestored => ({
  type: 'GrantLinesRestored',
  data: { citizenId: CITIZEN_ID, lineIds, effectiveDate },
});
const placed = (orderId: string, orderDate: string, lineId: string, salesUnits: number): GrantOrderPlaced => ({
  type: 'GrantOrderPlaced',
  data: { citizenId: CITIZEN_ID, orderId, orderDate, lines: [{ lineId, itemNumber: lineId === 'line-2' ? '101001' : '301004', salesUnits }] },
});
const place = (lineId: string, salesUnits: number, today: string, orderId = 'order-new'): PlaceGrantOrder => ({
  type: 'PlaceGrantOrder',
  data: { citizenId: CITIZEN_ID, actor: CASEWORKER, citizenActive: true, today, orderId, lines: [{ lineId, salesUnits }] },
});

const grant = spec(grantDecider);
const stateAfter = (events: readonly GrantEvent[]): Extract<GrantState, { status: 'granted' }> => {
  const state = fold(grantDecider, events);
  if (state.status !== 'granted') throw new Error('expected a grant');
  return state;
};
const lineAfter = (events: readonly GrantEvent[], lineId = 'line-1'): GrantLine => {
  const line = findLine(fold(grantDecider, events), lineId);
  if (!line) throw new Error(`no line ${lineId}`);
  return line;
};

describe('inactivating the lines for a status (DOMAIN §2.3)', () => {
  it.each([...GRANT_ENDINGS, ...REMOVALS])('%s: one event listing exactly the active lines, effective the day of the change', (status) => {
    grant.given(GRANT).when(inactivateFor(status)).then([inactivatedFor(status, ['line-1', 'line-2'])]);
  });

  it('a line inactivated for the status is INACTIVE, its allowance span ended on the effective date; other lines are untouched', () => {
    const before = stateAfter(GRANT);
    const after = stateAfter([...GRANT, inactivatedFor('GRANT_ENDED', ['line-1', 'line-2'])]);
    expect(after.lines.map((line) => line.status)).toEqual(['INACTIVE', 'INACTIVE', 'INACTIVE']);
    expect(findLine(after, 'line-1')!.spans).toEqual([{ from: '2026-01-31', until: REMOVAL_DAY, allowance: FOUR_A_DAY }]);
    expect(findLine(after, 'line-2')!.spans).toEqual([{ from: '2026-01-31', until: REMOVAL_DAY, allowance: TWO_A_DAY }]);
    expect(findLine(after, 'line-3')).toEqual(findLine(before, 'line-3'));
    // The allowance stays on the line: a later reactivation (or restoration) uses it.
    expect(findLine(after, 'line-1')!.allowance).toEqual(FOUR_A_DAY);
  });

  it('a line that has not started yet is listed too, and its span closes where it begins (it never applied)', () => {
    const future = lineAdded({ lineId: 'line-4', itemNumber: '401001', startDate: '2026-04-01' });
    grant.given([line1, future]).when(inactivateFor('DECEASED')).then([inactivatedFor('DECEASED', ['line-1', 'line-4'])]);
    const line = lineAfter([line1, future, inactivatedFor('DECEASED', ['line-1', 'line-4'])], 'line-4');
    expect(line.spans).toEqual([{ from: '2026-04-01', until: '2026-04-01', allowance: FOUR_A_DAY }]);
  });

  it.each(GRANT_ENDINGS)('%s with no active line records nothing', (status) => {
    grant.given([line3, line3Inactivated]).when(inactivateFor(status)).thenNothing();
    grant.given([...GRANT, inactivatedFor('GRANT_ENDED', ['line-1', 'line-2'])]).when(inactivateFor(status)).thenNothing();
  });

  it.each(REMOVALS)('%s with no active line records an empty list: a later reopening must restore nothing', (status) => {
    grant.given([line3, line3Inactivated]).when(inactivateFor(status)).then([inactivatedFor(status, [])]);
    expect(stateAfter([line3, line3Inactivated, inactivatedFor(status, [])]).removedLineIds).toEqual([]);
  });

  it('a citizen without a grant: nothing to record', () => {
    grant.given([]).when(inactivateFor('DECEASED')).thenNothing();
    grant.given([]).when(restore()).thenNothing();
  });

  it.each(REMOVALS)('a removal (%s) remembers the lines it inactivated (removedLineIds)', (status) => {
    expect(stateAfter([...GRANT, inactivatedFor(status, ['line-1', 'line-2'])]).removedLineIds).toEqual(['line-1', 'line-2']);
  });

  it.each(GRANT_ENDINGS)('%s does not remember its lines: they come back one by one, not by a reopening', (status) => {
    expect(stateAfter([...GRANT, inactivatedFor(status, ['line-1', 'line-2'])]).removedLineIds).toBeUndefined();
    grant.given([...GRANT, inactivatedFor(status, ['line-1', 'line-2'])]).when(restore()).thenNothing();
  });

  it('after GRANT_ENDED a removal finds no active line: a reopening restores nothing (none were active at the removal)', () => {
    const history = [...GRANT, inactivatedFor('GRANT_ENDED', ['line-1', 'line-2'])];
    grant.given(history).when(inactivateFor('MOVED_AWAY')).then([inactivatedFor('MOVED_AWAY', [])]);
    grant.given([...history, inactivatedFor('MOVED_AWAY', [])]).when(restore()).then([restored([])]);
    expect(lineAfter([...history, inactivatedFor('MOVED_AWAY', []), restored([])]).status).toBe('INACTIVE');
  });

  it('a line inactivated for a status refuses orders: LINE_INACTIVE, with no next order date', () => {
    for (const status of [...GRANT_ENDINGS, ...REMOVALS]) {
      const history = [...GRANT, inactivatedFor(status, ['line-1', 'line-2'])];
      const error = grant.given(history).when(place('line-1', 1, REMOVAL_DAY)).thenThrows('LINE_INACTIVE');
      expect(error.kind).toBe('unprocessable');
      expect(error.details).toEqual({ lineId: 'line-1', remaining: null, nextOrderDate: null });
      grant.given(history).when(place('line-2', 1, '2026-03-25')).thenThrows('LINE_INACTIVE');
    }
  });
});

describe('restoring the lines of a removal when the citizen is reopened (DOMAIN §2.3)', () => {
  const REMOVED: GrantEvent[] = [...GRANT, inactivatedFor('DECEASED', ['line-1', 'line-2'])];

  it('restores exactly the remembered lines (not the one inactivated before), effective the day of the reopening', () => {
    grant.given(REMOVED).when(restore()).then([restored(['line-1', 'line-2'])]);
  });

  it('a restored line is ACTIVE with the allowance it had, a new span from the effective date; nothing is remembered any more', () => {
    const state = stateAfter([...REMOVED, restored(['line-1', 'line-2'])]);
    expect(state.removedLineIds).toBeUndefined();
    expect(state.lines.map((line) => [line.lineId, line.status])).toEqual([
      ['line-1', 'ACTIVE'],
      ['line-2', 'ACTIVE'],
      ['line-3', 'INACTIVE'],
    ]);
    expect(findLine(state, 'line-1')!.spans).toEqual([
      { from: '2026-01-31', until: REMOVAL_DAY, allowance: FOUR_A_DAY },
      { from: REOPEN_DAY, until: null, allowance: FOUR_A_DAY },
    ]);
    expect(findLine(state, 'line-2')!.allowance).toEqual(TWO_A_DAY);
  });

  it('a second restore records nothing', () => {
    grant.given([...REMOVED, restored(['line-1', 'line-2'])]).when(restore()).thenNothing();
    grant.given([...REMOVED, restored(['line-1', 'line-2'])]).when(restore('2026-04-02')).thenNothing();
  });

  it('with nothing remembered (never removed) a restore records nothing', () => {
    grant.given(GRANT).when(restore()).thenNothing();
  });

  it('skips a remembered line whose item number meanwhile has another active line (at most one per item)', () => {
    // line-0, an older line of line-1's item, was inactive at the removal; the caseworker reactivated it after the
    // reopening, before the restore ran.
    const line0 = lineAdded({ lineId: 'line-0', startDate: '2025-10-01' });
    const line0Inactivated: GrantEvent = { type: 'GrantLineInactivated', data: { citizenId: CITIZEN_ID, lineId: 'line-0', effectiveDate: '2026-01-31' } };
    const line0Reactivated: GrantEvent = { type: 'GrantLineReactivated', data: { citizenId: CITIZEN_ID, lineId: 'line-0', piecesPerSalesUnit: 30, effectiveDate: '2026-03-15' } };
    const history = [line0, line0Inactivated, ...GRANT, inactivatedFor('DECEASED', ['line-1', 'line-2']), line0Reactivated];
    grant.given(history).when(restore()).then([restored(['line-2'])]);
    expect(lineAfter([...history, restored(['line-2'])]).status).toBe('INACTIVE');
  });

  it('skips a remembered line that is active again already (reactivated by hand)', () => {
    const reactivated: GrantEvent = { type: 'GrantLineReactivated', data: { citizenId: CITIZEN_ID, lineId: 'line-2', piecesPerSalesUnit: 30, effectiveDate: '2026-03-15' } };
    grant.given([...REMOVED, reactivated]).when(restore()).then([restored(['line-1'])]);
  });

  it('every remembered line skipped: an empty restore settles the removal (a second restore records nothing)', () => {
    const reactivated = (lineId: string): GrantEvent => ({ type: 'GrantLineReactivated', data: { citizenId: CITIZEN_ID, lineId, piecesPerSalesUnit: 30, effectiveDate: '2026-03-15' } });
    const history = [...REMOVED, reactivated('line-1'), reactivated('line-2')];
    grant.given(history).when(restore()).then([restored([])]);
    grant.given([...history, restored([])]).when(restore()).thenNothing();
  });

  it('a line that had not started at the removal is restored from its start date, not before; a started one from the reopening', () => {
    const future = lineAdded({ lineId: 'line-4', itemNumber: '401001', startDate: '2026-04-01' });
    const history = [...GRANT, future, inactivatedFor('MOVED_AWAY', ['line-1', 'line-4'])];
    grant.given(history).when(restore()).then([restored(['line-1', 'line-4'])]);
    const after = [...history, restored(['line-1', 'line-4'])];
    expect(lineAfter(after, 'line-4').spans.at(-1)).toEqual({ from: '2026-04-01', until: null, allowance: FOUR_A_DAY });
    expect(lineAfter(after, 'line-1').spans.at(-1)).toMatchObject({ from: REOPEN_DAY, until: null });
  });

  it('a restored line can be ordered on again', () => {
    grant
      .given([...REMOVED, restored(['line-1', 'line-2'])])
      .when(place('line-1', 2, REOPEN_DAY))
      .then([{ type: 'GrantOrderPlaced', data: { citizenId: CITIZEN_ID, orderId: 'order-new', orderDate: REOPEN_DAY, lines: [{ lineId: 'line-1', itemNumber: '301004', salesUnits: 2 }] } }]);
  });

  it('every event recorded satisfies its schema', () => {
    const registry = new EventRegistry(grantEventDefinitions);
    const events = [...grantDecider.decide(inactivateFor('MOVED_AWAY'), fold(grantDecider, GRANT)), ...grantDecider.decide(restore(), fold(grantDecider, REMOVED))];
    expect(events).toHaveLength(2);
    for (const event of events) expect(registry.encode(event).data).toEqual(event.data);
  });
});

describe('windows of a restored line: anchored afresh at the restore’s effective date (DOMAIN §4.2)', () => {
  /** line-1's first window used up on 10 Feb, then the citizen removed on 10 Mar and reopened on 20 Mar. */
  const usedUp = placed('order-1', '2026-02-10', 'line-1', 13);
  const BEFORE: GrantEvent[] = [...GRANT, usedUp];
  const REMOVED: GrantEvent[] = [...BEFORE, inactivatedFor('DECEASED', ['line-1', 'line-2'])];
  const REOPENED: GrantEvent[] = [...REMOVED, restored(['line-1', 'line-2'])];

  it('before the removal the window is used up: EXCEEDS_GRANTED_MAX', () => {
    grant.given(BEFORE).when(place('line-1', 1, '2026-03-05')).thenThrows('EXCEEDS_GRANTED_MAX');
  });

  it('the window before the removal ends on the removal day and keeps its orders', () => {
    const line = lineAfter(REOPENED);
    const old = lineWindowOn(line, '2026-02-10');
    expect(old).toMatchObject({ start: '2026-01-31', end: REMOVAL_DAY });
    expect(orderedIn(line, old!)).toBe(13);
  });

  it('between removal and reopening the line has no window', () => {
    const line = lineAfter(REOPENED);
    expect(lineWindowOn(line, '2026-03-10')).toBeNull();
    expect(lineWindowOn(line, '2026-03-19')).toBeNull();
  });

  it('the new window starts on the restore’s effective date, P months long, and the orders before the removal do not count in it', () => {
    const line = lineAfter(REOPENED);
    const window = lineWindowOn(line, REOPEN_DAY);
    expect(window).toMatchObject({ start: REOPEN_DAY, end: '2026-06-20', allowance: FOUR_A_DAY });
    expect(orderedIn(line, window!)).toBe(0);
    expect(remainingOn(line, '2026-04-01')).toBe(13);
    expect(lineNextOrderDate(line, REOPEN_DAY)).toBe(REOPEN_DAY);
  });

  it('so the whole grantedMax can be ordered again from the reopening on, and no more', () => {
    grant.given(REOPENED).when(place('line-1', 13, REOPEN_DAY)).then([placed('order-new', REOPEN_DAY, 'line-1', 13)]);
    grant.given([...REOPENED, placed('order-2', REOPEN_DAY, 'line-1', 13)]).when(place('line-1', 1, '2026-04-15')).thenThrows('EXCEEDS_GRANTED_MAX');
  });
});

describe('found and fixed: removal memory, restore dates', () => {
  it('a line added after a removal (the citizen reopened, the restore not yet run) does not make the grant forget the removed lines', () => {
    const removed = [...GRANT, inactivatedFor('DECEASED', ['line-1', 'line-2'])];
    // A caseworker adds a new line for line-1's item right after the reopening. evolveGrant's GrantLineAdded case
    // rebuilds the state from citizenId and lines only, dropping removedLineIds.
    const newLine1 = lineAdded({ lineId: 'line-1b', startDate: REOPEN_DAY, allowance: TWO_A_DAY });
    expect(stateAfter([...removed, newLine1]).removedLineIds).toEqual(['line-1', 'line-2']);
    // line-1 is skipped (its item has the new active line), but line-2 must still come back.
    grant.given([...removed, newLine1]).when(restore()).then([restored(['line-2'])]);
  });

  it('a started line restored together with a not-yet-started one is capped from the reopening, not left uncapped until the other line starts', () => {
    // line-1 started 31 Jan; line-4 starts 1 June. Both were active at the removal and are restored on 20 Mar.
    const future = lineAdded({ lineId: 'line-4', itemNumber: '401001', startDate: '2026-06-01' });
    const removed = [line1, future, inactivatedFor('DECEASED', ['line-1', 'line-4'])];
    const [event] = grantDecider.decide(restore(), fold(grantDecider, removed));
    const line = lineAfter([...removed, event!]);
    // The restore records one effectiveDate for every line: the latest start date (1 June). line-1 is ACTIVE from
    // 20 Mar but has no allowance span until 1 June, so no cap applies to it in between.
    expect(line.status).toBe('ACTIVE');
    grant.given([...removed, event!]).when(place('line-1', 500, '2026-03-25')).thenThrows('EXCEEDS_PER_ORDER');
    expect(lineWindowOn(line, REOPEN_DAY)).not.toBeNull();
  });

  it('a reopening restores only the lines active at the latest removal, not those of an earlier removal left pending', () => {
    // Removed on 10 Mar with line-1 active; reopened, and the caseworker reactivated line-1 before the restore ran,
    // so the restore recorded nothing and line-1 stayed "remembered".
    const reactivated: GrantEvent = { type: 'GrantLineReactivated', data: { citizenId: CITIZEN_ID, lineId: 'line-1', piecesPerSalesUnit: 30, effectiveDate: '2026-03-15' } };
    const history: GrantEvent[] = [line1, inactivatedFor('DECEASED', ['line-1']), reactivated];
    grant.given(history).when(restore()).then([restored([])]);
    // Later the caseworker ends line-1 by hand, and the citizen moves away with no active line: an empty list.
    const endedByHand: GrantEvent = { type: 'GrantLineInactivated', data: { citizenId: CITIZEN_ID, lineId: 'line-1', effectiveDate: '2026-05-01' } };
    const removedAgain = inactivatedFor('MOVED_AWAY', [], '2026-06-01');
    grant.given([...history, endedByHand]).when(inactivateFor('MOVED_AWAY', '2026-06-01')).then([removedAgain]);
    // Reopened again: no line was active at this removal, so none comes back (DOMAIN §2.3 "exactly the lines that
    // were active at removal"). line-1, which the caseworker had ended, must stay inactive.
    grant.given([...history, endedByHand, removedAgain]).when(restore('2026-06-10')).then([restored([], '2026-06-10')]);
  });
});
