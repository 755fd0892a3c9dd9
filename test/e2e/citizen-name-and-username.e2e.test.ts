import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { describeEachBackend } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';

const address = { street: 'Navnevej 1', postalCode: '2300', city: 'København S' };

describeEachBackend('A citizen\'s name and webshop username changed ("Opdatere alle borgerens data")', (backend) => {
  let t: TestApp;
  let caseworker: string;
  let customerService: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    caseworker = await t.login('sagsbehandler.kbh');
    customerService = await t.login('kundeservice');
  });
  afterAll(async () => t?.close());

  const login = (username: string, password: string) => t.request('POST', '/api/v1/auth/login', { body: { username, password, acceptTerms: true } });
  const record = (citizenId: string, token: string, position: string) =>
    t.request('GET', `/api/v1/citizens/${citizenId}?purpose=Rettelse&consistentWith=${position}`, { token });
  const rename = (citizenId: string, token: string, webshopUsername: string) =>
    t.request('PUT', `/api/v1/citizens/${citizenId}/webshop-username`, { token, body: { webshopUsername } });

  async function citizen(day: string, webshopUsername: string, firstName = 'Jens') {
    const created = await t.request('POST', '/api/v1/citizens', {
      token: caseworker,
      body: { cpr: fictitiousCpr(day, '1', { checksum: 'valid' }), firstName, lastName: 'Hansn', address, webshopUsername },
    });
    expect(created.status).toBe(201);
    return { citizenId: created.body.citizenId as string, position: created.body.position as string };
  }

  it('a misspelt name is corrected, found by its new spelling, and blank names are refused', async () => {
    const { citizenId } = await citizen('010590', 'jens.navn');
    const changed = await t.request('PATCH', `/api/v1/citizens/${citizenId}`, { token: caseworker, body: { lastName: 'Hansen' } });
    expect(changed.status).toBe(200);
    const after = await record(citizenId, caseworker, changed.body.position);
    expect([after.body.firstName, after.body.lastName]).toEqual(['Jens', 'Hansen']);
    const found = await t.request('GET', `/api/v1/citizens?name=Hansen&consistentWith=${changed.body.position}`, { token: caseworker });
    expect(found.body.items.map((row: { citizenId: string }) => row.citizenId)).toContain(citizenId);
    const events = await t.infra.eventStore.readStream(`citizen-${citizenId}`);
    expect(events.at(-1)).toMatchObject({ type: 'CitizenNameChanged', data: { citizenId, firstName: 'Jens', lastName: 'Hansen' } });

    const blank = await t.request('PATCH', `/api/v1/citizens/${citizenId}`, { token: caseworker, body: { firstName: '   ' } });
    expect([blank.status, blank.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    // The same name again records nothing.
    const same = await t.request('PATCH', `/api/v1/citizens/${citizenId}`, { token: caseworker, body: { firstName: 'Jens', lastName: 'Hansen' } });
    expect(same.status).toBe(200);
    expect((await t.infra.eventStore.readStream(`citizen-${citizenId}`)).length).toBe(events.length);
  });

  it('a new webshop username: the citizen logs in with it, the old one is free again, and a taken one is refused', async () => {
    const { citizenId, position } = await citizen('020590', 'gammelt.navn');
    const issued = await t.request('POST', `/api/v1/citizens/${citizenId}/webshop-one-time-password?consistentWith=${position}`, { token: caseworker });
    expect(issued.status).toBe(201);
    t.secret(issued.body.password);
    expect((await login('gammelt.navn', issued.body.password)).status).toBe(200);

    const changed = await rename(citizenId, customerService, 'nyt.navn');
    expect(changed.status).toBe(200);
    expect((await record(citizenId, caseworker, changed.body.position)).body.webshopUsername).toBe('nyt.navn');
    expect((await login('gammelt.navn', issued.body.password)).status).toBe(401);
    const session = await login('nyt.navn', issued.body.password);
    expect([session.status, session.body.user.id]).toEqual([200, citizenId]);

    // Staff usernames and other citizens' share the one registry.
    const staff = await rename(citizenId, caseworker, 'Sagsbehandler.KBH');
    expect([staff.status, staff.body.error.code]).toEqual([409, 'USERNAME_TAKEN']);
    const other = await citizen('030590', 'andet.navn');
    expect((await rename(other.citizenId, caseworker, 'NYT.navn')).body.error.code).toBe('USERNAME_TAKEN');
    // The old name was released: another citizen may take it.
    const reused = await rename(other.citizenId, caseworker, 'gammelt.navn');
    expect(reused.status).toBe(200);
    expect((await rename(citizenId, caseworker, 'gammelt.navn')).body.error.code).toBe('USERNAME_TAKEN');
    // The same name again changes nothing; blank is refused.
    expect((await rename(citizenId, caseworker, 'nyt.navn')).body.position).toBeNull();
    expect((await rename(citizenId, caseworker, '  ')).status).toBe(400);
  });

  it('refusals: other roles 403, an unknown citizen 404, a removed citizen 404 or CITIZEN_REMOVED', async () => {
    const { citizenId, position } = await citizen('040590', 'fjernes.navn');
    for (const username of ['sygeplejerske.kbh', 'bestiller.kbh', 'revisor']) {
      expect([username, (await rename(citizenId, await t.login(username), `x.${username}`)).status]).toEqual([username, 403]);
    }
    expect((await rename('00000000-0000-4000-8000-000000000000', caseworker, 'ukendt.navn')).status).toBe(404);
    expect((await t.request('PATCH', '/api/v1/citizens/00000000-0000-4000-8000-000000000000', { token: caseworker, body: { firstName: 'X' } })).status).toBe(404);
    expect((await record(citizenId, caseworker, position)).status).toBe(200);
    const removed = await t.request('POST', `/api/v1/citizens/${citizenId}/status`, { token: caseworker, body: { status: 'MOVED_AWAY' } });
    expect(removed.status).toBe(200);
    expect((await rename(citizenId, caseworker, 'andet.fjernet')).status).toBe(404);
    const byCustomerService = await rename(citizenId, customerService, 'andet.fjernet');
    expect([byCustomerService.status, byCustomerService.body.error.code]).toEqual([409, 'CITIZEN_REMOVED']);
    const named = await t.request('PATCH', `/api/v1/citizens/${citizenId}`, { token: customerService, body: { firstName: 'Fjernet' } });
    expect([named.status, named.body.error.code]).toEqual([409, 'CITIZEN_REMOVED']);
  });
});
