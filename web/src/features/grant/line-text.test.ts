import { describe, expect, it } from '@jest/globals';
import { grantedMaxText, kindText, periodText, perSalesUnitText, salesUnitText } from './line-text';

describe('How a grant line reads (user guide p. 3, 6, 7)', () => {
  it('"Løbende" from its start, or "Engangsbevilling" with both dates', () => {
    expect(kindText({ kind: 'continuous', startDate: '2026-04-05', endDate: null })).toBe('Løbende fra 05.04.2026');
    expect(kindText({ kind: 'one_time', startDate: '2026-04-05', endDate: '2026-12-31' })).toBe('Engangsbevilling 05.04.2026–31.12.2026');
  });

  it('"Bevilget max." per calculation period, for a one-time line in all, or no limit without an allowance', () => {
    const allowance = { quantity: null, per: null, grantedMax: 7, salesUnitsPerOrder: 7 } as const;
    expect(grantedMaxText({ kind: 'continuous', allowance: { ...allowance, periodMonths: 3 } })).toBe('7 pr. 3 måneder');
    expect(grantedMaxText({ kind: 'continuous', allowance: { ...allowance, periodMonths: 12 } })).toBe('7 pr. 12 måneder');
    expect(grantedMaxText({ kind: 'one_time', allowance: { ...allowance, periodMonths: 3 } })).toBe('7 i alt');
    expect(grantedMaxText({ kind: 'continuous', allowance: null })).toBe('Ingen grænse');
  });

  it('a window from its first to its last day', () => {
    expect(periodText({ start: '2026-10-05', lastDay: '2027-01-04' })).toBe('05.10.2026–04.01.2027');
  });

  it('the sales unit by name when the catalogue knows it', () => {
    expect(perSalesUnitText({ salesUnit: { name: 'æske', pieces: 30 } })).toBe('pr. æske');
    expect(salesUnitText({ salesUnit: { name: 'æske', pieces: 30 } })).toBe('æske à 30 stk.');
    expect(perSalesUnitText({ salesUnit: null })).toBe('pr. salgsenhed');
    expect(salesUnitText({ salesUnit: null })).toBeNull();
  });
});
