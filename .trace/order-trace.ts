import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openPgDatabase } from '../src/infrastructure/sql/pg-database.js';
import { startTestApp } from '../test/support/app.js';
import { fictitiousCpr } from '../test/citizens/cpr-fixtures.js';

const server = 'postgres://postgres@127.0.0.1:55432/postgres';
const name = `trace_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`create database ${name}`);
const db = await openPgDatabase({ connectionString: `postgres://postgres@127.0.0.1:55432/${name}`, maxConnections: 10 });
const t = await startTestApp({ name: 'postgres', skipReason: undefined, open: async () => ({ ...db, close: async () => undefined }) } as any, { LOG_LEVEL: 'warn' });
const token = await t.login('sagsbehandler.kbh');
const reg = await t.request('POST', '/api/v1/citizens', { token, body: { cpr: fictitiousCpr('010150', '1', { checksum: 'valid' }), firstName: 'A', lastName: 'B', address: { street: 'Vej 1', postalCode: '2300', city: 'København S' } } });
const citizenId = reg.body.citizenId;
const line = await t.request('POST', `/api/v1/citizens/${citizenId}/grant/lines`, { token, body: { itemNumber: '101001', grantArea: 'Inkontinens', kind: 'continuous', allowance: { grantedMax: 1000000, periodMonths: 12 } } });
for (let i = 0; i < 3; i++) await t.request('POST', `/api/v1/citizens/${citizenId}/orders`, { token, headers: { 'idempotency-key': randomUUID() }, body: { lines: [{ lineId: line.body.lineId, salesUnits: 1 }] } });
await new Promise((r) => setTimeout(r, 3000));
const what = process.argv[2] ?? 'order';
await admin.query(`alter database ${name} set log_statement = 'all'`);
await admin.query(`alter database ${name} set log_min_duration_statement = 0`);
// new connections pick it up; existing pool ones don't -> set per session via pg_reload? use ALTER SYSTEM? Instead:
await admin.query(`alter system set log_statement = 'all'`); await admin.query('select pg_reload_conf()');
await new Promise((r) => setTimeout(r, 500));
await db.query(`select 'TRACE-START'`);
if (what === 'order') {
  const r = await t.request('POST', `/api/v1/citizens/${citizenId}/orders`, { token, headers: { 'idempotency-key': randomUUID() }, body: { lines: [{ lineId: line.body.lineId, salesUnits: 1 }] } });
  console.log(r.status);
} else if (what === 'get') {
  const r = await t.request('GET', `/api/v1/citizens/${citizenId}/grant`, { token });
  console.log(r.status);
} else if (what === 'patch') {
  const r = await t.request('PATCH', `/api/v1/citizens/${citizenId}`, { token, body: { phone: '22334455' } });
  console.log(r.status);
}
await db.query(`select 'TRACE-RESPONDED'`);
await new Promise((r) => setTimeout(r, 3000));
await db.query(`select 'TRACE-END'`);
await admin.query(`alter system reset log_statement`); await admin.query('select pg_reload_conf()');
await t.close();
await db.close();
await admin.query(`drop database ${name} with (force)`);
await admin.end();
