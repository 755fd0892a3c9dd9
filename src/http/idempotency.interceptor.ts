import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, SetMetadata, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import { conflict, unprocessable } from '../shared/domain-error.js';
import { deterministicUuid } from '../shared/ids.js';
import type { AuthenticatedRequest } from './auth.decorators.js';
import { ReplayedErrorResponse, toErrorResponse, type ErrorBody } from './error-response.js';
import { IDEMPOTENCY_STORE, type IdempotencyStore } from '../kernel/idempotency.port.js';
import { validationFailed } from '../shared/domain-error.js';

const COMMAND_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;
/** A claim this old whose request never finished (it hung) may be taken over by a retry; a crashed owner's at once. */
const STALE_CLAIM_MS = 60_000;
const WAIT_FOR_PENDING_MS = 5_000;

const NOT_REPLAYABLE = 'egrants:not-replayable';
/** A command whose answer holds a secret shown once (a one-time password): its answer is never stored, so a key is ignored. */
export const NotReplayable = () => SetMetadata(NOT_REPLAYABLE, true);

/** Canonical JSON (sorted keys) so that the same body sent twice hashes the same. */
const canonical = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
};
const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

/**
 * Idempotency-Key on commands (API.md): the first answer is stored and a repeat with the same key and body
 * gets it back without running again. The command id derives from the key, so even a repeat that races the
 * first run appends nothing twice (the command runner recognises its own events).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(IDEMPOTENCY_STORE) private readonly store: IdempotencyStore,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { method: string; url: string; body: unknown; headers: Record<string, string | undefined> }>();
    const key = request.headers['idempotency-key'];
    if (!COMMAND_METHODS.has(request.method) || key === undefined || !request.principal) return next.handle();
    if (this.reflector.getAllAndOverride<boolean>(NOT_REPLAYABLE, [context.getHandler(), context.getClass()])) return next.handle();
    if (!KEY_PATTERN.test(key)) {
      throw validationFailed([{ path: 'headers.idempotency-key', code: 'invalid_format', message: 'Must be 1 to 200 visible ASCII characters' }]);
    }
    const scopeKey = sha256([request.principal.userId, request.method, request.url.split('?')[0], key].join('\n'));
    // A file upload (CSV) is hashed as the bytes it is.
    const requestHash = sha256(Buffer.isBuffer(request.body) ? request.body : canonical(request.body));
    request.commandId = deterministicUuid('idempotency-key', scopeKey);
    return this.begin(scopeKey, requestHash).then((replay) => {
      if (replay) return replay;
      return next.handle().pipe(
        mergeMap((body) => from(this.store.complete(scopeKey, 200, body).then(() => body))),
        catchError((error: unknown) => {
          const response = toErrorResponse(error);
          const settle = response.status < 500 ? this.store.complete(scopeKey, response.status, response.body) : this.store.abandon(scopeKey);
          return from(settle.then(() => Promise.reject(error)));
        }),
      );
    });
  }

  /** Claims the key; or returns the stored first answer (after waiting briefly for a run still in progress). */
  private async begin(scopeKey: string, requestHash: string): Promise<Observable<unknown> | null> {
    const deadline = Date.now() + WAIT_FOR_PENDING_MS;
    for (;;) {
      const claim = await this.store.claim(scopeKey, requestHash, new Date(Date.now() - STALE_CLAIM_MS));
      if (claim === 'claimed') return null;
      if (claim.requestHash !== requestHash) {
        throw unprocessable('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request body');
      }
      if (claim.state === 'done') {
        if (claim.status >= 400) throw new ReplayedErrorResponse(claim.status, claim.body as ErrorBody);
        return from([claim.body]);
      }
      if (Date.now() > deadline) throw conflict('IDEMPOTENCY_KEY_IN_PROGRESS', 'A request with this Idempotency-Key is still being processed');
      await sleep(50);
    }
  }
}
