/**
 * Projection maintenance: npm run projections -- <command>
 *   list                       read models, versions, checkpoints, builds, parked counts
 *   rebuild <name>             blue-green rebuild of <name> with a progress bar (resumes an interrupted one)
 *   parked <name>              events <name> could not apply
 *   replay <name> <position>   apply one parked event again (after a fix) and unpark it
 * Connects to DATABASE_URL (a PostgreSQL server, shareable with the running service) or else opens the
 * PGlite files in DATA_DIR (default ./data), which only works while the service is stopped.
 */
import { complain, say } from './terminal.js';
import cliProgress from 'cli-progress';
import { mkdir } from 'node:fs/promises';
import { allProjections, decodeEvent } from '../composition/projections.js';
import type { EventStore, Position } from '../kernel/event-store.port.js';
import type { AnyProjection } from '../infrastructure/projections/apply-batch.js';
import type { ProjectionStorage, ReadModelTable } from '../infrastructure/projections/projection-storage.js';
import { rebuildReadModel } from '../infrastructure/projections/rebuild-read-model.js';
import { replayParked } from '../infrastructure/projections/replay-parked.js';
import { DEFAULT_RUNNER_OPTIONS } from '../infrastructure/projections/projection-runner.js';
import { openEventStore, openReadModelStores } from '../composition/stores.js';
import { openPgDatabase } from '../infrastructure/sql/pg-database.js';
import { openPgliteDatabase } from '../infrastructure/sql/pglite-database.js';
import type { SqlDatabase } from '../infrastructure/sql/sql-database.js';
import { DataDirInUseError } from '../infrastructure/sql/data-dir-lock.js';

const USAGE = `Usage: npm run projections -- <command>
  list                       read models, versions, checkpoints, builds, parked events
  rebuild <name>             rebuild <name> beside the live table and swap it in (progress bar)
  parked <name>              list the events <name> parked
  replay <name> <position>   apply a parked event again and unpark it
Connects to DATABASE_URL, or else opens the PGlite files in DATA_DIR (default ./data) —
PGlite cannot be opened while the service holds it: stop the service first.`;

class UsageError extends Error {}

interface Context {
  readonly eventStore: EventStore;
  readonly storage: ProjectionStorage;
}

async function openDatabase(): Promise<{ db: SqlDatabase; release: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) return { db: await openPgDatabase({ connectionString: url, maxConnections: 4 }), release: async () => undefined };
  const dataDir = process.env.DATA_DIR || './data';
  await mkdir(dataDir, { recursive: true });
  // openPgliteDatabase takes the data directory's lock: refused while the service holds it.
  return { db: await openPgliteDatabase({ dataDir }), release: async () => undefined };
}

function projectionNamed(name: string | undefined): AnyProjection {
  if (!name) throw new UsageError('Missing projection name');
  const projection = allProjections.find((candidate) => candidate.readModel.name === name);
  const known = allProjections.map((candidate) => candidate.readModel.name).join(', ') || '(none)';
  if (!projection) throw new UsageError(`Unknown projection ${name}. Known: ${known}`);
  return projection;
}

async function list({ storage }: Context): Promise<void> {
  const parked = await storage.parkedCounts();
  const rows = await Promise.all(
    allProjections.map(async ({ readModel }) => {
      const tables = await storage.tables(readModel.name);
      const live = tables.find((table) => table.state === 'live');
      const build = tables.find((table) => table.state === 'building');
      return {
        projection: readModel.name,
        'code version': readModel.version,
        'live table': live?.table ?? '-',
        checkpoint: live?.checkpoint ?? '-',
        building: build ? `${build.table} @ ${build.checkpoint ?? 'start'}` : '-',
        parked: parked.get(readModel.name) ?? 0,
      };
    }),
  );
  console.table(rows);
}

/** The events the build still has to go through, for the bar's total (one pass over the filtered log). */
async function countEvents(eventStore: EventStore, projection: AnyProjection, after: Position | undefined): Promise<number> {
  const filter = { eventTypes: projection.handles };
  let count = 0;
  for (let slice = await eventStore.readAll({ after, maxCount: 5000, filter }); ; ) {
    count += slice.events.length;
    if (slice.isEnd || slice.next === undefined) return count;
    slice = await eventStore.readAll({ after: slice.next, maxCount: 5000, filter });
  }
}

async function rebuild(context: Context, name: string | undefined): Promise<boolean> {
  const projection = projectionNamed(name);
  const controller = new AbortController();
  const interrupt = () => controller.abort();
  process.once('SIGINT', interrupt);
  const bar = new cliProgress.SingleBar(
    { format: `${projection.readModel.name} v${projection.readModel.version} |{bar}| {value}/{total} events | {duration_formatted} | ETA {eta_formatted}` },
    cliProgress.Presets.shades_classic,
  );
  let unhealthySince: number | undefined;
  try {
    const exit = await rebuildReadModel({
      ...context,
      projection,
      decode: decodeEvent,
      signal: controller.signal,
      onStart: async (build: ReadModelTable) => {
        say(`Building ${build.table}${build.checkpoint ? ` (resuming after ${build.checkpoint})` : ''}; queries keep reading the live table.`);
        bar.start(await countEvents(context.eventStore, projection, build.checkpoint), 0);
      },
      onProgress: (status) => {
        bar.setTotal(Math.max(bar.getTotal(), status.processed));
        bar.update(status.processed);
        // The runner retries failures forever (right for the service); a terminal should hear about it.
        unhealthySince = status.healthy ? undefined : (unhealthySince ?? Date.now());
        if (unhealthySince !== undefined && Date.now() - unhealthySince > 30_000) {
          complain(`\nGiving up: ${status.lastError?.message ?? 'unknown error'}`);
          controller.abort();
        }
      },
    });
    bar.stop();
    if (exit === 'swapped') say(`Swapped in. ${projection.readModel.name} now reads from the rebuilt table.`);
    else if (exit === 'stopped') say('Stopped; the build table stays: run the same command to resume it.');
    else say('Another process swapped or dropped this build meanwhile.');
    return exit === 'swapped';
  } finally {
    bar.stop();
    process.off('SIGINT', interrupt);
  }
}

async function parked({ storage }: Context, name: string | undefined): Promise<void> {
  const projection = projectionNamed(name);
  const events = await storage.listParked(projection.readModel.name);
  if (events.length === 0) return say(`No parked events for ${projection.readModel.name}.`);
  console.table(
    events.map((event) => ({
      position: event.position,
      type: event.eventType,
      event: event.eventId,
      stream: `${event.streamName}@${event.revision}`,
      table: event.table,
      attempts: event.attempts,
      parked: event.parkedAt.toISOString(),
      error: event.error,
    })),
  );
}

async function replay(context: Context, name: string | undefined, position: string | undefined): Promise<boolean> {
  const projection = projectionNamed(name);
  if (!position) throw new UsageError('Missing position (see: npm run projections -- parked <name>)');
  const deps = { ...context, projection, decode: decodeEvent, maxEventAttempts: DEFAULT_RUNNER_OPTIONS.maxEventAttempts };
  const result = await replayParked(deps, position as Position);
  if (result.outcome === 'replayed') say(`Replayed ${position} into ${result.table}; it is no longer parked.`);
  else if (result.outcome === 'parked-again') complain(`Still failing, stays parked: ${result.error}`);
  else complain(`No parked event of ${projection.readModel.name} at ${position}.`);
  return result.outcome === 'replayed';
}

async function run(context: Context, [command, ...args]: string[]): Promise<boolean> {
  switch (command) {
    case 'list':
      await list(context);
      return true;
    case 'rebuild':
      return rebuild(context, args[0]);
    case 'parked':
      await parked(context, args[0]);
      return true;
    case 'replay':
      return replay(context, args[0], args[1]);
    default:
      throw new UsageError(command ? `Unknown command ${command}` : 'Missing command');
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
    say(USAGE);
    return argv.length === 0 ? 1 : 0;
  }
  const { db, release } = await openDatabase();
  const eventStore = await openEventStore(process.env, db);
  const { projectionStorage: storage, mongo } = await openReadModelStores(process.env, db);
  try {
    await storage.migrate();
    return (await run({ eventStore, storage }, argv)) ? 0 : 1;
  } finally {
    await eventStore.close();
    await mongo?.close();
    await db.close();
    await release();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) complain(`${error.message}\n\n${USAGE}`);
    else if (error instanceof DataDirInUseError) complain(error.message);
    else complain(error instanceof Error ? error.message : String(error));
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
