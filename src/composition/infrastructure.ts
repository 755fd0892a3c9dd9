import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ReadModelUserDirectory } from '../../read-models/users/user-directory.js';
import type { Config } from '../config/config.js';
import { AuthService } from '../identity/auth.service.js';
import type { CredentialStore, SessionStore, UserDirectory } from '../identity/identity.ports.js';
import { PasswordHasher, type Argon2Cost } from '../identity/password-hasher.js';
import { CommandRunner } from '../infrastructure/commands/command-runner.js';
import type { EventStore } from '../infrastructure/event-store/event-store.port.js';
import type { Logger } from '../infrastructure/logging/logger.js';
import {
  SqlCredentialStore,
  SqlIdempotencyStore,
  SqlPasswordTokenStore,
  SqlSourceThrottle,
  SqlSessionStore,
  loadOrCreateSecret,
  migrateOperationalStore,
} from '../infrastructure/postgres/operational-store.js';
import { DEFAULT_REACTION_OPTIONS, Reactions } from '../infrastructure/reactions/reaction-runner.js';
import { ReactionStorage } from '../infrastructure/reactions/reaction-storage.js';
import type { ReadModelStore } from '../infrastructure/read-model-store/read-model-store.port.js';
import { openPgDatabase } from '../infrastructure/sql/pg-database.js';
import { openPgliteDatabase } from '../infrastructure/sql/pglite-database.js';
import type { SqlDatabase } from '../infrastructure/sql/sql-database.js';
import type { IdempotencyStore } from '../http/idempotency.port.js';
import type { ReadYourWrites } from '../http/read-your-writes.js';
import { createMailer } from '../notifications/create-mailer.js';
import { Metrics } from '../operations/metrics.js';
import type { StoreProbe } from '../operations/operations.controller.js';
import type { ProjectionAdmin } from '../operations/projections-admin.controller.js';
import type { EventRegistry } from '../shared/event-schema.js';
import { Pseudonymizer } from '../shared/pseudonym.js';
import { createEventRegistry } from './event-registry.js';
import { ProjectionService } from './projection-service.js';
import { openEventStore, openReadModelStores } from './stores.js';
import { decodeEvent } from './projections.js';
import { allReactions } from './reactions.js';

/** Everything the service runs on, opened and wired once, closed in reverse order. */
export interface Infrastructure {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: SqlDatabase;
  readonly eventStore: EventStore;
  readonly readModelStore: ReadModelStore;
  readonly registry: EventRegistry;
  readonly commandRunner: CommandRunner;
  readonly projections: ReadYourWrites & ProjectionAdmin & { stop(): Promise<void> };
  readonly reactions: Reactions;
  readonly metrics: Metrics;
  readonly pseudonymizer: Pseudonymizer;
  readonly credentials: CredentialStore;
  readonly sessions: SessionStore;
  readonly users: UserDirectory;
  readonly hasher: PasswordHasher;
  readonly idempotency: IdempotencyStore;
  readonly auth: AuthService;
  readonly storeProbe: StoreProbe;
  close(): Promise<void>;
}

export interface InfrastructureOptions {
  /** An already open database (tests share one); otherwise opened from the config. */
  readonly database?: SqlDatabase;
  readonly argon2Cost?: Argon2Cost;
  readonly clock?: () => Date;
}

async function openDatabase(config: Config): Promise<SqlDatabase> {
  if (config.DATABASE_URL) return openPgDatabase({ connectionString: config.DATABASE_URL });
  await mkdir(config.DATA_DIR, { recursive: true });
  return openPgliteDatabase({ dataDir: config.DATA_DIR });
}

export async function openInfrastructure(config: Config, logger: Logger, options: InfrastructureOptions = {}): Promise<Infrastructure> {
  const database = options.database ?? (await openDatabase(config));
  await migrateOperationalStore(database);
  const pseudonymizer = new Pseudonymizer(config.PSEUDONYM_KEY ?? (await loadOrCreateSecret(database, 'pseudonym-key')));

  const registry = createEventRegistry();
  const metrics = new Metrics();
  // The design card's topology: events in EventStoreDB, read models in MongoDB; otherwise both in PostgreSQL.
  // Operational state (credentials, sessions, idempotency keys, tokens, reaction checkpoints) stays in SQL.
  const eventStore = metrics.instrument(await openEventStore(config, database));
  const { readModelStore, projectionStorage, mongo } = await openReadModelStores(config, database);
  const projections = await ProjectionService.start(projectionStorage, eventStore, logger);
  metrics.watchProjections(projections);
  const commandRunner = new CommandRunner(eventStore, registry);
  const clock = options.clock ?? (() => new Date());
  const reactions = new Reactions(allReactions(commandRunner, pseudonymizer, clock, config), {
    eventStore,
    storage: await ReactionStorage.open(database),
    decode: decodeEvent,
    clock,
    options: DEFAULT_REACTION_OPTIONS,
    logger: logger.child({ component: 'reactions' }),
  });
  reactions.start();
  metrics.watchReactions(reactions);
  const credentials = new SqlCredentialStore(database);
  const sessions = new SqlSessionStore(database);
  const users = new ReadModelUserDirectory(readModelStore);
  const hasher = new PasswordHasher(options.argon2Cost);
  // On the embedded store (a developer's machine) mail lands in the data folder unless told otherwise.
  const mailDir = config.MAIL_DIR ?? (config.DATABASE_URL || config.SMTP_URL ? undefined : join(config.DATA_DIR, 'mail'));
  const mailer = createMailer({ SMTP_URL: config.SMTP_URL, MAIL_DIR: mailDir }, config.MAIL_FROM);
  const auth = new AuthService(
    {
      users,
      credentials,
      sessions,
      hasher,
      commands: commandRunner,
      tokens: new SqlPasswordTokenStore(database),
      throttle: new SqlSourceThrottle(database),
      mailer,
      pseudonyms: pseudonymizer,
      logger: logger.child({ component: 'auth' }),
    },
    {
      sessionIdleSeconds: config.SESSION_IDLE_SECONDS,
      sessionAbsoluteSeconds: config.SESSION_ABSOLUTE_SECONDS,
      passwordMaxAgeDays: config.PASSWORD_MAX_AGE_DAYS,
      termsVersion: config.TERMS_VERSION,
      lockAfterFailures: 5,
      lockSeconds: 15 * 60,
      sourceFailureLimit: config.LOGIN_FAILURES_PER_SOURCE,
      sourceWindowSeconds: 15 * 60,
      publicUrl: config.PUBLIC_URL ?? `http://localhost:${config.PORT}`,
      resetTokenMinutes: 30,
      invitationTokenHours: 72,
      resetRequestMinMs: 400,
    },
    options.clock,
  );

  return {
    config,
    logger,
    database,
    eventStore,
    readModelStore,
    registry,
    commandRunner,
    projections,
    reactions,
    metrics,
    pseudonymizer,
    credentials,
    sessions,
    users,
    hasher,
    idempotency: new SqlIdempotencyStore(database),
    auth,
    storeProbe: {
      ping: async () => {
        await database.query('select 1');
        await mongo?.ping();
      },
    },
    async close() {
      await reactions.stop();
      await projections.stop();
      if (config.EVENTSTORE_URL) await eventStore.close();
      await mongo?.close();
      if (!options.database) await database.close();
    },
  };
}

