import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { citizenHistoryAnswer } from '../../src/audit/audit.answers.js';
import { citizenProfileAnswer } from '../../src/citizens/citizen.answers.js';
import { orderDetailAnswer, orderHistoryAnswer } from '../../src/orders/orders.answers.js';
import type { CommandContext } from '../../src/kernel/command-context.js';
import { READ_MODEL_STORE, type ReadModelStore } from '../../src/kernel/read-model-store.port.js';
import { CitizenErasure } from '../../src/processes/citizen-lifecycle/citizen-erasure.js';
import { retentionCandidates } from '../../read-models/citizens/retention-candidates.js';
import { retentionCutoff } from '../../src/citizens/citizen.decider.js';
import { SYSTEM_ACTOR } from '../../src/shared/actor.js';
import { newId } from '../../src/shared/ids.js';
import { ERASED } from '../../src/shared/personal-data.js';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { describeEachBackend } from '../support/databases.js';
import { startTestApp, TestClock, type TestApp } from '../support/app.js';

const CATALOGUE = [
  'itemNumber;name;description;manufacturer;manufacturerRef;group;seriesId;salesUnitName;piecesPerSalesUnit;listPrice',
  ['ER-S1', 'Stomipose Glemsel', '', 'Glemselsfabrik', 'GF-1', 'Stomi > Poser', '', 'æske', '10', '100,00'].join(';'),
].join('\n');

const YEAR_MS = 365.25 * 24 * 3600 * 1000;
const RETENTION = { retentionYears: 5, reason: 'Opbevaringsperioden efter ophør er udløbet' };

describeEachBackend('A removed citizen’s personal data erased when the retention period has run out (GDPR)', (backend) => {
  let t: TestApp;
  const clock = new TestClock();
  let caseworker: string;
  let nurse: string;
  let customerService: string;
  let auditor: string;
  let erp: string;
  let erasure: CitizenErasure;
  let store: ReadModelStore;

  beforeAll(async () => {
    t = await startTestApp(backend, {}, clock);
    const admin = await t.login('admin');
    expect((await t.request('POST', '/api/v1/catalogue/imports', { token: admin, csv: CATALOGUE })).body.added).toBe(1);
    caseworker = await t.login('sagsbehandler.kbh');
    nurse = await t.login('sygeplejerske.kbh');
    customerService = await t.login('kundeservice');
    auditor = await t.login('revisor');
    erp = await t.login('erp');
    erasure = t.app.get(CitizenErasure);
    store = t.app.get<ReadModelStore>(READ_MODEL_STORE);
  });
  afterAll(async () => t?.close());

  /** The retention job's context: the system, at `yearsAhead` years after the service's clock. */
  const jobContext = (yearsAhead: number): CommandContext => {
    const id = newId();
    return { commandId: id, correlationId: id, causationId: id, actor: SYSTEM_ACTOR, now: new Date(clock.now().getTime() + yearsAhead * YEAR_MS) };
  };

  const register = (cpr: string, lastName: string) =>
    t.request('POST', '/api/v1/citizens', {
      token: caseworker,
      body: { cpr, firstName: 'Glemmer', lastName, address: { street: 'Glemselsvej 4', postalCode: '2300', city: 'København S' }, phone: '87654321', email: 'glemmer@example.invalid' },
    });

  /** A registered citizen with a Stomi line and an order of 3, 2 of them shipped, then removed as deceased. */
  async function removedCitizenWithOrder(cpr: string, lastName: string) {
    const created = await register(cpr, lastName);
    expect(created.status).toBe(201);
    const citizenId: string = created.body.citizenId;
    const line = await t.request('POST', `/api/v1/citizens/${citizenId}/grant/lines`, {
      token: caseworker,
      body: { itemNumber: 'ER-S1', grantArea: 'Stomi', kind: 'continuous', allowance: { grantedMax: 20, periodMonths: 3 } },
    });
    expect(line.status).toBe(201);
    const placed = await t.request('POST', `/api/v1/citizens/${citizenId}/orders`, {
      token: nurse,
      body: { lines: [{ lineId: line.body.lineId, salesUnits: 3 }], remarks: `Ring til ${lastName} først` },
    });
    expect(placed.status).toBe(201);
    const shipped = await t.request('POST', `/api/v1/orders/${placed.body.orderId}/fulfilment`, {
      token: erp,
      body: { type: 'shipped', lines: [{ itemNumber: 'ER-S1', salesUnits: 2 }], at: new Date().toISOString() },
    });
    expect(shipped.status).toBe(200);
    const removed = await t.request('POST', `/api/v1/citizens/${citizenId}/status`, { token: nurse, body: { status: 'DECEASED', reason: `${lastName} er død` } });
    expect(removed.status).toBe(200);
    return { citizenId, orderId: placed.body.orderId as string, position: removed.body.position as string };
  }

  it('erases every personal field from the API while the bookkeeping stays; the CPR number can be registered again', async () => {
    const cpr = fictitiousCpr('170452', '2', { checksum: 'valid' });
    const { citizenId, orderId, position } = await removedCitizenWithOrder(cpr, 'Glemsom');
    const orderBefore = await t.request('GET', `/api/v1/orders/${orderId}?consistentWith=${position}`, { token: customerService });
    // The unshipped unit was cancelled by the removal, with a reason.
    expect(orderBefore.body).toMatchObject({ remarks: 'Ring til Glemsom først', cancellationReason: expect.stringContaining('død') });
    const historyBefore = await t.request('GET', `/api/v1/citizens/${citizenId}/history?pageSize=200`, { token: auditor });

    // Too early: refused, and nothing is written.
    await expect(erasure.eraseCitizenPersonalData(citizenId, RETENTION, jobContext(4.9))).rejects.toMatchObject({ code: 'RETENTION_NOT_EXPIRED' });
    // An active citizen is no candidate either.
    const active = await register(fictitiousCpr('180452', '2', { checksum: 'valid' }), 'Aktivsen');
    await expect(erasure.eraseCitizenPersonalData(active.body.citizenId, RETENTION, jobContext(10))).rejects.toMatchObject({ code: 'CITIZEN_NOT_REMOVED' });

    // The retention job's list holds the citizen once the period has run out, and not before.
    const context = jobContext(5.1);
    const due = await retentionCandidates(store, { removedOnOrBefore: retentionCutoff(context.now, RETENTION.retentionYears), limit: 1000 });
    expect(due.items.map((candidate) => candidate.citizenId)).toContain(citizenId);
    const early = await retentionCandidates(store, { removedOnOrBefore: retentionCutoff(jobContext(4.9).now, RETENTION.retentionYears), limit: 1000 });
    expect(early.items.map((candidate) => candidate.citizenId)).not.toContain(citizenId);

    const result = await erasure.eraseCitizenPersonalData(citizenId, RETENTION, context);
    expect(result.erased).toBe(true);
    // Run again (the job re-run): nothing more is written.
    const again = await erasure.eraseCitizenPersonalData(citizenId, RETENTION, jobContext(6));
    expect(again).toEqual({ erased: false, position: result.position });
    const at = `consistentWith=${result.position}`;

    // The record answers for customer service and auditors, all personal fields 'slettet', and shows no CPR number.
    const profile = await t.request('GET', `/api/v1/citizens/${citizenId}?purpose=Revision&${at}`, { token: auditor });
    expect(profile.status).toBe(200);
    expect(citizenProfileAnswer.safeParse(profile.body).error).toBeUndefined();
    expect(profile.body).toMatchObject({
      citizenId,
      status: 'DECEASED',
      erased: true,
      cpr: ERASED,
      cprMasked: ERASED,
      birthDate: ERASED,
      gender: ERASED,
      firstName: ERASED,
      lastName: ERASED,
      address: { street: ERASED, postalCode: ERASED, city: ERASED },
      phone: ERASED,
      email: ERASED,
      webshopUsername: ERASED,
    });
    expect((await t.request('GET', `/api/v1/citizens/${citizenId}?purpose=Kundeopkald&${at}`, { token: customerService })).status).toBe(200);

    // No search finds the citizen any more: not by name, CPR, street, nor as one of the deceased.
    for (const query of ['name=Glemsom', `cpr=${cpr}`, `cpr=${cpr.slice(0, 6)}`, 'address=Glemselsvej', `name=${ERASED}`, '']) {
      const found = await t.request('GET', `/api/v1/citizens?status=DECEASED&${query}&${at}`, { token: customerService });
      expect(found.status).toBe(200);
      expect(found.body.items.map((row: { citizenId: string }) => row.citizenId)).not.toContain(citizenId);
    }
    // Nor is the citizen a candidate any more.
    const after = await retentionCandidates(store, { removedOnOrBefore: retentionCutoff(context.now, RETENTION.retentionYears), limit: 1000 });
    expect(after.items.map((candidate) => candidate.citizenId)).not.toContain(citizenId);

    // The order keeps its number, lines and quantities; what it said about the person is gone.
    const order = await t.request('GET', `/api/v1/orders/${orderId}?${at}`, { token: customerService });
    expect(order.status).toBe(200);
    expect(orderDetailAnswer.safeParse(order.body).error).toBeUndefined();
    expect(order.body).toMatchObject({
      orderNumber: orderBefore.body.orderNumber,
      status: orderBefore.body.status,
      lines: orderBefore.body.lines,
      deliveryAddress: { street: ERASED, postalCode: ERASED, city: ERASED },
      remarks: ERASED,
      placedBy: { ...orderBefore.body.placedBy, name: ERASED },
      cancellationReason: ERASED,
    });
    const orders = await t.request('GET', `/api/v1/citizens/${citizenId}/orders?${at}`, { token: customerService });
    expect(orderHistoryAnswer.safeParse(orders.body).error).toBeUndefined();
    expect(orders.body.citizen).toEqual({ citizenId, name: ERASED, cprMasked: ERASED });
    expect(orders.body.items.map((row: { orderId: string }) => row.orderId)).toEqual([orderId]);

    // The history still lists every event, and the erasure with who, when and why.
    const history = await t.request('GET', `/api/v1/citizens/${citizenId}/history?pageSize=200`, { token: auditor });
    expect(history.status).toBe(200);
    expect(citizenHistoryAnswer.safeParse(history.body).error).toBeUndefined();
    const types = history.body.items.map((item: { type: string }) => item.type);
    expect(types).toEqual([...historyBefore.body.items.map((item: { type: string }) => item.type), 'CitizenPersonalDataErased']);
    expect(history.body.items.at(-1)).toMatchObject({
      type: 'CitizenPersonalDataErased',
      actor: { userId: SYSTEM_ACTOR.userId, role: SYSTEM_ACTOR.role },
      at: context.now.toISOString(),
      data: { citizenId, status: 'DECEASED', retentionYears: 5, reason: RETENTION.reason, orderIds: [orderId] },
    });

    // Nothing more is done for the erased citizen: reopening, a status change, new data, an order.
    const reopen = await t.request('POST', `/api/v1/citizens/${citizenId}/reopen`, { token: customerService, body: { reason: 'Fejlagtigt meldt død' } });
    expect([reopen.status, reopen.body.error?.code]).toEqual([409, 'CITIZEN_ERASED']);
    const patch = await t.request('PATCH', `/api/v1/citizens/${citizenId}`, { token: customerService, body: { phone: '11223344' } });
    expect([patch.status, patch.body.error?.code]).toEqual([409, 'CITIZEN_ERASED']);
    const cprChange = await t.request('PUT', `/api/v1/citizens/${citizenId}/cpr`, { token: customerService, body: { cpr, reason: 'Forsøg' } });
    expect([cprChange.status, cprChange.body.error?.code]).toEqual([409, 'CITIZEN_ERASED']);

    // Nor an order (customer service may still see the citizen; the grant refuses anyone not active), nor a grant line.
    const lineId = order.body.lines[0].lineId;
    const anOrder = await t.request('POST', `/api/v1/citizens/${citizenId}/orders`, { token: customerService, body: { lines: [{ lineId, salesUnits: 1 }] } });
    expect([anOrder.status, anOrder.body.error?.code]).toEqual([422, 'CITIZEN_NOT_ACTIVE']);
    const aLine = await t.request('POST', `/api/v1/citizens/${citizenId}/grant/lines`, {
      token: nurse,
      body: { itemNumber: 'ER-S1', grantArea: 'Stomi', kind: 'continuous', allowance: { grantedMax: 20, periodMonths: 3 } },
    });
    expect(aLine.status).toBe(404);

    // The person comes back (say the death was registered in error years ago): the same CPR number makes a new citizen.
    const anew = await register(cpr, 'Glemsom');
    expect(anew.status).toBe(201);
    expect(anew.body.citizenId).not.toBe(citizenId);
    const newProfile = await t.request('GET', `/api/v1/citizens/${anew.body.citizenId}?purpose=Oprettelse&consistentWith=${anew.body.position}`, { token: caseworker });
    expect(newProfile.body).toMatchObject({ cpr, lastName: 'Glemsom', webshopUsername: cpr, erased: false });
  });

  it('pages the retention candidates by a cursor, oldest removal first, each once', async () => {
    const removedIds: string[] = [];
    let lastRemoval = '';
    for (const [index, ddmmyy] of ['190452', '200452', '210452'].entries()) {
      const removed = await removedCitizenWithOrder(fictitiousCpr(ddmmyy, '2', { checksum: 'valid' }), `Kandidat${index}`);
      removedIds.push(removed.citizenId);
      lastRemoval = removed.position;
    }
    // The candidates come from the citizens read model: wait until it has the last removal (CI once read it before).
    await t.infra.projections.waitForPosition(['citizens'], lastRemoval, 20_000);
    const cutoff = retentionCutoff(jobContext(5.1).now, RETENTION.retentionYears);
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 50; pages++) {
      const page = await retentionCandidates(store, { removedOnOrBefore: cutoff, after, limit: 1 });
      expect(page.items.length).toBeLessThanOrEqual(1);
      seen.push(...page.items.map((candidate) => candidate.citizenId));
      if (page.next === null) break;
      after = page.next;
    }
    expect(new Set(seen).size).toBe(seen.length);
    // Removed in this order, so listed in this order (among whatever else is due).
    expect(seen.filter((id) => removedIds.includes(id))).toEqual(removedIds);
  });
});
