import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { cprRegistryDecider } from '../../src/citizens/cpr-registry.decider.js';
import { usernameRegistryDecider } from '../../src/identity/username-registry.decider.js';
import { usernameStreamOf } from '../../src/processes/reservations/username-reservation.js';
import type { CommandContext } from '../../src/kernel/command-context.js';
import { cprStreamOf } from '../../src/processes/reservations/cpr-reservation.js';
import { PSEUDONYMIZER, type Pseudonymizer } from '../../src/shared/pseudonym.js';
import { RESERVATION_GRACE_MS } from '../../src/shared/reservation.js';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { startTestApp, TestClock, type TestApp } from '../support/app.js';
import { describeEachBackend } from '../support/databases.js';
import { eventually } from '../support/eventually.js';

/**
 * A command that reserves a value (a CPR number, a username) and dies before it writes the value's owner leaves a
 * reservation for nobody. Here the dead process's reservations are written straight to the store, as it would have
 * written them, and then the API is asked: within the grace period the value stays with the command that may still
 * be completing; after it, the same registration under a new Idempotency-Key takes it over, and the
 * reservation-lapse reaction ends the ones nobody asks for.
 */
describeEachBackend('Reservations whose owner never came (a request killed between its appends)', (backend) => {
  const clock = new TestClock();
  let t: TestApp;
  let pseudonyms: Pseudonymizer;
  let caseworker: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(backend, {}, clock);
    pseudonyms = t.app.get<Pseudonymizer>(PSEUDONYMIZER);
    caseworker = await t.login('sagsbehandler.kbh');
    admin = await t.login('admin');
  });
  afterAll(async () => t?.close());

  /** The context the dead request ran under (a caseworker of København, now by the service's clock). */
  const deadRequest = (): CommandContext => ({
    commandId: randomUUID(),
    correlationId: randomUUID(),
    causationId: randomUUID(),
    actor: { userId: 'dead-request', role: 'caseworker', municipalityId: '101' },
    now: clock.now(),
  });

  /** What the registration wrote before it died: the CPR number and the webshop username reserved for a citizen never written. */
  async function registrationDiedAfterReserving(cpr: string, webshopUsername: string): Promise<string> {
    const citizenId = randomUUID();
    const context = deadRequest();
    await t.infra.commandRunner.run({
      streamName: cprStreamOf(pseudonyms, cpr),
      decider: cprRegistryDecider,
      command: { type: 'ReserveCpr', data: { citizenId, municipalityId: '101', now: context.now.toISOString(), holderClaims: true } },
      context,
    });
    await t.infra.commandRunner.run({
      streamName: usernameStreamOf(pseudonyms, webshopUsername),
      decider: usernameRegistryDecider,
      command: { type: 'ReserveUsername', ownerId: citizenId, now: context.now.toISOString(), holderClaims: true },
      context,
    });
    return citizenId;
  }

  const register = (cpr: string, webshopUsername?: string) =>
    t.request('POST', '/api/v1/citizens', {
      token: caseworker,
      headers: { 'idempotency-key': randomUUID() },
      body: { cpr, firstName: 'Rie', lastName: 'Reserveret', address: { street: 'Testvej 1', postalCode: '2100', city: 'København Ø' }, ...(webshopUsername ? { webshopUsername } : {}) },
    });
  const createUser = (username: string) =>
    t.request('POST', '/api/v1/users', {
      token: admin,
      headers: { 'idempotency-key': randomUUID() },
      body: { username, name: 'Rasmus Reserveret', email: `${username}@kommune.invalid`, role: 'orderer', municipalityId: '101' },
    });
  const past = () => clock.advance(RESERVATION_GRACE_MS + 2_000);

  describe('the CPR registry', () => {
    it('a registration under a new Idempotency-Key is refused while the dead one might still complete, and takes the number and the username over after the grace period', async () => {
      const cpr = fictitiousCpr('070681', '2', { checksum: 'valid' });
      const dead = await registrationDiedAfterReserving(cpr, cpr);
      const early = await register(cpr);
      expect([early.status, early.body.error.code]).toEqual([409, 'CPR_ALREADY_REGISTERED']);

      past();
      const created = await register(cpr);
      expect(created.status).toBe(201);
      expect(created.body.citizenId).not.toBe(dead);
      const profile = await t.request('GET', `/api/v1/citizens/${created.body.citizenId}?purpose=Bevillingssag&consistentWith=${created.body.position}`, { token: caseworker });
      expect(profile.body).toMatchObject({ cpr, webshopUsername: cpr });
      const again = await register(cpr);
      expect(again.body.error).toMatchObject({ code: 'CPR_ALREADY_REGISTERED', details: { citizenId: created.body.citizenId } });
    });

    it('the reaction ends a CPR reservation nobody asks for after the grace period', async () => {
      const cpr = fictitiousCpr('080681', '2', { checksum: 'valid' });
      await registrationDiedAfterReserving(cpr, cpr);
      past();
      const types = await eventually(async () => {
        const recorded = await t.infra.eventStore.readStream(cprStreamOf(pseudonyms, cpr));
        return recorded.some((event) => event.type === 'CprReservationLapsed') ? recorded.map((event) => event.type) : undefined;
      });
      expect(types).toEqual(['CprReserved', 'CprReservationLapsed']);
      const username = await eventually(async () => {
        const { state } = await t.infra.commandRunner.load(usernameStreamOf(pseudonyms, cpr), usernameRegistryDecider);
        return state.holder === null ? state : undefined;
      });
      expect(username).toEqual({ holder: null, reservedAt: null });
    });
  });

  describe('the username registry', () => {
    it('a staff user is created with a username a dead registration reserved as a webshop username, once the grace period is past', async () => {
      const cpr = fictitiousCpr('090681', '2', { checksum: 'valid' });
      await registrationDiedAfterReserving(cpr, 'rie.reserveret');
      const early = await createUser('Rie.Reserveret');
      expect([early.status, early.body.error.code]).toEqual([409, 'USERNAME_TAKEN']);
      past();
      expect((await createUser('Rie.Reserveret')).status).toBe(201);
    });

    it('a webshop username a dead user creation reserved is free again by the reaction', async () => {
      const context = deadRequest();
      await t.infra.commandRunner.run({
        streamName: usernameStreamOf(pseudonyms, 'rasmus.r'),
        decider: usernameRegistryDecider,
        command: { type: 'ReserveUsername', ownerId: randomUUID(), now: context.now.toISOString(), holderClaims: true },
        context,
      });
      past();
      await eventually(async () => {
        const { state } = await t.infra.commandRunner.load(usernameStreamOf(pseudonyms, 'rasmus.r'), usernameRegistryDecider);
        return state.holder === null ? true : undefined;
      });
      expect((await register(fictitiousCpr('100681', '2', { checksum: 'valid' }), 'Rasmus.R')).status).toBe(201);
    });
  });
});
