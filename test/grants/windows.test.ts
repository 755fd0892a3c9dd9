import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  addMonths,
  isCalendarDate,
  nextDay,
  nextOrderDate,
  previousDay,
  windowAt,
  windowContaining,
  windowsBetween,
} from '../../src/grants/windows.js';

/** Any real date in years 1900–2199 (leap days and month ends included). */
const calendarDate = fc
  .record({ year: fc.integer({ min: 1900, max: 2199 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map(({ year, month, day }) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`)
  .filter(isCalendarDate);
const monthEndHeavyDate = fc.oneof(
  calendarDate,
  fc.constantFrom('2024-01-31', '2024-02-29', '2023-02-28', '2025-03-31', '2025-08-31', '2000-02-29', '1900-02-28', '2025-12-31', '2025-01-01'),
);
const periodMonths = fc.constantFrom(3, 12, 1, 5);

describe('calendar dates (Europe/Copenhagen dates as YYYY-MM-DD, no time zone arithmetic)', () => {
  it.each([
    ['2024-02-29', true, 'a leap day'],
    ['2023-02-29', false, 'no leap day in 2023'],
    ['1900-02-29', false, 'no leap day in 1900 (divisible by 100)'],
    ['2000-02-29', true, 'a leap day in 2000 (divisible by 400)'],
    ['2025-04-31', false, 'April has 30 days'],
    ['2025-13-01', false, 'no 13th month'],
    ['2025-1-01', false, 'not zero-padded'],
    ['2025-01-01T00:00', false, 'an instant, not a date'],
  ])('%s is a calendar date: %p (%s)', (date, valid) => {
    expect(isCalendarDate(date)).toBe(valid);
  });

  it('the day after and before cross month and year ends, and leap days', () => {
    expect(nextDay('2024-02-28')).toBe('2024-02-29');
    expect(nextDay('2024-02-29')).toBe('2024-03-01');
    expect(nextDay('2025-02-28')).toBe('2025-03-01');
    expect(nextDay('2025-12-31')).toBe('2026-01-01');
    expect(previousDay('2025-03-01')).toBe('2025-02-28');
    expect(previousDay('2024-03-01')).toBe('2024-02-29');
    expect(previousDay('2026-01-01')).toBe('2025-12-31');
  });
});

describe('adding months: the anchor’s day of month, clamped, always from the anchor itself (DOMAIN §4.2)', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28', '31 Jan + 1 → 28 Feb'],
    ['2024-01-31', 1, '2024-02-29', '31 Jan + 1 → 29 Feb in a leap year'],
    ['2025-01-31', 2, '2025-03-31', '31 Jan + 2 → 31 Mar: the day comes back, never chained through Feb'],
    ['2025-01-31', 3, '2025-04-30', '31 Jan + 3 → 30 Apr'],
    ['2025-01-31', 6, '2025-07-31', '31 Jan + 6 → 31 Jul'],
    ['2024-02-29', 12, '2025-02-28', 'a leap day + 12 → 28 Feb'],
    ['2024-02-29', 48, '2028-02-29', 'a leap day + 48 → the next leap day'],
    ['2025-11-30', 3, '2026-02-28', 'across the year end'],
    ['2025-05-31', -3, '2025-02-28', 'backwards too'],
    ['2025-03-15', 0, '2025-03-15', '+ 0 is the anchor'],
  ])('%s + %i months = %s (%s)', (anchor, n, expected) => {
    expect(addMonths(anchor, n)).toBe(expected);
  });
});

describe('calculation windows anchored at the effective date (DOMAIN §4.2)', () => {
  it('d = 31 Jan, P = 3: windows start 31 Jan, 30 Apr, 31 Jul, 31 Oct, 31 Jan …', () => {
    const starts = [0, 1, 2, 3, 4].map((index) => windowAt('2025-01-31', 3, index).start);
    expect(starts).toEqual(['2025-01-31', '2025-04-30', '2025-07-31', '2025-10-31', '2026-01-31']);
  });

  it('a window’s end is exclusive (the next window’s start); its last day is the day before', () => {
    expect(windowAt('2025-01-31', 3, 0)).toEqual({ index: 0, start: '2025-01-31', end: '2025-04-30', lastDay: '2025-04-29' });
    expect(windowAt('2023-11-30', 3, 0)).toEqual({ index: 0, start: '2023-11-30', end: '2024-02-29', lastDay: '2024-02-28' });
    expect(windowAt('2024-03-01', 12, 0)).toEqual({ index: 0, start: '2024-03-01', end: '2025-03-01', lastDay: '2025-02-28' });
  });

  it.each([
    ['2025-01-31', 0, 'the anchor itself opens window 0'],
    ['2025-04-29', 0, 'the last day of window 0'],
    ['2025-04-30', 1, 'the exclusive end belongs to the next window'],
    ['2025-07-30', 1, 'the day before a start'],
    ['2025-07-31', 2, 'a start with the anchor’s own day'],
    ['2026-01-30', 3, 'one day short of a year'],
    ['2026-01-31', 4, 'a year later'],
    ['2025-01-30', -1, 'the day before the anchor lies in window −1'],
  ])('d = 31 Jan 2025, P = 3: %s is in window %i (%s)', (date, index) => {
    const window = windowContaining('2025-01-31', 3, date);
    expect(window.index).toBe(index);
    expect(window.start <= date && date < window.end).toBe(true);
  });

  it('in a leap year: d = 29 Feb 2024, P = 12 → windows start 28 Feb 2025 … 29 Feb 2028', () => {
    expect(windowContaining('2024-02-29', 12, '2025-02-27').index).toBe(0);
    expect(windowContaining('2024-02-29', 12, '2025-02-28')).toEqual({ index: 1, start: '2025-02-28', end: '2026-02-28', lastDay: '2026-02-27' });
    expect(windowAt('2024-02-29', 12, 4).start).toBe('2028-02-29');
  });

  it('the windows between two dates, for history: every window overlapping [from, to)', () => {
    expect(windowsBetween('2025-01-31', 3, '2025-01-31', '2025-10-31').map((window) => window.start)).toEqual(['2025-01-31', '2025-04-30', '2025-07-31']);
    expect(windowsBetween('2025-01-31', 3, '2025-05-01', '2025-07-31').map((window) => window.start)).toEqual(['2025-04-30']);
    expect(windowsBetween('2025-01-31', 3, '2025-05-01', '2025-05-01')).toEqual([]);
  });
});

describe('property: consecutive windows tile time, for any anchor and period', () => {
  it('each window ends where the next starts, and starts before it ends', () => {
    fc.assert(
      fc.property(monthEndHeavyDate, periodMonths, fc.integer({ min: -60, max: 60 }), (anchor, period, index) => {
        const window = windowAt(anchor, period, index);
        const next = windowAt(anchor, period, index + 1);
        expect(window.end).toBe(next.start);
        expect(window.start < window.end).toBe(true);
        expect(nextDay(window.lastDay)).toBe(window.end);
      }),
      { numRuns: 2000 },
    );
  });

  it('every date is in exactly one window: the one windowContaining finds, and not its neighbours', () => {
    fc.assert(
      fc.property(monthEndHeavyDate, periodMonths, monthEndHeavyDate, (anchor, period, date) => {
        const window = windowContaining(anchor, period, date);
        expect(window).toEqual(windowAt(anchor, period, window.index));
        expect(window.start <= date && date < window.end).toBe(true);
        const before = windowAt(anchor, period, window.index - 1);
        const after = windowAt(anchor, period, window.index + 1);
        expect(date < before.end).toBe(false);
        expect(date >= after.start).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('walking day by day through two windows never skips or repeats a window', () => {
    fc.assert(
      fc.property(monthEndHeavyDate, fc.constantFrom(3, 12), (anchor, period) => {
        const last = windowAt(anchor, period, 1).end;
        let expected = 0;
        for (let date = anchor; date < last; date = nextDay(date)) {
          const index = windowContaining(anchor, period, date).index;
          if (index !== expected) {
            expect(index).toBe(expected + 1);
            expect(date).toBe(windowAt(anchor, period, index).start);
            expected = index;
          }
        }
        expect(expected).toBe(1);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the next order date ("the bell", DOMAIN §4.2)', () => {
  const window = { start: '2025-01-31', end: '2025-04-30' };

  it('today while anything remains of grantedMax in the current window', () => {
    expect(nextOrderDate({ today: '2025-03-01', window, orderedInWindow: 12, grantedMax: 13 })).toBe('2025-03-01');
  });

  it('the start of the next window when the window’s grantedMax is used up', () => {
    expect(nextOrderDate({ today: '2025-03-01', window, orderedInWindow: 13, grantedMax: 13 })).toBe('2025-04-30');
    expect(nextOrderDate({ today: '2025-03-01', window, orderedInWindow: 15, grantedMax: 13 })).toBe('2025-04-30');
  });

  it('today when there is no cap', () => {
    expect(nextOrderDate({ today: '2025-03-01', window: null, orderedInWindow: 0, grantedMax: null })).toBe('2025-03-01');
    expect(nextOrderDate({ today: '2025-03-01', window, orderedInWindow: 99, grantedMax: null })).toBe('2025-03-01');
  });
});
