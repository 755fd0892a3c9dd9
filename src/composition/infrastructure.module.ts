import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { AccessLogRecorder } from '../audit/access-log-recorder.js';
import { CONFIG, type Config } from '../config/config.js';
import { IDENTITY_SETTINGS, SESSION_LAST_SEEN_RESOLUTION_SECONDS, type IdentitySettings } from '../identity/identity-settings.js';
import { USER_DIRECTORY, WEBSHOP_TERMS } from '../identity/identity.ports.js';
import { USER_NAMES } from '../kernel/user-names.port.js';
import { PASSWORD_HASHER, PasswordHasher } from '../identity/password-hasher.js';
import {
  SqlCredentialStore,
  SqlIdempotencyStore,
  SqlPasswordTokenStore,
  SqlSessionStore,
  SqlSourceThrottle,
} from '../infrastructure/postgres/operational-store.js';
import type { SqlDatabase } from '../infrastructure/sql/sql-database.js';
import { ACCESS_LOG } from '../kernel/access-log.port.js';
import { CREDENTIAL_STORE, PASSWORD_TOKEN_STORE, SESSION_STORE, SOURCE_THROTTLE } from '../kernel/accounts.port.js';
import { CLOCK } from '../kernel/clock.js';
import { COMMAND_RUNNER, CommandRunner } from '../kernel/command-runner.js';
import { EVENT_STORE, type EventStore } from '../kernel/event-store.port.js';
import { IDEMPOTENCY_STORE } from '../kernel/idempotency.port.js';
import { LOGGER } from '../kernel/logger.js';
import { MAILER } from '../kernel/mailer.port.js';
import { READ_MODEL_STORE } from '../kernel/read-model-store.port.js';
import { READ_YOUR_WRITES } from '../kernel/read-your-writes.port.js';
import { STREAM_READER } from '../kernel/stream-reader.js';
import { METRICS, PROJECTION_MONITOR } from '../operations/metrics.js';
import { STORE_PROBE } from '../operations/operations.controller.js';
import { PROJECTION_ADMIN } from '../operations/projections-admin.controller.js';
import { WebshopTermsRecorder } from '../processes/webshop-login/webshop-terms.js';
import { PSEUDONYMIZER } from '../shared/pseudonym.js';
import { ReadModelUserDirectory } from '../../read-models/users/user-directory.js';
import { createEventRegistry } from './event-registry.js';
import type { Infrastructure } from './infrastructure.js';

export const SQL_DATABASE = Symbol('SqlDatabase');

const sql = <T>(provide: symbol, build: (database: SqlDatabase) => T): Provider => ({ provide, inject: [SQL_DATABASE], useFactory: build });

/**
 * Every port the contexts program against, bound to its adapter: what was opened before Nest (the stores, the
 * projection runtime) as values, everything else built by Nest from them. Global, because the ports are the
 * kernel's: any context may ask for them, and no context may know where they come from.
 */
@Global()
@Module({})
export class InfrastructureModule {
  static register(infra: Infrastructure): DynamicModule {
    const providers: Provider[] = [
      { provide: CONFIG, useValue: infra.config },
      { provide: LOGGER, useValue: infra.logger },
      { provide: CLOCK, useValue: infra.clock },
      { provide: SQL_DATABASE, useValue: infra.database },
      { provide: EVENT_STORE, useValue: infra.eventStore },
      { provide: READ_MODEL_STORE, useValue: infra.readModelStore },
      { provide: PSEUDONYMIZER, useValue: infra.pseudonymizer },
      { provide: MAILER, useValue: infra.mailer },
      { provide: METRICS, useValue: infra.metrics },
      { provide: STORE_PROBE, useValue: infra.storeProbe },
      { provide: READ_YOUR_WRITES, useValue: infra.projections },
      { provide: PROJECTION_MONITOR, useValue: infra.projections },
      { provide: PROJECTION_ADMIN, useValue: infra.projections },
      {
        provide: COMMAND_RUNNER,
        inject: [EVENT_STORE],
        useFactory: (store: EventStore) => new CommandRunner(store, createEventRegistry(), { cachedStreams: infra.config.COMMAND_CACHE_STREAMS }),
      },
      { provide: STREAM_READER, useExisting: COMMAND_RUNNER },
      sql(CREDENTIAL_STORE, (database) => new SqlCredentialStore(database)),
      sql(SESSION_STORE, (database) => new SqlSessionStore(database)),
      sql(PASSWORD_TOKEN_STORE, (database) => new SqlPasswordTokenStore(database)),
      sql(SOURCE_THROTTLE, (database) => new SqlSourceThrottle(database)),
      sql(IDEMPOTENCY_STORE, (database) => new SqlIdempotencyStore(database, infra.lease)),
      { provide: PASSWORD_HASHER, useFactory: () => new PasswordHasher(infra.argon2Cost) },
      { provide: USER_DIRECTORY, useClass: ReadModelUserDirectory },
      { provide: USER_NAMES, useExisting: USER_DIRECTORY },
      { provide: IDENTITY_SETTINGS, inject: [CONFIG], useFactory: identitySettings },
      // Ports of one context implemented by another (or by a process): bound here, so neither imports the other.
      { provide: ACCESS_LOG, useClass: AccessLogRecorder },
      { provide: WEBSHOP_TERMS, useClass: WebshopTermsRecorder },
    ];
    return { module: InfrastructureModule, providers, exports: providers.map((provider) => ('provide' in provider ? provider.provide : provider)) };
  }
}

function identitySettings(config: Config): IdentitySettings {
  return {
    sessionIdleSeconds: config.SESSION_IDLE_SECONDS,
    // Never more than half the idle time, so a session used at least every half idle time never ends anywhere.
    sessionLastSeenResolutionSeconds: Math.min(SESSION_LAST_SEEN_RESOLUTION_SECONDS, config.SESSION_IDLE_SECONDS / 2),
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
  };
}
