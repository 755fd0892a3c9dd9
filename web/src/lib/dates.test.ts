import { describe, expect, it } from '@jest/globals';
import { copenhagenToday, orderingBlocked, parseDanishDate } from './dates';

describe('today as the API writes dates (YYYY-MM-DD, the Copenhagen calendar)', () => {
  it.each([
    ['2026-03-05T12:00:00Z', '2026-03-05'],
    // 23:30 UTC on New Year's Eve is already 1 January in Copenhagen (winter: UTC+1).
    ['2026-12-31T23:30:00Z', '2027-01-01'],
    // Summer time: 22:00 UTC is midnight in Copenhagen.
    ['2026-07-01T21:59:00Z', '2026-07-01'],
    ['2026-07-01T22:00:00Z', '2026-07-02'],
  ])('at %s it is %s', (instant, day) => {
    expect(copenhagenToday(new Date(instant))).toBe(day);
  });

  it('ordering is blocked only when the next order date is after today (the bell)', () => {
    expect(orderingBlocked('2026-03-06', '2026-03-05')).toBe(true);
    expect(orderingBlocked('2026-03-05', '2026-03-05')).toBe(false);
    expect(orderingBlocked('2026-03-04', '2026-03-05')).toBe(false);
    expect(orderingBlocked(null, '2026-03-05')).toBe(false);
  });
});

describe('a date as a Danish user types it (dd.mm.åååå), as the API writes it', () => {
  it.each([
    ['31.12.2026', '2026-12-31'],
    [' 1.2.2026 ', '2026-02-01'],
    ['31-12-2026', '2026-12-31'],
    ['31/12/2026', '2026-12-31'],
    ['31 12 2026', '2026-12-31'],
    ['31122026', '2026-12-31'],
    ['29.02.2028', '2028-02-29'],
  ])('%s is %s', (typed, date) => {
    expect(parseDanishDate(typed)).toBe(date);
  });

  it.each(['', '31.11.2026', '29.02.2027', '2026-12-31', '12/31/2026', '0.1.2026', '1.13.2026', '31.12.26', 'i morgen'])('%p is no date', (typed) => {
    expect(parseDanishDate(typed)).toBeNull();
  });
});
