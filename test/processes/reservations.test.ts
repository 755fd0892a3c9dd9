import { beforeEach, describe, expect, it } from '@jest/globals';
import { citizenDecider, citizenStream } from '../../src/citizens/citizen.decider.js';
import { cprRegistryDecider } from '../../src/citizens/cpr-registry.decider.js';
import {
  ChangeCitizenCprRequest,
  ChangeCitizenStatusRequest,
  ChangeWebshopUsernameRequest,
  RegisterCitizenRequest,
  ReopenCitizenRequest,
  type RegisterCitizenInput,
} from '../../src/citizens/citizen.requests.js';
import { createEventRegistry } from '../../src/composition/event-registry.js';
import { decodeEvent } from '../../src/composition/projections.js';
import { CreateUserHandler } from '../../src/processes/staff-users/create-user.handler.js';
import { CreateUserRequest } from '../../src/identity/identity.requests.js';
import { municipalityDecider, municipalityStream } from '../../src/identity/municipality.decider.js';
import { userDecider, userStream, type UserProfile } from '../../src/identity/user.decider.js';
import { usernameRegistryDecider } from '../../src/identity/username-registry.decider.js';
import { usernameStreamOf } from '../../src/processes/reservations/username-reservation.js';
import type { CommandContext } from '../../src/kernel/command-context.js';
import { CommandRunner } from '../../src/kernel/command-runner.js';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent } from '../../src/kernel/event-store.port.js';
import type { Logger } from '../../src/kernel/logger.js';
import type { Principal } from '../../src/kernel/principal.js';
import { ChangeCitizenCprHandler, ChangeCitizenStatusHandler, ChangeWebshopUsernameHandler, ReopenCitizenHandler } from '../../src/processes/citizen-lifecycle/citizen-lifecycle.handlers.js';
import { CitizenLifecycle } from '../../src/processes/citizen-lifecycle/citizen-lifecycle.js';
import { RegisterCitizenHandler } from '../../src/processes/citizen-registration/register-citizen.handler.js';
import { cprStreamOf } from '../../src/processes/reservations/cpr-reservation.js';
import { OrderWorkflow } from '../../src/processes/orders/order-workflow.js';
import { reservationLapseReaction } from '../../src/processes/reservations/reservation-lapse.reaction.js';
import { SYSTEM_ACTOR } from '../../src/shared/actor.js';
import { deterministicUuid } from '../../src/shared/ids.js';
import { Pseudonymizer } from '../../src/shared/pseudonym.js';
import { RESERVATION_GRACE_MS } from '../../src/shared/reservation.js';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';

/**
 * Commands that reserve a value (a CPR number, a username) in its registry before they write the value's owner
 * (the citizen, the user), over a store that fails the owner's append after the reservations were written: what
 * such a half-done command leaves behind never blocks anyone for longer than the grace period.
 */

/** An event store whose next append to a stream of the given kind fails, as a store that went away would. */
class OwnerAppendFails implements EventStore {
  private failing: string | null = null;
  constructor(private readonly inner: EventStore) {}

  failNextAppendTo(streamPrefix: string): void {
    this.failing = streamPrefix;
  }

  async appendToStream(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    if (this.failing !== null && streamName.startsWith(this.failing)) {
      this.failing = null;
      throw new Error('connection terminated unexpectedly');
    }
    return this.inner.appendToStream(streamName, events, expected);
  }
  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  readAll: EventStore['readAll'] = (...args) => this.inner.readAll(...args);
  subscribeToAll: EventStore['subscribeToAll'] = (...args) => this.inner.subscribeToAll(...args);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  checkPosition: EventStore['checkPosition'] = (candidate) => this.inner.checkPosition(candidate);
  close: EventStore['close'] = () => this.inner.close();
}

const T0 = new Date('2026-03-02T09:00:00Z');
const WITHIN_GRACE = new Date(T0.getTime() + RESERVATION_GRACE_MS / 2);
const AFTER_GRACE = new Date(T0.getTime() + RESERVATION_GRACE_MS + 2_000);
const CPR = fictitiousCpr('120480', '3', { checksum: 'valid' });
const OTHER_CPR = fictitiousCpr('130480', '3', { checksum: 'valid' });

const principal = (role: Principal['role'], municipalityId: string | null = '101'): Principal => ({
  userId: `user-${role}`,
  role,
  municipalityId,
  name: role,
  username: role,
  grantAreas: ['Stomi'],
  sessionTokenHash: '',
  mustChangePassword: false,
});
const CASEWORKER = principal('caseworker');
const CUSTOMER_SERVICE = principal('customer_service', null);

/** A request under its own Idempotency-Key (the command id derives from it). */
const request = (key: string, now: Date): CommandContext => ({
  commandId: deterministicUuid('idempotency-key', key),
  correlationId: `corr-${key}`,
  causationId: `cause-${key}`,
  actor: { userId: 'user-caseworker', role: 'caseworker', municipalityId: '101' },
  now,
});

const citizenInput = (cpr: string, overrides: Partial<RegisterCitizenInput> = {}): RegisterCitizenInput => ({
  cpr,
  firstName: 'Karen',
  lastName: 'Holm',
  address: { street: 'Testvej 1', postalCode: '2100', city: 'København Ø' },
  ...overrides,
});

const staff = (username: string): UserProfile => ({ username, name: 'Bo Bruger', email: `${username}@kommune.invalid`, role: 'caseworker', municipalityId: '101', grantAreas: ['Stomi'] });

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined, child: () => silent };

describe('A command that reserves before it writes the owner, and fails in between', () => {
  let store: OwnerAppendFails;
  let runner: CommandRunner;
  let pseudonyms: Pseudonymizer;
  let register: RegisterCitizenHandler;
  let createUser: CreateUserHandler;
  let changeCpr: ChangeCitizenCprHandler;
  let changeUsername: ChangeWebshopUsernameHandler;
  let changeStatus: ChangeCitizenStatusHandler;
  let reopen: ReopenCitizenHandler;

  beforeEach(async () => {
    store = new OwnerAppendFails(new InMemoryEventStore());
    runner = new CommandRunner(store, createEventRegistry());
    pseudonyms = new Pseudonymizer('a-test-key-of-at-least-thirty-two-characters');
    const lifecycle = new CitizenLifecycle(runner, pseudonyms, new OrderWorkflow(runner));
    register = new RegisterCitizenHandler(runner, pseudonyms);
    createUser = new CreateUserHandler(runner, pseudonyms);
    changeCpr = new ChangeCitizenCprHandler(runner, pseudonyms, lifecycle, silent);
    changeUsername = new ChangeWebshopUsernameHandler(runner, pseudonyms, lifecycle, silent);
    changeStatus = new ChangeCitizenStatusHandler(runner, pseudonyms, lifecycle, silent);
    reopen = new ReopenCitizenHandler(runner, pseudonyms, lifecycle, silent);
    await runner.run({
      streamName: municipalityStream('101'),
      decider: municipalityDecider,
      command: { type: 'RegisterMunicipality', municipalityId: '101', details: { name: 'København', postalCodes: ['2100', '2200'], grantAreas: ['Stomi'] } },
      context: { ...request('municipality', T0), actor: SYSTEM_ACTOR },
    });
  });

  const types = async (streamName: string) => (await store.readStream(streamName)).map((event) => event.type);
  const cprHolder = async (cpr: string) => {
    const { state } = await runner.load(cprStreamOf(pseudonyms, cpr), cprRegistryDecider);
    return state.status === 'held' ? state.citizenId : null;
  };
  const usernameHolder = async (username: string) => (await runner.load(usernameStreamOf(pseudonyms, username), usernameRegistryDecider)).state.holder;
  const registered = async (key: string, now: Date, input = citizenInput(CPR)) => register.execute(new RegisterCitizenRequest(CASEWORKER, request(key, now), input));

  describe('registering a citizen (DOMAIN §2.1)', () => {
    it('the same registration under a new Idempotency-Key takes the CPR number and the webshop username over once the grace period is past', async () => {
      store.failNextAppendTo('citizen-');
      await expect(registered('first', T0)).rejects.toThrow('connection terminated');
      const orphan = deterministicUuid(deterministicUuid('idempotency-key', 'first'), 'citizen');
      expect([await cprHolder(CPR), await usernameHolder(CPR)]).toEqual([orphan, orphan]);

      // While the first request might still be completing, it keeps what it reserved.
      await expect(registered('second', WITHIN_GRACE)).rejects.toMatchObject({ code: 'CPR_ALREADY_REGISTERED' });

      const { citizenId } = await registered('third', AFTER_GRACE);
      expect(citizenId).not.toBe(orphan);
      expect([await cprHolder(CPR), await usernameHolder(CPR)]).toEqual([citizenId, citizenId]);
      expect(await types(cprStreamOf(pseudonyms, CPR))).toEqual(['CprReserved', 'CprReservationLapsed', 'CprReserved']);
      expect(await types(usernameStreamOf(pseudonyms, CPR))).toEqual(['UsernameReserved', 'UsernameReservationLapsed', 'UsernameReserved']);
      expect((await runner.load(citizenStream(citizenId), citizenDecider)).state).toMatchObject({ status: 'registered', cpr: CPR });
    });

    it('the same Idempotency-Key again completes the registration, even after its reservations lapsed meanwhile', async () => {
      store.failNextAppendTo('citizen-');
      await expect(registered('first', T0)).rejects.toThrow();
      const reaction = reservationLapseReaction(runner, pseudonyms, () => AFTER_GRACE);
      for (const streamName of [cprStreamOf(pseudonyms, CPR), usernameStreamOf(pseudonyms, CPR)]) {
        for (const recorded of await store.readStream(streamName)) if (reaction.handles.includes(recorded.type)) await reaction.react(decodeEvent(recorded));
      }
      expect([await cprHolder(CPR), await usernameHolder(CPR)]).toEqual([null, null]);

      const { citizenId } = await registered('first', new Date(AFTER_GRACE.getTime() + 1_000));
      expect([await cprHolder(CPR), await usernameHolder(CPR)]).toEqual([citizenId, citizenId]);
    });

    it('a registration refused for a reason known up front writes no reservation', async () => {
      await expect(registered('outside', T0, citizenInput(CPR, { address: { street: 'Aavej 2', postalCode: '8000', city: 'Aarhus C' } }))).rejects.toMatchObject({
        code: 'ADDRESS_OUTSIDE_MUNICIPALITY',
      });
      await createUser.execute(new CreateUserRequest(request('staff', T0), staff('karen.holm')));
      await expect(registered('taken', T0, citizenInput(CPR, { webshopUsername: 'Karen.Holm' }))).rejects.toMatchObject({ code: 'USERNAME_TAKEN' });
      expect(await types(cprStreamOf(pseudonyms, CPR))).toEqual([]);
    });
  });

  describe('creating a staff user', () => {
    it('the same creation under a new Idempotency-Key takes the username over once the grace period is past', async () => {
      store.failNextAppendTo('user-');
      await expect(createUser.execute(new CreateUserRequest(request('first', T0), staff('bo.bruger')))).rejects.toThrow();
      await expect(createUser.execute(new CreateUserRequest(request('second', WITHIN_GRACE), staff('bo.bruger')))).rejects.toMatchObject({ code: 'USERNAME_TAKEN' });

      const { userId } = await createUser.execute(new CreateUserRequest(request('third', AFTER_GRACE), staff('bo.bruger')));
      expect(await usernameHolder('bo.bruger')).toBe(userId);
      expect((await runner.load(userStream(userId), userDecider)).state).toMatchObject({ status: 'active', username: 'bo.bruger' });
    });

    it('a user that exists keeps the username, however old its reservation', async () => {
      await createUser.execute(new CreateUserRequest(request('first', T0), staff('bo.bruger')));
      await expect(createUser.execute(new CreateUserRequest(request('later', new Date(T0.getTime() + 100 * RESERVATION_GRACE_MS)), staff('Bo.Bruger')))).rejects.toMatchObject({
        code: 'USERNAME_TAKEN',
      });
    });
  });

  describe('changing a citizen’s CPR number, webshop username, and reopening', () => {
    let citizenId: string;
    beforeEach(async () => {
      ({ citizenId } = await registered('register', T0));
    });

    it('a CPR change that failed leaves the new number to its citizen while the grace period runs, and to anyone after it', async () => {
      store.failNextAppendTo('citizen-');
      const change = (key: string, now: Date) =>
        changeCpr.execute(new ChangeCitizenCprRequest(CASEWORKER, request(key, now), citizenId, { cpr: OTHER_CPR, reason: 'Nyt personnummer' }));
      await expect(change('first', T0)).rejects.toThrow();
      expect([await cprHolder(OTHER_CPR), await usernameHolder(OTHER_CPR)]).toEqual([citizenId, citizenId]);
      await expect(registered('someone-else', WITHIN_GRACE, citizenInput(OTHER_CPR))).rejects.toMatchObject({ code: 'CPR_ALREADY_REGISTERED' });

      const someoneElse = await registered('someone-else-later', AFTER_GRACE, citizenInput(OTHER_CPR));
      expect([await cprHolder(OTHER_CPR), await usernameHolder(OTHER_CPR)]).toEqual([someoneElse.citizenId, someoneElse.citizenId]);
      expect(await cprHolder(CPR)).toBe(citizenId);
    });

    it('the same CPR change under a new Idempotency-Key completes it, renewing the reservation it left', async () => {
      store.failNextAppendTo('citizen-');
      const change = (key: string, now: Date) =>
        changeCpr.execute(new ChangeCitizenCprRequest(CASEWORKER, request(key, now), citizenId, { cpr: OTHER_CPR, reason: 'Nyt personnummer' }));
      await expect(change('first', T0)).rejects.toThrow();
      await change('second', AFTER_GRACE);
      expect((await runner.load(citizenStream(citizenId), citizenDecider)).state).toMatchObject({ cpr: OTHER_CPR, webshopUsername: OTHER_CPR });
      expect(await types(cprStreamOf(pseudonyms, OTHER_CPR))).toEqual(['CprReserved', 'CprReserved']);
      expect([await cprHolder(OTHER_CPR), await cprHolder(CPR)]).toEqual([citizenId, null]);
    });

    it('a webshop username change that failed leaves the name to be taken over after the grace period', async () => {
      store.failNextAppendTo('citizen-');
      await expect(changeUsername.execute(new ChangeWebshopUsernameRequest(CASEWORKER, request('first', T0), citizenId, 'karen.holm'))).rejects.toThrow();
      expect(await usernameHolder('karen.holm')).toBe(citizenId);
      const { userId } = await createUser.execute(new CreateUserRequest(request('staff', AFTER_GRACE), staff('karen.holm')));
      expect(await usernameHolder('karen.holm')).toBe(userId);
    });

    it('a reopening that failed leaves the number to be registered again after the grace period', async () => {
      await changeStatus.execute(new ChangeCitizenStatusRequest(CASEWORKER, request('moved', T0), citizenId, 'MOVED_AWAY', null));
      expect(await cprHolder(CPR)).toBeNull();
      store.failNextAppendTo('citizen-');
      await expect(reopen.execute(new ReopenCitizenRequest(CUSTOMER_SERVICE, request('reopen', T0), citizenId, 'Fejlregistreret'))).rejects.toThrow();
      expect(await cprHolder(CPR)).toBe(citizenId);

      const again = await registered('again', AFTER_GRACE);
      expect(await cprHolder(CPR)).toBe(again.citizenId);
      await expect(reopen.execute(new ReopenCitizenRequest(CUSTOMER_SERVICE, request('reopen-2', AFTER_GRACE), citizenId, 'Fejlregistreret'))).rejects.toMatchObject({
        code: 'CPR_REGISTERED_ELSEWHERE',
      });
    });
  });

  describe('the reservation-lapse reaction', () => {
    const reactToAll = async (streamName: string, now: Date) => {
      const reaction = reservationLapseReaction(runner, pseudonyms, () => now);
      // As its runner delivers them: the event types it handles, in order.
      for (const recorded of await store.readStream(streamName)) if (reaction.handles.includes(recorded.type)) await reaction.react(decodeEvent(recorded));
    };

    it('waits the grace period out before it looks at a reservation', () => {
      expect(reservationLapseReaction(runner, pseudonyms, () => T0).delayMs).toBeGreaterThan(RESERVATION_GRACE_MS);
    });

    it('ends the reservations of a registration that never wrote its citizen, once, so the number and the name are free', async () => {
      store.failNextAppendTo('citizen-');
      await expect(registered('first', T0)).rejects.toThrow();
      const streams = [cprStreamOf(pseudonyms, CPR), usernameStreamOf(pseudonyms, CPR)];
      for (const streamName of streams) await reactToAll(streamName, AFTER_GRACE);
      for (const streamName of streams) await reactToAll(streamName, AFTER_GRACE); // delivered again: nothing more
      expect(await types(streams[0]!)).toEqual(['CprReserved', 'CprReservationLapsed']);
      expect(await types(streams[1]!)).toEqual(['UsernameReserved', 'UsernameReservationLapsed']);
      expect([await cprHolder(CPR), await usernameHolder(CPR)]).toEqual([null, null]);
      const lapsed = (await store.readStream(streams[0]!))[1]!;
      expect(lapsed.metadata).toMatchObject({ actor: SYSTEM_ACTOR });
      expect(JSON.stringify(lapsed)).not.toContain(CPR);
    });

    it('leaves alone a reservation whose owner holds the value, one renewed since, and a staff user’s username', async () => {
      const { citizenId } = await registered('done', T0);
      const { userId } = await createUser.execute(new CreateUserRequest(request('staff', T0), staff('bo.bruger')));
      store.failNextAppendTo('citizen-');
      const change = (key: string, now: Date) =>
        changeCpr.execute(new ChangeCitizenCprRequest(CASEWORKER, request(key, now), citizenId, { cpr: OTHER_CPR, reason: 'Nyt personnummer' }));
      await expect(change('failed', T0)).rejects.toThrow();
      await change('failed-again', WITHIN_GRACE); // a retry: renews the reservation, then completes
      for (const streamName of [cprStreamOf(pseudonyms, CPR), cprStreamOf(pseudonyms, OTHER_CPR), usernameStreamOf(pseudonyms, 'bo.bruger')]) {
        await reactToAll(streamName, AFTER_GRACE);
      }
      expect([await cprHolder(OTHER_CPR), await usernameHolder('bo.bruger')]).toEqual([citizenId, userId]);
      expect(await types(cprStreamOf(pseudonyms, OTHER_CPR))).not.toContain('CprReservationLapsed');
    });
  });
});
