/**
 * The fuzz harness by hand, for runs larger than the test suite's (test/fuzz/fuzz.e2e.test.ts):
 *
 *   npm run fuzz -- --requests 100000 [--seed N] [--concurrency 4] [--database-url postgres://…]
 *
 *   --trace 'POST .*orders'   a line for each request whose method and path template match (what a run reaches)
 *
 * The service starts in this process as the end-to-end suites start it (demo data and demo citizens), on PGlite in
 * memory, or with --database-url in a database created on that server for the run and dropped after it. Prints
 * requests/s, the answers by status and every failure with what reproduces it; exits 1 on a failure.
 */
import { randomInt } from 'node:crypto';
import { parseArgs } from 'node:util';
import { openPgliteDatabase } from '../src/infrastructure/sql/pglite-database.js';
import type { SqlDatabase } from '../src/infrastructure/sql/sql-database.js';
import { startTestApp } from '../test/support/app.js';
import { FUZZ_ENV, FuzzTarget } from '../test/fuzz/fuzz-run.js';
import { describeFailure, describeReport, redact } from '../test/fuzz/fuzz-report.js';
import type { Answer } from '../test/fuzz/oracle.js';
import type { FuzzRequest } from '../test/fuzz/request-generator.js';
import { describeHost } from './report.js';
import { withScratchDatabase } from './scratch-database.js';

const { values: flags } = parseArgs({
  options: { requests: { type: 'string' }, seed: { type: 'string' }, concurrency: { type: 'string' }, 'database-url': { type: 'string' }, trace: { type: 'string' } },
});
const requests = Number(flags.requests ?? 10_000);
const seed = flags.seed === undefined ? randomInt(2 ** 31) : Number(flags.seed);
const concurrency = Number(flags.concurrency ?? 4);
if (!Number.isInteger(requests) || requests < 1 || !Number.isInteger(seed) || !Number.isInteger(concurrency) || concurrency < 1) {
  console.error('Usage: npm run fuzz -- --requests N [--seed N] [--concurrency N] [--database-url postgres://…]');
  process.exit(2);
}
console.log(describeHost());
const serverUrl = flags['database-url'];
console.log(`backend: ${serverUrl ? 'postgres' : 'pglite'}; ${requests} requests, seed ${seed}, concurrency ${concurrency}`);
const failed = serverUrl
  ? await withScratchDatabase(serverUrl, 'fuzz', (db) => fuzz(() => Promise.resolve(leftOpen(db))))
  : await fuzz(() => openPgliteDatabase());
process.exit(failed ? 1 : 0);

async function fuzz(open: () => Promise<SqlDatabase>): Promise<boolean> {
  const app = await startTestApp({ name: serverUrl ? 'postgres' : 'pglite', skipReason: undefined, open }, FUZZ_ENV, undefined, { seedCitizens: true });
  try {
    const target = await FuzzTarget.open(app, concurrency);
    const report = await target.run({ requests, seed, concurrency, onAnswer: trace });
    const after = await target.checkHealthy();
    target.close();
    console.log(describeReport(report));
    for (const failure of [...report.failures, ...after]) console.log(describeFailure(failure, seed));
    console.log(after.length === 0 ? 'afterwards: ready, a normal read and a normal write work' : `afterwards: ${after.length} problems`);
    return report.failures.length + after.length > 0;
  } finally {
    await app.close();
  }
}

/** --trace <regex>: one line for every request whose "METHOD /path/{template}" matches, to see what a run reaches. */
function trace(index: number, request: FuzzRequest, answer: Answer): void {
  if (!flags.trace || !new RegExp(flags.trace).test(`${request.method} ${request.operation.path}`)) return;
  const code = answer.status >= 400 ? /"code":"([A-Z_]+)"/.exec(answer.text)?.[1] ?? '' : '';
  console.log(`#${index} ${request.method} ${redact(request.url.slice(0, 120))} as ${request.role}: ${answer.status} ${code} [${request.mutations.join(', ')}]`);
}

/** The scratch database closes itself (and is dropped) after the run: the app's close must leave it open. */
function leftOpen(db: SqlDatabase): SqlDatabase {
  return {
    driver: db.driver,
    concurrentConnections: db.concurrentConnections,
    query: (sql, params) => db.query(sql, params),
    exec: (sql) => db.exec(sql),
    transaction: (work) => db.transaction(work),
    listen: (channel, onNotify) => db.listen(channel, onNotify),
    close: async () => undefined,
  };
}
