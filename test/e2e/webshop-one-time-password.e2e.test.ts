import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { describeEachBackend } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';

const address = { street: 'Engangsvej 1', postalCode: '2300', city: 'København S' };

describeEachBackend('A one-time password for the webshop login of a citizen with no e-mail address (DOMAIN §6)', (backend) => {
  let t: TestApp;
  let caseworker: string;
  let customerService: string;
  let serial = 0;

  beforeAll(async () => {
    t = await startTestApp(backend);
    caseworker = await t.login('sagsbehandler.kbh');
    customerService = await t.login('kundeservice');
  });
  afterAll(async () => t?.close());

  const login = (username: string, password: string) => t.request('POST', '/api/v1/auth/login', { body: { username, password, acceptTerms: true } });
  const issue = (citizenId: string, token: string, query = '') =>
    t.request('POST', `/api/v1/citizens/${citizenId}/webshop-one-time-password${query}`, { token, headers: { 'idempotency-key': `otp-${citizenId}-${serial++}` } });

  /** A citizen with no e-mail address and a chosen webshop username. */
  async function citizenWithoutEmail(day: string, webshopUsername: string) {
    const created = await t.request('POST', '/api/v1/citizens', {
      token: caseworker,
      body: { cpr: fictitiousCpr(day, '1', { checksum: 'valid' }), firstName: 'Otto', lastName: 'Engang', address, webshopUsername },
    });
    expect(created.status).toBe(201);
    return { citizenId: created.body.citizenId as string, position: created.body.position as string };
  }

  it('a caseworker gets it once; the citizen logs in with it, must change it first, and then it no longer works', async () => {
    const { citizenId, position } = await citizenWithoutEmail('010480', 'otto.engang');
    // Without an e-mail address no link can be sent: the one-time password is the way.
    expect((await t.request('POST', `/api/v1/citizens/${citizenId}/webshop-password-reset?consistentWith=${position}`, { token: caseworker })).body.error.code).toBe('EMAIL_MISSING');

    const issued = await issue(citizenId, caseworker, `?consistentWith=${position}`);
    expect(issued.status).toBe(201);
    const password: string = issued.body.password;
    t.secret(password);
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(Object.keys(issued.body)).toEqual(['password']);

    const first = await login('otto.engang', password);
    expect([first.status, first.body.mustChangePassword, first.body.passwordChangeReason]).toEqual([200, true, 'one-time']);
    expect(first.body.user).toMatchObject({ id: citizenId, role: 'citizen' });
    // Nothing but the password change until it is changed.
    const own = await t.request('GET', `/api/v1/citizens/${citizenId}?purpose=Egen%20side`, { token: first.body.token });
    expect([own.status, own.body.error.code]).toEqual([403, 'PASSWORD_CHANGE_REQUIRED']);
    expect((await t.request('GET', '/api/v1/me', { token: first.body.token })).body.mustChangePassword).toBe(true);
    // Logging in again with it: still to be changed.
    expect((await login('otto.engang', password)).body.mustChangePassword).toBe(true);

    const changed = await t.request('POST', '/api/v1/auth/password', {
      token: first.body.token,
      body: { currentPassword: password, newPassword: 'Ottos helt egen lange sætning' },
    });
    expect(changed.status).toBe(200);
    expect((await t.request('GET', '/api/v1/me', { token: changed.body.token })).body.mustChangePassword).toBe(false);
    expect((await t.request('GET', `/api/v1/citizens/${citizenId}?purpose=Egen%20side`, { token: changed.body.token })).status).toBe(200);
    expect((await login('otto.engang', password)).status).toBe(401);
    const again = await login('otto.engang', 'Ottos helt egen lange sætning');
    expect([again.status, again.body.mustChangePassword, again.body.passwordChangeReason]).toEqual([200, false, null]);
  });

  it('a new one-time password replaces the old password and ends every session of the citizen', async () => {
    const { citizenId, position } = await citizenWithoutEmail('020480', 'olga.engang');
    const first = (await issue(citizenId, caseworker, `?consistentWith=${position}`)).body.password as string;
    t.secret(first);
    const session = await login('olga.engang', first);
    expect(session.status).toBe(200);
    const second = await issue(citizenId, customerService);
    expect(second.status).toBe(201);
    t.secret(second.body.password);
    expect(second.body.password).not.toBe(first);
    expect((await t.request('GET', '/api/v1/me', { token: session.body.token })).status).toBe(401);
    expect((await login('olga.engang', first)).status).toBe(401);
    expect((await login('olga.engang', second.body.password)).body.mustChangePassword).toBe(true);
  });

  it('who gave it is recorded on the citizen, the password nowhere: not in the log, the history or the service logs', async () => {
    const { citizenId, position } = await citizenWithoutEmail('030480', 'oluf.engang');
    const issued = await issue(citizenId, customerService, `?consistentWith=${position}`);
    expect(issued.status).toBe(201);
    const password: string = issued.body.password;
    t.secret(password);
    const events = await t.infra.eventStore.readStream(`citizen-${citizenId}`);
    const fact = events.find((event) => event.type === 'CitizenWebshopOneTimePasswordIssued');
    expect(fact?.data).toEqual({ citizenId });
    expect(fact?.metadata).toMatchObject({ actor: { role: 'customer_service' } });
    expect(JSON.stringify(events)).not.toContain(password);
    const auditor = await t.login('revisor');
    const history = await t.request('GET', `/api/v1/citizens/${citizenId}/history?purpose=Tilsyn`, { token: auditor });
    const item = history.body.items.find((entry: { type: string }) => entry.type === 'CitizenWebshopOneTimePasswordIssued');
    expect(item.actor).toMatchObject({ role: 'customer_service' });
    expect(JSON.stringify(history.body)).not.toContain(password);
    expect(t.logs.join('\n')).not.toContain(password);
  });

  describe('refusals', () => {
    it('other roles get 403, an unknown citizen 404, a removed citizen 404 for the caseworker and 409 for customer service', async () => {
      const { citizenId, position } = await citizenWithoutEmail('040480', 'ole.engang');
      for (const username of ['sygeplejerske.kbh', 'bestiller.kbh', 'revisor', 'admin']) {
        const refused = await issue(citizenId, await t.login(username), `?consistentWith=${position}`);
        expect([username, refused.status]).toEqual([username, 403]);
      }
      expect((await issue('00000000-0000-4000-8000-000000000000', caseworker)).status).toBe(404);
      const aarhus = await issue(citizenId, await t.login('sagsbehandler.aar'), `?consistentWith=${position}`);
      expect(aarhus.status).toBe(404);

      const removed = await t.request('POST', `/api/v1/citizens/${citizenId}/status`, { token: caseworker, body: { status: 'DECEASED', reason: 'Test' } });
      expect(removed.status).toBe(200);
      expect((await issue(citizenId, caseworker)).status).toBe(404);
      const byCustomerService = await issue(citizenId, customerService);
      expect([byCustomerService.status, byCustomerService.body.error?.code]).toEqual([409, 'CITIZEN_REMOVED']);
      const events = await t.infra.eventStore.readStream(`citizen-${citizenId}`);
      expect(events.map((event) => event.type)).not.toContain('CitizenWebshopOneTimePasswordIssued');
    });
  });
});
