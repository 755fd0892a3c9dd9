import type { EventStore } from '../../kernel/event-store.port.js';
import type { AnyProjection, DecodeEvent } from './apply-batch.js';
import { DEFAULT_RUNNER_OPTIONS, ProjectionRunner, type ProjectionLogger, type RunnerOptions, type RunnerStatus } from './projection-runner.js';
import type { ProjectionStorage, ReadModelTable } from './projection-storage.js';

export interface RebuildOptions {
  readonly projection: AnyProjection;
  readonly eventStore: EventStore;
  readonly storage: ProjectionStorage;
  readonly decode: DecodeEvent;
  readonly signal: AbortSignal;
  readonly runner?: Partial<RunnerOptions>;
  readonly logger?: ProjectionLogger;
  /** Called with the build table once it is chosen (new or resumed), before any event is applied. */
  readonly onStart?: (build: ReadModelTable) => void | Promise<void>;
  /** Called every progressIntervalMs while the build runs. */
  readonly onProgress?: (status: RunnerStatus) => void;
  readonly progressIntervalMs?: number;
}

/**
 * Chooses the build table of the projection's version: an unfinished build of it is resumed (a rebuild
 * interrupted is not started over); an older one is abandoned; a newer version's is never touched.
 */
export async function buildTableFor(storage: ProjectionStorage, projection: AnyProjection): Promise<ReadModelTable> {
  const { name, version } = projection.readModel;
  const tables = await storage.tables(name);
  const newer = tables.find((table) => table.version > version);
  if (newer) throw new Error(`Read model ${name}: version ${newer.version} (${newer.state}) is newer than this code's ${version}`);
  const building = tables.find((table) => table.state === 'building');
  if (building?.version === version) return building;
  if (building) await storage.dropTable(building.table);
  const created = await storage.createTable(projection.readModel, 'building');
  if (!created) throw new Error(`Read model ${name}: another process started a build at the same moment`);
  return created;
}

/**
 * A blue-green rebuild run to completion (the CLI's `rebuild`): builds the projection's version in a new
 * table from the start of the log while queries keep reading the live one, then swaps it in and drops the
 * old table. Resolves 'swapped', or 'stopped' when the signal aborts (the build stays and can be resumed),
 * or 'gone' when another process swapped or dropped the build meanwhile.
 */
export async function rebuildReadModel(options: RebuildOptions): Promise<'swapped' | 'stopped' | 'gone'> {
  const { projection, eventStore, storage, decode, signal, logger } = options;
  const build = await buildTableFor(storage, projection);
  await options.onStart?.(build);
  const runnerOptions = { ...DEFAULT_RUNNER_OPTIONS, ...options.runner };
  const runner = new ProjectionRunner({ projection, table: build, eventStore, storage, decode, options: runnerOptions, signal, logger });
  const report = () => options.onProgress?.(runner.status);
  const timer = setInterval(report, options.progressIntervalMs ?? 250);
  try {
    return await runner.run();
  } finally {
    clearInterval(timer);
    report();
  }
}
