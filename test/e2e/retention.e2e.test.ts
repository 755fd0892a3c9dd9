/**
 * The retention rule end to end (README "Personal data"): a citizen removed past RETENTION_YEARS_AFTER_REMOVAL is
 * erased by the retention job — on PostgreSQL by the real CLI (`npm run retention -- apply`) in a process of its
 * own beside the running service, on the embedded store by the same job in the service's process (PGlite admits
 * one process). Afterwards no byte stored anywhere in the database holds the citizen's name, address, phone,
 * e-mail or CPR number: not the event log, not a read model, live or rebuilt; the orders and the access log keep
 * the bookkeeping and who looked.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { retentionCandidates, type RetentionCandidatesQuery } from '../../read-models/citizens/retention-candidates.js';
import { allProjections, decodeEvent } from '../../src/composition/projections.js';
import { rebuildReadModel } from '../../src/infrastructure/projections/rebuild-read-model.js';
import { PostgresProjectionStorage } from '../../src/infrastructure/read-model-store/postgres/postgres-projection-storage.js';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from '../../src/kernel/idempotency.port.js';
import { CitizenErasure } from '../../src/processes/citizen-lifecycle/citizen-erasure.js';
import { RETENTION_ACTOR, RetentionJob } from '../../src/processes/retention/retention-job.js';
import { ERASED } from '../../src/shared/personal-data.js';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { describeEachBackend } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';

const run = promisify(execFile);

const CATALOGUE = [
  'itemNumber;name;description;manufacturer;manufacturerRef;group;seriesId;salesUnitName;piecesPerSalesUnit;listPrice',
  ['RT-S1', 'Stomipose Makulering', '', 'Glemselsfabrik', 'GF-2', 'Stomi > Poser', '', 'æske', '10', '100,00'].join(';'),
].join('\n');

/** Every row of every table of the database, as text: what a backup of it would hold. */
async function everyStoredByte(db: SqlDatabase): Promise<string> {
  const { rows: tables } = await db.query<{ name: string }>(`select tablename as name from pg_tables where schemaname = current_schema()`);
  const dumps: string[] = [];
  for (const { name } of tables) {
    const { rows } = await db.query<{ row: string }>(`select t::text as row from "${name.replaceAll('"', '""')}" t`);
    dumps.push(...rows.map((row) => `${name}: ${row.row}`));
  }
  return dumps.join('\n');
}

const tablesHolding = (dump: string, secret: string) => [...new Set(dump.split('\n').filter((line) => line.includes(secret)).map((line) => line.split(':')[0]))];

describeEachBackend('The retention job erases a removed citizen past the rule from every stored byte', (backend) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(backend);
  });
  afterAll(async () => t?.close());

  it('leaves no personal value of theirs in the log or any read model, live or rebuilt, and keeps their orders and who looked', async () => {
    const admin = await t.login('admin');
    expect((await t.request('POST', '/api/v1/catalogue/imports', { token: admin, csv: CATALOGUE })).body.added).toBe(1);
    const caseworker = await t.login('sagsbehandler.kbh');
    const nurse = await t.login('sygeplejerske.kbh');
    const auditor = await t.login('revisor');

    const unique = randomUUID().slice(0, 8);
    const cpr = fictitiousCpr('230347', '3', { checksum: 'valid' });
    const person = {
      cpr,
      firstName: `Ragnhild${unique}`,
      lastName: `Makuleret${unique}`,
      street: `Slettegade ${unique}`,
      phone: '55667788',
      email: `ragnhild.${unique}@example.invalid`,
    };
    // Sent with an Idempotency-Key: its stored answer is forgotten by the job once old (answers may hold personal data).
    const created = await t.request('POST', '/api/v1/citizens', {
      token: caseworker,
      headers: { 'idempotency-key': randomUUID() },
      body: { cpr, firstName: person.firstName, lastName: person.lastName, address: { street: person.street, postalCode: '2300', city: 'København S' }, phone: person.phone, email: person.email },
    });
    expect(created.status).toBe(201);
    const citizenId: string = created.body.citizenId;
    const line = await t.request('POST', `/api/v1/citizens/${citizenId}/grant/lines`, {
      token: caseworker,
      body: { itemNumber: 'RT-S1', grantArea: 'Stomi', kind: 'continuous', allowance: { grantedMax: 20, periodMonths: 3 } },
    });
    const placed = await t.request('POST', `/api/v1/citizens/${citizenId}/orders`, {
      token: nurse,
      body: { lines: [{ lineId: line.body.lineId, salesUnits: 4 }], remarks: `Aflever hos ${person.lastName}` },
    });
    expect(placed.status).toBe(201);
    // consistentWith: the citizens read model may not have the new citizen yet (a loaded machine showed a 404 here).
    const purpose = encodeURIComponent(`Tilsyn af ${person.lastName}`);
    const opened = await t.request('GET', `/api/v1/citizens/${citizenId}?purpose=${purpose}&consistentWith=${placed.body.position}`, { token: auditor });
    expect(opened.status).toBe(200);
    const removed = await t.request('POST', `/api/v1/citizens/${citizenId}/status`, { token: nurse, body: { status: 'DECEASED', reason: `${person.firstName} er død` } });
    expect(removed.status).toBe(200);
    await t.infra.projections.waitForPosition(['citizens', 'orders', 'grants'], removed.body.position, 20_000);
    const orderBefore = await t.request('GET', `/api/v1/orders/${placed.body.orderId}`, { token: auditor });

    // Before: the data is there (the grep could fail), though never in the log's own bytes.
    const before = await everyStoredByte(t.infra.database);
    expect(tablesHolding(before, person.lastName).length).toBeGreaterThan(0);
    expect(tablesHolding(before, person.lastName)).not.toContain('es_events');

    // Stored 40 days ago, as far as the retention job can tell.
    const answers = async () => (await t.infra.database.query<{ n: number }>(`select count(*)::int as n from idempotency_keys where state = 'done'`)).rows[0]!.n;
    await t.infra.database.query(`update idempotency_keys set created_at = now() - interval '40 days'`);
    expect(await answers()).toBeGreaterThan(0);

    // The rule of 0 years: every removed citizen is due at once.
    if (backend.name === 'postgres') {
      const databaseUrl = (t.infra.database as SqlDatabase & { connectionString: string }).connectionString;
      const env = { ...process.env, DATABASE_URL: databaseUrl, RETENTION_YEARS_AFTER_REMOVAL: '0', LOG_LEVEL: 'warn' };
      const plan = await run('npx', ['tsx', 'src/cli/retention.ts', 'plan'], { env });
      expect(plan.stdout).toContain(citizenId);
      const applied = await run('npx', ['tsx', 'src/cli/retention.ts', 'apply'], { env });
      expect(applied.stdout).toContain('Erased: 1 citizen(s)');
      expect(applied.stdout).toMatch(/Idempotency-Key answers older than 30 days forgotten: [1-9]/);
      expect(applied.stdout + applied.stderr).not.toContain(person.lastName);
    } else {
      const candidates = (query: RetentionCandidatesQuery) => retentionCandidates(t.infra.readModelStore, query);
      const job = new RetentionJob(candidates, t.app.get(CitizenErasure), t.infra.personalDataKeys, t.app.get<IdempotencyStore>(IDEMPOTENCY_STORE));
      expect((await job.plan(t.infra.clock(), 0)).due.map((citizen) => citizen.citizenId)).toContain(citizenId);
      const outcome = await job.apply(t.infra.clock(), { years: 0, reason: 'Opbevaringsperioden er udløbet' });
      expect(outcome).toMatchObject({ erased: 1, refused: [] });
      expect(outcome.idempotentAnswersForgotten).toBeGreaterThan(0);
    }

    // The service learns of it from the log: the record and the order read 'slettet' once the read models have it.
    const deadline = Date.now() + 20_000;
    const read = async () => ({
      profile: await t.request('GET', `/api/v1/citizens/${citizenId}?purpose=Revision`, { token: auditor }),
      order: await t.request('GET', `/api/v1/orders/${placed.body.orderId}`, { token: auditor }),
    });
    let after = await read();
    while ((after.profile.body.erased !== true || after.order.body.remarks !== ERASED) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await read();
    }
    expect(after.profile.body).toMatchObject({ erased: true, cpr: ERASED, firstName: ERASED, lastName: ERASED, phone: ERASED });
    const history = await t.request('GET', `/api/v1/citizens/${citizenId}/history?pageSize=200`, { token: auditor });
    expect(history.body.items.at(-1)).toMatchObject({ type: 'CitizenPersonalDataErased', actor: { userId: RETENTION_ACTOR.userId } });

    expect(await answers()).toBe(0);
    const secrets = Object.values(person);
    const leaks = (dump: string) => secrets.flatMap((secret) => tablesHolding(dump, secret).map((table) => `${table} holds a value`));
    expect(leaks(await everyStoredByte(t.infra.database))).toEqual([]);

    // Every read model rebuilt from the log (as `npm run projections -- rebuild` does): still nothing.
    const storage = new PostgresProjectionStorage(t.infra.database);
    for (const projection of allProjections) {
      const exit = await rebuildReadModel({ projection, eventStore: t.infra.eventStore, storage, decode: decodeEvent, signal: new AbortController().signal });
      expect([projection.readModel.name, exit]).toEqual([projection.readModel.name, 'swapped']);
    }
    expect(leaks(await everyStoredByte(t.infra.database))).toEqual([]);

    // The bookkeeping stays: the order with its lines and quantities; the access log says who looked, not whom.
    const orderAfter = await t.request('GET', `/api/v1/orders/${placed.body.orderId}`, { token: auditor });
    expect(orderAfter.body).toMatchObject({ orderNumber: orderBefore.body.orderNumber, lines: orderBefore.body.lines, remarks: ERASED });
    const accessLog = await t.request('GET', `/api/v1/citizens/${citizenId}/access-log`, { token: auditor });
    expect(accessLog.status).toBe(200);
    const looked = JSON.stringify(accessLog.body);
    // The opening with a purpose naming the citizen: the auditor who looked is there, the purpose reads 'slettet'.
    expect(looked).toMatch(/"purpose":"slettet"[^}]*"role":"auditor"|"role":"auditor"[^}]*"purpose":"slettet"/);
    expect(looked).not.toContain(person.lastName);
  });
});
