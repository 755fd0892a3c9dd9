import { Controller, Get, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow } from '../http/auth.decorators.js';
import { ValidParams } from '../http/zod-pipe.js';
import { notFound } from '../shared/domain-error.js';
import { parkedEventsAnswer, projectionsAnswer, replayAnswer } from './projections.answers.js';
import type { ProjectionMonitor } from './metrics.js';

export interface ParkedEventView {
  readonly position: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly streamName: string;
  readonly error: string;
  readonly attempts: number;
  readonly parkedAt: string;
}

/** What administrators can see and do about the projections (implemented by the projection runtime). */
export interface ProjectionAdmin extends ProjectionMonitor {
  listParked(projection: string): Promise<readonly ParkedEventView[] | null>;
  replayParked(projection: string, position: string): Promise<'replayed' | 'parked-again' | 'not_found'>;
}
export const PROJECTION_ADMIN = Symbol('ProjectionAdmin');

const nameParam = z.object({ name: z.string().regex(/^[a-z0-9-]{1,60}$/, 'not a projection name') });
const parkedParam = nameParam.extend({ position: z.string().regex(/^[0-9A-Za-z:_-]{1,100}$/, 'not a position') });

/** Projection status, parked events and their replay, for the supplier's administrators. */
@Controller('admin/projections')
@Allow('admin')
export class ProjectionsAdminController {
  constructor(@Inject(PROJECTION_ADMIN) private readonly projections: ProjectionAdmin) {}

  @Get()
  @ApiOkResponse({ standardSchema: projectionsAnswer })
  async list() {
    return { items: await this.projections.health() };
  }

  @Get(':name/parked')
  @ApiOkResponse({ standardSchema: parkedEventsAnswer })
  async parked(@ValidParams(nameParam) { name }: z.infer<typeof nameParam>) {
    const items = await this.projections.listParked(name);
    if (!items) throw notFound('Projection not found');
    return { items };
  }

  @Post(':name/parked/:position/replay')
  @HttpCode(200)
  @ApiOkResponse({ standardSchema: replayAnswer })
  async replay(@ValidParams(parkedParam) { name, position }: z.infer<typeof parkedParam>) {
    const outcome = await this.projections.replayParked(name, position);
    if (outcome === 'not_found') throw notFound('Parked event not found');
    return { outcome };
  }
}
