import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { newId } from '../../src/shared/ids.js';
import { copenhagenDate } from '../../src/shared/time.js';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { describeEachBackend } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';

const CATALOGUE = [
  'itemNumber;name;description;manufacturer;manufacturerRef;group;seriesId;salesUnitName;piecesPerSalesUnit;listPrice',
  ['AS-S1', 'Stomipose Tidligere', '', 'Tidsfabrik', 'TF-1', 'Stomi > Poser', '', 'æske', '10', '100,00'].join(';'),
  ['AS-K1', 'Kateter Tidligere', '', 'Tidsfabrik', 'TF-2', 'Kateter > Engangskatetre', '', 'æske', '10', '80,00'].join(';'),
].join('\n');

/** The store stamps events to the millisecond: a little real time on either side keeps a captured instant between two steps. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
async function instantBetweenSteps(): Promise<string> {
  await pause();
  const instant = new Date().toISOString();
  await pause();
  return instant;
}

type Line = { lineId: string; itemNumber: string; status: string; window: { ordered: number } | null; lastOrderDate: string | null };
type View = { citizenId: string; asOf?: string; areas: Array<{ grantArea: string; lines: Line[] }> };
const linesOf = (view: View) => view.areas.flatMap((area) => area.lines);
const lineOf = (view: View, itemNumber: string) => linesOf(view).find((line) => line.itemNumber === itemNumber);

describeEachBackend('The grant as of an instant through HTTP (DOMAIN §7)', (backend) => {
  let t: TestApp;
  let caseworker: string;
  let nurse: string;
  let customerService: string;
  let auditor: string;
  let citizenId: string;
  let position: string;
  /** Before the citizen was registered; after both lines and the first order; after the second order, before the inactivation. */
  let beforeCitizen: string;
  let afterFirstOrder: string;
  let afterSecondOrder: string;
  const today = copenhagenDate(new Date());

  beforeAll(async () => {
    t = await startTestApp(backend);
    const admin = await t.login('admin');
    expect((await t.request('POST', '/api/v1/catalogue/imports', { token: admin, csv: CATALOGUE })).body.added).toBe(2);
    caseworker = await t.login('sagsbehandler.kbh');
    nurse = await t.login('sygeplejerske.kbh');
    customerService = await t.login('kundeservice');
    auditor = await t.login('revisor');

    beforeCitizen = await instantBetweenSteps();
    const created = await t.request('POST', '/api/v1/citizens', {
      token: caseworker,
      body: { cpr: fictitiousCpr('030362', '2', { checksum: 'valid' }), firstName: 'Tove', lastName: 'Tilbageblik', address: { street: 'Tidsvej 9', postalCode: '2300', city: 'København S' } },
    });
    expect(created.status).toBe(201);
    citizenId = created.body.citizenId;

    const addLine = async (itemNumber: string, grantArea: string) => {
      const added = await t.request('POST', `/api/v1/citizens/${citizenId}/grant/lines`, {
        token: caseworker,
        body: { itemNumber, grantArea, kind: 'continuous', allowance: { grantedMax: 10, periodMonths: 3 } },
      });
      expect(added.status).toBe(201);
      return added.body.lineId as string;
    };
    const stomi = await addLine('AS-S1', 'Stomi');
    const kateter = await addLine('AS-K1', 'Kateter');
    const order = async (salesUnits: number) => {
      const placed = await t.request('POST', `/api/v1/citizens/${citizenId}/orders`, { token: caseworker, body: { lines: [{ lineId: stomi, salesUnits }] } });
      expect([placed.status, placed.body.error]).toEqual([201, undefined]);
    };

    await order(3);
    afterFirstOrder = await instantBetweenSteps();
    await order(2);
    afterSecondOrder = await instantBetweenSteps();
    const inactivated = await t.request('PATCH', `/api/v1/citizens/${citizenId}/grant/lines/${kateter}`, { token: caseworker, body: { status: 'INACTIVE', reason: 'Ikke længere behov' } });
    expect(inactivated.status).toBe(200);
    position = inactivated.body.position;
  });
  afterAll(async () => t?.close());

  const grant = (token: string, query: string) => t.request('GET', `/api/v1/citizens/${citizenId}/grant?${query}`, { token });
  const asOf = (token: string, instant: string, extra = '') => grant(token, `asOf=${encodeURIComponent(instant)}${extra}`);

  it('an auditor sees the grant as it was: the orders and the line status of then, with the instant asked for', async () => {
    const first = await asOf(auditor, afterFirstOrder, '&includeInactive=true');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ citizenId, asOf: afterFirstOrder });
    expect(lineOf(first.body, 'AS-S1')).toMatchObject({ status: 'ACTIVE', window: expect.objectContaining({ ordered: 3 }), lastOrderDate: today });
    expect(lineOf(first.body, 'AS-K1')).toMatchObject({ status: 'ACTIVE' });

    const second = await asOf(auditor, afterSecondOrder, '&includeInactive=true');
    expect(lineOf(second.body, 'AS-S1')?.window).toMatchObject({ ordered: 5 });
    expect(lineOf(second.body, 'AS-K1')).toMatchObject({ status: 'ACTIVE' });

    // Now the Kateter line is inactive: left out without includeInactive, as in the overview.
    const now = await asOf(auditor, new Date().toISOString());
    expect(linesOf(now.body).map((line) => line.itemNumber)).toEqual(['AS-S1']);
  });

  it('customer service may ask too; an instant with another offset is the same instant', async () => {
    const utc = await asOf(customerService, afterFirstOrder, '&includeInactive=true');
    const local = new Date(Date.parse(afterFirstOrder) + 3_600_000).toISOString().replace('Z', '+01:00');
    const offset = await asOf(customerService, local, '&includeInactive=true');
    expect(utc.status).toBe(200);
    expect(offset.body).toEqual(utc.body);
  });

  it('as of now it equals the overview from the read model (but for the asOf field)', async () => {
    for (const extra of ['', '&includeInactive=true']) {
      const overview = await grant(auditor, `consistentWith=${position}${extra}`);
      expect(overview.status).toBe(200);
      const instant = new Date().toISOString();
      const now = await asOf(auditor, instant, extra);
      expect(now.status).toBe(200);
      const { asOf: answeredFor, restoredOnReopen, ...rest } = now.body as View & { restoredOnReopen: string[] };
      expect(answeredFor).toBe(instant);
      expect(restoredOnReopen).toEqual([]);
      expect(rest).toEqual(overview.body);
    }
  });

  it('names the lines a removal inactivated, which a reopening would restore, until the reopening', async () => {
    const created = await t.request('POST', '/api/v1/citizens', {
      token: caseworker,
      body: { cpr: fictitiousCpr('040362', '2', { checksum: 'valid' }), firstName: 'Rut', lastName: 'Retur', address: { street: 'Tidsvej 11', postalCode: '2300', city: 'København S' } },
    });
    expect(created.status).toBe(201);
    const id = created.body.citizenId as string;
    const lineIds: string[] = [];
    for (const [itemNumber, grantArea] of [['AS-S1', 'Stomi'], ['AS-K1', 'Kateter']]) {
      const added = await t.request('POST', `/api/v1/citizens/${id}/grant/lines`, { token: caseworker, body: { itemNumber, grantArea, kind: 'continuous' } });
      expect(added.status).toBe(201);
      lineIds.push(added.body.lineId);
    }
    // One line inactivated before the removal stays inactive after the reopening: it is not named.
    const inactivated = await t.request('PATCH', `/api/v1/citizens/${id}/grant/lines/${lineIds[1]}`, { token: caseworker, body: { status: 'INACTIVE' } });
    expect(inactivated.status).toBe(200);
    // Consistent with the last write: the route checks access on the citizens read model, which may not have the
    // new citizen yet for a plain GET.
    let written = inactivated.body.position as string;
    const restored = async (token: string) => {
      const instant = encodeURIComponent(new Date().toISOString());
      const answer = await t.request('GET', `/api/v1/citizens/${id}/grant?includeInactive=true&asOf=${instant}&consistentWith=${written}`, { token });
      expect(answer.status).toBe(200);
      return answer.body.restoredOnReopen as string[];
    };
    expect(await restored(customerService)).toEqual([]);
    const removed = await t.request('POST', `/api/v1/citizens/${id}/status`, { token: caseworker, body: { status: 'MOVED_AWAY' } });
    expect(removed.status).toBe(200);
    written = removed.body.position;
    await pause();
    expect(await restored(customerService)).toEqual([lineIds[0]]);
    expect(await restored(auditor)).toEqual([lineIds[0]]);
    const reopened = await t.request('POST', `/api/v1/citizens/${id}/reopen`, { token: customerService, body: { reason: 'Flyttet tilbage' } });
    expect(reopened.status).toBe(200);
    written = reopened.body.position;
    await pause();
    expect(await restored(customerService)).toEqual([]);
  });

  it('only auditors and customer service may ask for the past: others 403, though they may see the grant', async () => {
    for (const token of [caseworker, nurse]) {
      expect((await grant(token, `consistentWith=${position}`)).status).toBe(200);
      const refused = await asOf(token, afterFirstOrder);
      expect(refused.status).toBe(403);
      expect(refused.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('an instant in the future, or not an instant with its offset, is 400 VALIDATION_FAILED', async () => {
    const future = await asOf(auditor, new Date(Date.now() + 60_000).toISOString());
    expect(future.status).toBe(400);
    expect(future.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [expect.objectContaining({ path: 'query.asOf' })] } });
    for (const bad of ['yesterday', today, `${today}T10:00:00`, '2026-02-30T10:00:00Z']) {
      const refused = await asOf(auditor, bad);
      expect([bad, refused.status, refused.body.error.code]).toEqual([bad, 400, 'VALIDATION_FAILED']);
      expect(refused.body.error.details.fields[0].path).toBe('query.asOf');
    }
  });

  it('before the citizen existed, and for an unknown citizen, it is 404 NOT_FOUND', async () => {
    const before = await asOf(auditor, beforeCitizen);
    expect(before.status).toBe(404);
    expect(before.body.error.code).toBe('NOT_FOUND');
    const unknown = await t.request('GET', `/api/v1/citizens/${newId()}/grant?asOf=${encodeURIComponent(afterFirstOrder)}`, { token: auditor });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });
});
