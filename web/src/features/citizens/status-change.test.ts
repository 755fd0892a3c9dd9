import { describe, expect, it } from '@jest/globals';
import { statusChangeConsequence, statusChangedNotice } from './status-change';

describe('A status change says what it does before it is confirmed (DOMAIN §2.3)', () => {
  it.each(['GRANT_ENDED', 'OTHER_SUPPLIER'] as const)('%s: every active line becomes inactive, the citizen stays findable', (status) => {
    expect(statusChangeConsequence(status)).toContain('Alle aktive varer på borgerens bevilling bliver inaktive');
    expect(statusChangeConsequence(status)).toContain('kan stadig søges frem');
  });

  it.each(['DECEASED', 'MOVED_AWAY'] as const)('%s: the citizen disappears at once and unshipped orders are cancelled', (status) => {
    expect(statusChangeConsequence(status)).toContain('fjernes med det samme fra kommunens oversigter');
    expect(statusChangeConsequence(status)).toContain('annulleres');
    expect(statusChangedNotice(status)).toContain('fjernet fra kommunens oversigter');
  });

  it('back to active: the lines stay inactive until reactivated one by one', () => {
    expect(statusChangeConsequence('ACTIVE')).toContain('forbliver inaktive');
    expect(statusChangedNotice('ACTIVE')).toBe('Borgerens status er ændret til "Aktiv".');
  });
});
