import { Inject, Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import { DomainError } from '../shared/domain-error.js';
import { validationFailed } from '../shared/domain-error.js';
import { READ_YOUR_WRITES, type ReadYourWrites } from '../kernel/read-your-writes.port.js';

/** The read models a query route answers from; `consistentWith` waits for these. */
export const READS_FROM = 'egrants:reads-from';
export const ReadsFrom = (...readModels: string[]) => SetMetadata(READS_FROM, readModels);


const POSITION_PATTERN = /^[0-9A-Za-z:_-]{1,100}$/;
const WAIT_MS = 5_000;

/**
 * Read-your-writes (API.md): a query with `?consistentWith=<position>` (or `X-Consistent-With`) answers only
 * once its read models reflect that position, waiting up to 5 s, else 503 READ_MODEL_BEHIND with Retry-After.
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
    const position = request.query?.consistentWith ?? request.headers['x-consistent-with'];
    if (!readModels || position === undefined) return next.handle();
    if (typeof position !== 'string' || !POSITION_PATTERN.test(position)) {
      throw validationFailed([{ path: 'query.consistentWith', code: 'invalid_format', message: 'Not a position returned by this service' }]);
    }
    if (!(await this.projections.waitForPosition(readModels, position, WAIT_MS))) {
      throw new DomainError('unavailable', 'READ_MODEL_BEHIND', 'The read model has not caught up yet; retry shortly', { retryAfterSeconds: 1 });
    }
    return next.handle();
  }
}
