import { createApplication } from './bootstrap.js';
import { ConfigError, loadConfig } from './config/config.js';
import { createLogger } from './infrastructure/logging/logger.js';
import { seedDemo } from './seed/demo-seed.js';
import { CommandBus } from '@nestjs/cqrs';

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
  const { app, infra } = await createApplication(config, logger);
  if (config.SEED_DEMO && config.DEMO_PASSWORD) {
    await seedDemo({ commands: app.get(CommandBus), credentials: infra.credentials, hasher: infra.hasher }, config.DEMO_PASSWORD);
    logger.info('demo data in place');
  }
  await app.listen({ port: config.PORT, host: '0.0.0.0' });
  logger.info({ port: config.PORT, store: config.DATABASE_URL ? 'postgresql' : 'embedded' }, 'listening');

  const shutdown = async (signal: string) => {
    logger.info({ signal }, 'shutting down');
    await app.close();
    await infra.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`The service failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
