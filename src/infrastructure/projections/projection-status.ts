import { comparePositions, type Position } from '../../kernel/event-store.port.js';
import type { AnyProjection } from './apply-batch.js';
import type { ReadModelTable } from './projection-storage.js';
import type { SupervisorPhase, SupervisorStatus } from './projection-supervisor.js';

/** One projection, for health and metrics. Checkpoints are the stored ones: another instance may be projecting. */
export interface ProjectionStatus {
  readonly name: string;
  /** The version in this code. */
  readonly version: number;
  readonly phase: SupervisorPhase;
  readonly liveTable: string | undefined;
  readonly liveVersion: number | undefined;
  readonly checkpoint: Position | undefined;
  /** Newest position in the log. Positions are opaque: lag is "caught up or not", not a count. */
  readonly head: Position | undefined;
  readonly caughtUp: boolean;
  /** Parked events of the live table. */
  readonly parked: number;
  /** False while commits or the subscription keep failing (retried slowly, the process stays up). */
  readonly healthy: boolean;
  readonly lastError: { readonly message: string; readonly at: Date } | undefined;
  readonly build:
    | { readonly table: string; readonly version: number; readonly checkpoint: Position | undefined; readonly processed: number }
    | undefined;
}

export interface StatusInput {
  readonly projection: AnyProjection;
  readonly tables: readonly ReadModelTable[];
  readonly supervisor: SupervisorStatus;
  readonly head: Position | undefined;
  readonly parked: number;
}

/** The runner's position (which may run ahead of the stored checkpoint, in memory) is at or past the stored one. */
const atOrPast = (runner: Position | undefined, stored: Position | undefined): boolean =>
  stored === undefined || (runner !== undefined && comparePositions(runner, stored) >= 0);

/**
 * Caught up when the checkpoint reached the head, or when the runner's last slice was the end of the log:
 * with a type filter the checkpoint may rest short of a head made of events this projection ignores.
 */
export function buildProjectionStatus(input: StatusInput): ProjectionStatus {
  const { projection, tables, supervisor, head } = input;
  const live = tables.find((table) => table.state === 'live');
  const building = tables.find((table) => table.state === 'building');
  const checkpoint = live?.checkpoint;
  const reachedHead = head === undefined || (checkpoint !== undefined && comparePositions(checkpoint, head) >= 0);
  const runners = [supervisor.live, supervisor.build].filter((runner) => runner !== undefined);
  const errors = [supervisor.lastError, ...runners.map((runner) => runner.lastError)].filter((error) => error !== undefined);
  return {
    name: projection.readModel.name,
    version: projection.readModel.version,
    phase: supervisor.phase,
    liveTable: live?.table,
    liveVersion: live?.version,
    checkpoint,
    head,
    caughtUp: reachedHead || (supervisor.live?.caughtUp === true && atOrPast(supervisor.live.checkpoint, checkpoint)),
    parked: input.parked,
    healthy: runners.every((runner) => runner.healthy),
    lastError: errors.sort((a, b) => b.at.getTime() - a.at.getTime())[0],
    build: building && {
      table: building.table,
      version: building.version,
      checkpoint: building.checkpoint,
      processed: supervisor.build?.table === building.table ? supervisor.build.processed : 0,
    },
  };
}
