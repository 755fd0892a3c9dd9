import type { EventStore } from '../../kernel/event-store.port.js';
import type { AnyProjection, DecodeEvent } from './apply-batch.js';
import type { CheckpointNotifier } from './checkpoint-notifier.js';
import { planProjection, type ProjectionPlan } from './projection-plan.js';
import { ProjectionRunner, type ProjectionLogger, type RunnerOptions, type RunnerStatus } from './projection-runner.js';
import type { ProjectionStorage, ReadModelTable } from './projection-storage.js';
import { backoff, childController, errorMessage, sleep } from './timing.js';

export interface SupervisorDependencies {
  readonly projection: AnyProjection;
  readonly eventStore: EventStore;
  readonly storage: ProjectionStorage;
  readonly decode: DecodeEvent;
  readonly notifier: CheckpointNotifier;
  readonly options: RunnerOptions;
  /** How often a superseded projection looks again (a newer deployment may have been rolled back). */
  readonly replanIntervalMs: number;
  readonly logger?: ProjectionLogger;
}

export type SupervisorPhase = 'starting' | 'running' | 'superseded' | 'stopped';

export interface SupervisorStatus {
  readonly phase: SupervisorPhase;
  readonly live: RunnerStatus | undefined;
  readonly build: RunnerStatus | undefined;
  readonly lastError: { readonly message: string; readonly at: Date } | undefined;
}

const MAX_SETTLE_ROUNDS = 5;

/**
 * Keeps one projection's read model running: plans from the registry, runs a live runner and/or a build
 * runner, and plans again whenever one of them ends (a swap here or elsewhere, a rebuild request).
 */
export class ProjectionSupervisor {
  private phase: SupervisorPhase = 'starting';
  private live: ProjectionRunner | undefined;
  private build: ProjectionRunner | undefined;
  private round: AbortController | undefined;
  private lastError: SupervisorStatus['lastError'];

  constructor(private readonly deps: SupervisorDependencies) {}

  get status(): SupervisorStatus {
    return { phase: this.phase, live: this.live?.status, build: this.build?.status, lastError: this.lastError };
  }

  /** Settles the tables the plan needs, so a live table exists (for queries) once this resolves. */
  async prepare(): Promise<ProjectionPlan> {
    const { projection, storage } = this.deps;
    for (let round = 0; round < MAX_SETTLE_ROUNDS; round++) {
      const plan = planProjection(projection.readModel.version, await storage.tables(projection.readModel.name));
      for (const table of plan.drop) await storage.dropTable(table);
      if (plan.kind === 'superseded') this.phase = 'superseded';
      if (plan.kind !== 'create') return plan;
      // Undefined when another instance created one at the same moment: the next round plans with it.
      const created = await storage.createTable(projection.readModel, plan.state);
      if (created) this.log('info', { table: created.table, state: created.state }, 'read model table created');
    }
    throw new Error(`Read model ${projection.readModel.name}: tables did not settle`);
  }

  /** Runs until the signal aborts; never rejects. */
  async supervise(signal: AbortSignal): Promise<void> {
    for (let failures = 0; !signal.aborted; ) {
      try {
        const plan = await this.prepare();
        if (plan.kind === 'superseded') {
          this.phase = 'superseded';
          await sleep(this.deps.replanIntervalMs, signal);
        } else if (plan.kind === 'run') {
          this.phase = 'running';
          await this.runRound(plan, signal);
        }
        failures = 0;
      } catch (error) {
        if (signal.aborted) break;
        this.lastError = { message: errorMessage(error), at: new Date() };
        this.log('warn', { error: this.lastError.message }, 'projection planning failed; retrying');
        await sleep(backoff(++failures, this.deps.options.retryBaseMs, this.deps.options.slowRetryMs), signal);
      }
    }
    this.phase = 'stopped';
  }

  /** Ends the current round so that the next plan sees a change made in this process (a rebuild request). */
  replan(): void {
    this.round?.abort();
  }

  private async runRound(plan: Extract<ProjectionPlan, { kind: 'run' }>, signal: AbortSignal): Promise<void> {
    const { controller, release } = childController(signal);
    this.round = controller;
    this.live = plan.live && this.runner(plan.live, controller.signal);
    this.build = plan.build && this.runner(plan.build, controller.signal);
    const runs = [this.live, this.build].filter((runner) => runner !== undefined).map((runner) => runner.run());
    try {
      // Whichever ends first (a swap, a table gone) changed the registry: stop the other and plan again.
      const exit = await Promise.race(runs);
      if (exit === 'swapped') this.log('info', { table: plan.build?.table }, 'rebuilt read model swapped in');
    } finally {
      controller.abort();
      await Promise.all(runs);
      release();
    }
  }

  private runner(table: ReadModelTable, signal: AbortSignal): ProjectionRunner {
    const { notifier, ...deps } = this.deps;
    return new ProjectionRunner({ ...deps, table, signal, onCheckpoint: (readModel, checkpoint) => notifier.publish(readModel, checkpoint) });
  }

  private log(level: 'info' | 'warn', fields: Record<string, unknown>, message: string): void {
    this.deps.logger?.[level]({ projection: this.deps.projection.readModel.name, ...fields }, message);
  }
}
