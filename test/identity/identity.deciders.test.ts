import { describe, it } from '@jest/globals';
import { municipalityDecider } from '../../src/identity/municipality.decider.js';
import { userDecider, type UserProfile } from '../../src/identity/user.decider.js';
import { usernameRegistryDecider } from '../../src/identity/username-registry.decider.js';
import type { UserEvent } from '../../src/identity/identity.events.js';
import { spec } from '../support/decider-spec.js';
import { RESERVATION_GRACE_MS } from '../../src/shared/reservation.js';

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
  const T0 = '2026-03-01T10:00:00.000Z';
  const after = (ms: number) => new Date(Date.parse(T0) + ms).toISOString();
  const reserve = (ownerId: string, now = after(1_000), holderClaims = true) => ({ type: 'ReserveUsername' as const, ownerId, now, holderClaims });
  const reserved = (ownerId: string, reservedAt = T0) => ({ type: 'UsernameReserved' as const, data: { ownerId, reservedAt } });
  const lapsed = (ownerId: string, lapsedAt: string, reservedAt: string | null = T0) => ({ type: 'UsernameReservationLapsed' as const, data: { ownerId, reservedAt, lapsedAt } });

  it('a free username is reserved; the same owner who has it again is a no-op; another owner is refused', () => {
    spec(usernameRegistryDecider).given([]).when(reserve('a', T0)).then([reserved('a')]);
    spec(usernameRegistryDecider).given([reserved('a')]).when(reserve('a')).thenNothing();
    spec(usernameRegistryDecider).given([reserved('a')]).when(reserve('b')).thenThrows('USERNAME_TAKEN');
  });

  it('a released username can be taken by someone else', () => {
    spec(usernameRegistryDecider)
      .given([reserved('a'), { type: 'UsernameReleased', data: { ownerId: 'a' } }])
      .when(reserve('b', T0))
      .then([reserved('b')]);
  });

  it('a reservation whose owner never came to have the name is taken over once past the grace period, and not before', () => {
    const late = after(RESERVATION_GRACE_MS + 1);
    spec(usernameRegistryDecider).given([reserved('a')]).when(reserve('b', late, false)).then([lapsed('a', late), reserved('b', late)]);
    spec(usernameRegistryDecider).given([reserved('a')]).when(reserve('b', after(RESERVATION_GRACE_MS), false)).thenThrows('USERNAME_TAKEN');
    spec(usernameRegistryDecider).given([reserved('a')]).when(reserve('b', after(10 * RESERVATION_GRACE_MS), true)).thenThrows('USERNAME_TAKEN');
  });

  it('a reservation made before reservations were dated counts as old', () => {
    spec(usernameRegistryDecider)
      .given([{ type: 'UsernameReserved', data: { ownerId: 'a' } }])
      .when(reserve('b', T0, false))
      .then([lapsed('a', T0, null), reserved('b')]);
  });

  it('the owner’s own unclaimed reservation is renewed by a later command of theirs', () => {
    spec(usernameRegistryDecider).given([reserved('a')]).when(reserve('a', after(5_000), false)).then([reserved('a', after(5_000))]);
  });

  it('the reaction ends an unclaimed reservation past the grace period, and nothing else', () => {
    const lapse = (ownerId: string, now: string, holderClaims = false) => ({ type: 'LapseUsernameReservation' as const, ownerId, now, holderClaims });
    const late = after(RESERVATION_GRACE_MS + 1);
    spec(usernameRegistryDecider).given([reserved('a')]).when(lapse('a', late)).then([lapsed('a', late)]);
    spec(usernameRegistryDecider).given([reserved('a')]).when(lapse('a', after(RESERVATION_GRACE_MS))).thenNothing();
    spec(usernameRegistryDecider).given([reserved('a')]).when(lapse('a', late, true)).thenNothing();
    spec(usernameRegistryDecider).given([reserved('b')]).when(lapse('a', late)).thenNothing();
  });
});
