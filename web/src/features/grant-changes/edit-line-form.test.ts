import { describe, expect, it } from '@jest/globals';
import type { GrantLine } from './api';
import { changeBody, editFormOf, isDirty } from './edit-line-form';

const line: GrantLine = {
  lineId: 'line-1',
  itemNumber: '301003',
  productName: 'Lyngby Cath Mand Nelaton CH 12',
  onAgreement: true,
  pricePerSalesUnit: 103960,
  pricePerPiece: 3465,
  salesUnit: { name: 'Pakke', pieces: 30 },
  grantArea: 'Kateter',
  kind: 'continuous',
  status: 'ACTIVE',
  startDate: '2026-04-05',
  endDate: null,
  allowance: { quantity: 5, per: 'day', periodMonths: 3, grantedMax: 16, salesUnitsPerOrder: 16 },
  window: null,
  remaining: null,
  expired: false,
  lastOrderDate: null,
  nextOrderDate: '2026-12-05',
  history: [],
};

describe('"Redigér": what "Gem ændringer" sends — only what changed', () => {
  const form = editFormOf(line);

  it('nothing changed: nothing to send, nothing to warn about', () => {
    expect(changeBody(line, form)).toEqual({ body: null });
    expect(isDirty(line, form)).toBe(false);
  });

  it('"Status" → "Inaktiv" sends the status alone, whatever else was touched', () => {
    const inactive = { ...form, status: 'INACTIVE' as const, kind: 'one_time' as const };
    expect(changeBody(line, inactive)).toEqual({ body: { status: 'INACTIVE' } });
    expect(isDirty(line, inactive)).toBe(true);
  });

  it('a new max from the calculator is sent as its rate; a typed one as typed', () => {
    const calculated = { ...form, allowance: { ...form.allowance, grantedMax: '19', rate: { quantity: 6, per: 'day' as const, piecesPerPeriod: 547.5 } } };
    expect(changeBody(line, calculated)).toEqual({ body: { allowance: { quantity: 6, per: 'day', periodMonths: 3 } } });
    const typed = { ...form, allowance: { ...form.allowance, grantedMax: '20', rate: null } };
    expect(changeBody(line, typed)).toEqual({ body: { allowance: { grantedMax: 20, periodMonths: 3 } } });
    expect(isDirty(line, typed)).toBe(true);
  });

  it('continuous → one-time carries its end date (required) and a changed allowance with it', () => {
    const oneTime = { ...form, kind: 'one_time' as const };
    expect(changeBody(line, oneTime)).toEqual({ errors: { endDate: 'Angiv slutdatoen for engangsbevillingen.' } });
    expect(changeBody(line, { ...oneTime, endDate: '28.02.2027' })).toEqual({ body: { kind: 'one_time', endDate: '2027-02-28' } });
    expect(changeBody(line, { ...oneTime, endDate: '28.02.2027', allowance: { ...form.allowance, withMax: false } })).toEqual({
      body: { kind: 'one_time', allowance: null, endDate: '2027-02-28' },
    });
  });

  it("one-time → continuous sends no end date; a one-time line's new end date is sent alone", () => {
    const oneTimeLine: GrantLine = { ...line, kind: 'one_time', endDate: '2026-12-31' };
    const opened = editFormOf(oneTimeLine);
    expect(opened.endDate).toBe('31.12.2026');
    expect(changeBody(oneTimeLine, { ...opened, kind: 'continuous' })).toEqual({ body: { kind: 'continuous' } });
    expect(changeBody(oneTimeLine, { ...opened, endDate: '31.01.2027' })).toEqual({ body: { endDate: '2027-01-31' } });
    expect(isDirty(oneTimeLine, { ...opened, endDate: '31.01.2027' })).toBe(true);
  });
});
