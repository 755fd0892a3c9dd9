/**
 * Erasing personal data past the retention rule: npm run retention -- plan | apply
 *   plan   lists the removed citizens whose retention period has run out (and erasures a stopped run began)
 *   apply  erases them: the erasure recorded on each citizen's stream, then their key deleted (crypto-shredding)
 * Uses the service's configuration (DATABASE_URL, EVENTSTORE_URL, MONGODB_URL, PERSONAL_DATA_MASTER_KEY,
 * RETENTION_YEARS_AFTER_REMOVAL). On the embedded store (DATA_DIR) it works only while the service is stopped.
 */
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { parseArgs } from 'node:util';
import { citizensReadModel } from '../../read-models/citizens/citizens.read-model.js';
import { retentionCandidates, type RetentionCandidatesQuery } from '../../read-models/citizens/retention-candidates.js';
import { InfrastructureModule } from '../composition/infrastructure.module.js';
import { openInfrastructure, type Infrastructure } from '../composition/infrastructure.js';
import { ConfigError, loadConfig } from '../config/config.js';
import { createLogger } from '../infrastructure/logging/logger.js';
import { DataDirInUseError } from '../infrastructure/sql/data-dir-lock.js';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from '../kernel/idempotency.port.js';
import { CitizenErasure } from '../processes/citizen-lifecycle/citizen-erasure.js';
import { ProcessesModule } from '../processes/processes.module.js';
import { defaultReason, IDEMPOTENT_ANSWERS_KEPT_DAYS, RetentionJob } from '../processes/retention/retention-job.js';
import { complain, say } from './terminal.js';

const USAGE = `Usage: npm run retention -- <command> [--years N]
  plan [--limit N]
      Lists the removed citizens whose personal data is due for erasure: removed (deceased, moved away)
      at least --years whole years ago (default RETENTION_YEARS_AFTER_REMOVAL), oldest removal first.
  apply [--reason "…"]
      Erases them: each citizen's CitizenPersonalDataErased is recorded (by "retention"), then their key
      is deleted, so every personal field of every event about them reads "slettet" from then on.
      Their orders, quantities and amounts stay. Also forgets the stored answers of Idempotency-Key
      commands older than ${IDEMPOTENT_ANSWERS_KEPT_DAYS} days. Exit code 1 when a citizen's erasure was refused.`;

class UsageError extends Error {}

/** What the job needs of the service: the command path and the processes, without HTTP or reactions. */
@Module({})
class RetentionModule {
  static register(infra: Infrastructure): DynamicModule {
    return { module: RetentionModule, imports: [InfrastructureModule.register(infra), CqrsModule.forRoot(), ProcessesModule] };
  }
}

/** The read model lists the candidates: it must have caught up with the log first. */
const CATCH_UP_MS = 120_000;

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h') {
    say(USAGE);
    return command ? 0 : 2;
  }
  if (command !== 'plan' && command !== 'apply') throw new UsageError(`Unknown command ${command}`);
  const { values } = parseArgs({ args, options: { years: { type: 'string' }, limit: { type: 'string' }, reason: { type: 'string' } } });
  const config = loadConfig();
  const years = values.years === undefined ? config.RETENTION_YEARS_AFTER_REMOVAL : Number(values.years);
  if (!Number.isInteger(years) || years < 0) throw new UsageError('--years takes a whole number of years');
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit takes a positive whole number');

  const infra = await openInfrastructure(config, createLogger({ level: 'warn', destination: process.stderr }));
  const app = await NestFactory.createApplicationContext(RetentionModule.register(infra), { logger: false, abortOnError: false });
  try {
    const head = await infra.eventStore.headPosition();
    if (head && !(await infra.projections.waitForPosition([citizensReadModel.name], head, CATCH_UP_MS))) {
      throw new Error('The citizens read model did not catch up with the event store; run `npm run admin -- check`');
    }
    const candidates = (query: RetentionCandidatesQuery) => retentionCandidates(infra.readModelStore, query);
    const job = new RetentionJob(candidates, app.get(CitizenErasure), infra.personalDataKeys, app.get<IdempotencyStore>(IDEMPOTENCY_STORE));
    const now = infra.clock();
    if (command === 'plan') {
      const plan = await job.plan(now, years, limit);
      say(`Retention: ${years} years after the removal; removals on or before ${plan.cutoff} are due.`);
      if (plan.interrupted.length > 0) say(`${plan.interrupted.length} erasure(s) begun by a stopped run; apply finishes them first.`);
      say(`${plan.due.length === limit ? `The first ${limit}` : plan.due.length} citizen(s) due:`);
      for (const citizen of plan.due) say(`  ${citizen.citizenId}  ${citizen.status.padEnd(10)} removed ${citizen.removedAt}  municipality ${citizen.municipalityId}`);
      return 0;
    }
    const outcome = await job.apply(now, { years, reason: values.reason ?? defaultReason(years) });
    say(`Retention: ${years} years after the removal (removals on or before ${outcome.cutoff}).`);
    say(`Erased: ${outcome.erased} citizen(s); finished from a stopped run: ${outcome.finished}.`);
    say(`Idempotency-Key answers older than ${IDEMPOTENT_ANSWERS_KEPT_DAYS} days forgotten: ${outcome.idempotentAnswersForgotten}.`);
    for (const refusal of outcome.refused) say(`  refused ${refusal.citizenId}: ${refusal.code}`);
    return outcome.refused.length === 0 ? 0 : 1;
  } finally {
    await app.close();
    await infra.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) complain(`${error.message}\n\n${USAGE}`);
    else if (error instanceof ConfigError || error instanceof DataDirInUseError) complain(error.message);
    else complain(error instanceof Error ? error.message : String(error));
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
