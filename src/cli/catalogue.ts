/**
 * Catalogue maintenance: npm run catalogue -- <command>
 *   import <file> [--json]     import the supplier's product file (CSV, or JSON with --json or a .json name)
 * Appends the product events only; the service projects them into the products read model when it next
 * runs (this tool starts no projections). Connects to DATABASE_URL (a PostgreSQL server, shareable with the
 * running service) or else opens the PGlite files in DATA_DIR (default ./data), which only works while the
 * service is stopped.
 *
 * Exit codes: 0 imported (also when some rows were rejected), 1 the file was refused as a whole or the import
 * failed, 2 usage error (also: the file cannot be read).
 */
import { complain, say } from './terminal.js';
import cliProgress from 'cli-progress';
import { mkdir, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseCatalogueFile, type CatalogueFileFormat, type ParsedCatalogueFile } from '../catalogue/catalogue-file.js';
import { CatalogueImporter, type ImportReport } from '../catalogue/catalogue-import.js';
import { createEventRegistry } from '../composition/event-registry.js';
import { CommandRunner } from '../kernel/command-runner.js';
import type { CommandContext } from '../kernel/command-context.js';
import { openEventStore } from '../composition/stores.js';
import type { EventStore } from '../kernel/event-store.port.js';
import { DataDirInUseError } from '../infrastructure/sql/data-dir-lock.js';
import { openPgDatabase } from '../infrastructure/sql/pg-database.js';
import { openPgliteDatabase } from '../infrastructure/sql/pglite-database.js';
import type { SqlDatabase } from '../infrastructure/sql/sql-database.js';
import { DomainError } from '../shared/domain-error.js';
import { newId } from '../shared/ids.js';

const USAGE = `Usage: npm run catalogue -- <command>
  import <file> [--json]     import a product file: ";"-separated CSV, or JSON with --json or a .json file name
Connects to DATABASE_URL, or else opens the PGlite files in DATA_DIR (default ./data) —
PGlite cannot be opened while the service holds it: stop the service first.
The service projects the imported products when it next runs.`;

/** Rejected rows listed in the summary; the rest are counted. */
const REJECTIONS_SHOWN = 20;
/** The importer keeps up to 8 appends in flight. */
const MAX_CONNECTIONS = 8;

class UsageError extends Error {}

/** The file cannot be read as a product file at all (the 400 of the HTTP route). */
class FileRefusedError extends Error {
  constructor(readonly refusal: DomainError) {
    const details = Object.keys(refusal.details).length > 0 ? ` ${JSON.stringify(refusal.details)}` : '';
    super(`File refused: ${refusal.code}: ${refusal.message}${details}`);
  }
}

interface ImportArguments {
  readonly path: string;
  readonly format: CatalogueFileFormat;
}

function importArguments(args: readonly string[]): ImportArguments {
  const flags = args.filter((arg) => arg.startsWith('-'));
  const unknown = flags.filter((flag) => flag !== '--json');
  if (unknown.length > 0) throw new UsageError(`Unknown option ${unknown.join(', ')}`);
  const paths = args.filter((arg) => !arg.startsWith('-'));
  if (paths.length === 0) throw new UsageError('Missing file');
  if (paths.length > 1) throw new UsageError(`One file at a time, got ${paths.length}`);
  const path = paths[0]!;
  const json = flags.includes('--json') || extname(path).toLowerCase() === '.json';
  return { path, format: json ? 'json' : 'csv' };
}

async function readCatalogueFile({ path, format }: ImportArguments): Promise<ParsedCatalogueFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : code === 'EACCES' ? 'permission denied' : String(code);
    throw new UsageError(`Cannot read ${path}: ${reason}`);
  }
  try {
    return parseCatalogueFile(bytes, format);
  } catch (error) {
    throw error instanceof DomainError ? new FileRefusedError(error) : error;
  }
}

async function openDatabase(): Promise<SqlDatabase> {
  const url = process.env.DATABASE_URL;
  if (url) return openPgDatabase({ connectionString: url, maxConnections: MAX_CONNECTIONS });
  const dataDir = process.env.DATA_DIR || './data';
  await mkdir(dataDir, { recursive: true });
  // openPgliteDatabase takes the data directory's lock: refused while the service holds it.
  return openPgliteDatabase({ dataDir });
}

function cliContext(): CommandContext {
  const correlationId = newId();
  return {
    commandId: newId(),
    correlationId,
    causationId: correlationId,
    actor: { userId: 'cli', role: 'admin', municipalityId: null },
    now: new Date(),
  };
}

async function importFile(args: readonly string[]): Promise<void> {
  const target = importArguments(args);
  // The file first: a refused file or a usage error never opens (or locks) the store.
  const file = await readCatalogueFile(target);
  say(`${target.path}: ${file.rows.length} valid rows, ${file.rejected.length} rejected (${file.format.toUpperCase()})`);

  const db = await openDatabase();
  let eventStore: EventStore | undefined;
  const bar = new cliProgress.SingleBar(
    { format: 'import |{bar}| {value}/{total} rows | {duration_formatted} | ETA {eta_formatted}' },
    cliProgress.Presets.shades_classic,
  );
  try {
    eventStore = await openEventStore(process.env, db);
    const importer = new CatalogueImporter(eventStore, new CommandRunner(eventStore, createEventRegistry()));
    const started = performance.now();
    bar.start(file.rows.length, 0);
    const report = await importer.import(file, cliContext(), (done, total) => {
      bar.setTotal(total);
      bar.update(done);
    });
    bar.stop();
    printSummary(report, (performance.now() - started) / 1000);
  } finally {
    bar.stop();
    await eventStore?.close();
    await db.close();
  }
}

function printSummary(report: ImportReport, seconds: number): void {
  say(
    [
      `accepted   ${report.accepted}`,
      `  added     ${report.added}`,
      `  changed   ${report.changed}`,
      `  unchanged ${report.unchanged}`,
      `rejected   ${report.rejected.length}`,
      `elapsed    ${seconds.toFixed(1)} s`,
    ].join('\n'),
  );
  if (report.rejected.length > 0) {
    const shown = report.rejected.slice(0, REJECTIONS_SHOWN);
    say(`\nRejected rows${report.rejected.length > shown.length ? ` (first ${shown.length} of ${report.rejected.length})` : ''}:`);
    console.table(shown.map((rejection) => ({ row: rejection.row, code: rejection.code, itemNumber: rejection.itemNumber ?? '', message: rejection.message })));
  }
  say(
    report.position
      ? `\nLast event at ${report.position}. The service projects the changes into the catalogue when it next runs.`
      : '\nNothing changed: no events appended.',
  );
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (command === '--help' || command === '-h') {
    say(USAGE);
    return 0;
  }
  if (command === undefined) throw new UsageError('Missing command');
  if (command !== 'import') throw new UsageError(`Unknown command ${command}`);
  await importFile(args);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) complain(`${error.message}\n\n${USAGE}`);
    else if (error instanceof FileRefusedError || error instanceof DataDirInUseError) complain(error.message);
    else complain(error instanceof Error ? error.message : String(error));
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);

