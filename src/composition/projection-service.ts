import type { EventStore, Position, PositionCheck } from '../kernel/event-store.port.js';
import type { Logger } from '../kernel/logger.js';
import { ProjectionRuntime, UnknownProjectionError } from '../infrastructure/projections/projection-runtime.js';
import type { ProjectionStorage } from '../infrastructure/projections/projection-storage.js';
import type { ReadYourWrites } from '../kernel/read-your-writes.port.js';
import type { ProjectionHealth } from '../operations/metrics.js';
import type { ParkedEventView, ProjectionAdmin } from '../operations/projections-admin.controller.js';
import { allProjections, decodeEvent } from './projections.js';

/** The projection runtime as the HTTP edge and operations see it: read-your-writes, health, parked events. */
export class ProjectionService implements ReadYourWrites, ProjectionAdmin {
  private constructor(
    private readonly runtime: ProjectionRuntime,
    private readonly eventStore: EventStore,
    private readonly clock: () => Date,
  ) {}

  static async start(storage: ProjectionStorage, eventStore: EventStore, logger: Logger, clock: () => Date = () => new Date()): Promise<ProjectionService> {
    const runtime = new ProjectionRuntime({
      projections: allProjections,
      eventStore,
      storage,
      decode: decodeEvent,
      logger: logger.child({ component: 'projections' }),
    });
    await runtime.start();
    return new ProjectionService(runtime, eventStore, clock);
  }

  checkPosition(position: string): Promise<PositionCheck> {
    return this.eventStore.checkPosition(position);
  }

  waitForPosition(readModels: readonly string[], position: string, timeoutMs: number): Promise<boolean> {
    return this.runtime.waitForPosition(readModels, position as Position, timeoutMs);
  }

  async health(): Promise<ProjectionHealth[]> {
    const statuses = await this.runtime.status();
    return Promise.all(
      statuses.map(async (status) => ({
        name: status.name,
        caughtUp: status.caughtUp,
        lagSeconds: status.caughtUp ? 0 : await this.ageOfNextEvent(status.name, status.checkpoint),
        parked: status.parked,
        healthy: status.healthy,
        lastError: status.lastError?.message ?? null,
      })),
    );
  }

  async listParked(projection: string): Promise<ParkedEventView[] | null> {
    try {
      const parked = await this.runtime.listParked(projection);
      return parked.map((event) => ({
        position: event.position,
        eventId: event.eventId,
        eventType: event.eventType,
        streamName: event.streamName,
        error: event.error,
        attempts: event.attempts,
        parkedAt: event.parkedAt.toISOString(),
      }));
    } catch (error) {
      if (error instanceof UnknownProjectionError) return null;
      throw error;
    }
  }

  async replayParked(projection: string, position: string): Promise<'replayed' | 'parked-again' | 'not_found'> {
    try {
      const result = await this.runtime.replayParked(projection, position as Position);
      return result.outcome === 'not-found' ? 'not_found' : result.outcome;
    } catch (error) {
      if (error instanceof UnknownProjectionError) return 'not_found';
      throw error;
    }
  }

  stop(): Promise<void> {
    return this.runtime.stop();
  }

  /** Lag as time: how long the oldest event the projection still has to process has been waiting. */
  private async ageOfNextEvent(name: string, checkpoint: Position | undefined): Promise<number> {
    const projection = allProjections.find((candidate) => candidate.readModel.name === name);
    const { events } = await this.eventStore.readAll({ after: checkpoint, maxCount: 1, filter: { eventTypes: projection?.handles ?? [] } });
    const next = events[0];
    return next ? Math.max(0, (this.clock().getTime() - next.recordedAt.getTime()) / 1000) : 0;
  }
}
