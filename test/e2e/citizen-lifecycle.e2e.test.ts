import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { citizenDecider, citizenStream } from '../../src/citizens/citizen.decider.js';
import { SYSTEM_ACTOR } from '../../src/shared/actor.js';
import { newId } from '../../src/shared/ids.js';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { describeEachBackend } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, type TestApp } from '../support/app.js';

const HEADER = 'itemNumber;name;description;manufacturer;manufacturerRef;group;seriesId;salesUnitName;piecesPerSalesUnit;listPrice';
const CATALOGUE = [
  HEADER,
  ['LC-S1', 'Livspose', '', 'Livsfabrik', 'LF-1', 'Stomi > Poser', '', 'æske', '10', '100,00'].join(';'),
  ['LC-K1', 'Livskateter', '', 'Livsfabrik', 'LF-2', 'Kateter > Engangskatetre', '', 'æske', '10', '100,00'].join(';'),
  ['LC-I1', 'Livsble', '', 'Livsfabrik', 'LF-3', 'Inkontinens > Bleer', '', 'æske', '10', '100,00'].join(';'),
].join('\n');

describeEachBackend('A citizen’s life: status changes, removal, reopening, CPR change (DOMAIN §2.1, §2.3)', (backend) => {
  let t: TestApp;
  let caseworker: string;
  let nurse: string;
  let orderer: string;
  let customerService: string;
  let auditor: string;
  let erp: string;
  let aarhus: string;
  let seq = 0;

  beforeAll(async () => {
    t = await startTestApp(backend);
    const admin = await t.login('admin');
    expect((await t.request('POST', '/api/v1/catalogue/imports', { token: admin, csv: CATALOGUE })).body.added).toBe(3);
    caseworker = await t.login('sagsbehandler.kbh');
    nurse = await t.login('sygeplejerske.kbh');
    orderer = await t.login('bestiller.kbh');
    customerService = await t.login('kundeservice');
    auditor = await t.login('revisor');
    erp = await t.login('erp');
    aarhus = await t.login('sagsbehandler.aar');
  });
  afterAll(async () => t?.close());

  const nextCpr = () => {
    seq++;
    return fictitiousCpr(`${String((seq % 28) + 1).padStart(2, '0')}${String(Math.floor(seq / 28) + 1).padStart(2, '0')}52`, '2', { checksum: 'valid' });
  };

  async function register(token: string, cpr: string, postalCode = '2300') {
    return t.request('POST', '/api/v1/citizens', {
      token,
      body: { cpr, firstName: 'Lise', lastName: `Livsen${seq}`, address: { street: 'Livsvej 1', postalCode, city: postalCode === '8000' ? 'Aarhus C' : 'København S' } },
    });
  }

  async function citizenWithLines(items: Array<[string, string]>) {
    const cpr = nextCpr();
    const created = await register(caseworker, cpr);
    expect(created.status).toBe(201);
    const citizenId: string = created.body.citizenId;
    const lines: Record<string, string> = {};
    for (const [itemNumber, grantArea] of items) {
      const added = await t.request('POST', `/api/v1/citizens/${citizenId}/grant/lines`, {
        token: caseworker,
        body: { itemNumber, grantArea, kind: 'continuous', allowance: { grantedMax: 20, periodMonths: 3 } },
      });
      expect(added.status).toBe(201);
      lines[itemNumber] = added.body.lineId;
    }
    return { cpr, citizenId, lines };
  }

  const setStatus = (token: string, citizenId: string, status: string, reason?: string) =>
    t.request('POST', `/api/v1/citizens/${citizenId}/status`, { token, body: { status, ...(reason ? { reason } : {}) } });

  async function grantLines(citizenId: string, position: string, token = customerService) {
    const grant = await t.request('GET', `/api/v1/citizens/${citizenId}/grant?includeInactive=true&consistentWith=${position}`, { token });
    expect(grant.status).toBe(200);
    return Object.fromEntries(grant.body.areas.flatMap((area: { lines: any[] }) => area.lines).map((line: any) => [line.itemNumber, line.status]));
  }

  const search = (token: string, query: string, position: string) => t.request('GET', `/api/v1/citizens?${query}&consistentWith=${position}`, { token });

  it('an ended grant inactivates every line at once; back to ACTIVE the lines stay inactive until reactivated one by one', async () => {
    const { citizenId, lines } = await citizenWithLines([['LC-S1', 'Stomi'], ['LC-K1', 'Kateter']]);
    expect((await setStatus(orderer, citizenId, 'GRANT_ENDED')).status).toBe(403);
    const ended = await setStatus(nurse, citizenId, 'GRANT_ENDED', 'Bevillingen er udløbet');
    expect(ended.status).toBe(200);
    expect(await grantLines(citizenId, ended.body.position)).toEqual({ 'LC-S1': 'INACTIVE', 'LC-K1': 'INACTIVE' });
    const found = await search(caseworker, `status=GRANT_ENDED&name=Livsen${seq}`, ended.body.position);
    expect(found.body.items.map((row: any) => row.citizenId)).toEqual([citizenId]);
    const order = await t.request('POST', `/api/v1/citizens/${citizenId}/orders`, { token: caseworker, body: { lines: [{ lineId: lines['LC-S1'], salesUnits: 1 }] } });
    expect(order.body.error.code).toBe('CITIZEN_NOT_ACTIVE');

    const other = await setStatus(caseworker, citizenId, 'OTHER_SUPPLIER');
    expect(other.status).toBe(200);
    const again = await setStatus(caseworker, citizenId, 'OTHER_SUPPLIER');
    expect(again.body.position).toBe(other.body.position);
    const active = await setStatus(caseworker, citizenId, 'ACTIVE');
    expect(await grantLines(citizenId, active.body.position)).toEqual({ 'LC-S1': 'INACTIVE', 'LC-K1': 'INACTIVE' });
    const reactivated = await t.request('POST', `/api/v1/citizens/${citizenId}/grant/lines/${lines['LC-S1']}/reactivate`, { token: nurse, body: {} });
    expect(await grantLines(citizenId, reactivated.body.position)).toEqual({ 'LC-S1': 'ACTIVE', 'LC-K1': 'INACTIVE' });
  });

  it('moved away: gone from every municipal view, open orders cancelled, the CPR free for Aarhus; reopened once Aarhus lets go, with exactly its lines', async () => {
    const { cpr, citizenId, lines } = await citizenWithLines([['LC-S1', 'Stomi'], ['LC-K1', 'Kateter'], ['LC-I1', 'Inkontinens']]);
    // Inkontinens was inactive before the move: reopening must not bring it back.
    await t.request('PATCH', `/api/v1/citizens/${citizenId}/grant/lines/${lines['LC-I1']}`, { token: caseworker, body: { status: 'INACTIVE' } });
    const shipped = await t.request('POST', `/api/v1/citizens/${citizenId}/orders`, { token: caseworker, body: { lines: [{ lineId: lines['LC-K1'], salesUnits: 2 }] } });
    const shipping = await t.request('POST', `/api/v1/orders/${shipped.body.orderId}/fulfilment`, {
      token: erp,
      body: { type: 'shipped', lines: [{ itemNumber: 'LC-K1', salesUnits: 2 }], at: new Date().toISOString() },
    });
    expect(shipping.status).toBe(200);
    const open = await t.request('POST', `/api/v1/citizens/${citizenId}/orders`, { token: caseworker, body: { lines: [{ lineId: lines['LC-S1'], salesUnits: 3 }] } });
    expect(open.status).toBe(201);

    const moved = await setStatus(caseworker, citizenId, 'MOVED_AWAY', 'Flyttet til Aarhus');
    expect(moved.status).toBe(200);
    const position = moved.body.position;
    // Gone from the municipality's views at once …
    expect((await t.request('GET', `/api/v1/citizens/${citizenId}?purpose=test&consistentWith=${position}`, { token: caseworker })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/citizens/${citizenId}/grant?consistentWith=${position}`, { token: nurse })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/citizens/${citizenId}/orders?consistentWith=${position}`, { token: caseworker })).status).toBe(404);
    expect((await search(caseworker, `name=Livsen&status=MOVED_AWAY`, position)).body.total).toBe(0);
    expect((await setStatus(caseworker, citizenId, 'ACTIVE')).status).toBe(404);
    // … customer service and auditors still see it, and customer service can find it to reopen.
    const removed = await search(customerService, `cpr=${cpr}&status=MOVED_AWAY`, position);
    expect(removed.body.items.map((row: any) => row.citizenId)).toEqual([citizenId]);
    expect(await grantLines(citizenId, position, auditor)).toEqual({ 'LC-S1': 'INACTIVE', 'LC-K1': 'INACTIVE', 'LC-I1': 'INACTIVE' });
    const openOrder = await t.request('GET', `/api/v1/orders/${open.body.orderId}?consistentWith=${position}`, { token: customerService });
    expect(openOrder.body).toMatchObject({ status: 'cancelled', cancellationReason: expect.stringContaining('fraflyttet') });
    const shippedOrder = await t.request('GET', `/api/v1/orders/${shipped.body.orderId}?consistentWith=${position}`, { token: customerService });
    expect(shippedOrder.body.status).toBe('shipped');

    // The CPR number is free: Aarhus registers the person.
    const inAarhus = await register(aarhus, cpr, '8000');
    expect(inAarhus.status).toBe(201);
    const refused = await t.request('POST', `/api/v1/citizens/${citizenId}/reopen`, { token: customerService, body: { reason: 'Flytning annulleret' } });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'CPR_REGISTERED_ELSEWHERE']);

    // Aarhus lets go; København's citizen comes back with exactly the lines that were active at the move.
    expect((await setStatus(aarhus, inAarhus.body.citizenId, 'MOVED_AWAY', 'Flyttet tilbage')).status).toBe(200);
    expect((await t.request('POST', `/api/v1/citizens/${citizenId}/reopen`, { token: caseworker, body: { reason: 'x' } })).status).toBe(403);
    expect((await t.request('POST', `/api/v1/citizens/${citizenId}/reopen`, { token: customerService, body: {} })).status).toBe(400);
    const reopened = await t.request('POST', `/api/v1/citizens/${citizenId}/reopen`, { token: customerService, body: { reason: 'Flytning annulleret' } });
    expect(reopened.status).toBe(200);
    expect(await grantLines(citizenId, reopened.body.position, caseworker)).toEqual({ 'LC-S1': 'ACTIVE', 'LC-K1': 'ACTIVE', 'LC-I1': 'INACTIVE' });
    const profile = await t.request('GET', `/api/v1/citizens/${citizenId}?purpose=test&consistentWith=${reopened.body.position}`, { token: caseworker });
    expect(profile.body.status).toBe('ACTIVE');
    // Cancelled orders stay cancelled; the reopened citizen holds the CPR number again.
    expect((await t.request('GET', `/api/v1/orders/${open.body.orderId}?consistentWith=${reopened.body.position}`, { token: caseworker })).body.status).toBe('cancelled');
    expect((await register(aarhus, cpr, '8000')).body.error.code).toBe('CPR_REGISTERED_ELSEWHERE');
    const notRemoved = await t.request('POST', `/api/v1/citizens/${citizenId}/reopen`, { token: customerService, body: { reason: 'igen' } });
    expect([notRemoved.status, notRemoved.body.error.code]).toEqual([409, 'CITIZEN_NOT_REMOVED']);
  });

  it('a CPR change is validated and reserved like a new citizen’s, and frees the old number', async () => {
    const { cpr: oldCpr, citizenId } = await citizenWithLines([]);
    const taken = nextCpr();
    expect((await register(aarhus, taken, '8000')).status).toBe(201);
    const elsewhere = await t.request('PUT', `/api/v1/citizens/${citizenId}/cpr`, { token: caseworker, body: { cpr: taken, reason: 'Nyt nummer' } });
    expect([elsewhere.status, elsewhere.body.error.code]).toEqual([409, 'CPR_REGISTERED_ELSEWHERE']);
    expect((await t.request('PUT', `/api/v1/citizens/${citizenId}/cpr`, { token: caseworker, body: { cpr: '12345', reason: 'x' } })).body.error.code).toBe('CPR_FORMAT');
    expect((await t.request('PUT', `/api/v1/citizens/${citizenId}/cpr`, { token: nurse, body: { cpr: nextCpr(), reason: 'x' } })).status).toBe(403);
    expect((await t.request('PUT', `/api/v1/citizens/${citizenId}/cpr`, { token: caseworker, body: { cpr: nextCpr() } })).status).toBe(400);

    const newCpr = nextCpr();
    const changed = await t.request('PUT', `/api/v1/citizens/${citizenId}/cpr`, { token: customerService, body: { cpr: newCpr, reason: 'Juridisk kønsskifte' } });
    expect(changed.status).toBe(200);
    const profile = await t.request('GET', `/api/v1/citizens/${citizenId}?purpose=test&consistentWith=${changed.body.position}`, { token: caseworker });
    expect(profile.body).toMatchObject({ citizenId, cpr: newCpr });
    // The old number is free (Aarhus may register it); the new one is held.
    expect((await register(aarhus, oldCpr, '8000')).status).toBe(201);
    expect((await register(caseworker, newCpr)).body.error).toMatchObject({ code: 'CPR_ALREADY_REGISTERED', details: { citizenId } });
  });

  it('the effects of a removal happen even if the request died right after the citizen’s event (reaction from the log)', async () => {
    const { cpr, citizenId, lines } = await citizenWithLines([['LC-S1', 'Stomi']]);
    const open = await t.request('POST', `/api/v1/citizens/${citizenId}/orders`, { token: caseworker, body: { lines: [{ lineId: lines['LC-S1'], salesUnits: 2 }] } });
    expect(open.status).toBe(201);
    // Only the citizen's event is written, as if the process died before any effect.
    await t.infra.commandRunner.run({
      streamName: citizenStream(citizenId),
      decider: citizenDecider,
      command: { type: 'ChangeCitizenStatus', data: { citizenId, role: 'caseworker', status: 'DECEASED', reason: 'afbrudt' } },
      context: { commandId: newId(), correlationId: newId(), causationId: newId(), actor: SYSTEM_ACTOR, now: new Date() },
    });
    await eventually(async () => {
      const order = await t.request('GET', `/api/v1/orders/${open.body.orderId}`, { token: customerService });
      return order.body.status === 'cancelled' ? true : undefined;
    });
    await eventually(async () => ((await register(aarhus, cpr, '8000')).status === 201 ? true : undefined));
    const grant = await t.request('GET', `/api/v1/citizens/${citizenId}/grant?includeInactive=true`, { token: auditor });
    expect(grant.body.areas.flatMap((area: any) => area.lines.map((line: any) => [line.status, line.window?.ordered ?? 0]))).toEqual([['INACTIVE', 0]]);
  });
});
