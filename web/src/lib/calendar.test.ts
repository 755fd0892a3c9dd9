import { describe, expect, it } from '@jest/globals';
import { copenhagenToday, orderingBlocked } from './calendar';

describe('The Copenhagen calendar day and the bell (DOMAIN §4.2)', () => {
  it.each([
    ['2026-06-30T21:59:00Z', '2026-06-30'],
    // Midnight in Copenhagen (summer time) is 22:00 UTC: it is already the next day there.
    ['2026-06-30T22:00:00Z', '2026-07-01'],
    ['2026-12-31T23:30:00Z', '2027-01-01'],
    ['2026-01-15T10:00:00Z', '2026-01-15'],
  ])('at %s it is %s in Copenhagen', (instant, day) => {
    expect(copenhagenToday(new Date(instant))).toBe(day);
  });

  it('ordering is blocked only when the next order date is after today', () => {
    expect(orderingBlocked('2026-03-06', '2026-03-05')).toBe(true);
    expect(orderingBlocked('2026-03-05', '2026-03-05')).toBe(false);
    expect(orderingBlocked('2026-03-04', '2026-03-05')).toBe(false);
    expect(orderingBlocked(null, '2026-03-05')).toBe(false);
  });
});
