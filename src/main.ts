import { createApplication } from './bootstrap.js';
import { waitForDatabase } from './composition/wait-for-database.js';
import { ConfigError, loadConfig } from './config/config.js';
import { createLogger } from './infrastructure/logging/logger.js';
import { seedDemo, seedDependencies } from './seed/demo-seed.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nThe service did not start.\n`);
    process.exit(78);
  }
  const logger = createLogger({ level: config.LOG_LEVEL });
  // Start-up order: the database first (waiting for it, with the port held for the probes), then the stores,
  // the projections' catch-up and Nest, then the HTTP server.
  const waited = config.DATABASE_URL ? await waitForDatabase(config.DATABASE_URL, { port: config.PORT, host: config.HOST }, logger) : undefined;
  const { app, infra } = await createApplication(config, logger);
  if (config.SEED_DEMO && config.DEMO_PASSWORD) {
    const position = await seedDemo(seedDependencies(app), config.DEMO_PASSWORD);
    // A demo is for logging in at once: the read models show the demo data before the service says it listens.
    const readModels = (await infra.projections.health()).map((projection) => projection.name);
    if (position && !(await infra.projections.waitForPosition(readModels, position, 60_000))) {
      logger.warn({}, 'the read models have not caught up with the demo data yet');
    }
    logger.info('demo data in place');
  }
  await waited?.releasePort();
  await app.listen({ port: config.PORT, host: config.HOST });
  logger.info({ host: config.HOST, port: config.PORT, store: config.DATABASE_URL ? 'postgresql' : 'embedded' }, 'listening');

  // One way down, whichever signal comes first and however often: the HTTP server stops taking requests and
  // lets those in flight finish, then the reactions, the projections and the stores close (ServiceLifecycle).
  let stopping: Promise<void> | undefined;
  const shutdown = (signal: NodeJS.Signals) =>
    (stopping ??= (async () => {
      logger.info({ signal }, 'shutting down');
      await app.close();
      logger.info({ signal }, 'stopped');
      process.exit(0);
    })().catch((error: unknown) => {
      logger.error({ error }, 'shutdown failed');
      process.exit(1);
    }));
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`The service failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
