import { describe, expect, it } from '@jest/globals';
import { purposeOf } from './look-up-purposes';

describe('The purpose of a look-up (DOMAIN §7)', () => {
  it('a common purpose is taken as it is', () => {
    expect(purposeOf('Henvendelse fra borger', 'ignored')).toEqual({ purpose: 'Henvendelse fra borger' });
  });

  it('"Andet" needs the purpose in words', () => {
    expect(purposeOf('Andet', '  Klage over levering ')).toEqual({ purpose: 'Klage over levering' });
    expect(purposeOf('Andet', '   ')).toEqual({ problem: 'text' });
  });

  it('no choice, or one not offered, is no purpose', () => {
    expect(purposeOf('', '')).toEqual({ problem: 'choice' });
    expect(purposeOf('Nysgerrighed', '')).toEqual({ problem: 'choice' });
  });
});
