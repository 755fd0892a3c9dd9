import { openPgliteDatabase } from '../src/infrastructure/sql/pglite-database.js';
import { withScratchDatabase } from './scratch-database.js';
import { SqlDataKeyStore } from '../src/infrastructure/personal-data/sql-data-key-store.js';
import { PersonalDataKeys } from '../src/infrastructure/personal-data/personal-data-keys.js';
import { PersonalDataProtection } from '../src/infrastructure/personal-data/personal-data-protection.js';
import { LocalKeyEncryption } from '../src/infrastructure/personal-data/local-key-encryption.js';
import { PostgresEventStore } from '../src/infrastructure/event-store/postgres/postgres-event-store.js';
import { protectPersonalData } from '../src/composition/personal-data.js';
import { createEventRegistry } from '../src/composition/event-registry.js';
import { generateHistory, newHistoryStats } from './scale/history.js';
import type { NewEvent } from '../src/kernel/event-store.port.js';
import type { SqlDatabase } from '../src/infrastructure/sql/sql-database.js';
const registry = createEventRegistry();
const all: { s: string; r: number; e: NewEvent }[] = [];
for (const b of generateHistory({ citizens: Number(process.argv[3] ?? 300), seed: 1, now: new Date('2026-12-01T09:00:00Z'), years: 5 }, newHistoryStats()))
  for (const g of b) { const { data, schemaVersion } = registry.encode({ type: g.type, data: g.data }); all.push({ s: g.streamName, r: g.revision, e: { eventId: g.eventId, type: g.type, data, metadata: { ...g.metadata, schemaVersion } } }); }
const timers: Record<string, { n: number; ms: number }> = {};
function wrap(proto: any, name: string, label: string) {
  const orig = proto[name];
  proto[name] = async function (...a: unknown[]) { const t = performance.now(); try { return await orig.apply(this, a); } finally { const x = (timers[label] ??= { n: 0, ms: 0 }); x.n++; x.ms += performance.now() - t; } };
}
wrap(PostgresEventStore.prototype, 'appendToStream', 'inner append');
wrap(PersonalDataKeys.prototype, 'forWriting', 'keys.forWriting');
wrap(PersonalDataProtection.prototype, 'seal', 'protection.seal (keys + crypto)');
wrap(SqlDataKeyStore.prototype, 'find', 'keystore.find');
wrap(SqlDataKeyStore.prototype, 'createIfAbsent', 'keystore.createIfAbsent');
const work = async (db: SqlDatabase) => {
  const bare = await PostgresEventStore.open(db);
  const store = process.argv[2] === 'off' ? bare : protectPersonalData(bare, new PersonalDataKeys(await SqlDataKeyStore.open(db), new LocalKeyEncryption(Buffer.alloc(32, 1))));
  // warm
  const t = performance.now();
  for (const x of all) await store.appendToStream(x.s, [x.e], x.r === 0 ? 'no_stream' : x.r - 1);
  console.log(process.argv[2], all.length, 'events', ((performance.now() - t) / 1000).toFixed(1), 's');
  for (const [k, v] of Object.entries(timers)) console.log(' ', k, v.n, v.ms.toFixed(0), 'ms', (v.ms / v.n).toFixed(3), 'ms each');
  const { rows } = await db.query<{ n: string }>(`select sum(pg_column_size(data))::text as n from es_events`);
  console.log('  data bytes', rows[0]!.n);
  await store.close();
};
if (process.env.DATABASE_URL) await withScratchDatabase(process.env.DATABASE_URL, 'probe', work);
else { const db = await openPgliteDatabase(); await work(db); await db.close(); }
