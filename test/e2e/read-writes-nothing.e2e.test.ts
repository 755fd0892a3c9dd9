import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { describeEachBackend, type Backend } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { countingWrites, type WriteCountingDatabase } from '../support/write-counting-database.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Issue 15: an authenticated read costs no durable commit. The service's database is wrapped so that each
 * transaction it commits tells whether it wrote (test/support/write-counting-database.ts); after a warm-up, a
 * caseworker's GET of a citizen's grant must add none. The projections are stopped for the measured requests (their
 * checkpoints are their own cost, counted by the benchmark); the reactions keep running and must not write while
 * nothing happens either. The route records no opening (only the full record with the CPR number does, DOMAIN §7).
 */
describeEachBackend('An authenticated read writes nothing durable (issue 15)', (backend: Backend) => {
  let t: TestApp;
  let db: WriteCountingDatabase;
  let token: string;
  let citizenId: string;

  beforeAll(async () => {
    t = await startTestApp({ ...backend, open: async () => (db = countingWrites(await backend.open())) });
    token = await t.login('sagsbehandler.kbh');
    const created = await t.request('POST', '/api/v1/citizens', {
      token,
      body: { cpr: fictitiousCpr('140362', '2', { checksum: 'valid' }), firstName: 'Lise', lastName: 'Læsesen', address: { street: 'Læsevej 1', postalCode: '2300', city: 'København S' } },
    });
    expect(created.status).toBe(201);
    citizenId = created.body.citizenId;
    const line = await t.request('POST', `/api/v1/citizens/${citizenId}/grant/lines`, {
      token,
      body: { itemNumber: '101001', grantArea: 'Inkontinens', kind: 'continuous', allowance: { grantedMax: 100, periodMonths: 12 } },
    });
    expect(line.status).toBe(201);
    // Warm-up: the read model has the grant, the session's last seen has just been written.
    const warm = await t.request('GET', `/api/v1/citizens/${citizenId}/grant?consistentWith=${line.body.position}`, { token });
    expect(warm.status).toBe(200);
    await t.infra.projections.stop();
    await sleep(500);
  });
  afterAll(async () => t?.close());

  it('GET /citizens/:id/grant, ten times, adds no transaction that wrote', async () => {
    const before = db.writes.length;
    for (let i = 0; i < 10; i++) expect((await t.request('GET', `/api/v1/citizens/${citizenId}/grant`, { token })).status).toBe(200);
    await sleep(300);
    expect(db.writes.slice(before)).toEqual([]);
  });
});
