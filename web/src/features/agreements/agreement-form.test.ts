import { describe, expect, it } from '@jest/globals';
import { kronerText, parseKroner, periodsToSend } from './agreement-form';

describe('The agreement page\'s form', () => {
  it('reads kroner as a Dane types them, in øre', () => {
    expect(parseKroner('123')).toBe(12_300);
    expect(parseKroner('123,5')).toBe(12_350);
    expect(parseKroner('1.234,50')).toBe(123_450);
    expect(parseKroner('1.234')).toBe(123_400);
    expect(parseKroner('123.50')).toBe(12_350);
    expect(parseKroner(' 45,00 kr. ')).toBe(4_500);
    expect(parseKroner('0')).toBe(0);
    for (const wrong of ['', '-5', '12,345', 'abc', '1,2,3', '12.3456']) expect(parseKroner(wrong)).toBeNull();
    expect(kronerText(123_405)).toBe('1234,05');
    expect(parseKroner(kronerText(99))).toBe(99);
  });

  it('adds a period, replaces the one being changed, or takes it away', () => {
    const current = [
      { pricePerSalesUnit: 100, validFrom: '2025-01-01', validTo: '2025-12-31', validToday: false },
      { pricePerSalesUnit: 120, validFrom: '2026-01-01', validTo: null, validToday: true },
    ];
    const next = { pricePerSalesUnit: 130, validFrom: '2026-01-01', validTo: '2026-12-31' };
    expect(periodsToSend(current, next, null)).toHaveLength(3);
    expect(periodsToSend(current, next, '2026-01-01')).toEqual([{ pricePerSalesUnit: 100, validFrom: '2025-01-01', validTo: '2025-12-31' }, next]);
    expect(periodsToSend(current, null, '2025-01-01')).toEqual([{ pricePerSalesUnit: 120, validFrom: '2026-01-01', validTo: null }]);
    expect(periodsToSend([current[0]!], null, '2025-01-01')).toEqual([]);
  });
});
