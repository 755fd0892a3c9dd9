import { mkdir } from 'node:fs/promises';
import type { EventStore } from '../kernel/event-store.port.js';
import { EventStoreDbEventStore } from '../infrastructure/event-store/eventstoredb/eventstoredb-event-store.js';
import { PostgresEventStore } from '../infrastructure/event-store/postgres/postgres-event-store.js';
import { MongoProjectionStorage } from '../infrastructure/read-model-store/mongodb/mongo-projection-storage.js';
import type { ProjectionStorage } from '../infrastructure/projections/projection-storage.js';
import { connectMongo, type MongoConnection } from '../infrastructure/read-model-store/mongodb/mongo-connection.js';
import { MongoReadModelStore } from '../infrastructure/read-model-store/mongodb/mongo-read-model-store.js';
import { PostgresProjectionStorage } from '../infrastructure/read-model-store/postgres/postgres-projection-storage.js';
import { PostgresReadModelStore } from '../infrastructure/read-model-store/postgres/postgres-read-model-store.js';
import type { ReadModelStore } from '../kernel/read-model-store.port.js';
import { openPgDatabase } from '../infrastructure/sql/pg-database.js';
import { openPgliteDatabase } from '../infrastructure/sql/pglite-database.js';
import type { SqlDatabase } from '../infrastructure/sql/sql-database.js';
import type { PersonalDataKeys } from '../infrastructure/personal-data/personal-data-keys.js';
import { openPersonalDataKeys, protectPersonalData, type PersonalDataSettings } from './personal-data.js';

/**
 * The stores the configuration chooses (API.md "Running it"): events in EventStoreDB when EVENTSTORE_URL is set,
 * read models in MongoDB when MONGODB_URL is set, else both in the SQL database (PostgreSQL or embedded).
 * Operational state (credentials, sessions, idempotency keys, tokens, reaction checkpoints) is always in SQL.
 * The service and the CLIs open them the same way.
 */
export interface StoreSettings {
  readonly EVENTSTORE_URL?: string | undefined;
  readonly MONGODB_URL?: string | undefined;
}

/** The SQL database: the PostgreSQL server of DATABASE_URL, or the embedded one (PGlite) in DATA_DIR. */
export async function openDatabase(settings: { readonly DATABASE_URL?: string | undefined; readonly DATA_DIR: string }): Promise<SqlDatabase> {
  if (settings.DATABASE_URL) return openPgDatabase({ connectionString: settings.DATABASE_URL });
  await mkdir(settings.DATA_DIR, { recursive: true });
  return openPgliteDatabase({ dataDir: settings.DATA_DIR });
}

/**
 * The event store of the configuration, its personal fields sealed and opened on the way (crypto-shredding,
 * infrastructure/personal-data): every process that reads or writes events opens it this way, with the keys.
 */
export async function openProtectedEventStore(settings: StoreSettings & PersonalDataSettings, db: SqlDatabase): Promise<{ eventStore: EventStore; keys: PersonalDataKeys }> {
  const keys = await openPersonalDataKeys(settings, db);
  const store = settings.EVENTSTORE_URL ? await EventStoreDbEventStore.open(settings.EVENTSTORE_URL) : await PostgresEventStore.open(db);
  return { eventStore: protectPersonalData(store, keys), keys };
}

export async function openEventStore(settings: StoreSettings & PersonalDataSettings, db: SqlDatabase): Promise<EventStore> {
  return (await openProtectedEventStore(settings, db)).eventStore;
}

export interface ReadModelStores {
  readonly readModelStore: ReadModelStore;
  readonly projectionStorage: ProjectionStorage;
  /** MongoDB's, when read models live there (for the readiness probe and shutdown). */
  readonly mongo: MongoConnection | null;
}

export async function openReadModelStores(settings: StoreSettings, db: SqlDatabase): Promise<ReadModelStores> {
  if (!settings.MONGODB_URL) return { readModelStore: new PostgresReadModelStore(db), projectionStorage: new PostgresProjectionStorage(db), mongo: null };
  const mongo = await connectMongo({ url: settings.MONGODB_URL });
  return { readModelStore: new MongoReadModelStore(mongo.db), projectionStorage: new MongoProjectionStorage(mongo.db), mongo };
}
