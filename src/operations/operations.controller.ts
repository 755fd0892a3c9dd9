import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import { Public } from '../http/auth.decorators.js';
import { METRICS, PROJECTION_MONITOR, type Metrics, type ProjectionMonitor } from './metrics.js';

/** Probes the readiness check runs: the stores answer. */
export interface StoreProbe {
  ping(): Promise<void>;
}
export const STORE_PROBE = Symbol('StoreProbe');

/** A projection whose oldest unprocessed event is older than this is not ready to serve. */
export const READY_LAG_SECONDS = 30;

interface ReplyLike {
  status(code: number): ReplyLike;
  send(body: unknown): void;
}

/** Health and metrics, outside /api/v1 and without auth, for the platform's probes and scrapers. */
@Controller()
@Public()
export class OperationsController {
  constructor(
    @Inject(METRICS) private readonly metrics: Metrics,
    @Inject(PROJECTION_MONITOR) private readonly projections: ProjectionMonitor,
    @Inject(STORE_PROBE) private readonly stores: StoreProbe,
  ) {}

  @Get('health/live')
  live() {
    return { status: 'ok' };
  }

  @Get('health/ready')
  async ready(@Res() reply: ReplyLike) {
    const checks: Record<string, string> = {};
    try {
      await this.stores.ping();
      checks.stores = 'ok';
    } catch {
      checks.stores = 'unreachable';
    }
    const projections = await this.projections.health().catch(() => null);
    if (!projections) checks.projections = 'unknown';
    for (const projection of projections ?? []) {
      checks[`projection:${projection.name}`] = !projection.healthy
        ? 'failing'
        : projection.lagSeconds <= READY_LAG_SECONDS
          ? 'ok'
          : `behind by ${Math.round(projection.lagSeconds)} s`;
    }
    const ready = Object.values(checks).every((value) => value === 'ok');
    reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  async scrape() {
    return this.metrics.registry.metrics();
  }
}
