import { Inject, Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { DomainError, validationFailed } from '../shared/domain-error.js';
import type { PositionCheck } from '../kernel/event-store.port.js';
import { READ_YOUR_WRITES, type ReadYourWrites } from '../kernel/read-your-writes.port.js';

/** The read models a query route answers from; `consistentWith` waits for these. */
export const READS_FROM = 'egrants:reads-from';
export const ReadsFrom = (...readModels: string[]) => SetMetadata(READS_FROM, readModels);

const WAIT_MS = 5_000;

/** Why a position is refused, as the field problem of a 400 VALIDATION_FAILED. */
const REFUSALS: Record<Exclude<PositionCheck, 'written'>, { readonly code: string; readonly message: string }> = {
  malformed: { code: 'invalid_format', message: 'Not a position as this service gives them out' },
  unwritten: { code: 'unknown_position', message: 'Not a position this service has given out: it lies beyond every event written' },
};

/**
 * Read-your-writes (API.md): a query with `?consistentWith=<position>` (or `X-Consistent-With`) answers only
 * once its read models reflect that position, waiting up to 5 s, else 503 READ_MODEL_BEHIND with Retry-After.
 * A position the service cannot have given out is the client's mistake and answers 400 at once: malformed for
 * the configured event store (`invalid_format`), or beyond the newest event it has written (`unknown_position`),
 * which no read model could reach within the wait — holding such a request would only tie up the server.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(READ_YOUR_WRITES) private readonly projections: ReadYourWrites,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const readModels = this.reflector.get<string[] | undefined>(READS_FROM, context.getHandler());
    const request = context.switchToHttp().getRequest<{ query?: Record<string, unknown>; headers: Record<string, string | undefined> }>();
    const inQuery = request.query?.consistentWith !== undefined;
    const position = inQuery ? request.query?.consistentWith : request.headers['x-consistent-with'];
    if (!readModels || position === undefined) return next.handle();
    const path = inQuery ? 'query.consistentWith' : 'header.x-consistent-with';
    // A repeated query parameter arrives as an array: no position either.
    const check = typeof position === 'string' ? await this.projections.checkPosition(position) : 'malformed';
    if (check !== 'written') throw validationFailed([{ path, ...REFUSALS[check] }]);
    if (!(await this.projections.waitForPosition(readModels, String(position), WAIT_MS))) {
      throw new DomainError('unavailable', 'READ_MODEL_BEHIND', 'The read model has not caught up yet; retry shortly', { retryAfterSeconds: 1 });
    }
    return next.handle();
  }
}
