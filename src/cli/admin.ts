/**
 * Operating an installation: npm run admin -- <command>
 *   create-admin <username> <email> [--name "Full name"] [--force] [--show-link]
 *       the installation's first administrator, with a set-password link by e-mail (or shown here, once)
 *   check
 *       stores reachable, read models at the code's version and caught up, parked events
 * Uses the service's configuration (DATABASE_URL, EVENTSTORE_URL, MONGODB_URL, SMTP_URL …). On the embedded
 * store (DATA_DIR) it works only while the service is stopped, as PGlite allows one process.
 */
import { parseArgs } from 'node:util';
import { createFirstAdministrator, openAdministration } from '../composition/administration.js';
import { openInfrastructure } from '../composition/infrastructure.js';
import { checkInstallation, type InstallationReport } from '../composition/installation-check.js';
import { openDatabase, openEventStore, openReadModelStores } from '../composition/stores.js';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { createLogger } from '../infrastructure/logging/logger.js';
import { DataDirInUseError } from '../infrastructure/sql/data-dir-lock.js';
import { REACTION_SUBSCRIPTIONS } from '../processes/reactions.js';
import { complain, say } from './terminal.js';

const USAGE = `Usage: npm run admin -- <command>
  create-admin <username> <email> [--name "Full name"] [--force] [--show-link]
      Creates the installation's first administrator and sends a set-password link by e-mail
      (SMTP_URL, or MAIL_DIR). --show-link shows the link here instead, once (only on a terminal).
      Refused when an administrator exists, unless --force. Running it again for the same username
      sends a new link while the account has no password yet.
  check
      Stores reachable, read models at the code's version and caught up, parked events.
      Exit code 0 when all is well, 1 when something needs an operator.`;

class UsageError extends Error {}

async function createAdmin(config: Config, args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { name: { type: 'string' }, force: { type: 'boolean', default: false }, 'show-link': { type: 'boolean', default: false } },
  });
  const [username, email, extra] = positionals;
  if (!username || !email || extra) throw new UsageError('create-admin takes a username and an e-mail address');
  const showLink = values['show-link'] ?? false;
  if (showLink && !process.stdout.isTTY) throw new UsageError('--show-link shows the link on a terminal only (never into a pipe or a log)');

  // The service's logs are not the terminal's: only warnings, to stderr.
  const infra = await openInfrastructure(config, createLogger({ level: 'warn', destination: process.stderr }));
  const app = await openAdministration(infra);
  try {
    const outcome = await createFirstAdministrator(app, infra, { username, email, name: values.name ?? 'Administrator', force: values.force ?? false, showLink });
    switch (outcome.kind) {
      case 'exists':
        say(`The administrator ${username} exists and has a password; nothing to do.`);
        return 0;
      case 'refused':
        complain(`Refused: this installation has ${outcome.administrators} administrator(s). They create further users in the portal (or use --force).`);
        return 1;
      case 'no-delivery':
        complain('No e-mail is set up (SMTP_URL or MAIL_DIR): run it on a terminal with --show-link to see the link instead.');
        return 1;
      case 'invited':
        if (outcome.delivery === 'e-mail') say(`A set-password link for ${username} went to ${email} (valid 72 hours).`);
        else say(`Open this link to choose ${username}'s password (valid 72 hours; it is shown only now):\n\n  ${outcome.link}\n`);
        return 0;
    }
  } finally {
    await app.close();
    await infra.close();
  }
}

async function check(config: Config): Promise<number> {
  const database = await openDatabase(config);
  try {
    const eventStore = await openEventStore(config, database);
    const { projectionStorage, mongo } = await openReadModelStores(config, database);
    try {
      const report = await checkInstallation({
        database,
        eventStore,
        projectionStorage,
        mongo,
        eventStoreKind: config.EVENTSTORE_URL ? 'EventStoreDB' : 'SQL',
        reactions: REACTION_SUBSCRIPTIONS,
        now: new Date(),
      });
      print(report);
      return report.ok ? 0 : 1;
    } finally {
      await eventStore.close();
      await mongo?.close();
    }
  } finally {
    await database.close();
  }
}

const mark = (ok: boolean) => (ok ? 'ok' : 'NEEDS ATTENTION');

function print(report: InstallationReport): void {
  say('Stores');
  for (const store of report.stores) say(`  ${mark(store.ok).padEnd(16)} ${store.store}: ${store.detail}`);
  if (report.readModels.length > 0) {
    say('Read models (version live/code, lag, parked)');
    for (const model of report.readModels) {
      const facts = `v${model.liveVersion ?? '-'}/v${model.codeVersion}, ${model.lagSeconds} s, ${model.parked} parked`;
      say(`  ${mark(model.ok).padEnd(16)} ${model.name}: ${facts}${model.problem ? ` — ${model.problem}` : ''}`);
    }
    say('Reactions (lag, parked)');
    for (const reaction of report.reactions) say(`  ${mark(reaction.ok).padEnd(16)} ${reaction.name}: ${reaction.lagSeconds} s, ${reaction.parked} parked`);
  }
  say(report.ok ? 'All well.' : 'Something needs an operator (see above).');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === '--help' || command === '-h') {
    say(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  if (command === 'create-admin') return createAdmin(config, args);
  if (command === 'check') return check(config);
  throw new UsageError(`Unknown command ${command}`);
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
