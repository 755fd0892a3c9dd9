import { WrongExpectedRevisionError } from '../kernel/event-store.port.js';
import { STORE_RETRY_AFTER_SECONDS, StoreUnavailableError } from '../kernel/store-unavailable.js';
import { DomainError, type DomainErrorKind } from '../shared/domain-error.js';

/** The one mapping from a refusal to an HTTP answer: `{ error: { code, message, details } }`. */
export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string; readonly details: Record<string, unknown> };
}

export interface ErrorResponse {
  readonly status: number;
  readonly body: ErrorBody;
  readonly headers?: Record<string, string>;
}

const STATUS: Record<DomainErrorKind, number> = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  locked: 423,
  too_many_requests: 429,
  unavailable: 503,
};

const body = (code: string, message: string, details: Record<string, unknown> = {}): ErrorBody => ({ error: { code, message, details } });

/** Framework and parser errors that a client can cause, by Fastify error code. */
const CLIENT_ERRORS: Record<string, { status: number; code: string; message: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported content type' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', message: 'Request body too large' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', message: 'Empty JSON body' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'MALFORMED_JSON', message: 'The body is not valid JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_REQUEST', message: 'Invalid content length' },
};

const HTTP_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  408: 'REQUEST_TIMEOUT',
  413: 'PAYLOAD_TOO_LARGE',
  414: 'URI_TOO_LONG',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_REQUESTS',
  431: 'HEADERS_TOO_LARGE',
};

export function toErrorResponse(error: unknown): ErrorResponse {
  if (error instanceof ReplayedErrorResponse) return { status: error.status, body: error.body };
  if (error instanceof DomainError) {
    const headers = (error.kind === 'unavailable' || error.kind === 'too_many_requests') && typeof error.details.retryAfterSeconds === 'number'
      ? { 'retry-after': String(error.details.retryAfterSeconds) }
      : undefined;
    return { status: STATUS[error.kind], body: body(error.code, error.message, error.details), headers };
  }
  // Concurrent writers kept winning over every retry of the command: nothing was written, the client may retry.
  if (error instanceof WrongExpectedRevisionError) {
    return { status: 409, body: body('CONCURRENT_MODIFICATION', 'Others changed the same record at the same moment; nothing was changed, please retry') };
  }
  // The database went away (restart, outage). A command may or may not have been recorded before it did: sent
  // again with the same Idempotency-Key it takes effect once either way.
  if (error instanceof StoreUnavailableError) {
    return {
      status: 503,
      body: body('STORE_UNAVAILABLE', 'The service cannot reach its database just now. Please retry (a command with the same Idempotency-Key takes effect once).', { retryAfterSeconds: STORE_RETRY_AFTER_SECONDS }),
      headers: { 'retry-after': String(STORE_RETRY_AFTER_SECONDS) },
    };
  }
  const candidate = error as { code?: unknown; statusCode?: unknown; status?: unknown; getStatus?: () => number; cause?: unknown };
  // Nest wraps Fastify's parser errors in an HttpException; the original says more (e.g. malformed JSON).
  if (candidate.cause instanceof Error) {
    const cause = toErrorResponse(candidate.cause);
    if (cause.status < 500 && cause.body.error.code !== 'BAD_REQUEST') return cause;
  }
  if (typeof candidate.code === 'string' && CLIENT_ERRORS[candidate.code]) {
    const known = CLIENT_ERRORS[candidate.code]!;
    return { status: known.status, body: body(known.code, known.message) };
  }
  if (error instanceof SyntaxError) return { status: 400, body: body('MALFORMED_JSON', 'The body is not valid JSON') };
  const status =
    typeof candidate.getStatus === 'function' ? candidate.getStatus() : typeof candidate.statusCode === 'number' ? candidate.statusCode : undefined;
  if (status !== undefined && status >= 400 && status < 500) {
    const code = HTTP_CODES[status] ?? 'BAD_REQUEST';
    const message = status === 404 ? 'Not found' : code.toLowerCase().replace(/_/g, ' ');
    return { status, body: body(code, message.charAt(0).toUpperCase() + message.slice(1)) };
  }
  return { status: 500, body: body('INTERNAL_ERROR', 'Something went wrong on our side. The request may be retried.') };
}

/** A stored answer replayed for a repeated Idempotency-Key: rendered exactly as first sent. */
export class ReplayedErrorResponse extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
  ) {
    super('Replayed response');
  }
}
