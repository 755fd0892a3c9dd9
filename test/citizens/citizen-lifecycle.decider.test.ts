import { describe, expect, it } from '@jest/globals';
import {
  citizenDecider,
  type ChangeCitizenContactDetails,
  type ChangeCitizenCpr,
  type ChangeCitizenStatus,
  type CitizenState,
  type ReopenCitizen,
} from '../../src/citizens/citizen.decider.js';
import {
  citizenEventDefinitions,
  type CitizenCprChanged,
  type CitizenEvent,
  type CitizenRegistered,
  type CitizenRemoved,
  type CitizenReopened,
  type CitizenStatus,
  type CitizenStatusChanged,
  type RemovalStatus,
} from '../../src/citizens/citizen.events.js';
import { ROLES, type Role } from '../../src/shared/actor.js';
import { fold } from '../../src/shared/decider.js';
import { EventRegistry } from '../../src/shared/event-schema.js';
import { spec } from '../support/decider-spec.js';
import { fictitiousCpr, hyphenated } from './cpr-fixtures.js';

const CITIZEN_ID = '0c3f6a1e-7b2d-4e58-9a10-6d2b8f4c1e77';
const MUNICIPALITY_ID = 'a4d2c6e8-1b3f-4a5c-8d7e-9f0a1b2c3d4e';
const POSTAL_CODES = ['2300', '2100'];
const TODAY = '2026-03-10';

const CPR = fictitiousCpr('120378', '2', { checksum: 'valid', gender: 'female' });
const NEW_CPR = fictitiousCpr('030481', '1', { checksum: 'valid', gender: 'male' });
const NEW_CPR_FAILING_CHECK = fictitiousCpr('030481', '1', { checksum: 'invalid' });
const NEW_CPR_EXEMPT = fictitiousCpr('010170', '3', { checksum: 'invalid' });

const registered = (data: Partial<CitizenRegistered['data']> = {}): CitizenRegistered => ({
  type: 'CitizenRegistered',
  data: {
    citizenId: CITIZEN_ID,
    municipalityId: MUNICIPALITY_ID,
    cpr: CPR,
    birthDate: '1978-03-12',
    gender: 'female',
    firstName: 'Lise',
    lastName: 'Livsen',
    address: { street: 'Livsvej 1', postalCode: '2300', city: 'København S' },
    webshopUsername: CPR,
    status: 'ACTIVE',
    ...data,
  },
});

type NotRemoved = CitizenStatusChanged['data']['from'];

const statusChanged = (from: NotRemoved, to: NotRemoved, reason?: string): CitizenStatusChanged => ({
  type: 'CitizenStatusChanged',
  data: { citizenId: CITIZEN_ID, from, to, ...(reason === undefined ? {} : { reason }) },
});
const removed = (status: RemovalStatus, from: NotRemoved = 'ACTIVE', reason?: string): CitizenRemoved => ({
  type: 'CitizenRemoved',
  data: { citizenId: CITIZEN_ID, from, status, ...(reason === undefined ? {} : { reason }) },
});
const reopened = (from: RemovalStatus, reason = 'Fejlagtigt meldt død'): CitizenReopened => ({
  type: 'CitizenReopened',
  data: { citizenId: CITIZEN_ID, from, reason },
});
/** The fixture's webshop username is its CPR number (the default), so by default it follows the new number. */
const cprChanged = (data: Partial<CitizenCprChanged['data']> = {}): CitizenCprChanged => ({
  type: 'CitizenCprChanged',
  data: {
    citizenId: CITIZEN_ID,
    cpr: NEW_CPR,
    birthDate: '1981-04-03',
    gender: 'male',
    reason: 'Nyt personnummer fra CPR-kontoret',
    webshopUsername: data.cpr ?? NEW_CPR,
    ...data,
  },
});

const changeStatus = (status: CitizenStatus, data: Partial<ChangeCitizenStatus['data']> = {}): ChangeCitizenStatus => ({
  type: 'ChangeCitizenStatus',
  data: { citizenId: CITIZEN_ID, role: 'caseworker', status, ...data },
});
const reopen = (data: Partial<ReopenCitizen['data']> = {}): ReopenCitizen => ({
  type: 'ReopenCitizen',
  data: { citizenId: CITIZEN_ID, role: 'customer_service', reason: 'Fejlagtigt meldt død', ...data },
});
const changeCpr = (data: Partial<ChangeCitizenCpr['data']> = {}): ChangeCitizenCpr => ({
  type: 'ChangeCitizenCpr',
  data: { citizenId: CITIZEN_ID, role: 'caseworker', cpr: NEW_CPR, reason: 'Nyt personnummer fra CPR-kontoret', today: TODAY, ...data },
});
const changeContactDetails = (data: Partial<ChangeCitizenContactDetails['data']> = {}): ChangeCitizenContactDetails => ({
  type: 'ChangeCitizenContactDetails',
  data: { citizenId: CITIZEN_ID, municipalityPostalCodes: POSTAL_CODES, phone: '12345678', ...data },
});

const citizen = spec(citizenDecider);
const stateAfter = (events: readonly CitizenEvent[]): CitizenState => fold(citizenDecider, events);
const registeredState = (events: readonly CitizenEvent[]) => {
  const state = stateAfter(events);
  if (state.status !== 'registered') throw new Error('expected a registered citizen');
  return state;
};

/** How to reach each status from a fresh registration, as the history would hold it. */
const HISTORY_TO: Record<CitizenStatus, CitizenEvent[]> = {
  ACTIVE: [registered()],
  GRANT_ENDED: [registered(), statusChanged('ACTIVE', 'GRANT_ENDED')],
  OTHER_SUPPLIER: [registered(), statusChanged('ACTIVE', 'OTHER_SUPPLIER')],
  DECEASED: [registered(), removed('DECEASED')],
  MOVED_AWAY: [registered(), removed('MOVED_AWAY')],
};
const NOT_REMOVED: NotRemoved[] = ['ACTIVE', 'GRANT_ENDED', 'OTHER_SUPPLIER'];
const REMOVAL: RemovalStatus[] = ['DECEASED', 'MOVED_AWAY'];
const OTHER_ROLES = (allowed: readonly Role[]) => ROLES.filter((role) => !allowed.includes(role));

describe('changing a citizen’s status: who may (DOMAIN §2.3, §6)', () => {
  it.each(['caseworker', 'nurse'] as const)('role %s may change the status', (role) => {
    citizen.given([registered()]).when(changeStatus('GRANT_ENDED', { role })).then([statusChanged('ACTIVE', 'GRANT_ENDED')]);
    citizen.given([registered()]).when(changeStatus('DECEASED', { role })).then([removed('DECEASED')]);
  });

  it.each(OTHER_ROLES(['caseworker', 'nurse']))('role %s may not: FORBIDDEN (403), whatever the status', (role) => {
    for (const status of ['GRANT_ENDED', 'OTHER_SUPPLIER', 'DECEASED', 'MOVED_AWAY', 'ACTIVE'] as const) {
      const error = citizen.given([registered()]).when(changeStatus(status, { role })).thenThrows('FORBIDDEN');
      expect(error.kind).toBe('forbidden');
    }
  });

  it('the status of a citizen that does not exist: NOT_FOUND', () => {
    const error = citizen.given([]).when(changeStatus('GRANT_ENDED')).thenThrows('NOT_FOUND');
    expect(error.kind).toBe('not_found');
  });
});

describe('status changes between ACTIVE, GRANT_ENDED and OTHER_SUPPLIER (DOMAIN §2.3)', () => {
  it.each([
    ['ACTIVE', 'GRANT_ENDED'],
    ['ACTIVE', 'OTHER_SUPPLIER'],
    ['GRANT_ENDED', 'OTHER_SUPPLIER'],
    ['OTHER_SUPPLIER', 'GRANT_ENDED'],
    ['GRANT_ENDED', 'ACTIVE'],
    ['OTHER_SUPPLIER', 'ACTIVE'],
  ] as const)('%s → %s records CitizenStatusChanged with from and to', (from, to) => {
    citizen.given(HISTORY_TO[from]).when(changeStatus(to)).then([statusChanged(from, to)]);
  });

  it('a reason given is recorded, trimmed; a blank one is left out', () => {
    citizen.given([registered()]).when(changeStatus('OTHER_SUPPLIER', { reason: '  Valgt anden leverandør ' })).then([statusChanged('ACTIVE', 'OTHER_SUPPLIER', 'Valgt anden leverandør')]);
    citizen.given([registered()]).when(changeStatus('OTHER_SUPPLIER', { reason: '   ' })).then([statusChanged('ACTIVE', 'OTHER_SUPPLIER')]);
    citizen.given([registered()]).when(changeStatus('OTHER_SUPPLIER', { reason: null })).then([statusChanged('ACTIVE', 'OTHER_SUPPLIER')]);
  });

  it.each(NOT_REMOVED)('%s → the same status records nothing (no error)', (status) => {
    citizen.given(HISTORY_TO[status]).when(changeStatus(status)).thenNothing();
  });

  it('a change is judged against the status as it is after earlier changes', () => {
    const history = [registered(), statusChanged('ACTIVE', 'GRANT_ENDED'), statusChanged('GRANT_ENDED', 'OTHER_SUPPLIER')];
    citizen.given(history).when(changeStatus('OTHER_SUPPLIER')).thenNothing();
    citizen.given(history).when(changeStatus('ACTIVE')).then([statusChanged('OTHER_SUPPLIER', 'ACTIVE')]);
  });

  it('CitizenStatusChanged moves the folded status to `to` and keeps everything else', () => {
    const before = registeredState([registered()]);
    const after = registeredState([registered(), statusChanged('ACTIVE', 'GRANT_ENDED')]);
    expect(after).toEqual({ ...before, citizenStatus: 'GRANT_ENDED' });
    expect(registeredState([...HISTORY_TO.GRANT_ENDED, statusChanged('GRANT_ENDED', 'ACTIVE')]).citizenStatus).toBe('ACTIVE');
  });
});

describe('removing a citizen: DECEASED or MOVED_AWAY (DOMAIN §2.3)', () => {
  it.each(NOT_REMOVED.flatMap((from) => REMOVAL.map((to) => [from, to] as const)))('%s → %s records CitizenRemoved with from and status', (from, to) => {
    citizen.given(HISTORY_TO[from]).when(changeStatus(to)).then([removed(to, from)]);
  });

  it('a reason given is recorded, trimmed', () => {
    citizen.given([registered()]).when(changeStatus('MOVED_AWAY', { reason: ' Flyttet til Aarhus ' })).then([removed('MOVED_AWAY', 'ACTIVE', 'Flyttet til Aarhus')]);
  });

  it.each(REMOVAL.flatMap((from) => (['ACTIVE', 'GRANT_ENDED', 'OTHER_SUPPLIER', 'DECEASED', 'MOVED_AWAY'] as const).map((to) => [from, to] as const)))(
    'a %s citizen changes to %s only by being reopened: CITIZEN_REMOVED (409)',
    (from, to) => {
      const error = citizen.given(HISTORY_TO[from]).when(changeStatus(to)).thenThrows('CITIZEN_REMOVED');
      expect(error.kind).toBe('conflict');
    },
  );

  it.each(REMOVAL)('the contact details of a %s citizen are not changed: CITIZEN_REMOVED', (status) => {
    citizen.given(HISTORY_TO[status]).when(changeContactDetails()).thenThrows('CITIZEN_REMOVED');
    citizen
      .given(HISTORY_TO[status])
      .when(changeContactDetails({ phone: undefined, address: { street: 'Nyvej 2', postalCode: '2100', city: 'København Ø' } }))
      .thenThrows('CITIZEN_REMOVED');
  });

  it('the contact details of a GRANT_ENDED or OTHER_SUPPLIER citizen still change', () => {
    for (const status of ['GRANT_ENDED', 'OTHER_SUPPLIER'] as const) {
      citizen.given(HISTORY_TO[status]).when(changeContactDetails()).then([{ type: 'CitizenContactDetailsChanged', data: { citizenId: CITIZEN_ID, phone: '12345678' } }]);
    }
  });

  it('CitizenRemoved moves the folded status to the removal status and keeps everything else', () => {
    const before = registeredState([registered()]);
    expect(registeredState([registered(), removed('DECEASED')])).toEqual({ ...before, citizenStatus: 'DECEASED' });
    expect(registeredState([...HISTORY_TO.OTHER_SUPPLIER, removed('MOVED_AWAY', 'OTHER_SUPPLIER')]).citizenStatus).toBe('MOVED_AWAY');
  });
});

describe('reopening a removed citizen, "genåbne" (DOMAIN §2.3)', () => {
  it.each(REMOVAL)('customer service reopens a %s citizen: CitizenReopened with from and the reason, trimmed', (status) => {
    citizen.given(HISTORY_TO[status]).when(reopen({ reason: '  Fejlagtigt meldt død ' })).then([reopened(status)]);
  });

  it.each(OTHER_ROLES(['customer_service']))('role %s may not reopen: FORBIDDEN', (role) => {
    const error = citizen.given(HISTORY_TO.DECEASED).when(reopen({ role })).thenThrows('FORBIDDEN');
    expect(error.kind).toBe('forbidden');
  });

  it.each(NOT_REMOVED)('a %s citizen is not removed, so not reopened: CITIZEN_NOT_REMOVED (409)', (status) => {
    const error = citizen.given(HISTORY_TO[status]).when(reopen()).thenThrows('CITIZEN_NOT_REMOVED');
    expect(error.kind).toBe('conflict');
  });

  it.each(['', '   ', '\t'])('the reason is mandatory: %j is refused with VALIDATION_FAILED (400) naming `reason`', (reason) => {
    const error = citizen.given(HISTORY_TO.MOVED_AWAY).when(reopen({ reason })).thenThrows('VALIDATION_FAILED');
    expect(error.kind).toBe('bad_request');
    expect(error.details).toEqual({ fields: [expect.objectContaining({ path: 'reason' })] });
  });

  it('reopening a citizen that does not exist: NOT_FOUND', () => {
    citizen.given([]).when(reopen()).thenThrows('NOT_FOUND');
  });

  it('a reopened citizen is ACTIVE again (everything else as before), and can be reopened only after another removal', () => {
    const before = registeredState([registered()]);
    const history = [registered(), removed('DECEASED'), reopened('DECEASED')];
    expect(registeredState(history)).toEqual(before);
    citizen.given(history).when(reopen()).thenThrows('CITIZEN_NOT_REMOVED');
    citizen.given(history).when(changeStatus('MOVED_AWAY')).then([removed('MOVED_AWAY')]);
    citizen.given([...history, removed('MOVED_AWAY')]).when(reopen({ reason: 'Flyttet tilbage' })).then([reopened('MOVED_AWAY', 'Flyttet tilbage')]);
  });

  it('a reopened citizen’s status and contact details change again', () => {
    const history = [...HISTORY_TO.OTHER_SUPPLIER, removed('DECEASED', 'OTHER_SUPPLIER'), reopened('DECEASED')];
    citizen.given(history).when(changeStatus('GRANT_ENDED')).then([statusChanged('ACTIVE', 'GRANT_ENDED')]);
    citizen.given(history).when(changeContactDetails()).then([{ type: 'CitizenContactDetailsChanged', data: { citizenId: CITIZEN_ID, phone: '12345678' } }]);
  });
});

describe('changing a citizen’s CPR number (DOMAIN §2.1 rule 5)', () => {
  it.each(['caseworker', 'customer_service'] as const)('role %s changes it: CitizenCprChanged with the derived birth date and gender', (role) => {
    citizen.given([registered()]).when(changeCpr({ role })).then([cprChanged()]);
  });

  it.each(OTHER_ROLES(['caseworker', 'customer_service']))('role %s may not: FORBIDDEN', (role) => {
    citizen.given([registered()]).when(changeCpr({ role })).thenThrows('FORBIDDEN');
  });

  it('the number may be typed DDMMYY-SSSS; the event carries the 10 digits, and the reason trimmed', () => {
    citizen.given([registered()]).when(changeCpr({ cpr: ` ${hyphenated(NEW_CPR)} `, reason: ' Nyt personnummer fra CPR-kontoret  ' })).then([cprChanged()]);
  });

  it('birth date and gender come from the new number, not the old one (7th digit 4: born in the 2000s)', () => {
    const female2004 = fictitiousCpr('290204', '4', { checksum: 'valid', gender: 'female' });
    citizen.given([registered()]).when(changeCpr({ cpr: female2004 })).then([cprChanged({ cpr: female2004, birthDate: '2004-02-29', gender: 'female' })]);
  });

  it.each(['', '030481123', '0304811234a', '030481--1234', 'abcdefghij'])('a number that is not 10 digits (%j): CPR_FORMAT (422)', (cpr) => {
    const error = citizen.given([registered()]).when(changeCpr({ cpr })).thenThrows('CPR_FORMAT');
    expect(error.kind).toBe('unprocessable');
  });

  it('a birth date that does not exist, or lies after today: CPR_DATE', () => {
    citizen.given([registered()]).when(changeCpr({ cpr: '310481-1234' })).thenThrows('CPR_DATE');
    const tomorrow = fictitiousCpr('110326', '4', { checksum: 'valid' });
    citizen.given([registered()]).when(changeCpr({ cpr: tomorrow })).thenThrows('CPR_DATE');
    citizen.given([registered()]).when(changeCpr({ cpr: tomorrow, today: '2026-03-11' })).then([cprChanged({ cpr: tomorrow, birthDate: '2026-03-11', gender: Number(tomorrow[9]) % 2 === 1 ? 'male' : 'female' })]);
  });

  it('a number failing modulus 11: CPR_CHECKSUM_UNCONFIRMED unless confirmed with confirmUnusualCpr', () => {
    citizen.given([registered()]).when(changeCpr({ cpr: NEW_CPR_FAILING_CHECK })).thenThrows('CPR_CHECKSUM_UNCONFIRMED');
    citizen.given([registered()]).when(changeCpr({ cpr: NEW_CPR_FAILING_CHECK, confirmUnusualCpr: false })).thenThrows('CPR_CHECKSUM_UNCONFIRMED');
    const gender = Number(NEW_CPR_FAILING_CHECK[9]) % 2 === 1 ? 'male' : 'female';
    citizen.given([registered()]).when(changeCpr({ cpr: NEW_CPR_FAILING_CHECK, confirmUnusualCpr: true })).then([cprChanged({ cpr: NEW_CPR_FAILING_CHECK, gender })]);
  });

  it('a number failing modulus 11 on one of the CPR office’s exempt birth dates is accepted without confirmation', () => {
    const gender = Number(NEW_CPR_EXEMPT[9]) % 2 === 1 ? 'male' : 'female';
    citizen.given([registered()]).when(changeCpr({ cpr: NEW_CPR_EXEMPT })).then([cprChanged({ cpr: NEW_CPR_EXEMPT, birthDate: '1970-01-01', gender })]);
  });

  it.each(['', '  ', '\n'])('the reason is mandatory: %j is refused with VALIDATION_FAILED naming `reason`', (reason) => {
    const error = citizen.given([registered()]).when(changeCpr({ reason })).thenThrows('VALIDATION_FAILED');
    expect(error.kind).toBe('bad_request');
    expect(error.details).toEqual({ fields: [expect.objectContaining({ path: 'reason' })] });
  });

  it('the same number again (in either form) records nothing', () => {
    citizen.given([registered()]).when(changeCpr({ cpr: CPR })).thenNothing();
    citizen.given([registered()]).when(changeCpr({ cpr: hyphenated(CPR) })).thenNothing();
    citizen.given([registered(), cprChanged()]).when(changeCpr({ cpr: NEW_CPR })).thenNothing();
  });

  it('a change is judged against the number as it is after earlier changes: changing back is a change', () => {
    citizen.given([registered(), cprChanged()]).when(changeCpr({ cpr: CPR, reason: 'Rettet tilbage' })).then([cprChanged({ cpr: CPR, birthDate: '1978-03-12', gender: 'female', reason: 'Rettet tilbage' })]);
  });

  it.each(REMOVAL)('a %s citizen’s number is not changed: CITIZEN_REMOVED', (status) => {
    citizen.given(HISTORY_TO[status]).when(changeCpr()).thenThrows('CITIZEN_REMOVED');
  });

  it('a GRANT_ENDED or OTHER_SUPPLIER citizen’s number is changed', () => {
    citizen.given(HISTORY_TO.GRANT_ENDED).when(changeCpr()).then([cprChanged()]);
    citizen.given(HISTORY_TO.OTHER_SUPPLIER).when(changeCpr({ role: 'customer_service' })).then([cprChanged()]);
  });

  it('changing the number of a citizen that does not exist: NOT_FOUND', () => {
    citizen.given([]).when(changeCpr()).thenThrows('NOT_FOUND');
  });

  it('CitizenCprChanged changes only the folded number (and a default webshop username); the status stays', () => {
    const before = registeredState(HISTORY_TO.GRANT_ENDED);
    expect(registeredState([...HISTORY_TO.GRANT_ENDED, cprChanged()])).toEqual({ ...before, cpr: NEW_CPR, webshopUsername: NEW_CPR });
  });

  it('a webshop username the citizen chose stays when the number changes', () => {
    const { webshopUsername: _default, ...withoutUsername } = cprChanged().data;
    citizen.given([registered({ webshopUsername: 'lise.l' })]).when(changeCpr()).then([{ type: 'CitizenCprChanged', data: withoutUsername }]);
  });
});

describe('what the lifecycle commands record and say', () => {
  it('every lifecycle event they record satisfies its schema', () => {
    const registry = new EventRegistry(citizenEventDefinitions);
    const events = [
      ...citizenDecider.decide(changeStatus('GRANT_ENDED', { reason: 'Bevilling ophørt' }), stateAfter([registered()])),
      ...citizenDecider.decide(changeStatus('ACTIVE'), stateAfter(HISTORY_TO.OTHER_SUPPLIER)),
      ...citizenDecider.decide(changeStatus('DECEASED'), stateAfter([registered()])),
      ...citizenDecider.decide(changeStatus('MOVED_AWAY', { reason: 'Flyttet' }), stateAfter(HISTORY_TO.GRANT_ENDED)),
      ...citizenDecider.decide(reopen(), stateAfter(HISTORY_TO.MOVED_AWAY)),
      ...citizenDecider.decide(changeCpr(), stateAfter([registered()])),
    ];
    expect(events.map((event) => event.type)).toEqual([
      'CitizenStatusChanged',
      'CitizenStatusChanged',
      'CitizenRemoved',
      'CitizenRemoved',
      'CitizenReopened',
      'CitizenCprChanged',
    ]);
    for (const event of events) expect(registry.encode(event).data).toEqual(event.data);
  });

  it('refusals of a CPR change never contain the old or the new number', () => {
    const refused: Array<[CitizenEvent[], ChangeCitizenCpr]> = [
      [[registered()], changeCpr({ cpr: `${NEW_CPR}0` })],
      [[registered()], changeCpr({ cpr: '310481-1234' })],
      [[registered()], changeCpr({ cpr: NEW_CPR_FAILING_CHECK })],
      [[registered()], changeCpr({ reason: ' ' })],
      [[registered()], changeCpr({ role: 'nurse' })],
      [HISTORY_TO.DECEASED, changeCpr()],
    ];
    for (const [given, command] of refused) {
      let said = '';
      try {
        citizenDecider.decide(command, stateAfter(given));
      } catch (error) {
        said = `${(error as Error).message} ${JSON.stringify((error as { details?: unknown }).details ?? {})}`;
      }
      expect(said).not.toBe('');
      for (const secret of [CPR, NEW_CPR, NEW_CPR.slice(0, 6), NEW_CPR_FAILING_CHECK.slice(6), '310481', 'Lise', 'Livsen']) {
        expect(said).not.toContain(secret);
      }
    }
  });
});
