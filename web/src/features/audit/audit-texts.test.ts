import { describe, expect, it } from '@jest/globals';
import type { GrantView, GrantViewLine } from './api';
import { actorText, eventText } from './event-texts';
import { compareGrants, copenhagenInstant } from './grant-comparison';

describe('eventText', () => {
  it('says what happened in Danish, with the details that matter', () => {
    expect(eventText('CitizenRemoved', { status: 'MOVED_AWAY', from: 'ACTIVE', reason: 'Flyttet til Sverige' })).toEqual({
      what: 'Borgeren blev fjernet: "Fraflyttet"',
      details: ['Begrundelse: Flyttet til Sverige'],
    });
    expect(eventText('GrantLineAdded', { itemNumber: 'S1', productName: 'Stomipose', grantArea: 'Stomi', kind: 'continuous', startDate: '2026-11-03', allowance: { grantedMax: 6, periodMonths: 3 } })).toEqual({
      what: 'Vare bevilget: Stomipose',
      details: ['Varenr.: S1', 'Bevillingsområde: Stomi', 'Type: Løbende', 'Startdato: 03.11.2026', 'Bevilget max.: 6 salgsenheder pr. 3 måneder'],
    });
    expect(eventText('GrantLinesInactivatedForStatus', { status: 'DECEASED', lineIds: ['a', 'b'], effectiveDate: '2026-11-03' }).what).toBe('2 varer gjort inaktiv ved status "Mors"');
    expect(eventText('CitizenCprChanged', { cpr: '010190-XXXX', reason: 'Fejl' }).details).toEqual(['Nyt CPR-nr.: 010190-XXXX', 'Begrundelse: Fejl']);
  });

  it('shows an unknown event by its type rather than hide it', () => {
    expect(eventText('SomethingNew', null)).toEqual({ what: 'SomethingNew', details: [] });
  });
});

describe('actorText', () => {
  it('names the user and the role; the system and the citizen in words', () => {
    expect(actorText({ name: 'Sara Sagsbehandler', role: 'caseworker', userId: 'u1' })).toBe('Sara Sagsbehandler (Sagsbehandler)');
    expect(actorText({ name: null, role: 'integration', userId: 'u2' })).toBe('Integration');
    expect(actorText({ name: null, role: null, userId: null })).toBe('Systemet');
    expect(actorText({ name: null, role: 'citizen', userId: 'c1' })).toBe('Borgeren selv (webshop)');
  });
});

const line = (fields: Partial<GrantViewLine>): GrantViewLine =>
  ({
    lineId: 'l1',
    itemNumber: 'S1',
    productName: 'Stomipose',
    grantArea: 'Stomi',
    kind: 'continuous',
    status: 'ACTIVE',
    startDate: '2026-01-01',
    endDate: null,
    allowance: { quantity: null, per: null, periodMonths: 3, grantedMax: 6, salesUnitsPerOrder: 6 },
    window: null,
    ...fields,
  }) as unknown as GrantViewLine;
const view = (lines: GrantViewLine[]): GrantView => ({ areas: [{ grantArea: 'Stomi', lines }] }) as unknown as GrantView;

describe('compareGrants', () => {
  it('marks lines granted since, gone since, changed (with then and now) and unchanged', () => {
    const compared = compareGrants(
      view([line({}), line({ lineId: 'l2', itemNumber: 'S2' }), line({ lineId: 'l3', itemNumber: 'S3' })]),
      view([line({ status: 'INACTIVE' }), line({ lineId: 'l2', itemNumber: 'S2' }), line({ lineId: 'l4', itemNumber: 'S4' })]),
    );
    expect(compared.map(({ itemNumber, change }) => [itemNumber, change])).toEqual([
      ['S1', 'changed'],
      ['S2', 'same'],
      ['S3', 'gone'],
      ['S4', 'added'],
    ]);
    expect(compared[0]?.differences).toEqual([{ label: 'Status', then: 'Aktiv', now: 'Inaktiv' }]);
  });
});

describe('copenhagenInstant', () => {
  it('reads a Copenhagen wall time, winter and summer', () => {
    expect(copenhagenInstant('2026-01-15', '14:30')).toBe('2026-01-15T13:30:00.000Z');
    expect(copenhagenInstant('2026-07-15', '14.30')).toBe('2026-07-15T12:30:00.000Z');
    expect(copenhagenInstant('2026-07-15', '25:00')).toBeNull();
  });
});
