import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { QueryBus } from '@nestjs/cqrs';
import { accessLogAnswer, citizenHistoryAnswer } from '../../src/audit/audit.answers.js';
import { GetCitizenAccessLogExtract } from '../../src/audit/audit.queries.js';
import type { Principal } from '../../src/kernel/principal.js';
import { newId } from '../../src/shared/ids.js';
import { copenhagenDate } from '../../src/shared/time.js';
import { fictitiousCpr, hyphenated } from '../citizens/cpr-fixtures.js';
import { describeEachBackend } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';

const CATALOGUE = [
  'itemNumber;name;description;manufacturer;manufacturerRef;group;seriesId;salesUnitName;piecesPerSalesUnit;listPrice',
  ['AU-S1', 'Stomipose Revision', '', 'Revisionsfabrik', 'RF-1', 'Stomi > Poser', '', 'æske', '10', '100,00'].join(';'),
].join('\n');

const citizenPrincipal = (citizenId: string): Principal => ({
  userId: citizenId,
  role: 'citizen',
  municipalityId: '101',
  name: 'Borger',
  username: 'borger',
  grantAreas: [],
  sessionTokenHash: 'x',
  mustChangePassword: false,
});

describeEachBackend('History and audit through HTTP (DOMAIN §7)', (backend) => {
  let t: TestApp;
  let caseworker: string;
  let nurse: string;
  let customerService: string;
  let auditor: string;
  let erp: string;
  let birthDay = 0;
  const today = copenhagenDate(new Date());

  beforeAll(async () => {
    t = await startTestApp(backend);
    const admin = await t.login('admin');
    expect((await t.request('POST', '/api/v1/catalogue/imports', { token: admin, csv: CATALOGUE })).body.added).toBe(1);
    caseworker = await t.login('sagsbehandler.kbh');
    nurse = await t.login('sygeplejerske.kbh');
    customerService = await t.login('kundeservice');
    auditor = await t.login('revisor');
    erp = await t.login('erp');
  });
  afterAll(async () => t?.close());

  /** A new København citizen; no webshop username is given, so it defaults to the CPR number (citizen.decider.ts). */
  async function registerCitizen() {
    birthDay++;
    const cpr = fictitiousCpr(`${String(birthDay).padStart(2, '0')}0372`, '1', { checksum: 'valid' });
    const created = await t.request('POST', '/api/v1/citizens', {
      token: caseworker,
      body: { cpr, firstName: 'Astrid', lastName: `Revisen${birthDay}`, address: { street: `Revisorvej ${birthDay}`, postalCode: '2300', city: 'København S' } },
    });
    expect(created.status).toBe(201);
    return { citizenId: created.body.citizenId as string, cpr, position: created.body.position as string };
  }

  /** A citizen with a Stomi line, an order placed under a known correlation id, accepted and shipped by the ERP. */
  async function citizenWithOrder() {
    const citizen = await registerCitizen();
    const line = await t.request('POST', `/api/v1/citizens/${citizen.citizenId}/grant/lines`, {
      token: caseworker,
      body: { itemNumber: 'AU-S1', grantArea: 'Stomi', kind: 'continuous', allowance: { grantedMax: 6, periodMonths: 3 } },
    });
    expect(line.status).toBe(201);
    const correlationId = `audit-test-${newId()}`;
    const placed = await t.request('POST', `/api/v1/citizens/${citizen.citizenId}/orders`, {
      token: nurse,
      headers: { 'x-correlation-id': correlationId },
      body: { lines: [{ lineId: line.body.lineId, salesUnits: 2 }], remarks: `Borgerens CPR ${hyphenated(citizen.cpr)}` },
    });
    expect(placed.status).toBe(201);
    const fulfil = (body: Record<string, unknown>) =>
      t.request('POST', `/api/v1/orders/${placed.body.orderId}/fulfilment`, { token: erp, body: { at: new Date().toISOString(), ...body } });
    expect((await fulfil({ type: 'accepted' })).status).toBe(200);
    const shipped = await fulfil({ type: 'shipped', lines: [{ itemNumber: 'AU-S1', salesUnits: 2 }] });
    expect(shipped.status).toBe(200);
    return { ...citizen, orderId: placed.body.orderId as string, correlationId, position: shipped.body.position as string };
  }

  const history = (citizenId: string, token: string, query = '') => t.request('GET', `/api/v1/citizens/${citizenId}/history${query}`, { token });
  const accessLog = (citizenId: string, token: string, query = '') => t.request('GET', `/api/v1/citizens/${citizenId}/access-log${query}`, { token });
  const extract = (citizenId: string, token: string) => t.request('GET', `/api/v1/citizens/${citizenId}/access-log/extract`, { token });

  it("the history lists every event of the citizen, their grant and their orders in log order, with who did it and the request's ids", async () => {
    const { citizenId, orderId, correlationId } = await citizenWithOrder();
    const answer = await history(citizenId, auditor);
    expect(answer.status).toBe(200);
    const items: any[] = answer.body.items;
    expect(answer.body).toMatchObject({ page: 1, pageSize: 100, total: items.length });

    const types = items.map((item) => item.type);
    const expectedOrder = ['CitizenRegistered', 'GrantLineAdded', 'GrantOrderPlaced', 'OrderPlaced', 'OrderAccepted', 'OrderLinesShipped', 'GrantOrderLinesDelivered'];
    expect(types.filter((type) => expectedOrder.includes(type))).toEqual(expectedOrder);
    const positions = items.map((item) => item.position as string);
    expect(positions).toEqual([...positions].sort());
    expect(new Set(positions).size).toBe(positions.length);

    const byType = (type: string) => items.find((item) => item.type === type);
    expect(byType('CitizenRegistered')).toMatchObject({
      stream: 'citizen',
      streamName: `citizen-${citizenId}`,
      actor: { role: 'caseworker', municipalityId: '101', userId: expect.any(String) },
      at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      recordedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      correlationId: expect.any(String),
      commandId: expect.any(String),
      data: { citizenId, firstName: 'Astrid' },
    });
    // The order was counted on the grant and created in one request: both events carry its correlation id.
    expect(byType('GrantOrderPlaced')).toMatchObject({ stream: 'grant', correlationId, actor: { role: 'nurse' }, data: { orderId } });
    expect(byType('OrderPlaced')).toMatchObject({ stream: 'order', streamName: `order-${orderId}`, correlationId, actor: { role: 'nurse', municipalityId: '101' } });
    expect(byType('OrderAccepted')).toMatchObject({ stream: 'order', actor: { role: 'integration', municipalityId: null } });
  });

  it('the history and the access log name the users, as the users read model has them, and match their OpenAPI schemas', async () => {
    const { citizenId, position } = await registerCitizen();
    expect((await t.request('GET', `/api/v1/citizens/${citizenId}?purpose=Telefonopkald&consistentWith=${position}`, { token: customerService })).status).toBe(200);
    const answer = await history(citizenId, auditor);
    expect(citizenHistoryAnswer.safeParse(answer.body).error).toBeUndefined();
    expect(answer.body.items[0]).toMatchObject({ type: 'CitizenRegistered', actor: { role: 'caseworker', name: 'Sara Sagsbehandler' } });
    const log = await accessLog(citizenId, auditor);
    expect(accessLogAnswer.safeParse(log.body).error).toBeUndefined();
    expect(log.body.map((row: any) => [row.purpose, row.name])).toEqual([
      ['Hændelseshistorik', 'Rikke Revisor'],
      ['Telefonopkald', 'Kim Kundeservice'],
    ]);
  });

  it('the history shows no full CPR number: the payloads show it masked, the default webshop username and free text too', async () => {
    const { citizenId, cpr } = await citizenWithOrder();
    const answer = await history(citizenId, customerService);
    expect(answer.status).toBe(200);
    const body = JSON.stringify(answer.body);
    expect(body).not.toContain(cpr);
    expect(body).not.toContain(hyphenated(cpr));
    const registered = answer.body.items.find((item: any) => item.type === 'CitizenRegistered');
    expect(registered.data).toMatchObject({ cpr: `${cpr.slice(0, 6)}-XXXX`, webshopUsername: `${cpr.slice(0, 6)}-XXXX` });
    const placed = answer.body.items.find((item: any) => item.type === 'OrderPlaced');
    expect(placed.data.remarks).toBe(`Borgerens CPR ${cpr.slice(0, 6)}-XXXX`);
  });

  it('pages the merged history; consistentWith is accepted and needs no waiting', async () => {
    const { citizenId, position } = await citizenWithOrder();
    const all = await history(citizenId, auditor, `?consistentWith=${position}`);
    expect(all.status).toBe(200);
    const total: number = all.body.total;
    expect(total).toBeGreaterThanOrEqual(7);
    const pages = [];
    for (let page = 1; (page - 1) * 3 < total; page++) {
      const answer = await history(citizenId, auditor, `?page=${page}&pageSize=3`);
      expect(answer.body).toMatchObject({ page, pageSize: 3, total });
      pages.push(...answer.body.items.map((item: any) => item.position));
    }
    expect(pages).toEqual(all.body.items.map((item: any) => item.position));
    expect((await history(citizenId, auditor, `?page=${total + 1}&pageSize=1`)).body).toEqual({ items: [], page: total + 1, pageSize: 1, total });
    for (const bad of ['?pageSize=201', '?page=0', '?purpose=%20']) {
      const answer = await history(citizenId, auditor, bad);
      expect([answer.status, answer.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('opening the record and reading the history are in the access log, newest first, with purpose, role and user', async () => {
    const { citizenId, position } = await registerCitizen();
    const opened = await t.request('GET', `/api/v1/citizens/${citizenId}?purpose=Telefonopkald&consistentWith=${position}`, { token: customerService });
    expect(opened.status).toBe(200);
    expect((await history(citizenId, auditor, '?purpose=Revision%202026')).status).toBe(200);
    expect((await history(citizenId, customerService)).status).toBe(200);

    const log = await accessLog(citizenId, auditor);
    expect(log.status).toBe(200);
    expect(log.body).toEqual([
      { at: expect.any(String), purpose: 'Hændelseshistorik', role: 'customer_service', userId: expect.any(String), name: 'Kim Kundeservice', fullCprShown: false },
      { at: expect.any(String), purpose: 'Revision 2026', role: 'auditor', userId: expect.any(String), name: 'Rikke Revisor', fullCprShown: false },
      { at: expect.any(String), purpose: 'Telefonopkald', role: 'customer_service', userId: expect.any(String), name: 'Kim Kundeservice', fullCprShown: true },
    ]);
    const instants = log.body.map((item: any) => item.at as string);
    expect(instants).toEqual([...instants].sort().reverse());

    expect((await accessLog(citizenId, customerService, `?from=${today}&to=${today}`)).body).toHaveLength(3);
    expect((await accessLog(citizenId, auditor, '?to=2000-01-01')).body).toEqual([]);
    const backwards = await accessLog(citizenId, auditor, '?from=2026-02-01&to=2026-01-01');
    expect([backwards.status, backwards.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    // Reading the access log opens no record: it still holds the three openings.
    expect((await t.infra.eventStore.readStream(`citizenaccess-${citizenId}`)).map((event) => event.type)).toEqual(Array(3).fill('CitizenRecordOpened'));
  });

  it("the citizen's extract holds only the dates and purposes of the openings, oldest first", async () => {
    const { citizenId, position } = await registerCitizen();
    await t.request('GET', `/api/v1/citizens/${citizenId}?purpose=Ny%20bevilling&consistentWith=${position}`, { token: caseworker });
    await history(citizenId, auditor);
    const answer = await extract(citizenId, customerService);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      citizenId,
      items: [
        { date: today, purpose: 'Ny bevilling' },
        { date: today, purpose: 'Hændelseshistorik' },
      ],
    });
    for (const item of answer.body.items) expect(Object.keys(item).sort()).toEqual(['date', 'purpose']);

    // The citizen themself (DOMAIN §6 "own"), and no other citizen; there is no citizen login yet, so through the query bus.
    const queries = t.app.get(QueryBus);
    expect(await queries.execute(new GetCitizenAccessLogExtract(citizenPrincipal(citizenId), citizenId))).toEqual(answer.body);
    expect(await queries.execute(new GetCitizenAccessLogExtract(citizenPrincipal(newId()), citizenId))).toBeNull();
  });

  it('only auditors and customer service read history and access log; a citizen who does not exist is 404 and logs nothing', async () => {
    const { citizenId } = await registerCitizen();
    for (const token of [caseworker, nurse, erp]) {
      for (const answer of [await history(citizenId, token), await accessLog(citizenId, token), await extract(citizenId, token)]) {
        expect([answer.status, answer.body.error.code]).toEqual([403, 'FORBIDDEN']);
      }
    }
    for (const token of [auditor, customerService]) {
      for (const answer of [await history(citizenId, token), await accessLog(citizenId, token), await extract(citizenId, token)]) {
        expect(answer.status).toBe(200);
      }
    }
    const unknown = newId();
    for (const answer of [await history(unknown, auditor), await accessLog(unknown, auditor), await extract(unknown, customerService)]) {
      expect([answer.status, answer.body.error.code]).toEqual([404, 'NOT_FOUND']);
    }
    expect(await t.infra.eventStore.readStream(`citizenaccess-${unknown}`)).toEqual([]);
    const malformed = await history('not-a-uuid', auditor);
    expect([malformed.status, malformed.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect((await t.request('GET', `/api/v1/citizens/${citizenId}/history`)).status).toBe(401);
  });

  it('a removed citizen stays visible to auditors and customer service, history and log alike (DOMAIN §2.3)', async () => {
    const { citizenId } = await registerCitizen();
    // Written straight to the stream: this suite tests what auditors see, not how a removal is decided.
    const removal = { type: 'CitizenRemoved', data: { citizenId, from: 'ACTIVE', status: 'DECEASED', reason: 'Dødsfald' } };
    const context = { commandId: newId(), correlationId: newId(), causationId: newId(), actor: { userId: 'test', role: 'caseworker' as const, municipalityId: '101' }, now: new Date() };
    await t.infra.commandRunner.append(`citizen-${citizenId}`, [removal], context);
    for (const token of [auditor, customerService]) {
      const answer = await history(citizenId, token);
      expect(answer.status).toBe(200);
      const citizenEvents = answer.body.items.filter((item: any) => item.stream === 'citizen');
      expect(citizenEvents.map((item: any) => item.type)).toEqual(['CitizenRegistered', 'CitizenRemoved']);
      expect((await accessLog(citizenId, token)).status).toBe(200);
      expect((await extract(citizenId, token)).status).toBe(200);
    }
  });

  it('the OpenAPI document describes the audit routes; no log line holds a CPR number', async () => {
    const doc = await t.request('GET', '/api/docs-json');
    expect(doc.status).toBe(200);
    const parameters = (path: string) => doc.body.paths[path].get.parameters.map((parameter: { name: string }) => parameter.name);
    expect(parameters('/api/v1/citizens/{id}/history')).toEqual(expect.arrayContaining(['id', 'purpose', 'page', 'pageSize']));
    expect(parameters('/api/v1/citizens/{id}/access-log')).toEqual(expect.arrayContaining(['id', 'from', 'to']));
    expect(parameters('/api/v1/citizens/{id}/access-log/extract')).toEqual(['id']);
    expect(t.logs.length).toBeGreaterThan(0);
    for (const line of t.logs) expect(line).not.toMatch(/(?<!\d)\d{6}-?\d{4}(?!\d)/);
  });
});
