import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { FakeEventStoreDb } from '../event-store/eventstoredb-fake-server.js';
import { pgliteDatabase } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { eventStoreDbServer, type TestServer } from '../support/containers.js';

/**
 * The service wired by EVENTSTORE_URL: events in EventStoreDB, read models and operational state in SQL. The node
 * is a real one when there is one (TEST_EVENTSTORE_URL, or a container where a container runtime answers), else
 * the in-process model of a node that the adapter's own tests use, spoken to over real gRPC by the real client.
 */
const server = await eventStoreDbServer();

describe(`The service with its events in EventStoreDB (EVENTSTORE_URL; ${server.available ? `a real node from ${server.source === 'url' ? 'TEST_EVENTSTORE_URL' : 'a container'}` : 'the model of a node'})`, () => {
  let node: TestServer | FakeEventStoreDb | undefined;
  let t: TestApp;

  beforeAll(async () => {
    node = server.available ? await server.start() : await FakeEventStoreDb.start();
    t = await startTestApp({ name: 'pglite', skipReason: undefined, open: pgliteDatabase }, { EVENTSTORE_URL: node.url });
  }, 180_000);
  afterAll(async () => {
    await t?.close();
    await node?.stop();
  });

  it('registers a citizen, grants a line, takes an order under its caps and reads it all back', async () => {
    const caseworker = await t.login('sagsbehandler.kbh');
    const created = await t.request('POST', '/api/v1/citizens', {
      token: caseworker,
      body: { cpr: fictitiousCpr('010170', '1', { checksum: 'valid' }), firstName: 'Eva', lastName: 'Eventsen', address: { street: 'Strømvej 1', postalCode: '2300', city: 'København S' } },
    });
    expect(created.status).toBe(201);
    const citizenId: string = created.body.citizenId;
    const line = await t.request('POST', `/api/v1/citizens/${citizenId}/grant/lines`, {
      token: caseworker,
      body: { itemNumber: '101001', grantArea: 'Inkontinens', kind: 'continuous', allowance: { grantedMax: 3, periodMonths: 3 } },
    });
    expect(line.status).toBe(201);
    const order = (units: number) =>
      t.request('POST', `/api/v1/citizens/${citizenId}/orders`, { token: caseworker, body: { lines: [{ lineId: line.body.lineId, salesUnits: units }] } });
    const placed = await order(2);
    expect(placed.status).toBe(201);
    expect((await order(2)).body.error.code).toBe('EXCEEDS_GRANTED_MAX');
    const grant = await t.request('GET', `/api/v1/citizens/${citizenId}/grant?consistentWith=${placed.body.position}`, { token: caseworker });
    expect(grant.body.areas[0].lines[0].window).toMatchObject({ ordered: 2 });
    const history = await t.request('GET', `/api/v1/citizens/${citizenId}/orders?consistentWith=${placed.body.position}`, { token: caseworker });
    expect(history.body.items.map((row: { orderId: string }) => row.orderId)).toEqual([placed.body.orderId]);
    // Positions are EventStoreDB's here: one beyond the end of $all was never given out, and is refused at once.
    const beyond = await t.request('GET', `/api/v1/citizens/${citizenId}/grant?consistentWith=0000ffffffffffff-0000ffffffffffff`, { token: caseworker });
    expect(beyond.status).toBe(400);
    expect(beyond.body.error.details.fields).toEqual([{ path: 'query.consistentWith', code: 'unknown_position', message: expect.any(String) }]);
  });
});
