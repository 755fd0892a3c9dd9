import { describe, expect, it } from '@jest/globals';
import {
  grantDecider,
  grantStream,
  type AddGrantLine,
  type ChangeGrantLineAllowance,
  type ChangeGrantLineEndDate,
  type InactivateGrantLine,
  type ReactivateGrantLine,
} from '../../src/grants/grant.decider.js';
import type { GrantActor } from '../../src/grants/grant-access.js';
import { grantEventDefinitions, type GrantEvent, type GrantLineAdded } from '../../src/grants/grant.events.js';
import { fold } from '../../src/shared/decider.js';
import { EventRegistry } from '../../src/shared/event-schema.js';
import { spec } from '../support/decider-spec.js';
import { CITIZEN_ID, FOUR_A_DAY, lineAdded, TWO_A_DAY } from './grant-fixtures.js';

const LINE_ID = 'line-1';
const TODAY = '2026-03-10';
const CASEWORKER: GrantActor = { role: 'caseworker', grantAreas: ['Stomi', 'Inkontinens'] };
const PRODUCT = { itemNumber: '301004', name: 'Stomipose Åben', piecesPerSalesUnit: 30 };

const base = { citizenId: CITIZEN_ID, actor: CASEWORKER, citizenActive: true, today: TODAY };

const add = (data: Partial<AddGrantLine['data']> = {}): AddGrantLine => ({
  type: 'AddGrantLine',
  data: { ...base, lineId: LINE_ID, product: PRODUCT, grantArea: 'Stomi', kind: 'continuous', ...data },
});
const changeAllowance = (data: Partial<ChangeGrantLineAllowance['data']> = {}): ChangeGrantLineAllowance => ({
  type: 'ChangeGrantLineAllowance',
  data: { ...base, lineId: LINE_ID, piecesPerSalesUnit: 30, allowance: { quantity: 2, per: 'day', periodMonths: 3 }, ...data },
});
const changeEndDate = (data: Partial<ChangeGrantLineEndDate['data']> = {}): ChangeGrantLineEndDate => ({
  type: 'ChangeGrantLineEndDate',
  data: { ...base, lineId: LINE_ID, endDate: '2026-06-30', ...data },
});
const inactivate = (data: Partial<InactivateGrantLine['data']> = {}): InactivateGrantLine => ({
  type: 'InactivateGrantLine',
  data: { ...base, lineId: LINE_ID, ...data },
});
const reactivate = (data: Partial<ReactivateGrantLine['data']> = {}): ReactivateGrantLine => ({
  type: 'ReactivateGrantLine',
  data: { ...base, lineId: LINE_ID, piecesPerSalesUnit: 30, ...data },
});


const added = (data: Partial<GrantLineAdded['data']> = {}): GrantLineAdded =>
  lineAdded({ lineId: LINE_ID, startDate: TODAY, allowance: null, ...data });
const inactivated = (lineId = LINE_ID, effectiveDate = TODAY): GrantEvent => ({ type: 'GrantLineInactivated', data: { citizenId: CITIZEN_ID, lineId, effectiveDate } });

const grant = spec(grantDecider);

describe('adding a grant line (DOMAIN §4)', () => {
  it('adds an ACTIVE continuous line starting today, with no allowance (no caps)', () => {
    grant.given([]).when(add()).then([added()]);
  });

  it('with an allowance given as a rate, the calculator decides grantedMax and the windows are anchored at the start date', () => {
    grant
      .given([])
      .when(add({ allowance: { quantity: 4, per: 'day', periodMonths: 3 }, startDate: '2026-01-31' }))
      .then([added({ allowance: FOUR_A_DAY, startDate: '2026-01-31', allowanceEffectiveDate: '2026-01-31' })]);
  });

  it('with an allowance given as grantedMax directly', () => {
    grant
      .given([])
      .when(add({ allowance: { grantedMax: 8, periodMonths: 12, salesUnitsPerOrder: 2 } }))
      .then([added({ allowance: { quantity: null, per: null, periodMonths: 12, grantedMax: 8, salesUnitsPerOrder: 2 } })]);
  });

  it('a one-time line has an end date on or after its start date (a one-day line is allowed)', () => {
    grant.given([]).when(add({ kind: 'one_time', endDate: '2026-05-31' })).then([added({ kind: 'one_time', endDate: '2026-05-31' })]);
    grant.given([]).when(add({ kind: 'one_time', endDate: TODAY })).then([added({ kind: 'one_time', endDate: TODAY })]);
  });

  it('a one-time line without an end date is refused (END_DATE_REQUIRED)', () => {
    grant.given([]).when(add({ kind: 'one_time' })).thenThrows('END_DATE_REQUIRED');
  });

  it('a one-time line ending before it starts is refused (END_DATE_BEFORE_START)', () => {
    grant.given([]).when(add({ kind: 'one_time', startDate: '2026-04-01', endDate: '2026-03-31' })).thenThrows('END_DATE_BEFORE_START');
  });

  it('a continuous line has no end date (END_DATE_NOT_ALLOWED): a line with an end date is a one-time line', () => {
    expect(grant.given([]).when(add({ endDate: '2026-12-31' })).thenThrows('END_DATE_NOT_ALLOWED').kind).toBe('unprocessable');
  });

  it('at most one active line per item number (LINE_ALREADY_ACTIVE, naming the active line)', () => {
    const error = grant.given([added()]).when(add({ lineId: 'line-2' })).thenThrows('LINE_ALREADY_ACTIVE');
    expect(error.kind).toBe('conflict');
    expect(error.details).toEqual({ lineId: LINE_ID });
  });

  it('an expired one-time line still blocks its item number: extend it or inactivate it first', () => {
    grant
      .given([added({ kind: 'one_time', startDate: '2026-01-01', endDate: '2026-01-31', allowanceEffectiveDate: '2026-01-01' })])
      .when(add({ lineId: 'line-2' }))
      .thenThrows('LINE_ALREADY_ACTIVE');
  });

  it('a new line for an item whose line is inactive is allowed', () => {
    grant.given([added(), inactivated()]).when(add({ lineId: 'line-2' })).then([added({ lineId: 'line-2' })]);
  });

  it('other items may have lines of their own', () => {
    grant
      .given([added()])
      .when(add({ lineId: 'line-2', product: { itemNumber: '101001', name: 'Bleer', piecesPerSalesUnit: 20 }, grantArea: 'Inkontinens' }))
      .then([added({ lineId: 'line-2', itemNumber: '101001', productName: 'Bleer', piecesPerSalesUnit: 20, grantArea: 'Inkontinens' })]);
  });

  it('a line id already used is refused', () => {
    grant.given([added(), inactivated()]).when(add()).thenThrows('LINE_ID_IN_USE');
  });

  it('only caseworkers and nurses add lines (FORBIDDEN)', () => {
    for (const role of ['orderer', 'citizen', 'customer_service', 'auditor', 'admin'] as const) {
      expect(grant.given([]).when(add({ actor: { role, grantAreas: [] } })).thenThrows('FORBIDDEN').kind).toBe('forbidden');
    }
    grant.given([]).when(add({ actor: { role: 'nurse', grantAreas: ['Stomi'] } })).then([added()]);
  });

  it('only in grant areas the caller was given (GRANT_AREA_FORBIDDEN, 403)', () => {
    const error = grant.given([]).when(add({ actor: { role: 'nurse', grantAreas: ['Kateter'] } })).thenThrows('GRANT_AREA_FORBIDDEN');
    expect(error.kind).toBe('forbidden');
    expect(error.details).toEqual({ grantArea: 'Stomi' });
  });

  it('a caseworker or nurse with no grant areas may change nothing (an empty list is no areas, not all)', () => {
    grant.given([]).when(add({ actor: { role: 'caseworker', grantAreas: [] } })).thenThrows('GRANT_AREA_FORBIDDEN');
  });

  it('the citizen must be ACTIVE (CITIZEN_NOT_ACTIVE, 422)', () => {
    expect(grant.given([]).when(add({ citizenActive: false })).thenThrows('CITIZEN_NOT_ACTIVE').kind).toBe('unprocessable');
  });

  it('an invalid allowance is refused and nothing is added', () => {
    grant.given([]).when(add({ allowance: { quantity: 0, per: 'day', periodMonths: 3 } })).thenThrows('VALIDATION_FAILED');
    grant.given([]).when(add({ allowance: { quantity: 1, per: 'week', periodMonths: 12, salesUnitsPerOrder: 9 } })).thenThrows('SALES_UNITS_PER_ORDER_INVALID');
  });

  it.each([
    ['a start date that does not exist', { startDate: '2026-02-30' }],
    ['a blank grant area', { grantArea: '  ' }],
    ['an end date that is not a date', { kind: 'one_time' as const, endDate: '31-12-2026' }],
  ])('%s is refused (VALIDATION_FAILED)', (_case, data) => {
    expect(grant.given([]).when(add(data)).thenThrows('VALIDATION_FAILED').kind).toBe('bad_request');
  });

  it('a start date in the past or the future is kept; the windows are anchored there', () => {
    grant.given([]).when(add({ startDate: '2026-04-01' })).then([added({ startDate: '2026-04-01', allowanceEffectiveDate: '2026-04-01' })]);
    grant.given([]).when(add({ startDate: '2025-12-31' })).then([added({ startDate: '2025-12-31', allowanceEffectiveDate: '2025-12-31' })]);
  });
});

describe('editing a line’s allowance (DOMAIN §4.3)', () => {
  const withAllowance = added({ allowance: FOUR_A_DAY, startDate: '2026-01-31', allowanceEffectiveDate: '2026-01-31' });

  it('records the new allowance, effective today: the windows are re-anchored at the change date', () => {
    grant
      .given([withAllowance])
      .when(changeAllowance())
      .then([{ type: 'GrantLineAllowanceChanged', data: { citizenId: CITIZEN_ID, lineId: LINE_ID, allowance: TWO_A_DAY, piecesPerSalesUnit: 30, effectiveDate: TODAY } }]);
  });

  it('the same allowance again changes nothing and does not re-anchor', () => {
    grant.given([withAllowance]).when(changeAllowance({ allowance: { quantity: 4, per: 'day', periodMonths: 3 } })).thenNothing();
  });

  it('null removes the allowance: no caps', () => {
    grant
      .given([withAllowance])
      .when(changeAllowance({ allowance: null }))
      .then([{ type: 'GrantLineAllowanceChanged', data: { citizenId: CITIZEN_ID, lineId: LINE_ID, allowance: null, piecesPerSalesUnit: 30, effectiveDate: TODAY } }]);
  });

  it('a rate is computed with the catalogue’s current pieces per sales unit', () => {
    grant
      .given([withAllowance])
      .when(changeAllowance({ piecesPerSalesUnit: 10, allowance: { quantity: 4, per: 'day', periodMonths: 3 } }))
      .then([
        {
          type: 'GrantLineAllowanceChanged',
          data: { citizenId: CITIZEN_ID, lineId: LINE_ID, allowance: { ...FOUR_A_DAY, grantedMax: 37, salesUnitsPerOrder: 37 }, piecesPerSalesUnit: 10, effectiveDate: TODAY },
        },
      ]);
  });

  it('on a line that has not started yet, the change takes effect on its start date', () => {
    grant
      .given([added({ startDate: '2026-05-01', allowanceEffectiveDate: '2026-05-01' })])
      .when(changeAllowance())
      .then([{ type: 'GrantLineAllowanceChanged', data: { citizenId: CITIZEN_ID, lineId: LINE_ID, allowance: TWO_A_DAY, piecesPerSalesUnit: 30, effectiveDate: '2026-05-01' } }]);
  });

  it('an inactive line is not edited (LINE_INACTIVE): reactivate it with the new allowance', () => {
    grant.given([withAllowance, inactivated()]).when(changeAllowance()).thenThrows('LINE_INACTIVE');
  });

  it('an unknown line (LINE_NOT_FOUND, 404)', () => {
    expect(grant.given([]).when(changeAllowance()).thenThrows('LINE_NOT_FOUND').kind).toBe('not_found');
    grant.given([withAllowance]).when(changeAllowance({ lineId: 'other' })).thenThrows('LINE_NOT_FOUND');
  });

  it('only in the caller’s grant areas, only by caseworkers and nurses, only for an ACTIVE citizen', () => {
    grant.given([withAllowance]).when(changeAllowance({ actor: { role: 'nurse', grantAreas: ['Kateter'] } })).thenThrows('GRANT_AREA_FORBIDDEN');
    grant.given([withAllowance]).when(changeAllowance({ actor: { role: 'orderer', grantAreas: ['Stomi'] } })).thenThrows('FORBIDDEN');
    grant.given([withAllowance]).when(changeAllowance({ citizenActive: false })).thenThrows('CITIZEN_NOT_ACTIVE');
  });
});

describe('changing a one-time line’s end date (API.md PATCH endDate)', () => {
  const oneTime = added({ kind: 'one_time', endDate: '2026-05-31' });

  it('moves the end date', () => {
    grant.given([oneTime]).when(changeEndDate()).then([{ type: 'GrantLineEndDateChanged', data: { citizenId: CITIZEN_ID, lineId: LINE_ID, endDate: '2026-06-30' } }]);
  });

  it('the same end date changes nothing', () => {
    grant.given([oneTime]).when(changeEndDate({ endDate: '2026-05-31' })).thenNothing();
  });

  it('not before the start date, not removed, not on a continuous line, not on an inactive line', () => {
    grant.given([oneTime]).when(changeEndDate({ endDate: '2026-03-09' })).thenThrows('END_DATE_BEFORE_START');
    grant.given([oneTime]).when(changeEndDate({ endDate: null })).thenThrows('END_DATE_REQUIRED');
    grant.given([added()]).when(changeEndDate()).thenThrows('END_DATE_NOT_ALLOWED');
    grant.given([oneTime, inactivated()]).when(changeEndDate()).thenThrows('LINE_INACTIVE');
  });
});

describe('inactivating a line (DOMAIN §4.3)', () => {
  it('records the inactivation, effective today, with the reason if one is given', () => {
    grant.given([added()]).when(inactivate()).then([inactivated()]);
    grant
      .given([added()])
      .when(inactivate({ reason: '  Skiftet til andet produkt ' }))
      .then([{ type: 'GrantLineInactivated', data: { citizenId: CITIZEN_ID, lineId: LINE_ID, reason: 'Skiftet til andet produkt', effectiveDate: TODAY } }]);
  });

  it('inactivating an inactive line is a no-op: no event, no error', () => {
    grant.given([added(), inactivated()]).when(inactivate()).thenNothing();
  });

  it('an unknown line, another area, another role or an inactive citizen is refused', () => {
    grant.given([added()]).when(inactivate({ lineId: 'other' })).thenThrows('LINE_NOT_FOUND');
    grant.given([added()]).when(inactivate({ actor: { role: 'nurse', grantAreas: ['Kateter'] } })).thenThrows('GRANT_AREA_FORBIDDEN');
    grant.given([added()]).when(inactivate({ actor: { role: 'citizen', grantAreas: [] } })).thenThrows('FORBIDDEN');
    grant.given([added()]).when(inactivate({ citizenActive: false })).thenThrows('CITIZEN_NOT_ACTIVE');
  });
});

describe('reactivating a line from the inactive list (DOMAIN §4.3)', () => {
  const history = [added({ allowance: FOUR_A_DAY }), inactivated(LINE_ID, '2026-03-10')];
  const later = { today: '2026-04-02' };

  it('with its former allowance: windows anchored afresh at the reactivation date', () => {
    grant
      .given(history)
      .when(reactivate(later))
      .then([{ type: 'GrantLineReactivated', data: { citizenId: CITIZEN_ID, lineId: LINE_ID, piecesPerSalesUnit: 30, effectiveDate: '2026-04-02' } }]);
  });

  it('optionally with a new allowance, or with none', () => {
    grant
      .given(history)
      .when(reactivate({ ...later, allowance: { quantity: 2, per: 'day', periodMonths: 3 } }))
      .then([{ type: 'GrantLineReactivated', data: { citizenId: CITIZEN_ID, lineId: LINE_ID, allowance: TWO_A_DAY, piecesPerSalesUnit: 30, effectiveDate: '2026-04-02' } }]);
    grant
      .given(history)
      .when(reactivate({ ...later, allowance: null }))
      .then([{ type: 'GrantLineReactivated', data: { citizenId: CITIZEN_ID, lineId: LINE_ID, allowance: null, piecesPerSalesUnit: 30, effectiveDate: '2026-04-02' } }]);
  });

  it('not while another line of the same item is active (LINE_ALREADY_ACTIVE, naming that line)', () => {
    const error = grant.given([...history, added({ lineId: 'line-2' })]).when(reactivate(later)).thenThrows('LINE_ALREADY_ACTIVE');
    expect(error.details).toEqual({ lineId: 'line-2' });
  });

  it('reactivating an active line is a no-op; with a new allowance it is refused: edit the allowance instead', () => {
    grant.given([added()]).when(reactivate()).thenNothing();
    const error = grant.given([added()]).when(reactivate({ allowance: { grantedMax: 3, periodMonths: 3 } })).thenThrows('LINE_ALREADY_ACTIVE');
    expect(error.details).toEqual({ lineId: LINE_ID });
  });

  it('an unknown line, another area, another role or an inactive citizen is refused', () => {
    grant.given(history).when(reactivate({ lineId: 'other' })).thenThrows('LINE_NOT_FOUND');
    grant.given(history).when(reactivate({ actor: { role: 'nurse', grantAreas: ['Kateter'] } })).thenThrows('GRANT_AREA_FORBIDDEN');
    grant.given(history).when(reactivate({ actor: { role: 'customer_service', grantAreas: [] } })).thenThrows('FORBIDDEN');
    grant.given(history).when(reactivate({ citizenActive: false })).thenThrows('CITIZEN_NOT_ACTIVE');
  });
});

describe('the folded state', () => {
  it('keeps each allowance with the span of dates it was in force: the windows’ anchors', () => {
    const state = fold(grantDecider, [
      added({ allowance: FOUR_A_DAY, startDate: '2026-01-31', allowanceEffectiveDate: '2026-01-31' }),
      { type: 'GrantLineAllowanceChanged', data: { citizenId: CITIZEN_ID, lineId: LINE_ID, allowance: TWO_A_DAY, piecesPerSalesUnit: 30, effectiveDate: '2026-03-10' } },
      inactivated(LINE_ID, '2026-05-01'),
      { type: 'GrantLineReactivated', data: { citizenId: CITIZEN_ID, lineId: LINE_ID, piecesPerSalesUnit: 30, effectiveDate: '2026-06-01' } },
    ]);
    expect(state.status).toBe('granted');
    const line = state.status === 'granted' ? state.lines[0] : undefined;
    expect(line?.status).toBe('ACTIVE');
    expect(line?.allowance).toEqual(TWO_A_DAY);
    expect(line?.spans).toEqual([
      { from: '2026-01-31', until: '2026-03-10', allowance: FOUR_A_DAY },
      { from: '2026-03-10', until: '2026-05-01', allowance: TWO_A_DAY },
      { from: '2026-06-01', until: null, allowance: TWO_A_DAY },
    ]);
    expect(line?.orders).toEqual([]);
  });

  it('lives in the stream grant-<citizenId>, and every event passes its registered schema', () => {
    expect(grantStream(CITIZEN_ID)).toBe(`grant-${CITIZEN_ID}`);
    const registry = new EventRegistry(grantEventDefinitions);
    const events: GrantEvent[] = [
      added({ allowance: FOUR_A_DAY }),
      added({ lineId: 'line-2', itemNumber: '101001', productName: undefined, kind: 'one_time', endDate: '2026-05-31' }),
      { type: 'GrantLineAllowanceChanged', data: { citizenId: CITIZEN_ID, lineId: LINE_ID, allowance: null, piecesPerSalesUnit: 30, effectiveDate: TODAY } },
      { type: 'GrantLineEndDateChanged', data: { citizenId: CITIZEN_ID, lineId: 'line-2', endDate: '2026-06-30' } },
      { type: 'GrantLineInactivated', data: { citizenId: CITIZEN_ID, lineId: LINE_ID, reason: 'Ophørt', effectiveDate: TODAY } },
      { type: 'GrantLineReactivated', data: { citizenId: CITIZEN_ID, lineId: LINE_ID, allowance: TWO_A_DAY, piecesPerSalesUnit: 30, effectiveDate: TODAY } },
    ];
    for (const event of events) expect(registry.decode(event.type, registry.encode(event).data, 1)).toEqual(JSON.parse(JSON.stringify(event)));
  });

  it('a stored allowance must be whole and consistent: a rate has both quantity and unit', () => {
    const registry = new EventRegistry(grantEventDefinitions);
    expect(() => registry.encode(added({ allowance: { ...FOUR_A_DAY, per: null } }))).toThrow();
    expect(() => registry.encode(added({ allowance: { ...FOUR_A_DAY, grantedMax: 0 } }))).toThrow();
  });
});
