import { join } from 'node:path';
import type { Config } from '../config/config.js';
import type { Clock } from '../kernel/clock.js';
import type { EventStore } from '../kernel/event-store.port.js';
import type { Logger } from '../kernel/logger.js';
import type { Mailer } from '../kernel/mailer.port.js';
import type { ReadModelStore } from '../kernel/read-model-store.port.js';
import type { Argon2Cost } from '../identity/password-hasher.js';
import { SharedAllSubscription } from '../infrastructure/event-store/shared-all-subscription.js';
import { createMailer } from '../infrastructure/mail/create-mailer.js';
import { loadOrCreateSecret, migrateOperationalStore, ServiceInstanceLease } from '../infrastructure/postgres/operational-store.js';
import type { SqlDatabase } from '../infrastructure/sql/sql-database.js';
import { Metrics } from '../operations/metrics.js';
import type { StoreProbe } from '../operations/operations.controller.js';
import { Pseudonymizer } from '../shared/pseudonym.js';
import { ProjectionService } from './projection-service.js';
import { openDatabase, openProtectedEventStore, openReadModelStores } from './stores.js';
import type { PersonalDataKeys } from '../infrastructure/personal-data/personal-data-keys.js';

/**
 * What the service runs on and must open before Nest can build anything: the stores, the projection runtime
 * (caught up before the first request), the mailer and the metrics. Nest builds everything else from these
 * (infrastructure.module.ts); the service lifecycle (service-lifecycle.ts) closes them, once, in reverse order.
 */
export interface Infrastructure {
  readonly config: Config;
  readonly logger: Logger;
  readonly clock: Clock;
  readonly database: SqlDatabase;
  readonly eventStore: EventStore;
  readonly readModelStore: ReadModelStore;
  readonly projections: ProjectionService;
  readonly metrics: Metrics;
  readonly pseudonymizer: Pseudonymizer;
  /** The data subjects' keys the event store seals personal fields with (crypto-shredding). */
  readonly personalDataKeys: PersonalDataKeys;
  readonly mailer: Mailer;
  readonly storeProbe: StoreProbe;
  readonly argon2Cost: Argon2Cost | undefined;
  /** This process among the instances sharing the operational store (whose pending Idempotency-Keys are whose). */
  readonly lease: ServiceInstanceLease;
  /** Stops the projections and closes every store this opened. Safe to call more than once. */
  close(): Promise<void>;
}

export interface InfrastructureOptions {
  /** An already open database (tests share one); otherwise opened from the config, and closed with the rest. */
  readonly database?: SqlDatabase;
  readonly argon2Cost?: Argon2Cost;
  readonly clock?: Clock;
}

export async function openInfrastructure(config: Config, logger: Logger, options: InfrastructureOptions = {}): Promise<Infrastructure> {
  const database = options.database ?? (await openDatabase(config));
  await migrateOperationalStore(database);
  const pseudonymizer = new Pseudonymizer(config.PSEUDONYM_KEY ?? (await loadOrCreateSecret(database, 'pseudonym-key')));
  const clock = options.clock ?? (() => new Date());
  const lease = new ServiceInstanceLease(database, (error) =>
    logger.warn({ error: error instanceof Error ? error.message : String(error) }, 'service instance heartbeat failed'),
  );
  const metrics = new Metrics();
  // The design card's topology: events in EventStoreDB, read models in MongoDB; otherwise both in PostgreSQL.
  // Operational state (credentials, sessions, idempotency keys, tokens, reaction checkpoints) stays in SQL.
  // One `$all` reader per process, shared by every projection and reaction (see SharedAllSubscription).
  if (!config.PERSONAL_DATA_MASTER_KEY && config.DATABASE_URL) {
    logger.warn({}, 'PERSONAL_DATA_MASTER_KEY is not set: the master key is kept in the database beside the data keys it wraps');
  }
  const protectedStore = await openProtectedEventStore(config, database);
  const eventStore = new SharedAllSubscription(metrics.instrument(protectedStore.eventStore));
  const { readModelStore, projectionStorage, mongo } = await openReadModelStores(config, database);
  const projections = await ProjectionService.start(projectionStorage, eventStore, logger);
  metrics.watchProjections(projections);
  // On the embedded store (a developer's machine) mail lands in the data folder unless told otherwise.
  const mailDir = config.MAIL_DIR ?? (config.DATABASE_URL || config.SMTP_URL ? undefined : join(config.DATA_DIR, 'mail'));

  let closing: Promise<void> | undefined;
  const close = async () => {
    await projections.stop();
    if (config.EVENTSTORE_URL) await eventStore.close();
    await mongo?.close();
    // With the database already gone, the lease simply runs out.
    await lease.stop().catch(() => undefined);
    if (!options.database) await database.close();
  };
  return {
    config,
    logger,
    clock,
    database,
    eventStore,
    readModelStore,
    projections,
    metrics,
    pseudonymizer,
    personalDataKeys: protectedStore.keys,
    mailer: createMailer({ SMTP_URL: config.SMTP_URL, MAIL_DIR: mailDir }, config.MAIL_FROM),
    storeProbe: {
      ping: async () => {
        await database.query('select 1');
        await mongo?.ping();
      },
    },
    argon2Cost: options.argon2Cost,
    lease,
    close: () => (closing ??= close()),
  };
}
