import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachBackend } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createdUserAnswer, municipalityAnswer, usersAnswer } from '../../src/identity/users.answers.js';
import { catalogueImportAnswer } from '../../src/catalogue/catalogue.answers.js';
import { parkedEventsAnswer, projectionsAnswer } from '../../src/operations/projections.answers.js';

const DEMO_PASSWORD = 'demo-password-for-tests';

/** What the portal's "Administration" pages read beside API.md: a municipality, the accounts' locks, unlocking. */
describeEachBackend('Administration: municipality look-up, account locks and unlocking', (backend) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    admin = await t.login('admin');
  });
  afterAll(async () => t?.close());

  const login = (username: string, password: string) => t.request('POST', '/api/v1/auth/login', { body: { username, password, acceptTerms: true } });
  const userRow = async (username: string) => {
    const list = await t.request('GET', '/api/v1/users?municipalityId=101&pageSize=200', { token: admin });
    expect(list.status).toBe(200);
    return usersAnswer.parse(list.body).items.find((user) => user.username === username);
  };

  it('GET /municipalities/:id answers the name, postal codes and grant areas; an unknown one is 404; only admins', async () => {
    const found = await t.request('GET', '/api/v1/municipalities/101', { token: admin });
    expect(found.status).toBe(200);
    expect(municipalityAnswer.parse(found.body)).toMatchObject({ id: '101', name: 'København', postalCodes: expect.arrayContaining(['2100']) });
    expect(found.body.grantAreas).toEqual(expect.arrayContaining(['Stomi', 'Kateter']));
    expect((await t.request('GET', '/api/v1/municipalities/999', { token: admin })).body.error.code).toBe('NOT_FOUND');
    expect((await t.request('GET', '/api/v1/municipalities/1x1', { token: admin })).body.error.code).toBe('VALIDATION_FAILED');
    const caseworker = await t.login('sagsbehandler.kbh');
    expect((await t.request('GET', '/api/v1/municipalities/101', { token: caseworker })).status).toBe(403);
  });

  it('a locked account shows lockedUntil in GET /users; POST /users/:id/unlock lifts it so the right password works again', async () => {
    expect((await userRow('bestiller.kbh'))?.lockedUntil).toBeNull();
    for (let attempt = 0; attempt < 5; attempt++) await login('bestiller.kbh', 'forkert adgangskode');
    expect((await login('bestiller.kbh', DEMO_PASSWORD)).body.error.code).toBe('ACCOUNT_LOCKED');
    const locked = await userRow('bestiller.kbh');
    expect(Date.parse(locked!.lockedUntil!)).toBeGreaterThan(Date.now());

    const unlocked = await t.request('POST', `/api/v1/users/${locked!.userId}/unlock`, { token: admin });
    expect(unlocked.status).toBe(204);
    expect((await userRow('bestiller.kbh'))?.lockedUntil).toBeNull();
    expect((await login('bestiller.kbh', DEMO_PASSWORD)).status).toBe(200);
    expect((await t.request('POST', '/api/v1/users/00000000-0000-4000-8000-000000000000/unlock', { token: admin })).status).toBe(404);
  });
  it('the described answers match what the routes answer: a new user, a catalogue import, the projections', async () => {
    const created = await t.request('POST', '/api/v1/users', {
      token: admin,
      body: { username: 'ada.answer', name: 'Ada Answer', email: 'ada@kommune.invalid', role: 'orderer', municipalityId: '101', grantAreas: ['Stomi'] },
    });
    expect(created.status).toBe(201);
    expect(createdUserAnswer.parse(created.body)).toMatchObject({ username: 'ada.answer', invitation: 'sent' });
    const header = 'itemNumber;name;description;manufacturer;manufacturerRef;group;seriesId;salesUnitName;piecesPerSalesUnit;listPrice';
    const imported = await t.request('POST', '/api/v1/catalogue/imports', {
      token: admin,
      csv: [header, 'ANS1;Svarpose;Til svaret;Svarfabrik;S-1;Stomi > Poser;S;æske;10;10,00', 'ANS2;Svarpose 2;x;Svarfabrik;S-2;Stomi > Poser;S;æske;10;1.0'].join('\n'),
    });
    expect(imported.status).toBe(200);
    expect(catalogueImportAnswer.parse(imported.body)).toMatchObject({ accepted: 1, added: 1, rejected: [{ row: 3, code: 'PRICE_INVALID', itemNumber: 'ANS2' }] });
    const projections = await t.request('GET', '/api/v1/admin/projections', { token: admin });
    expect(projectionsAnswer.parse(projections.body).items.map((item) => item.name)).toContain('users');
    const parked = await t.request('GET', '/api/v1/admin/projections/users/parked', { token: admin });
    expect(parkedEventsAnswer.parse(parked.body)).toEqual({ items: [] });
  });
});
