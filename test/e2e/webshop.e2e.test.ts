import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { accessLogExtractAnswer } from '../../src/audit/audit.answers.js';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { describeEachBackend } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { linkIn, readDroppedMail } from '../support/mail.js';

const PASSWORD = 'Min egen lange webshop-sætning';

/** What the citizen's own pages in the portal ("Min bevilling", "Mine ordrer", "Mine oplysninger") read, as the citizen. */
describeEachBackend("The citizen's webshop: own record, grant, orders and access-log extract (DOMAIN §6–7)", (backend) => {
  let t: TestApp;
  let caseworker: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    caseworker = await t.login('sagsbehandler.kbh');
  });
  afterAll(async () => t?.close());

  /** A citizen with a webshop login, and their session. */
  async function citizenWithLogin(birth: string, username: string) {
    const email = `${username}@borger.invalid`;
    const created = await t.request('POST', '/api/v1/citizens', {
      token: caseworker,
      body: { cpr: fictitiousCpr(birth, '1', { checksum: 'valid' }), firstName: 'Wilma', lastName: 'Webshop', address: { street: 'Netvej 9', postalCode: '2300', city: 'København S' }, email, webshopUsername: username },
    });
    expect(created.status).toBe(201);
    const citizenId: string = created.body.citizenId;
    const reset = await t.request('POST', `/api/v1/citizens/${citizenId}/webshop-password-reset?consistentWith=${created.body.position}`, { token: caseworker });
    expect(reset.status).toBe(202);
    // The e-mail is sent after the answer.
    let link: string | undefined;
    for (const started = Date.now(); !link && Date.now() - started < 10_000; await new Promise((resolve) => setTimeout(resolve, 50))) {
      const mail = (await readDroppedMail(t.mailDir)).filter((message) => message.to.includes(email)).at(-1);
      link = mail && linkIn(mail.text);
    }
    const token = new URL(link!).hash.replace('#token=', '');
    expect((await t.request('POST', '/api/v1/auth/password-resets', { body: { token, newPassword: PASSWORD } })).status).toBe(204);
    const session = await t.request('POST', '/api/v1/auth/login', { body: { username, password: PASSWORD, acceptTerms: true } });
    expect(session.status).toBe(200);
    return { citizenId, token: session.body.token as string };
  }

  it('a citizen reads their own extract over HTTP (dates and purposes, their own look-up included), never another citizen\'s', async () => {
    const wilma = await citizenWithLogin('180372', 'wilma.w');
    const other = await citizenWithLogin('190372', 'otto.o');
    await t.request('GET', `/api/v1/citizens/${wilma.citizenId}?purpose=Ny%20bevilling`, { token: caseworker });
    const own = await t.request('GET', `/api/v1/citizens/${wilma.citizenId}?purpose=Mine%20oplysninger`, { token: wilma.token });
    expect([own.status, own.body.webshopUsername]).toEqual([200, 'wilma.w']);

    const extract = await t.request('GET', `/api/v1/citizens/${wilma.citizenId}/access-log/extract`, { token: wilma.token });
    expect(extract.status).toBe(200);
    expect(accessLogExtractAnswer.strict().parse(extract.body)).toEqual(extract.body);
    expect(extract.body.items.map((item: { purpose: string }) => item.purpose)).toEqual(['Ny bevilling', 'Mine oplysninger']);
    for (const item of extract.body.items) expect(Object.keys(item).sort()).toEqual(['date', 'purpose']);

    const foreign = await t.request('GET', `/api/v1/citizens/${wilma.citizenId}/access-log/extract`, { token: other.token });
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'NOT_FOUND']);
    // The auditors' list stays theirs.
    expect((await t.request('GET', `/api/v1/citizens/${wilma.citizenId}/access-log`, { token: wilma.token })).status).toBe(403);
    // Their grant and orders too, and nobody else's.
    expect((await t.request('GET', `/api/v1/citizens/${wilma.citizenId}/grant`, { token: wilma.token })).status).toBe(200);
    expect((await t.request('GET', `/api/v1/citizens/${other.citizenId}/grant`, { token: wilma.token })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/citizens/${other.citizenId}/orders`, { token: wilma.token })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/citizens', { token: wilma.token })).status).toBe(403);
  });

  it('the OpenAPI document describes the extract\'s answer', async () => {
    const doc = await t.request('GET', '/api/docs-json');
    const answer = doc.body.paths['/api/v1/citizens/{id}/access-log/extract'].get.responses['200'];
    const schema = answer.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['citizenId', 'items']));
    expect(Object.keys(schema.properties.items.items.properties).sort()).toEqual(['date', 'purpose']);
  });
});
