import { describe, expect, it } from '@jest/globals';
import {
  citizenDecider,
  type ChangeCitizenContactDetails,
  type CitizenCommand,
  type RegisterCitizen,
} from '../../src/citizens/citizen.decider.js';
import { citizenEventDefinitions, type CitizenEvent, type CitizenRegistered } from '../../src/citizens/citizen.events.js';
import { DomainError } from '../../src/shared/domain-error.js';
import { EventRegistry } from '../../src/shared/event-schema.js';
import { spec } from '../support/decider-spec.js';
import { fictitiousCpr, hyphenated } from './cpr-fixtures.js';

const CITIZEN_ID = '7d0b6c3e-2f1a-4b8e-9c57-1e0f3a9d2b64';
const MUNICIPALITY_ID = 'b3e1f6a2-4c8d-4e9f-a1b2-c3d4e5f60718';
const POSTAL_CODES = ['8000', '8200', '8210'];
const TODAY = '2025-06-15';

const CPR = fictitiousCpr('150585', '1', { checksum: 'valid', gender: 'female' });
const CPR_FAILING_CHECK = fictitiousCpr('150585', '1', { checksum: 'invalid' });
const CPR_EXEMPT = fictitiousCpr('010165', '2', { checksum: 'invalid' });

const register = (data: Partial<RegisterCitizen['data']> = {}): RegisterCitizen => ({
  type: 'RegisterCitizen',
  data: {
    citizenId: CITIZEN_ID,
    municipalityId: MUNICIPALITY_ID,
    municipalityPostalCodes: POSTAL_CODES,
    cpr: hyphenated(CPR),
    firstName: 'Testa',
    lastName: 'Fiktivsen',
    address: { street: 'Prøvevej 1', postalCode: '8000', city: 'Aarhus C' },
    today: TODAY,
    ...data,
  },
});

const registered = (data: Partial<CitizenRegistered['data']> = {}): CitizenRegistered => ({
  type: 'CitizenRegistered',
  data: {
    citizenId: CITIZEN_ID,
    municipalityId: MUNICIPALITY_ID,
    cpr: CPR,
    birthDate: '1985-05-15',
    gender: 'female',
    firstName: 'Testa',
    lastName: 'Fiktivsen',
    address: { street: 'Prøvevej 1', postalCode: '8000', city: 'Aarhus C' },
    webshopUsername: CPR,
    status: 'ACTIVE',
    ...data,
  },
});

const change = (data: Partial<ChangeCitizenContactDetails['data']>): ChangeCitizenContactDetails => ({
  type: 'ChangeCitizenContactDetails',
  data: { citizenId: CITIZEN_ID, municipalityPostalCodes: POSTAL_CODES, ...data },
});

const citizen = spec(citizenDecider);

describe('registering a citizen (DOMAIN §2.1)', () => {
  it('registers an ACTIVE citizen, the CPR stored as 10 digits, birth date and gender derived from it', () => {
    citizen.given([]).when(register()).then([registered()]);
  });

  it.each([
    ['DDMMYYSSSS', CPR],
    ['DDMMYY-SSSS', hyphenated(CPR)],
  ])('the CPR may be typed as %s', (_form, cpr) => {
    citizen.given([]).when(register({ cpr })).then([registered()]);
  });

  it('the webshop username defaults to the 10-digit CPR number', () => {
    citizen.given([]).when(register({ webshopUsername: '  ' })).then([registered({ webshopUsername: CPR })]);
  });

  it('a webshop username given is kept', () => {
    citizen.given([]).when(register({ webshopUsername: 'testa.f' })).then([registered({ webshopUsername: 'testa.f' })]);
  });

  it('phone and e-mail are optional and recorded when given', () => {
    citizen
      .given([])
      .when(register({ phone: ' 12 34 56 78 ', email: 'testa@example.invalid', webshopUsername: null }))
      .then([registered({ phone: '12 34 56 78', email: 'testa@example.invalid' })]);
  });

  it('names and address are recorded trimmed', () => {
    citizen
      .given([])
      .when(
        register({
          firstName: ' Testa ',
          lastName: 'Fiktivsen\t',
          address: { street: ' Prøvevej 1', postalCode: '8000 ', city: 'Aarhus C ' },
        }),
      )
      .then([registered()]);
  });

  it.each([
    ['firstName', { firstName: ' ' }],
    ['lastName', { lastName: '' }],
    ['address.street', { address: { street: '  ', postalCode: '8000', city: 'Aarhus C' } }],
    ['address.postalCode', { address: { street: 'Prøvevej 1', postalCode: '', city: 'Aarhus C' } }],
    ['address.city', { address: { street: 'Prøvevej 1', postalCode: '8000', city: '\t' } }],
  ] as const)('%s is required (non-empty after trimming)', (field, data) => {
    const error = citizen.given([]).when(register(data)).thenThrows('VALIDATION_FAILED');
    expect(error.kind).toBe('bad_request');
    expect(error.details).toEqual({ fields: [expect.objectContaining({ path: field })] });
  });

  it.each(['', '150585123', '1505851234a', '150585--1234'])(
    'a CPR number that is not 10 digits (%j) is refused with CPR_FORMAT',
    (cpr) => {
      citizen.given([]).when(register({ cpr })).thenThrows('CPR_FORMAT');
    },
  );

  it('a CPR number whose birth date does not exist is refused with CPR_DATE', () => {
    citizen.given([]).when(register({ cpr: '310299-1234' })).thenThrows('CPR_DATE');
  });

  it('a CPR number whose birth date lies after today is refused with CPR_DATE', () => {
    const tomorrow = fictitiousCpr('160625', '4', { checksum: 'valid' });
    citizen.given([]).when(register({ cpr: tomorrow })).thenThrows('CPR_DATE');
  });

  it('a CPR number failing modulus 11 is refused with CPR_CHECKSUM_UNCONFIRMED unless confirmed', () => {
    citizen.given([]).when(register({ cpr: CPR_FAILING_CHECK })).thenThrows('CPR_CHECKSUM_UNCONFIRMED');
    citizen.given([]).when(register({ cpr: CPR_FAILING_CHECK, confirmUnusualCpr: false })).thenThrows('CPR_CHECKSUM_UNCONFIRMED');
  });

  it('a CPR number failing modulus 11 is accepted when confirmed with confirmUnusualCpr', () => {
    const gender = Number(CPR_FAILING_CHECK[9]) % 2 === 1 ? 'male' : 'female';
    citizen
      .given([])
      .when(register({ cpr: CPR_FAILING_CHECK, confirmUnusualCpr: true }))
      .then([registered({ cpr: CPR_FAILING_CHECK, webshopUsername: CPR_FAILING_CHECK, gender })]);
  });

  it('a CPR number failing modulus 11 on one of the CPR office’s exempt birth dates is accepted without confirmation', () => {
    const gender = Number(CPR_EXEMPT[9]) % 2 === 1 ? 'male' : 'female';
    citizen
      .given([])
      .when(register({ cpr: CPR_EXEMPT }))
      .then([registered({ cpr: CPR_EXEMPT, webshopUsername: CPR_EXEMPT, birthDate: '1965-01-01', gender })]);
  });

  it('a postal code that is not one of the municipality’s is refused with ADDRESS_OUTSIDE_MUNICIPALITY (§2.4)', () => {
    const address = { street: 'Prøvevej 1', postalCode: '2100', city: 'København Ø' };
    const error = citizen.given([]).when(register({ address })).thenThrows('ADDRESS_OUTSIDE_MUNICIPALITY');
    expect(error.kind).toBe('unprocessable');
  });

  it('registering the same citizen id twice is refused with CITIZEN_ALREADY_EXISTS', () => {
    const error = citizen.given([registered()]).when(register()).thenThrows('CITIZEN_ALREADY_EXISTS');
    expect(error.kind).toBe('conflict');
  });
});

describe('changing a citizen’s contact details (DOMAIN §2.4)', () => {
  const newAddress = { street: 'Eksempelgade 2, 3. tv', postalCode: '8200', city: 'Aarhus N' };

  it('changing the contact details of a citizen that does not exist answers not found', () => {
    const error = citizen.given([]).when(change({ phone: '12345678' })).thenThrows('NOT_FOUND');
    expect(error.kind).toBe('not_found');
  });

  it('a new address within the municipality is recorded, as a whole', () => {
    citizen
      .given([registered()])
      .when(change({ address: newAddress }))
      .then([{ type: 'CitizenContactDetailsChanged', data: { citizenId: CITIZEN_ID, address: newAddress } }]);
  });

  it('a new postal code outside the municipality is refused with ADDRESS_OUTSIDE_MUNICIPALITY', () => {
    citizen
      .given([registered()])
      .when(change({ address: { street: 'Prøvevej 1', postalCode: '2100', city: 'København Ø' } }))
      .thenThrows('ADDRESS_OUTSIDE_MUNICIPALITY');
  });

  it('only a new postal code is checked: a street is corrected even after the municipality stopped listing the current one', () => {
    const address = { street: 'Prøvevej 1A', postalCode: '8000', city: 'Aarhus C' };
    citizen
      .given([registered()])
      .when(change({ address, municipalityPostalCodes: ['8200'] }))
      .then([{ type: 'CitizenContactDetailsChanged', data: { citizenId: CITIZEN_ID, address } }]);
  });

  it('a new address must be complete (street, postal code and city non-empty)', () => {
    const error = citizen
      .given([registered()])
      .when(change({ address: { street: ' ', postalCode: '8200', city: '' } }))
      .thenThrows('VALIDATION_FAILED');
    expect((error.details.fields as Array<{ path: string }>).map((field) => field.path)).toEqual(['address.street', 'address.city']);
  });

  it('only what changed is recorded', () => {
    citizen
      .given([registered({ phone: '12345678', email: 'old@example.invalid' })])
      .when(
        change({
          address: { street: 'Prøvevej 1', postalCode: '8000', city: 'Aarhus C' },
          phone: '12345678',
          email: 'new@example.invalid',
        }),
      )
      .then([{ type: 'CitizenContactDetailsChanged', data: { citizenId: CITIZEN_ID, email: 'new@example.invalid' } }]);
  });

  it('a change that changes nothing records no events', () => {
    citizen
      .given([registered({ phone: '12345678' })])
      .when(change({ address: { street: ' Prøvevej 1 ', postalCode: '8000', city: 'Aarhus C' }, phone: '12345678 ', email: '' }))
      .thenNothing();
    citizen.given([registered()]).when(change({})).thenNothing();
  });

  it.each([null, '', '  '])('a phone or e-mail sent as %j is removed', (empty) => {
    citizen
      .given([registered({ phone: '12345678', email: 'testa@example.invalid' })])
      .when(change({ phone: empty, email: empty }))
      .then([{ type: 'CitizenContactDetailsChanged', data: { citizenId: CITIZEN_ID, phone: null, email: null } }]);
  });

  it('a change is judged against the details as they are after earlier changes', () => {
    const earlier: CitizenEvent = {
      type: 'CitizenContactDetailsChanged',
      data: { citizenId: CITIZEN_ID, address: newAddress, phone: '87654321' },
    };
    citizen
      .given([registered({ phone: '12345678' }), earlier])
      .when(change({ address: newAddress, phone: '87654321' }))
      .thenNothing();
    citizen
      .given([registered({ phone: '12345678' }), earlier])
      .when(change({ phone: '12345678' }))
      .then([{ type: 'CitizenContactDetailsChanged', data: { citizenId: CITIZEN_ID, phone: '12345678' } }]);
  });
});

describe('what the citizen decider records and says', () => {
  it('every event it records satisfies its schema', () => {
    const registry = new EventRegistry(citizenEventDefinitions);
    const withPhone = citizenDecider.evolve(citizenDecider.initialState, registered({ phone: '12345678' }));
    const events = [
      ...citizenDecider.decide(register({ phone: '12345678', email: 'testa@example.invalid' }), citizenDecider.initialState),
      ...citizenDecider.decide(change({ address: newAddressFor('8210'), phone: null }), withPhone),
    ];
    expect(events).toHaveLength(2);
    for (const event of events) expect(registry.encode(event).data).toEqual(event.data);
  });

  it('error messages and details never contain the CPR number or the names', () => {
    const refused: Array<[CitizenEvent[], CitizenCommand]> = [
      [[], register({ firstName: ' ' })],
      [[], register({ cpr: `${CPR}0` })],
      [[], register({ cpr: '310299-1234' })],
      [[], register({ cpr: CPR_FAILING_CHECK })],
      [[], register({ address: newAddressFor('2100') })],
      [[registered()], register()],
      [[], change({ phone: '1' })],
      [[registered()], change({ address: newAddressFor('2100') })],
    ];
    for (const [given, command] of refused) {
      const state = given.reduce(citizenDecider.evolve, citizenDecider.initialState);
      let error: unknown;
      try {
        citizenDecider.decide(command, state);
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(DomainError);
      const said = `${(error as DomainError).message} ${JSON.stringify((error as DomainError).details)}`;
      for (const secret of [CPR, CPR.slice(0, 6), CPR.slice(6), CPR_FAILING_CHECK.slice(6), '310299', 'Testa', 'Fiktivsen']) {
        expect(said).not.toContain(secret);
      }
    }
  });
});

function newAddressFor(postalCode: string) {
  return { street: 'Eksempelgade 2', postalCode, city: 'Eksempelby' };
}
