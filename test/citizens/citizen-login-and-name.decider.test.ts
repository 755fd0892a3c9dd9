import { describe, it } from '@jest/globals';
import { citizenDecider, type ChangeCitizenContactDetails } from '../../src/citizens/citizen.decider.js';
import type { CitizenRegistered, CitizenRemoved } from '../../src/citizens/citizen.events.js';
import { spec } from '../support/decider-spec.js';
import { fictitiousCpr } from './cpr-fixtures.js';

const CITIZEN_ID = '5a1c2e3f-4b5d-4e6f-8a9b-0c1d2e3f4a5b';
const CPR = fictitiousCpr('160585', '1', { checksum: 'valid', gender: 'female' });

const registered: CitizenRegistered = {
  type: 'CitizenRegistered',
  data: {
    citizenId: CITIZEN_ID,
    municipalityId: '101',
    cpr: CPR,
    birthDate: '1985-05-16',
    gender: 'female',
    firstName: 'Testa',
    lastName: 'Fiktvsen',
    address: { street: 'Prøvevej 1', postalCode: '8000', city: 'Aarhus C' },
    webshopUsername: CPR,
    status: 'ACTIVE',
  },
};
const removed: CitizenRemoved = { type: 'CitizenRemoved', data: { citizenId: CITIZEN_ID, from: 'ACTIVE', status: 'DECEASED' } };
const change = (data: Partial<ChangeCitizenContactDetails['data']>): ChangeCitizenContactDetails => ({
  type: 'ChangeCitizenContactDetails',
  data: { citizenId: CITIZEN_ID, municipalityPostalCodes: ['8000'], ...data },
});

const citizen = spec(citizenDecider);

describe('A name corrected ("Opdatere alle borgerens data")', () => {
  it('records both names as they now are, trimmed', () => {
    citizen.given([registered]).when(change({ lastName: ' Fiktivsen ' })).then([{ type: 'CitizenNameChanged', data: { citizenId: CITIZEN_ID, firstName: 'Testa', lastName: 'Fiktivsen' } }]);
  });
  it('the same name again records nothing; a blank one is refused', () => {
    citizen.given([registered]).when(change({ firstName: 'Testa' })).thenNothing();
    citizen.given([registered]).when(change({ firstName: '  ' })).thenThrows('VALIDATION_FAILED');
  });
  it('a removed citizen is not changed', () => {
    citizen.given([registered, removed]).when(change({ firstName: 'Ny' })).thenThrows('CITIZEN_REMOVED');
  });
});

describe('A new webshop username', () => {
  const rename = (webshopUsername: string, role: 'caseworker' | 'customer_service' | 'nurse' = 'caseworker') => ({
    type: 'ChangeWebshopUsername' as const,
    data: { citizenId: CITIZEN_ID, role, webshopUsername },
  });
  it('is recorded trimmed by caseworkers and customer service', () => {
    citizen.given([registered]).when(rename(' testa.f ')).then([{ type: 'CitizenWebshopUsernameChanged', data: { citizenId: CITIZEN_ID, webshopUsername: 'testa.f' } }]);
    citizen.given([registered]).when(rename('testa.f', 'customer_service')).then([{ type: 'CitizenWebshopUsernameChanged', data: { citizenId: CITIZEN_ID, webshopUsername: 'testa.f' } }]);
  });
  it('the same username records nothing; blank, other roles, unknown and removed citizens are refused', () => {
    citizen.given([registered]).when(rename(CPR)).thenNothing();
    citizen.given([registered]).when(rename(' ')).thenThrows('VALIDATION_FAILED');
    citizen.given([registered]).when(rename('testa.f', 'nurse')).thenThrows('FORBIDDEN');
    citizen.given([]).when(rename('testa.f')).thenThrows('NOT_FOUND');
    citizen.given([registered, removed]).when(rename('testa.f')).thenThrows('CITIZEN_REMOVED');
  });
});

describe('A one-time webshop password given', () => {
  const record = (role: 'caseworker' | 'customer_service' | 'orderer') => ({ type: 'RecordWebshopOneTimePassword' as const, data: { citizenId: CITIZEN_ID, role } });
  it('is recorded each time, by caseworkers and customer service only, never for a removed citizen', () => {
    citizen.given([registered]).when(record('customer_service')).then([{ type: 'CitizenWebshopOneTimePasswordIssued', data: { citizenId: CITIZEN_ID } }]);
    citizen.given([registered, { type: 'CitizenWebshopOneTimePasswordIssued', data: { citizenId: CITIZEN_ID } }]).when(record('caseworker')).then([{ type: 'CitizenWebshopOneTimePasswordIssued', data: { citizenId: CITIZEN_ID } }]);
    citizen.given([registered]).when(record('orderer')).thenThrows('FORBIDDEN');
    citizen.given([registered, removed]).when(record('caseworker')).thenThrows('CITIZEN_REMOVED');
  });
});
