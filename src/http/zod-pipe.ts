import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { DomainError } from '../shared/domain-error.js';

export interface FieldError {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

export const validationFailed = (fields: readonly FieldError[]) =>
  new DomainError('bad_request', 'VALIDATION_FAILED', 'The request is not valid', { fields });

/** Validates a request part against a zod schema; every failure is a 400 naming the offending fields. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.infer<S>> {
  constructor(
    private readonly schema: S,
    private readonly location: 'body' | 'query' | 'params',
  ) {}

  transform(value: unknown): z.infer<S> {
    const result = this.schema.safeParse(value ?? (this.location === 'body' ? undefined : {}));
    if (result.success) return result.data;
    throw validationFailed(
      result.error.issues.map((issue) => ({
        path: [this.location, ...issue.path.map(String)].join('.'),
        code: issue.code,
        // zod's messages name the expectation, never echo the value (which may be a CPR number).
        message: issue.message,
      })),
    );
  }
}
