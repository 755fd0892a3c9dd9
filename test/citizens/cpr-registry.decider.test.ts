import { describe, expect, it } from '@jest/globals';
import {
  CprReleased,
  CprReservationLapsed,
  CprReserved,
  cprRegistryDecider,
  cprRegistryEventDefinitions,
  type LapseCprReservation,
  type ReleaseCpr,
  type ReserveCpr,
} from '../../src/citizens/cpr-registry.decider.js';
import { RESERVATION_GRACE_MS } from '../../src/shared/reservation.js';
import { EventRegistry } from '../../src/shared/event-schema.js';
import { spec } from '../support/decider-spec.js';

const HOLDER = '0f2c9a1e-6b3d-4e7a-8c15-2d4f6a8b0c13';
const NEWCOMER = '5a7e3c1b-9d2f-4a6e-b8c0-4e6a8c0e2f35';
const MUNICIPALITY = 'b3e1f6a2-4c8d-4e9f-a1b2-c3d4e5f60718';
const OTHER_MUNICIPALITY = 'e9d7c5b3-a1f2-4e3d-8c4b-5a6f7e8d9c01';
const RESERVED_AT = '2025-06-15T10:00:00.000Z';

const at = (msAfterReservation: number) => new Date(Date.parse(RESERVED_AT) + msAfterReservation).toISOString();

const reserve = (data: Partial<ReserveCpr['data']> = {}): ReserveCpr => ({
  type: 'ReserveCpr',
  data: { citizenId: NEWCOMER, municipalityId: MUNICIPALITY, now: at(1_000), holderClaims: true, ...data },
});
const release = (data: Partial<ReleaseCpr['data']> = {}): ReleaseCpr => ({
  type: 'ReleaseCpr',
  data: { citizenId: HOLDER, now: at(1_000), ...data },
});
const reserved = (citizenId = HOLDER, municipalityId = MUNICIPALITY, reservedAt = RESERVED_AT): CprReserved => ({
  type: 'CprReserved',
  data: { citizenId, municipalityId, reservedAt },
});
const released = (citizenId = HOLDER, releasedAt = at(1_000)): CprReleased => ({
  type: 'CprReleased',
  data: { citizenId, releasedAt },
});
const lapsed = (lapsedAt: string, citizenId = HOLDER, reservedAt = RESERVED_AT): CprReservationLapsed => ({
  type: 'CprReservationLapsed',
  data: { citizenId, reservedAt, lapsedAt },
});
const lapse = (data: Partial<LapseCprReservation['data']> = {}): LapseCprReservation => ({
  type: 'LapseCprReservation',
  data: { citizenId: HOLDER, now: at(RESERVATION_GRACE_MS + 1), holderClaims: false, ...data },
});

const registry = spec(cprRegistryDecider);

describe('reserving a CPR number (DOMAIN §2.1 "Uniqueness": one non-removed citizen per CPR, system-wide)', () => {
  it('a CPR number nobody holds is reserved for the citizen', () => {
    registry.given([]).when(reserve()).then([reserved(NEWCOMER, MUNICIPALITY, at(1_000))]);
  });

  it('a CPR number held in the same municipality is refused with CPR_ALREADY_REGISTERED and the holder’s id', () => {
    const error = registry.given([reserved()]).when(reserve()).thenThrows('CPR_ALREADY_REGISTERED');
    expect(error.kind).toBe('conflict');
    expect(error.details).toEqual({ citizenId: HOLDER });
  });

  it('a CPR number held in another municipality is refused with CPR_REGISTERED_ELSEWHERE, revealing nothing else', () => {
    const error = registry.given([reserved(HOLDER, OTHER_MUNICIPALITY)]).when(reserve()).thenThrows('CPR_REGISTERED_ELSEWHERE');
    expect(error.kind).toBe('conflict');
    expect(error.details).toEqual({});
    expect(error.message).not.toContain(HOLDER);
    expect(error.message).not.toContain(OTHER_MUNICIPALITY);
  });

  it('reserving again for the citizen who holds it and has it records nothing (an idempotent retry)', () => {
    registry.given([reserved()]).when(reserve({ citizenId: HOLDER, now: at(120_000), holderClaims: true })).thenNothing();
  });

  it('reserving again for the holder who does not have the number yet renews the reservation: the grace period starts again under the command that completes it', () => {
    registry.given([reserved()]).when(reserve({ citizenId: HOLDER, now: at(120_000), holderClaims: false })).then([reserved(HOLDER, MUNICIPALITY, at(120_000))]);
  });

  it('a released CPR number can be reserved by another citizen', () => {
    registry
      .given([reserved(), released()])
      .when(reserve({ now: at(2_000) }))
      .then([reserved(NEWCOMER, MUNICIPALITY, at(2_000))]);
  });
});

describe('taking over a lapsed reservation (a registration, CPR change or reopening that died between reserving and writing the citizen)', () => {
  it.each([
    ['the same municipality', MUNICIPALITY],
    ['another municipality', OTHER_MUNICIPALITY],
  ])('a reservation in %s whose citizen never came to hold the number lapses and is taken over after the grace period', (_, holderMunicipality) => {
    const now = at(RESERVATION_GRACE_MS + 1);
    registry
      .given([reserved(HOLDER, holderMunicipality)])
      .when(reserve({ now, holderClaims: false }))
      .then([lapsed(now), reserved(NEWCOMER, MUNICIPALITY, now)]);
  });

  it.each([0, 1_000, RESERVATION_GRACE_MS])(
    'a reservation %i ms old whose citizen does not exist yet is not taken over: its creation may still be under way',
    (age) => {
      registry.given([reserved()]).when(reserve({ now: at(age), holderClaims: false })).thenThrows('CPR_ALREADY_REGISTERED');
    },
  );

  it('a reservation whose citizen holds the number is never taken over, however old', () => {
    registry
      .given([reserved(HOLDER, OTHER_MUNICIPALITY)])
      .when(reserve({ now: at(365 * 24 * 3_600_000), holderClaims: true }))
      .thenThrows('CPR_REGISTERED_ELSEWHERE');
  });

  it('a clock behind the reservation never counts as past the grace period', () => {
    registry
      .given([reserved()])
      .when(reserve({ now: at(-10 * RESERVATION_GRACE_MS), holderClaims: false }))
      .thenThrows('CPR_ALREADY_REGISTERED');
  });
});

describe('a reservation nobody completed lapses (the reservation-lapse reaction)', () => {
  it('the holder’s reservation, unclaimed and past the grace period, lapses, and the number is free', () => {
    registry.given([reserved()]).when(lapse()).then([lapsed(at(RESERVATION_GRACE_MS + 1))]);
    registry.given([reserved(), lapsed(at(RESERVATION_GRACE_MS + 1))]).when(reserve({ now: at(RESERVATION_GRACE_MS + 2) })).then([reserved(NEWCOMER, MUNICIPALITY, at(RESERVATION_GRACE_MS + 2))]);
  });

  it('nothing lapses within the grace period, for a holder who has the number, for another holder, or when free', () => {
    registry.given([reserved()]).when(lapse({ now: at(RESERVATION_GRACE_MS) })).thenNothing();
    registry.given([reserved()]).when(lapse({ holderClaims: true })).thenNothing();
    registry.given([reserved(NEWCOMER)]).when(lapse()).thenNothing();
    registry.given([reserved(), released()]).when(lapse()).thenNothing();
  });

  it('a renewed reservation is measured from its renewal', () => {
    const renewedAt = at(RESERVATION_GRACE_MS);
    registry.given([reserved(), reserved(HOLDER, MUNICIPALITY, renewedAt)]).when(lapse({ now: at(RESERVATION_GRACE_MS + 1) })).thenNothing();
  });
});

describe('releasing a CPR number (DOMAIN §2.3: a removed citizen’s CPR is released)', () => {
  it('the citizen who holds the CPR number releases it', () => {
    registry.given([reserved()]).when(release()).then([released()]);
  });

  it('a release by a citizen who does not hold it records nothing', () => {
    registry.given([reserved()]).when(release({ citizenId: NEWCOMER })).thenNothing();
    registry.given([reserved(), released(), reserved(NEWCOMER)]).when(release({ citizenId: HOLDER })).thenNothing();
  });

  it('releasing a CPR number nobody holds records nothing', () => {
    registry.given([]).when(release()).thenNothing();
    registry.given([reserved(), released()]).when(release()).thenNothing();
  });
});

describe('what the CPR registry records', () => {
  it('never the CPR number: its events hold only citizen id, municipality id and instants', () => {
    expect(Object.keys(CprReserved.schema.shape).sort()).toEqual(['citizenId', 'municipalityId', 'reservedAt']);
    expect(Object.keys(CprReleased.schema.shape).sort()).toEqual(['citizenId', 'releasedAt']);
    expect(Object.keys(CprReservationLapsed.schema.shape).sort()).toEqual(['citizenId', 'lapsedAt', 'reservedAt']);
  });

  it('every event it records satisfies its schema', () => {
    const held = cprRegistryDecider.evolve(cprRegistryDecider.initialState, reserved());
    const takeover = reserve({ now: at(RESERVATION_GRACE_MS + 1), holderClaims: false });
    const events = [
      ...cprRegistryDecider.decide(reserve(), cprRegistryDecider.initialState),
      ...cprRegistryDecider.decide(takeover, held),
      ...cprRegistryDecider.decide(lapse(), held),
    ];
    const encoder = new EventRegistry(cprRegistryEventDefinitions);
    expect(events.map((event) => event.type)).toEqual(['CprReserved', 'CprReservationLapsed', 'CprReserved', 'CprReservationLapsed']);
    for (const event of events) expect(encoder.encode(event).data).toEqual(event.data);
  });
});
