import { describe, expect, it } from '@jest/globals';
import { accessLogEntries, accessLogExtract, accessLogRows } from '../../src/audit/access-log-views.js';
import type { CitizenRecordOpened } from '../../src/audit/access-log.js';
import type { Position, RecordedEvent } from '../../src/kernel/event-store.port.js';

const CITIZEN = '11111111-1111-4111-8111-111111111111';
let revision = 0;

function opened(occurredAt: string | undefined, purpose: string, role: string, fullCprShown = true) {
  revision += 1;
  const event: CitizenRecordOpened = { type: 'CitizenRecordOpened', data: { citizenId: CITIZEN, purpose, fullCprShown } };
  const recorded: RecordedEvent = {
    eventId: `e${revision}`,
    type: event.type,
    data: event.data,
    streamName: `citizenaccess-${CITIZEN}`,
    revision,
    position: String(revision).padStart(16, '0') as Position,
    recordedAt: new Date('2026-06-30T12:00:00Z'),
    metadata: { commandId: 'c', correlationId: 'c', causationId: 'c', actor: { userId: `user-${role}`, role, municipalityId: null }, occurredAt, schemaVersion: 1 },
  };
  return { recorded, event };
}

// Summer time in Copenhagen is UTC+2: 22:30 UTC on 31 March is already 00:30 on 1 April there.
const entries = accessLogEntries([
  opened('2026-03-31T08:00:00.000Z', 'Telefonopkald', 'customer_service'),
  opened('2026-03-31T22:30:00.000Z', 'Revision', 'auditor', false),
  opened('2026-04-02T10:00:00.000Z', 'Ny bevilling', 'caseworker'),
]);

describe('the access log (DOMAIN §7)', () => {
  it('lists who opened the record, when and why, newest first', () => {
    expect(accessLogRows(entries, {})).toEqual([
      { at: '2026-04-02T10:00:00.000Z', purpose: 'Ny bevilling', role: 'caseworker', userId: 'user-caseworker', fullCprShown: true },
      { at: '2026-03-31T22:30:00.000Z', purpose: 'Revision', role: 'auditor', userId: 'user-auditor', fullCprShown: false },
      { at: '2026-03-31T08:00:00.000Z', purpose: 'Telefonopkald', role: 'customer_service', userId: 'user-customer_service', fullCprShown: true },
    ]);
  });

  it('from and to are inclusive Europe/Copenhagen dates', () => {
    const purposes = (from?: string, to?: string) => accessLogRows(entries, { from, to }).map((row) => row.purpose);
    expect(purposes('2026-04-01', '2026-04-01')).toEqual(['Revision']);
    expect(purposes('2026-03-31', '2026-03-31')).toEqual(['Telefonopkald']);
    expect(purposes('2026-04-01')).toEqual(['Ny bevilling', 'Revision']);
    expect(purposes(undefined, '2026-04-01')).toEqual(['Revision', 'Telefonopkald']);
    expect(purposes('2026-04-03')).toEqual([]);
  });

  it('an opening without occurredAt is dated when the store wrote it', () => {
    const [entry] = accessLogEntries([opened(undefined, 'Gammel', 'auditor')]);
    expect(entry).toMatchObject({ at: '2026-06-30T12:00:00.000Z', date: '2026-06-30' });
  });
});

describe("the citizen's extract (GDPR Art. 15, DOMAIN §7)", () => {
  it('holds every opening, oldest first, as its Copenhagen date and purpose only: never who looked', () => {
    const extract = accessLogExtract(CITIZEN, entries);
    expect(extract).toEqual({
      citizenId: CITIZEN,
      items: [
        { date: '2026-03-31', purpose: 'Telefonopkald' },
        { date: '2026-04-01', purpose: 'Revision' },
        { date: '2026-04-02', purpose: 'Ny bevilling' },
      ],
    });
    expect(JSON.stringify(extract)).not.toMatch(/user-|auditor|caseworker|customer_service/);
  });
});
