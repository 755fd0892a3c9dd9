import { Catch, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { LOGGER, type Logger } from '../kernel/logger.js';
import { toErrorResponse } from './error-response.js';

interface ReplyLike {
  status(code: number): ReplyLike;
  header(name: string, value: string): ReplyLike;
  send(body: unknown): void;
}

/** Every error leaves as `{ error: { code, message, details } }`; only our own faults are 5xx, and those are logged. */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<ReplyLike>();
    const request = host.switchToHttp().getRequest<{ correlationId?: string; method?: string; routeOptions?: { url?: string } }>();
    const response = toErrorResponse(error);
    if (response.status >= 500) {
      this.logger.error({ err: error, correlationId: request.correlationId, method: request.method, route: request.routeOptions?.url }, 'request failed');
    }
    reply.status(response.status);
    for (const [name, value] of Object.entries(response.headers ?? {})) reply.header(name, value);
    reply.send(response.body);
  }
}
