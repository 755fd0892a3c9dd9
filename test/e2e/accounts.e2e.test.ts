import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { citizenDecider, citizenStream } from '../../src/citizens/citizen.decider.js';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { describeEachBackend } from '../support/databases.js';
import { startTestApp, TestClock, type TestApp } from '../support/app.js';
import { linkIn, readDroppedMail } from '../support/mail.js';

const GOOD_PASSWORD = 'Lang og sikker sætning 42';

describeEachBackend('Accounts, passwords and sessions (DOMAIN §6, OWASP ASVS 5.0 L2 ch. 6–7)', (backend) => {
  let t: TestApp;
  const clock = new TestClock();
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(backend, { SESSION_IDLE_SECONDS: '600' }, clock);
    admin = await t.login('admin');
  });
  afterAll(async () => t?.close());

  /** The newest e-mail to `to`, and the token of its link. */
  async function mailTo(to: string) {
    const mail = (await readDroppedMail(t.mailDir)).filter((message) => message.to.includes(to)).at(-1);
    const link = mail && linkIn(mail.text);
    return { mail, token: link ? new URL(link).hash.replace('#token=', '') : undefined };
  }

  const login = (username: string, password: string) => t.request('POST', '/api/v1/auth/login', { body: { username, password, acceptTerms: true } });
  const setPassword = (token: string, newPassword: string) => t.request('POST', '/api/v1/auth/password-resets', { body: { token, newPassword } });

  async function newNurse(username: string) {
    admin = await t.login('admin'); // the clock may have moved past the last session's idle time
    const created = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username, name: 'Nina Nyansat', email: `${username}@kommune.invalid`, role: 'nurse', municipalityId: '101', grantAreas: ['Stomi', 'Kateter'] },
    });
    expect(created.status).toBe(201);
    expect(created.body.invitation).toBe('sent');
    const { mail, token } = await mailTo(`${username}@kommune.invalid`);
    expect(mail?.subject).toMatch(/e-bevilling/i);
    expect(token).toEqual(expect.any(String));
    return { userId: created.body.id as string, token: token! };
  }

  it('an admin creates a nurse limited to two areas; she sets her password from the e-mail and logs in', async () => {
    const { token } = await newNurse('nina.nyansat');
    const weak = await setPassword(token, 'kort1234');
    expect(weak.status).toBe(422);
    expect(weak.body.error).toMatchObject({ code: 'PASSWORD_POLICY', details: { problems: expect.arrayContaining(['PASSWORD_TOO_SHORT']) } });
    expect((await setPassword(token, 'nina.nyansat has a long one')).body.error.details.problems).toContain('PASSWORD_CONTAINS_USERNAME');
    // A refused password does not use up the link.
    expect((await setPassword(token, GOOD_PASSWORD)).status).toBe(204);
    expect((await setPassword(token, `${GOOD_PASSWORD}!`)).body.error.code).toBe('TOKEN_INVALID');

    const session = await login('nina.nyansat', GOOD_PASSWORD);
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ role: 'nurse', grantAreas: ['Stomi', 'Kateter'] });
    expect((await t.request('GET', '/api/v1/me', { token: session.body.token })).status).toBe(200);
  });

  it('sessions end after idling, and at logout at once', async () => {
    const token = (await login('sagsbehandler.kbh', 'demo-password-for-tests')).body.token;
    expect((await t.request('GET', '/api/v1/me', { token })).status).toBe(200);
    clock.advance(601_000);
    expect((await t.request('GET', '/api/v1/me', { token })).body.error.code).toBe('UNAUTHENTICATED');
    const next = (await login('sagsbehandler.kbh', 'demo-password-for-tests')).body.token;
    expect((await t.request('POST', '/api/v1/auth/logout', { token: next })).status).toBe(204);
    expect((await t.request('GET', '/api/v1/me', { token: next })).status).toBe(401);
  });

  it('locked out after repeated failures, she recovers by a reset: single use, other sessions ended, lock lifted', async () => {
    const { token } = await newNurse('lise.laast');
    await setPassword(token, GOOD_PASSWORD);
    const other = (await login('lise.laast', GOOD_PASSWORD)).body.token;
    for (let attempt = 0; attempt < 4; attempt++) expect((await login('lise.laast', 'forkert adgangskode')).body.error.code).toBe('INVALID_CREDENTIALS');
    const locked = await login('lise.laast', 'forkert adgangskode');
    expect([locked.status, locked.body.error.code]).toEqual([423, 'ACCOUNT_LOCKED']);
    expect((await login('lise.laast', GOOD_PASSWORD)).body.error.code).toBe('ACCOUNT_LOCKED');

    const known = await t.request('POST', '/api/v1/auth/password-reset-requests', { body: { username: 'lise.laast' } });
    const unknown = await t.request('POST', '/api/v1/auth/password-reset-requests', { body: { username: 'ingen.saadan' } });
    // The answer tells nothing: the same status and body whether or not the user exists.
    expect([known.status, known.body]).toEqual([202, undefined]);
    expect([unknown.status, unknown.body]).toEqual([202, undefined]);
    let reset: string | undefined;
    for (let tries = 0; tries < 50 && !reset; tries++) {
      const { mail, token: found } = await mailTo('lise.laast@kommune.invalid');
      if (mail?.subject.match(/nulstil/i)) reset = found;
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(reset).toEqual(expect.any(String));
    expect(await readDroppedMail(t.mailDir)).not.toContainEqual(expect.objectContaining({ to: expect.stringContaining('ingen.saadan') }));

    const renewed = `${GOOD_PASSWORD} igen`;
    expect((await setPassword(reset!, renewed)).status).toBe(204);
    expect((await setPassword(reset!, `${renewed}!`)).body.error.code).toBe('TOKEN_INVALID');
    expect((await t.request('GET', '/api/v1/me', { token: other })).status).toBe(401);
    expect((await login('lise.laast', renewed)).status).toBe(200);
  });

  it('a reset link is valid for 30 minutes', async () => {
    const { token } = await newNurse('sen.susanne');
    await setPassword(token, GOOD_PASSWORD);
    await t.request('POST', '/api/v1/auth/password-reset-requests', { body: { username: 'sen.susanne' } });
    let reset: string | undefined;
    for (let tries = 0; tries < 50 && !reset; tries++) {
      const { mail, token: found } = await mailTo('sen.susanne@kommune.invalid');
      if (mail?.subject.match(/nulstil/i)) reset = found;
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    clock.advance(31 * 60_000);
    admin = await t.login('admin');
    expect((await setPassword(reset!, `${GOOD_PASSWORD} nyt`)).body.error.code).toBe('TOKEN_INVALID');
  });

  it('changing the password: the current one checked, the policy applied, every old session ended', async () => {
    const { token } = await newNurse('aase.aendrer');
    await setPassword(token, GOOD_PASSWORD);
    const session = (await login('aase.aendrer', GOOD_PASSWORD)).body.token;
    const change = (currentPassword: string, newPassword: string) => t.request('POST', '/api/v1/auth/password', { token: session, body: { currentPassword, newPassword } });
    expect((await change('forkert', 'helt ny og lang adgangskode')).body.error.code).toBe('CURRENT_PASSWORD_WRONG');
    expect((await change(GOOD_PASSWORD, 'scandinavian')).body.error.details.problems).toEqual(['PASSWORD_TOO_COMMON']);
    const changed = await change(GOOD_PASSWORD, 'helt ny og lang adgangskode');
    expect(changed.status).toBe(200);
    expect((await t.request('GET', '/api/v1/me', { token: session })).status).toBe(401);
    expect((await t.request('GET', '/api/v1/me', { token: changed.body.token })).status).toBe(200);
    expect((await login('aase.aendrer', GOOD_PASSWORD)).status).toBe(401);
  });

  it('a citizen gets a webshop login: the link by e-mail, the webshop username to log in, their own data only', async () => {
    const caseworker = await t.login('sagsbehandler.kbh');
    const cpr = fictitiousCpr('150372', '1', { checksum: 'valid' });
    const created = await t.request('POST', '/api/v1/citizens', {
      token: caseworker,
      body: { cpr, firstName: 'Wanda', lastName: 'Webshop', address: { street: 'Netvej 1', postalCode: '2300', city: 'København S' }, email: 'wanda@borger.invalid', webshopUsername: 'wanda.w' },
    });
    const other = await t.request('POST', '/api/v1/citizens', {
      token: caseworker,
      body: { cpr: fictitiousCpr('160372', '1', { checksum: 'valid' }), firstName: 'Anden', lastName: 'Borger', address: { street: 'Netvej 2', postalCode: '2300', city: 'København S' } },
    });
    const citizenId: string = created.body.citizenId;
    const orderer = await t.login('bestiller.kbh');
    const path = `/api/v1/citizens/${citizenId}/webshop-password-reset?consistentWith=${other.body.position}`;
    expect((await t.request('POST', path, { token: orderer })).status).toBe(403);
    expect((await t.request('POST', path, { token: caseworker })).status).toBe(202);
    const { mail, token } = await mailTo('wanda@borger.invalid');
    expect(mail?.text).toContain('wanda.w');
    expect((await setPassword(token!, 'Wandas egen lange sætning')).status).toBe(204);

    const session = await login('wanda.w', 'Wandas egen lange sætning');
    expect(session.status).toBe(200);
    // The acceptance of the terms is recorded on the citizen's stream, with the version.
    const { events } = await t.infra.commandRunner.readFolded(citizenStream(citizenId), citizenDecider);
    expect(events.map((event) => [event.type, (event.data as { termsVersion?: string }).termsVersion])).toContainEqual(['CitizenAcceptedTerms', '2026-01']);
    expect(session.body.user).toMatchObject({ id: citizenId, role: 'citizen' });
    const own = await t.request('GET', `/api/v1/citizens/${citizenId}?purpose=Egen%20side`, { token: session.body.token });
    expect([own.status, own.body.citizenId]).toEqual([200, citizenId]);
    expect((await t.request('GET', `/api/v1/citizens/${other.body.citizenId}?purpose=x`, { token: session.body.token })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/citizens/${citizenId}/orders`, { token: session.body.token })).status).toBe(200);
    // Webshop usernames share one registry with staff usernames.
    const clash = await t.request('POST', '/api/v1/citizens', {
      token: caseworker,
      body: { cpr: fictitiousCpr('170372', '1', { checksum: 'valid' }), firstName: 'Kopi', lastName: 'Navn', address: { street: 'Netvej 3', postalCode: '2300', city: 'København S' }, webshopUsername: 'Sagsbehandler.KBH' },
    });
    expect([clash.status, clash.body.error.code]).toEqual([409, 'USERNAME_TAKEN']);
    const staffClash = await t.request('POST', '/api/v1/users', {
      token: await t.login('admin'),
      body: { username: 'wanda.w', name: 'Wanda Ansat', email: 'wanda.ansat@kommune.invalid', role: 'orderer', municipalityId: '101' },
    });
    expect([staffClash.status, staffClash.body.error.code]).toEqual([409, 'USERNAME_TAKEN']);
    // No e-mail address on record: nothing to send the link to.
    const noMail = await t.request('POST', `/api/v1/citizens/${other.body.citizenId}/webshop-password-reset`, { token: caseworker });
    expect([noMail.status, noMail.body.error.code]).toEqual([422, 'EMAIL_MISSING']);
  });
});

describeEachBackend('Throttling by source address', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend, { LOGIN_FAILURES_PER_SOURCE: '8' });
  });
  afterAll(async () => t?.close());

  describe('many failures from one address, over many accounts', () => {
    it('are refused for a while with 429, whatever the account, without locking the accounts themselves', async () => {
      for (let attempt = 0; attempt < 8; attempt++) {
        const answer = await t.request('POST', '/api/v1/auth/login', { body: { username: `gaet${attempt}`, password: 'gaet gaet gaet', acceptTerms: true } });
        expect(answer.status).toBe(401);
      }
      const refused = await t.request('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'demo-password-for-tests', acceptTerms: true } });
      expect([refused.status, refused.body.error.code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    });
  });
});
