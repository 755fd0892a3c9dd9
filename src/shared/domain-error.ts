/**
 * A business refusal. Deciders and policies throw these; the HTTP edge maps `kind` to a status once.
 * Messages never carry personal data (no CPR numbers, no names).
 */
export type DomainErrorKind =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'unprocessable'
  | 'locked'
  | 'too_many_requests'
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('conflict', code, message, details);
export const unprocessable = (code: string, message: string, details?: Record<string, unknown>) =>
  new DomainError('unprocessable', code, message, details);
export const notFound = (message = 'Not found') => new DomainError('not_found', 'NOT_FOUND', message);
export const forbidden = (code = 'FORBIDDEN', message = 'Not allowed for this role') =>
  new DomainError('forbidden', code, message);

export interface FieldProblem {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

/** 400 VALIDATION_FAILED in the edge's shape (ARCHITECTURE §6): field paths and reasons, never values. */
export const validationFailed = (fields: readonly FieldProblem[]): DomainError =>
  new DomainError('bad_request', 'VALIDATION_FAILED', 'The request is not valid', { fields });
