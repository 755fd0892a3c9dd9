import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { municipalitiesAnswer } from '../../src/identity/users.answers.js';
import { describeEachBackend } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** "Kommuner": the administrators' list of municipalities, read from the municipalities read model. */
describeEachBackend('GET /municipalities: the municipalities by number, for administrators', (backend) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    admin = await t.login('admin');
  });
  afterAll(async () => t?.close());

  const list = async (query = '', position?: string) => {
    const params = new URLSearchParams({ ...(query ? { q: query } : {}), ...(position ? { consistentWith: position } : {}) });
    const answer = await t.request('GET', `/api/v1/municipalities?${params}`, { token: admin });
    expect(answer.status).toBe(200);
    return municipalitiesAnswer.parse(answer.body).items;
  };

  it('two new municipalities join the seeded ones, sorted by number, each with its postal-code count and grant areas', async () => {
    const created = await t.request('POST', '/api/v1/municipalities', {
      token: admin,
      body: { id: '851', name: 'Aalborg', postalCodes: ['9000', '9200', '9210'], grantAreas: ['Stomi', 'Inkontinens'] },
    });
    expect(created.status).toBe(201);
    const second = await t.request('POST', '/api/v1/municipalities', {
      token: admin,
      body: { id: '461', name: 'Odense', postalCodes: ['5000'], grantAreas: ['Diabetes'] },
    });
    expect(second.status).toBe(201);

    const items = await list('', second.body.position);
    expect(items.map((item) => item.id)).toEqual(['101', '461', '751', '851']);
    expect(items.find((item) => item.id === '851')).toEqual({ id: '851', name: 'Aalborg', postalCodeCount: 3, grantAreas: ['Stomi', 'Inkontinens'] });
    expect(items.find((item) => item.id === '461')).toEqual({ id: '461', name: 'Odense', postalCodeCount: 1, grantAreas: ['Diabetes'] });
    expect(items.find((item) => item.id === '101')?.postalCodeCount).toBe(8);
  });

  it('a change of a municipality shows in the list (its new name, postal codes and areas)', async () => {
    const updated = await t.request('PUT', '/api/v1/municipalities/461', {
      token: admin,
      body: { name: 'Odense Kommune', postalCodes: ['5000', '5200'], grantAreas: ['Diabetes', 'Stomi'] },
    });
    expect(updated.status).toBe(200);
    expect((await list('', updated.body.position)).find((item) => item.id === '461')).toEqual({
      id: '461',
      name: 'Odense Kommune',
      postalCodeCount: 2,
      grantAreas: ['Diabetes', 'Stomi'],
    });
  });

  it('q filters by the start of the number, or by the name case- and accent-insensitively', async () => {
    expect((await list('4')).map((item) => item.id)).toEqual(['461']);
    expect((await list('85')).map((item) => item.id)).toEqual(['851']);
    expect((await list('aalb')).map((item) => item.id)).toEqual(['851']);
    // "Kobenhavn" is not "København" (ø is spelled oe), but "koebenhavn" and "KØBEN" are.
    expect((await list('KØBEN')).map((item) => item.id)).toEqual(['101']);
    expect((await list('koebenhavn')).map((item) => item.id)).toEqual(['101']);
    expect(await list('Roskilde')).toEqual([]);
    const tooLong = await t.request('GET', `/api/v1/municipalities?q=${'x'.repeat(101)}`, { token: admin });
    expect([tooLong.status, tooLong.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('only administrators: every other role gets 403, no token 401', async () => {
    for (const username of ['sagsbehandler.kbh', 'kundeservice', 'revisor']) {
      const token = await t.login(username);
      const answer = await t.request('GET', '/api/v1/municipalities', { token });
      expect([username, answer.status, answer.body.error.code]).toEqual([username, 403, 'FORBIDDEN']);
    }
    expect((await t.request('GET', '/api/v1/municipalities')).status).toBe(401);
  });
});
