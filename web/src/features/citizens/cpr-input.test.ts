import { describe, expect, it } from '@jest/globals';
import { cprSearchCriterion, hyphenatedCpr, withoutSeparators } from './cpr-input';

describe('CPR numbers as typed (DOMAIN §2.1, §2.2)', () => {
  it.each([
    ['', { ok: true }],
    ['  ', { ok: true }],
    ['010190', { ok: true, cpr: '010190' }],
    ['0101901234', { ok: true, cpr: '0101901234' }],
    ['010190-1234', { ok: true, cpr: '0101901234' }],
    [' 010190 1234 ', { ok: true, cpr: '0101901234' }],
    ['01019', { ok: false }],
    ['0101901', { ok: false }],
    ['010190--1234', { ok: false }],
    ['01019a', { ok: false }],
  ])('the search criterion %j is %j: the whole number or the first 6 digits', (typed, criterion) => {
    expect(cprSearchCriterion(typed)).toEqual(criterion);
  });

  it('the webshop username follows the number without its separators, as the default username is the 10 digits', () => {
    expect(withoutSeparators('010190-1234')).toBe('0101901234');
    expect(withoutSeparators('010190 12')).toBe('01019012');
  });

  it('the full number is shown as DDMMYY-SSSS', () => {
    expect(hyphenatedCpr('0101901234')).toBe('010190-1234');
    expect(hyphenatedCpr('123')).toBe('123');
  });
});
