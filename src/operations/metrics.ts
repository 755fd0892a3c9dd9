import { Histogram, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppendResult, EventStore, ExpectedRevision, NewEvent } from '../kernel/event-store.port.js';

/** What operations needs to know of the projections (implemented by the projection runtime). */
export interface ProjectionHealth {
  readonly name: string;
  readonly caughtUp: boolean;
  /** Age of the oldest event the projection has not processed yet; 0 when caught up. */
  readonly lagSeconds: number;
  readonly parked: number;
  /** False while the projection's commits or subscription keep failing. */
  readonly healthy: boolean;
  readonly lastError: string | null;
}

export interface ProjectionMonitor {
  health(): Promise<readonly ProjectionHealth[]>;
}
export const PROJECTION_MONITOR = Symbol('ProjectionMonitor');

/** What operations needs to know of the reactions (cross-stream effects run from the log). */
export interface ReactionMonitor {
  parked(): Promise<ReadonlyArray<{ readonly name: string; readonly parked: number }>>;
}

/**
 * Prometheus metrics. Labels are route patterns, methods, statuses and projection names only: never a path
 * with an id or a query string in it, so no personal data can end up in a label.
 */
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request latency by route pattern',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly appendDuration = new Histogram({
    name: 'event_store_append_duration_seconds',
    help: 'Latency of one append to the event store',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  private monitor: ProjectionMonitor | undefined;
  private reactions: ReactionMonitor | undefined;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const health = async () => (await this.monitor?.health()) ?? [];
    new Gauge({
      name: 'projection_lag_seconds',
      help: 'Age of the oldest event the projection has not processed yet (0 when caught up)',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        for (const projection of await health()) this.set({ projection: projection.name }, projection.lagSeconds);
      },
    });
    new Gauge({
      name: 'projection_parked_events',
      help: 'Events the projection could not handle and parked',
      labelNames: ['projection'] as const,
      registers: [this.registry],
      async collect() {
        for (const projection of await health()) this.set({ projection: projection.name }, projection.parked);
      },
    });
    const reactions = async () => (await this.reactions?.parked()) ?? [];
    new Gauge({
      name: 'reaction_parked_events',
      help: 'Events a reaction could not handle and parked (their effects on other streams are pending)',
      labelNames: ['reaction'] as const,
      registers: [this.registry],
      async collect() {
        for (const reaction of await reactions()) this.set({ reaction: reaction.name }, reaction.parked);
      },
    });
  }

  watchProjections(monitor: ProjectionMonitor): void {
    this.monitor = monitor;
  }

  watchReactions(monitor: ReactionMonitor): void {
    this.reactions = monitor;
  }

  /** Wraps an event store so that every append is timed. */
  instrument(store: EventStore): EventStore {
    const appendDuration = this.appendDuration;
    return Object.assign(Object.create(store) as EventStore, {
      async appendToStream(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
        const end = appendDuration.startTimer();
        try {
          const result = await store.appendToStream(streamName, events, expected);
          end({ outcome: 'ok' });
          return result;
        } catch (error) {
          end({ outcome: 'error' });
          throw error;
        }
      },
    });
  }
}

export const METRICS = Symbol('Metrics');
