import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { describeEachBackend } from '../support/databases.js';
import { DEMO_PASSWORD, startTestApp, type HttpResponse, type TestApp } from '../support/app.js';
import { MAX_DEPTH } from '../../src/http/input-guard.js';

/**
 * What no store can hold is refused at the edge with 400 VALIDATION_FAILED and the field's path, before any
 * route, guard or interceptor runs: NUL, unpaired surrogates, and nesting deeper than any schema. Each of these
 * answered 500 before (PostgreSQL refuses NUL and unpaired surrogates in text and jsonb; hashing a deep body for
 * its Idempotency-Key overflowed the stack), from routes that need no login as well as from those that do.
 */
const JSON_TYPE = { 'content-type': 'application/json' };

describeEachBackend('Input no store can hold is refused at the edge', (backend) => {
  let t: TestApp;
  let caseworker: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    caseworker = await t.login('sagsbehandler.kbh');
  });
  afterAll(async () => t?.close());

  const refusedAt = (answer: HttpResponse, path: string, code = 'invalid_character') => {
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    expect(answer.body.error.details.fields).toEqual([{ path, code, message: expect.any(String) }]);
  };
  const citizen = (cpr: string, phone: string) => ({
    cpr,
    firstName: 'Nanna',
    lastName: 'Nulsen',
    address: { street: 'Testvej 2', postalCode: '2100', city: 'København Ø' },
    phone,
  });

  it('NUL or an unpaired surrogate in a login or a reset request, without a session', async () => {
    refusedAt(await t.request('POST', '/api/v1/auth/login', { body: { username: 'a\u0000b', password: DEMO_PASSWORD, acceptTerms: true } }), 'body.username');
    // JSON.stringify writes the lone surrogate as the escape "\udfff", which the parser reads back as one.
    refusedAt(await t.request('POST', '/api/v1/auth/login', { body: { username: 'revisor', password: '\udfff', acceptTerms: true } }), 'body.password');
    refusedAt(await t.request('POST', '/api/v1/auth/password-reset-requests', { body: { username: '\ud83d' } }), 'body.username');
    // A field name is checked like its value.
    refusedAt(await t.request('POST', '/api/v1/auth/login', { rawBody: '{"user\\u0000name":"revisor"}', headers: JSON_TYPE }), 'body');
  });

  it('NUL in a search parameter or a path parameter', async () => {
    refusedAt(await t.request('GET', '/api/v1/citizens?name=%00', { token: caseworker }), 'query.name');
    refusedAt(await t.request('GET', '/api/v1/products?q=a%00', { token: caseworker }), 'query.q');
    refusedAt(await t.request('GET', '/api/v1/products/%00', { token: caseworker }), 'params.itemNumber');
  });

  it('a registration refused for a NUL leaves no CPR reservation behind: the same citizen registers at once', async () => {
    const cpr = fictitiousCpr('140390', '3', { checksum: 'valid', gender: 'female' });
    const refused = await t.request('POST', '/api/v1/citizens', { token: caseworker, body: citizen(cpr, '1234\u00005678'), headers: { 'idempotency-key': 'nul-phone-1' } });
    refusedAt(refused, 'body.phone');
    const registered = await t.request('POST', '/api/v1/citizens', { token: caseworker, body: citizen(cpr, '12345678'), headers: { 'idempotency-key': 'nul-phone-2' } });
    expect(registered.status).toBe(201);
  });

  it('a body nested deeper than any schema, with or without an Idempotency-Key, at any depth the body limit allows', async () => {
    // 150,000 levels is about 900 KB, just under the body limit.
    for (const depth of [MAX_DEPTH + 1, 3_000, 150_000]) {
      const rawBody = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      for (const headers of [{ ...JSON_TYPE, 'idempotency-key': `deep-${depth}` }, JSON_TYPE]) {
        const answer = await t.request('POST', '/api/v1/citizens', { token: caseworker, rawBody, headers });
        refusedAt(answer, `body${'.a'.repeat(MAX_DEPTH)}`, 'too_deep');
      }
    }
  });

  it('Unicode text is accepted: emoji, right-to-left marks and Danish letters reach the route (a wrong login, not a 400)', async () => {
    const answer = await t.request('POST', '/api/v1/auth/login', { body: { username: 'Åse 🙂 \u202Eabc', password: 'not-the-password', acceptTerms: true } });
    expect(answer.status).toBe(401);
  });

  it('the service stays healthy afterwards', async () => {
    expect((await t.request('GET', '/health/ready')).status).toBe(200);
  });
});
