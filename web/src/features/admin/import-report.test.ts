import { describe, expect, it } from '@jest/globals';
import { importSummary, percent, rowMessage } from './import-report';

describe('the catalogue import report', () => {
  it('explains each row code in Danish, an unknown one generally', () => {
    expect(rowMessage('PRICE_INVALID')).toMatch(/Listeprisen er ugyldig/);
    expect(rowMessage('SOMETHING_NEW')).toBe('Rækken er ugyldig.');
  });
  it('sums the import up', () => {
    expect(importSummary({ accepted: 3, added: 1, changed: 1, unchanged: 1, rejected: [{}] })).toBe(
      '3 rækker indlæst: 1 nye, 1 ændrede, 1 uændrede. 1 række afvist.',
    );
  });
  it('gives upload progress in whole percent', () => {
    expect(percent(1, 3)).toBe(33);
    expect(percent(5, 5)).toBe(100);
    expect(percent(5, 0)).toBeNull();
  });
});
