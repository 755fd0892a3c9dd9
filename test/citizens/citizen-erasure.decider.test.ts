import { describe, expect, it } from '@jest/globals';
import { citizenDecider, retentionExpiry, type CitizenCommand, type EraseCitizenPersonalData } from '../../src/citizens/citizen.decider.js';
import {
  citizenEventDefinitions,
  type CitizenEvent,
  type CitizenPersonalDataErased,
  type CitizenRegistered,
  type CitizenRemoved,
  type RemovalStatus,
} from '../../src/citizens/citizen.events.js';
import { fold } from '../../src/shared/decider.js';
import { EventRegistry } from '../../src/shared/event-schema.js';
import { ERASED } from '../../src/shared/personal-data.js';
import { spec } from '../support/decider-spec.js';
import { fictitiousCpr } from './cpr-fixtures.js';

const CITIZEN_ID = '5e0b7c2a-3d4f-4a1b-9c8d-7e6f5a4b3c2d';
const MUNICIPALITY_ID = 'a4d2c6e8-1b3f-4a5c-8d7e-9f0a1b2c3d4e';
const CPR = fictitiousCpr('120378', '2', { checksum: 'valid', gender: 'female' });
const OTHER_CPR = fictitiousCpr('030481', '1', { checksum: 'valid', gender: 'male' });
const REMOVED_AT = '2020-06-15T10:30:00.000Z';
const ORDER_IDS = ['0f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f', '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'];

const registered: CitizenRegistered = {
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
    phone: '12345678',
    webshopUsername: CPR,
    status: 'ACTIVE',
  },
};
const removed = (status: RemovalStatus = 'DECEASED'): CitizenRemoved => ({ type: 'CitizenRemoved', data: { citizenId: CITIZEN_ID, from: 'ACTIVE', status } });
const erase = (data: Partial<EraseCitizenPersonalData['data']> = {}): EraseCitizenPersonalData => ({
  type: 'EraseCitizenPersonalData',
  data: { citizenId: CITIZEN_ID, removedAt: REMOVED_AT, retentionYears: 5, reason: 'Opbevaringsperioden er udløbet', now: '2025-06-15T10:30:00.000Z', orderIds: ORDER_IDS, ...data },
});
const erased = (status: RemovalStatus = 'DECEASED'): CitizenPersonalDataErased => ({
  type: 'CitizenPersonalDataErased',
  data: { citizenId: CITIZEN_ID, removedAt: REMOVED_AT, status, retentionYears: 5, reason: 'Opbevaringsperioden er udløbet', orderIds: ORDER_IDS },
});

describe('Erasing a removed citizen’s personal data once the retention period has run out (GDPR)', () => {
  it('is recorded for a deceased or moved-away citizen exactly when removedAt + the retention years is reached', () => {
    spec(citizenDecider).given([registered, removed('DECEASED')]).when(erase()).then([erased('DECEASED')]);
    spec(citizenDecider).given([registered, removed('MOVED_AWAY')]).when(erase({ now: '2031-01-01T00:00:00.000Z' })).then([erased('MOVED_AWAY')]);
  });

  it('is refused one millisecond early, with when the period runs out', () => {
    const error = spec(citizenDecider).given([registered, removed()]).when(erase({ now: '2025-06-15T10:29:59.999Z' })).thenThrows('RETENTION_NOT_EXPIRED');
    expect(error.kind).toBe('conflict');
    expect(error.details).toEqual({ retentionExpiresAt: '2025-06-15T10:30:00.000Z' });
  });

  it('is refused for a citizen who is not removed: active, ended grant, other supplier, or reopened', () => {
    const error = spec(citizenDecider).given([registered]).when(erase()).thenThrows('CITIZEN_NOT_REMOVED');
    expect(error.kind).toBe('conflict');
    spec(citizenDecider)
      .given([registered, { type: 'CitizenStatusChanged', data: { citizenId: CITIZEN_ID, from: 'ACTIVE', to: 'GRANT_ENDED' } }])
      .when(erase())
      .thenThrows('CITIZEN_NOT_REMOVED');
    spec(citizenDecider)
      .given([registered, removed(), { type: 'CitizenReopened', data: { citizenId: CITIZEN_ID, from: 'DECEASED', reason: 'Fejlagtigt meldt død' } }])
      .when(erase())
      .thenThrows('CITIZEN_NOT_REMOVED');
    spec(citizenDecider).given([]).when(erase()).thenThrows('NOT_FOUND');
  });

  it('is a no-op for a citizen erased already, however early, so the retention job can run again', () => {
    spec(citizenDecider).given([registered, removed(), erased()]).when(erase()).thenNothing();
    spec(citizenDecider).given([registered, removed(), erased()]).when(erase({ now: '2020-06-15T10:30:00.000Z' })).thenNothing();
  });

  it('refuses a retention period that is not a whole number of years, and a blank reason', () => {
    spec(citizenDecider).given([registered, removed()]).when(erase({ retentionYears: -1 })).thenThrows('RETENTION_YEARS_INVALID');
    spec(citizenDecider).given([registered, removed()]).when(erase({ retentionYears: 2.5 })).thenThrows('RETENTION_YEARS_INVALID');
    spec(citizenDecider).given([registered, removed()]).when(erase({ reason: '  ' })).thenThrows('VALIDATION_FAILED');
  });

  it('names each order once, and writes an event its schema accepts', () => {
    const [event] = citizenDecider.decide(erase({ orderIds: [ORDER_IDS[0]!, ORDER_IDS[0]!] }), fold(citizenDecider, [registered, removed()]));
    expect(event).toEqual({ ...erased(), data: { ...erased().data, orderIds: [ORDER_IDS[0]] } });
    expect(new EventRegistry(citizenEventDefinitions).encode(event!).data).toEqual(event!.data);
  });

  it('a removal on 29 February runs out on 1 March of a common year, never early', () => {
    expect(retentionExpiry('2024-02-29T12:00:00.000Z', 1).toISOString()).toBe('2025-03-01T12:00:00.000Z');
    expect(retentionExpiry('2024-02-29T12:00:00.000Z', 4).toISOString()).toBe('2028-02-29T12:00:00.000Z');
  });

  it('leaves the state erased, every personal field `slettet` as a fresh read of the shredded events gives it', () => {
    const state = fold(citizenDecider, [registered, removed(), erased()]);
    expect(state).toMatchObject({
      status: 'registered',
      citizenStatus: 'DECEASED',
      erased: true,
      cpr: ERASED,
      firstName: ERASED,
      lastName: ERASED,
      address: { street: ERASED, postalCode: ERASED, city: ERASED },
      phone: ERASED,
      email: null,
      webshopUsername: ERASED,
    });
  });

  describe('every other command on an erased citizen is refused with CITIZEN_ERASED', () => {
    const commands: Array<[string, CitizenCommand]> = [
      ['reopen (customer service)', { type: 'ReopenCitizen', data: { citizenId: CITIZEN_ID, role: 'customer_service', reason: 'Fejlagtigt meldt død' } }],
      ['a status change', { type: 'ChangeCitizenStatus', data: { citizenId: CITIZEN_ID, role: 'caseworker', status: 'ACTIVE' } }],
      [
        'new contact details',
        { type: 'ChangeCitizenContactDetails', data: { citizenId: CITIZEN_ID, municipalityPostalCodes: ['2300'], address: { street: 'Nyvej 2', postalCode: '2300', city: 'København S' } } },
      ],
      ['a corrected name', { type: 'ChangeCitizenContactDetails', data: { citizenId: CITIZEN_ID, municipalityPostalCodes: [], firstName: 'Lis' } }],
      ['a new CPR number', { type: 'ChangeCitizenCpr', data: { citizenId: CITIZEN_ID, role: 'caseworker', cpr: OTHER_CPR, reason: 'Nyt nummer', today: '2026-03-10' } }],
      ['a new webshop username', { type: 'ChangeWebshopUsername', data: { citizenId: CITIZEN_ID, role: 'customer_service', webshopUsername: 'lise.livsen' } }],
      ['a webshop one-time password', { type: 'RecordWebshopOneTimePassword', data: { citizenId: CITIZEN_ID, role: 'customer_service' } }],
      ['accepting the webshop terms', { type: 'AcceptWebshopTerms', data: { citizenId: CITIZEN_ID, termsVersion: '2026-01' } }],
    ];
    it.each(commands)('%s', (_name, command) => {
      const error = spec(citizenDecider).given([registered, removed(), erased()]).when(command).thenThrows('CITIZEN_ERASED');
      expect(error.kind).toBe('conflict');
    });

    it('while the same commands on the removed citizen before the erasure meet the removal’s own rules', () => {
      // Reopening is allowed before the erasure: CITIZEN_ERASED is about the erasure, not the removal.
      const reopen = commands[0]![1];
      const events: CitizenEvent[] = citizenDecider.decide(reopen, fold(citizenDecider, [registered, removed()]));
      expect(events.map((event) => event.type)).toEqual(['CitizenReopened']);
      spec(citizenDecider).given([registered, removed()]).when(commands[2]![1]).thenThrows('CITIZEN_REMOVED');
    });

    it('registering under an erased citizen’s id still says the id is taken', () => {
      spec(citizenDecider)
        .given([registered, removed(), erased()])
        .when({
          type: 'RegisterCitizen',
          data: { ...registered.data, municipalityPostalCodes: ['2300'], today: '2026-03-10' },
        })
        .thenThrows('CITIZEN_ALREADY_EXISTS');
    });
  });

  it('folds the events of a shredded log: a registration whose personal fields read `slettet`', () => {
    const shredded: CitizenRegistered = {
      ...registered,
      data: { ...registered.data, cpr: ERASED, birthDate: ERASED, gender: ERASED, firstName: ERASED, lastName: ERASED, address: { street: ERASED, postalCode: ERASED, city: ERASED }, phone: ERASED, webshopUsername: ERASED },
    };
    const registry = new EventRegistry(citizenEventDefinitions);
    expect(registry.encode(shredded).data).toEqual(shredded.data);
    const state = fold(citizenDecider, [shredded, removed(), erased()]);
    expect(state).toMatchObject({ erased: true, cpr: ERASED, citizenStatus: 'DECEASED' });
  });
});
