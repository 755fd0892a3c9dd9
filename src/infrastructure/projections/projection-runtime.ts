import { comparePositions, type EventStore, type Position } from '../../kernel/event-store.port.js';
import type { AnyProjection, DecodeEvent } from './apply-batch.js';
import { CheckpointNotifier, waitForPosition, type CheckpointListener } from './checkpoint-notifier.js';
import { DEFAULT_RUNNER_OPTIONS, type ProjectionLogger, type RunnerOptions } from './projection-runner.js';
import type { ParkedEvent, ProjectionStorage, ReadModelTable } from './projection-storage.js';
import { ProjectionSupervisor, type SupervisorPhase } from './projection-supervisor.js';
import { replayParked, type ReplayResult } from './replay-parked.js';
import { buildProjectionStatus, type ProjectionStatus } from './projection-status.js';

export interface ProjectionRuntimeOptions {
  readonly projections: readonly AnyProjection[];
  readonly eventStore: EventStore;
  /** Where the read models and their checkpoints live (PostgreSQL, MongoDB). */
  readonly storage: ProjectionStorage;
  readonly decode: DecodeEvent;
  readonly logger?: ProjectionLogger;
  readonly runner?: Partial<RunnerOptions>;
  /** How often a projection superseded by a newer deployment looks again. Default 30 s. */
  readonly replanIntervalMs?: number;
  /** waitForPosition polls the stored checkpoints this often, for commits by other instances. Default 100 ms. */
  readonly checkpointPollMs?: number;
}

export class UnknownProjectionError extends Error {
  constructor(readonly projection: string) {
    super(`Unknown projection ${projection}`);
    this.name = 'UnknownProjectionError';
  }
}

/**
 * Runs every projection into its read model (any ProjectionStorage): one supervisor each (live runner, blue-green
 * build runner). Plain class; the composition root wires it into Nest (start on bootstrap, stop on shutdown).
 */
export class ProjectionRuntime {
  private readonly notifier = new CheckpointNotifier();
  private readonly supervisors = new Map<string, ProjectionSupervisor>();
  private readonly options: RunnerOptions;
  private controller: AbortController | undefined;
  private running: Promise<void>[] = [];

  constructor(private readonly config: ProjectionRuntimeOptions) {
    this.options = { ...DEFAULT_RUNNER_OPTIONS, ...config.runner };
    for (const projection of config.projections) this.register(projection);
  }

  /** Resolves once every read model has a live table (queries work), not when they are caught up. */
  async start(): Promise<void> {
    if (this.controller) throw new Error('ProjectionRuntime already started');
    this.controller = new AbortController();
    await this.config.storage.migrate();
    for (const supervisor of this.supervisors.values()) await supervisor.prepare();
    const signal = this.controller.signal;
    this.running = [...this.supervisors.values()].map((supervisor) => supervisor.supervise(signal));
  }

  /** Aborts the subscriptions and waits for batches in flight to commit or roll back. */
  async stop(): Promise<void> {
    this.controller?.abort();
    await Promise.all(this.running);
    this.running = [];
    this.controller = undefined;
  }

  /** Stored checkpoints (another instance may be the one projecting) with this process's runner health. */
  async status(): Promise<ProjectionStatus[]> {
    const [head, parked] = await Promise.all([this.config.eventStore.headPosition(), this.config.storage.parkedCounts()]);
    return Promise.all(
      [...this.supervisors.entries()].map(async ([name, supervisor]) =>
        buildProjectionStatus({
          projection: this.projection(name),
          tables: await this.config.storage.tables(name),
          supervisor: supervisor.status,
          head,
          parked: parked.get(name) ?? 0,
        }),
      ),
    );
  }

  /** Starts a blue-green rebuild of the code's version; queries keep reading the live table until the swap. */
  async rebuild(name: string): Promise<ReadModelTable> {
    const projection = this.projection(name);
    const live = (await this.config.storage.tables(name)).find((table) => table.state === 'live');
    if (live && live.version > projection.readModel.version) throw new Error(`Read model ${name}: a newer version (${live.version}) is live`);
    const build = await this.config.storage.createTable(projection.readModel, 'building');
    if (!build) throw new Error(`Read model ${name} is already being rebuilt`);
    this.supervisors.get(name)?.replan();
    return build;
  }

  listParked(name: string): Promise<ParkedEvent[]> {
    this.projection(name);
    return this.config.storage.listParked(name);
  }

  replayParked(name: string, position: Position): Promise<ReplayResult> {
    const { eventStore, decode } = this.config;
    const deps = { projection: this.projection(name), eventStore, storage: this.config.storage, decode };
    return replayParked({ ...deps, maxEventAttempts: this.options.maxEventAttempts }, position);
  }

  /** Local checkpoint commits, as they happen. Returns an unsubscribe function. */
  onCheckpoint(listener: CheckpointListener): () => void {
    return this.notifier.subscribe(listener);
  }

  /** Read-your-writes: true once every named read model has processed the log up to `position`, false on timeout. */
  waitForPosition(readModels: readonly string[], position: Position, timeoutMs: number): Promise<boolean> {
    return waitForPosition({
      notifier: this.notifier,
      storedCheckpoints: (names) => this.storedOrPassed(names, position),
      readModels,
      position,
      timeoutMs,
      pollIntervalMs: this.config.checkpointPollMs ?? 100,
    });
  }

  /**
   * The stored checkpoints, for waits on commits made by other instances; a read model whose stored checkpoint
   * is short of `position` counts as there when the log holds no event it handles in between (its runner stores
   * a checkpoint-only advance only now and then: see RunnerOptions.checkpointIntervalMs).
   */
  private async storedOrPassed(names: readonly string[], position: Position): Promise<ReadonlyMap<string, Position | undefined>> {
    const stored = new Map(await this.config.storage.liveCheckpoints(names));
    for (const [name, checkpoint] of stored) {
      if (checkpoint !== undefined && comparePositions(checkpoint, position) >= 0) continue;
      const slice = await this.config.eventStore.readAll({ after: checkpoint, maxCount: 1, filter: { eventTypes: this.projection(name).handles } });
      const first = slice.events[0];
      // Positions the store hands out are final: nothing handled can still appear at or before `position`.
      const passed = first ? comparePositions(first.position, position) > 0 : slice.isEnd && slice.next !== undefined && comparePositions(slice.next, position) >= 0;
      if (passed) stored.set(name, position);
    }
    return stored;
  }

  phase(name: string): SupervisorPhase | undefined {
    return this.supervisors.get(name)?.status.phase;
  }

  private register(projection: AnyProjection): void {
    const name = projection.readModel.name;
    if (this.supervisors.has(name)) throw new Error(`Two projections feed read model ${name}`);
    if (projection.handles.length === 0) throw new Error(`Projection ${name} handles no event types`);
    const { eventStore, decode, logger } = this.config;
    const replanIntervalMs = this.config.replanIntervalMs ?? 30_000;
    const deps = { projection, eventStore, storage: this.config.storage, decode, logger, replanIntervalMs };
    this.supervisors.set(name, new ProjectionSupervisor({ ...deps, notifier: this.notifier, options: this.options }));
  }

  private projection(name: string): AnyProjection {
    const projection = this.config.projections.find((candidate) => candidate.readModel.name === name);
    if (!projection) throw new UnknownProjectionError(name);
    return projection;
  }
}
