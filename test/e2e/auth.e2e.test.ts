import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachBackend } from '../support/databases.js';
import { DEMO_PASSWORD, startTestApp, TestClock, type TestApp } from '../support/app.js';

const MINUTE = 60_000;

describeEachBackend('Login, sessions and administration through HTTP (DOMAIN §6)', (backend) => {
  let t: TestApp;
  const clock = new TestClock();

  beforeAll(async () => {
    t = await startTestApp(backend, { SESSION_IDLE_SECONDS: '1200', SESSION_ABSOLUTE_SECONDS: '28800', PASSWORD_MAX_AGE_DAYS: '90' }, clock);
  });
  afterAll(async () => t?.close());

  const login = (username: string, password = DEMO_PASSWORD) =>
    t.request('POST', '/api/v1/auth/login', { body: { username, password, acceptTerms: true } });

  it('login requires accepting the current terms', async () => {
    for (const body of [{ acceptTerms: false }, {}]) {
      const answer = await t.request('POST', '/api/v1/auth/login', { body: { username: 'bestiller.kbh', password: DEMO_PASSWORD, ...body } });
      expect(answer.status).toBe(422);
      expect(answer.body.error.code).toBe('TERMS_NOT_ACCEPTED');
    }
  });

  it('a login answers a token, its expiry and the user, and records the accepted terms version', async () => {
    const answer = await login('sygeplejerske.kbh');
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      mustChangePassword: false,
      passwordChangeReason: null,
      user: { name: 'Signe Sygeplejerske', role: 'nurse', municipalityId: '101', grantAreas: ['Stomi', 'Kateter'] },
    });
    const me = await t.request('GET', '/api/v1/me', { token: answer.body.token });
    expect(me.body).toMatchObject({ id: answer.body.user.id, username: 'sygeplejerske.kbh', role: 'nurse' });
    const events = await t.infra.eventStore.readStream(`user-${answer.body.user.id}`);
    expect(events.map((event) => event.type)).toContain('UserAcceptedTerms');
    expect(JSON.stringify(t.logs)).not.toContain(answer.body.token);
  });

  it('a wrong password and an unknown user get the same answer', async () => {
    const wrong = await login('bestiller.kbh', 'not the password at all');
    const unknown = await login('nobody.at.all', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('logout ends the session at once', async () => {
    const token = await t.login('bestiller.kbh');
    expect((await t.request('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    expect((await t.request('GET', '/api/v1/me', { token })).status).toBe(401);
  });

  it('a session ends after the idle time, and after the absolute lifetime however active', async () => {
    const idle = await t.login('bestiller.kbh');
    clock.advance(21 * MINUTE);
    expect((await t.request('GET', '/api/v1/me', { token: idle })).status).toBe(401);

    const busy = await t.login('bestiller.kbh');
    for (let hour = 0; hour < 8; hour++) {
      expect((await t.request('GET', '/api/v1/me', { token: busy })).status).toBe(200);
      for (let step = 0; step < 4; step++) {
        clock.advance(15 * MINUTE);
        await t.request('GET', '/api/v1/me', { token: busy });
      }
    }
    clock.advance(MINUTE);
    expect((await t.request('GET', '/api/v1/me', { token: busy })).status).toBe(401);
  });

  it('repeated failures lock the account for a while, then it opens again', async () => {
    for (let attempt = 1; attempt <= 4; attempt++) expect((await login('sagsbehandler.aar', 'wrong password!!')).status).toBe(401);
    const fifth = await login('sagsbehandler.aar', 'wrong password!!');
    expect(fifth.status).toBe(423);
    expect(fifth.body.error.code).toBe('ACCOUNT_LOCKED');
    expect((await login('sagsbehandler.aar')).status).toBe(423);
    clock.advance(16 * MINUTE);
    expect((await login('sagsbehandler.aar')).status).toBe(200);
  });

  it('an administrator registers a municipality and a nurse limited to two of its areas', async () => {
    const admin = await t.login('admin');
    const municipality = await t.request('POST', '/api/v1/municipalities', {
      token: admin,
      body: { id: '461', name: 'Odense', postalCodes: ['5000', '5200'], grantAreas: ['Stomi', 'Kateter', 'Diabetes'] },
    });
    expect(municipality.status).toBe(201);
    const created = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'sygeplejerske.ode', name: 'Olga Sygeplejerske', email: 'olga@example.invalid', role: 'nurse', municipalityId: '461', grantAreas: ['Stomi', 'Kateter'] },
    });
    expect(created.status).toBe(201);
    const list = await t.request('GET', `/api/v1/users?municipalityId=461&consistentWith=${created.body.position}`, { token: admin });
    expect(list.body.items).toEqual([expect.objectContaining({ userId: created.body.id, role: 'nurse', grantAreas: ['Stomi', 'Kateter'] })]);

    const duplicate = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'Sygeplejerske.ODE', name: 'Another', email: 'x@example.invalid', role: 'nurse', municipalityId: '461', grantAreas: [] },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('USERNAME_TAKEN');

    const unknownArea = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'x.ode', name: 'X', email: 'x@example.invalid', role: 'nurse', municipalityId: '461', grantAreas: ['Ernæring'] },
    });
    expect(unknownArea.status).toBe(422);
    expect(unknownArea.body.error.code).toBe('GRANT_AREA_UNKNOWN');

    const disabled = await t.request('PATCH', `/api/v1/users/${created.body.id}`, { token: admin, body: { disabled: true } });
    expect(disabled.status).toBe(200);
  });

  it('only administrators manage accounts and municipalities', async () => {
    const caseworker = await t.login('kundeservice');
    expect((await t.request('GET', '/api/v1/users', { token: caseworker })).status).toBe(403);
    expect((await t.request('PUT', '/api/v1/municipalities/101', { token: caseworker, body: { name: 'x', postalCodes: ['1050'], grantAreas: ['Stomi'] } })).status).toBe(403);
  });

  it('health, readiness and metrics answer without auth; metrics carry projection lag and no personal data', async () => {
    expect((await t.request('GET', '/health/live')).status).toBe(200);
    const ready = await t.request('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toMatchObject({ stores: 'ok', 'projection:citizens': 'ok', 'projection:users': 'ok' });
    const metrics = await t.request('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('projection_lag_seconds{projection="citizens"}');
    expect(metrics.body).toContain('projection_parked_events{projection="users"} 0');
    expect(metrics.body).toContain('reaction_parked_events{reaction="order-accounting"} 0');
    expect(metrics.body).toContain('event_store_append_duration_seconds_bucket');
    expect(metrics.body).toMatch(/http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/auth\/login",status="200"\}/);
    const labelValues = [...String(metrics.body).matchAll(/="([^"]*)"/g)].map((match) => match[1]);
    expect(labelValues.length).toBeGreaterThan(10);
    for (const value of labelValues) expect(value).not.toMatch(/\d{6}-?\d{4}|[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  it('the OpenAPI document describes the routes with their request schemas', async () => {
    const doc = await t.request('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.paths['/api/v1/citizens'].post.requestBody.content['application/json'].schema.required).toEqual(
      expect.arrayContaining(['cpr', 'firstName', 'lastName', 'address']),
    );
    expect(doc.body.paths['/api/v1/citizens'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['cpr', 'name', 'address', 'city', 'postalCode', 'status', 'page', 'pageSize']),
    );
  });

  it('administrators see each projection and its parked events', async () => {
    const admin = await t.login('admin');
    const list = await t.request('GET', '/api/v1/admin/projections', { token: admin });
    expect(list.status).toBe(200);
    expect(list.body.items.map((item: { name: string }) => item.name).sort()).toEqual(['citizens', 'grants', 'municipalities', 'orders', 'product-groups', 'products', 'users']);
    const parked = await t.request('GET', '/api/v1/admin/projections/citizens/parked', { token: admin });
    expect(parked.body).toEqual({ items: [] });
    expect((await t.request('GET', '/api/v1/admin/projections/nothing/parked', { token: admin })).status).toBe(404);
  });
  it('a password older than the maximum age must be changed before anything else', async () => {
    clock.advance(91 * 24 * 60 * MINUTE);
    const answer = await login('sagsbehandler.kbh');
    expect(answer.body.mustChangePassword).toBe(true);
    // The portal tells an expired password from a one-time one by this.
    expect(answer.body.passwordChangeReason).toBe('expired');
    const token = answer.body.token;
    const search = await t.request('GET', '/api/v1/citizens', { token });
    expect(search.status).toBe(403);
    expect(search.body.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.request('GET', '/api/v1/me', { token })).status).toBe(200);
  });
});
