/**
 * npm run chaos -- [--kills 20] [--seed 1] [--clients 6]
 *
 * The crash harness by hand (bench/chaos/crash.ts): the service on a fresh database of the PostgreSQL server in
 * TEST_DATABASE_URL, killed and restarted `--kills` times under load; prints the figures and exits 1 when an
 * acknowledged command was lost or duplicated or any other check failed. The database is dropped afterwards.
 */
import { parseArgs } from 'node:util';
import { withScratchDatabase } from './scratch-database.js';
import { failedChecks, formatCrashReport, runCrashHarness } from './chaos/crash.js';

const { values } = parseArgs({
  options: { kills: { type: 'string', default: '20' }, seed: { type: 'string', default: '1' }, clients: { type: 'string', default: '6' } },
});
const number = (name: string, text: string) => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number`);
  return value;
};

if (!process.env.TEST_DATABASE_URL) {
  console.error('chaos: set TEST_DATABASE_URL to a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:55432/postgres); a fresh database is created there');
  process.exit(2);
}
await withScratchDatabase(process.env.TEST_DATABASE_URL, 'chaos', async (database, connectionString) => {
  const report = await runCrashHarness({
    database,
    connectionString,
    kills: number('kills', values.kills),
    seed: number('seed', values.seed),
    clients: number('clients', values.clients),
    progress: (line) => console.error(line),
  });
  console.log(formatCrashReport(report));
  const failed = failedChecks(report);
  if (failed.length > 0) {
    console.error(`chaos: FAILED (${failed.join(', ')})`);
    process.exitCode = 1;
  }
});
