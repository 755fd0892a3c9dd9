import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { SCHEMA_SQL } from './src/infrastructure/event-store/postgres/schema.js';
import { PostgresEventStore } from './src/infrastructure/event-store/postgres/postgres-event-store.js';
import { openPgDatabase } from './src/infrastructure/sql/pg-database.js';
const admin = new pg.Client('postgres://postgres@127.0.0.1:55432/postgres'); await admin.connect();
const name = 'var_' + randomUUID().slice(0, 8); await admin.query(`create database ${name}`);
const db = await openPgDatabase({ connectionString: `postgres://postgres@127.0.0.1:55432/${name}` });
const variants: Record<string, string> = {
  current: SCHEMA_SQL,
  noNotify: SCHEMA_SQL.replace("perform pg_notify('es_events', '');", ''),
  noProbe: SCHEMA_SQL.replace('if v_current >= 0 and v_count > 0 then', 'if false then'),
  noNotifyNoProbe: SCHEMA_SQL.replace("perform pg_notify('es_events', '');", '').replace('if v_current >= 0 and v_count > 0 then', 'if false then'),
};
const ev = () => ({ eventId: randomUUID(), type: 'T', data: { orderId: randomUUID(), itemNumber: '123456', quantity: 3, unit: 'stk', note: 'Leveres til døren' }, metadata: { commandId: randomUUID(), correlationId: randomUUID(), actor: { userId: 'u-42', role: 'orderer', municipalityId: '0101' }, occurredAt: new Date().toISOString(), schemaVersion: 1 } });
for (const [vname, sql] of Object.entries(variants)) {
  await db.exec(sql);
  const store = new PostgresEventStore(db);
  for (const [writers, n] of [[1, 1], [8, 1], [8, 10]] as const) {
    let ops = 0; const end = Date.now() + 3000;
    await Promise.all(Array.from({ length: writers }, async () => {
      let stream = 'v-' + randomUUID(); let rev = -1;
      while (Date.now() < end) { const r = await store.appendToStream(stream, Array.from({ length: n }, ev), rev < 0 ? 'no_stream' : rev); rev = r.nextExpectedRevision; ops++; if (rev > 200) { stream = 'v-' + randomUUID(); rev = -1; } }
    }));
    console.log(vname, writers, n, Math.round(ops / 3), 'tx/s');
  }
}
await db.close(); await admin.query(`drop database ${name} with (force)`); await admin.end();
