import { describe, it } from '@jest/globals';
import { municipalityDecider } from '../../src/identity/municipality.decider.js';
import { userDecider, type UserProfile } from '../../src/identity/user.decider.js';
import { usernameRegistryDecider } from '../../src/identity/username-registry.decider.js';
import type { UserEvent } from '../../src/identity/identity.events.js';
import { spec } from '../support/decider-spec.js';

const details = { name: 'København', postalCodes: ['2100', '1050', '2100'], grantAreas: ['Stomi', 'Kateter'] };
const registered = {
  type: 'MunicipalityRegistered' as const,
  data: { municipalityId: '101', name: 'København', postalCodes: ['1050', '2100'], grantAreas: ['Stomi', 'Kateter'] },
};

describe('Municipalities (DOMAIN §6: the administrator manages municipalities, postal codes and grant areas)', () => {
  it('a municipality is registered with its postal codes (deduplicated, sorted) and grant areas', () => {
    spec(municipalityDecider).given([]).when({ type: 'RegisterMunicipality', municipalityId: '101', details }).then([registered]);
  });

  it('a municipality cannot be registered twice', () => {
    spec(municipalityDecider).given([registered]).when({ type: 'RegisterMunicipality', municipalityId: '101', details }).thenThrows('MUNICIPALITY_EXISTS');
  });

  it('a municipality needs at least one postal code and one grant area', () => {
    spec(municipalityDecider).given([]).when({ type: 'RegisterMunicipality', municipalityId: '101', details: { ...details, postalCodes: [] } }).thenThrows('POSTAL_CODES_REQUIRED');
    spec(municipalityDecider).given([]).when({ type: 'RegisterMunicipality', municipalityId: '101', details: { ...details, grantAreas: [' '] } }).thenThrows('GRANT_AREAS_REQUIRED');
  });

  it('an update that changes nothing appends nothing', () => {
    spec(municipalityDecider).given([registered]).when({ type: 'UpdateMunicipality', municipalityId: '101', details }).thenNothing();
  });

  it('an update of an unknown municipality is not found', () => {
    spec(municipalityDecider).given([]).when({ type: 'UpdateMunicipality', municipalityId: '101', details }).thenThrows('NOT_FOUND');
  });
});

const nurse: UserProfile = {
  username: 'sygeplejerske.kbh',
  name: 'Signe',
  email: 'signe@example.invalid',
  role: 'nurse',
  municipalityId: '101',
  grantAreas: ['Stomi'],
};
const kbh = { grantAreas: ['Stomi', 'Kateter'] };
const created: UserEvent = { type: 'UserCreated', data: { userId: 'u1', ...nurse, grantAreas: ['Stomi'] } };

describe('User accounts (DOMAIN §6: municipal users see their municipality and the grant areas they were given)', () => {
  it('a municipal user is created within the municipality\'s grant areas', () => {
    spec(userDecider).given([]).when({ type: 'CreateUser', userId: 'u1', profile: nurse, municipality: kbh }).then([created]);
  });

  it('a municipal user needs a municipality that exists', () => {
    spec(userDecider).given([]).when({ type: 'CreateUser', userId: 'u1', profile: { ...nurse, municipalityId: null }, municipality: null }).thenThrows('MUNICIPALITY_REQUIRED');
    spec(userDecider).given([]).when({ type: 'CreateUser', userId: 'u1', profile: nurse, municipality: null }).thenThrows('MUNICIPALITY_UNKNOWN');
  });

  it('a grant area the municipality does not have is refused', () => {
    spec(userDecider).given([]).when({ type: 'CreateUser', userId: 'u1', profile: { ...nurse, grantAreas: ['Diabetes'] }, municipality: kbh }).thenThrows('GRANT_AREA_UNKNOWN');
  });

  it('the supplier\'s staff have no municipality and no grant areas', () => {
    spec(userDecider)
      .given([])
      .when({ type: 'CreateUser', userId: 'u2', profile: { ...nurse, role: 'auditor' }, municipality: kbh })
      .thenThrows('ROLE_SCOPE_INVALID');
  });

  it('a change records only what changed, and disabling is its own event', () => {
    spec(userDecider)
      .given([created])
      .when({ type: 'ChangeUser', userId: 'u1', changes: { name: 'Signe', grantAreas: ['Stomi', 'Kateter'], disabled: true }, municipality: kbh })
      .then([
        { type: 'UserChanged', data: { userId: 'u1', grantAreas: ['Stomi', 'Kateter'] } },
        { type: 'UserDisabled', data: { userId: 'u1' } },
      ]);
  });

  it('accepting the same terms version again records nothing', () => {
    const accepted: UserEvent = { type: 'UserAcceptedTerms', data: { userId: 'u1', termsVersion: '2026-01' } };
    spec(userDecider).given([created, accepted]).when({ type: 'AcceptTerms', userId: 'u1', termsVersion: '2026-01' }).thenNothing();
    spec(userDecider).given([created, accepted]).when({ type: 'AcceptTerms', userId: 'u1', termsVersion: '2026-07' }).then([
      { type: 'UserAcceptedTerms', data: { userId: 'u1', termsVersion: '2026-07' } },
    ]);
  });
});

describe('Usernames are unique across all accounts', () => {
  it('a free username is reserved; the same owner again is a no-op; another owner is refused', () => {
    const reserved = { type: 'UsernameReserved' as const, data: { ownerId: 'a' } };
    spec(usernameRegistryDecider).given([]).when({ type: 'ReserveUsername', ownerId: 'a' }).then([reserved]);
    spec(usernameRegistryDecider).given([reserved]).when({ type: 'ReserveUsername', ownerId: 'a' }).thenNothing();
    spec(usernameRegistryDecider).given([reserved]).when({ type: 'ReserveUsername', ownerId: 'b' }).thenThrows('USERNAME_TAKEN');
  });

  it('a released username can be taken by someone else', () => {
    spec(usernameRegistryDecider)
      .given([{ type: 'UsernameReserved', data: { ownerId: 'a' } }, { type: 'UsernameReleased', data: { ownerId: 'a' } }])
      .when({ type: 'ReserveUsername', ownerId: 'b' })
      .then([{ type: 'UsernameReserved', data: { ownerId: 'b' } }]);
  });
});
