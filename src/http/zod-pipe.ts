import { Body, Injectable, Param, Query, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import { validationFailed } from '../shared/domain-error.js';

const LOCATION: Record<string, string> = { body: 'body', query: 'query', param: 'params' };

/**
 * Validates a request part against the zod schema its decorator declares (`@ValidBody(schema)` …); every
 * failure is a 400 naming the offending fields. The same schema documents the route in OpenAPI.
 */
@Injectable()
export class SchemaValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    const schema = metadata.schema as z.ZodType | undefined;
    if (!schema) return value;
    const location = LOCATION[metadata.type] ?? metadata.type;
    const result = schema.safeParse(value ?? (location === 'body' ? undefined : {}));
    if (result.success) return result.data;
    throw validationFailed(
      result.error.issues.map((issue) => ({
        path: [location, ...issue.path.map(String)].join('.'),
        code: issue.code,
        // zod's messages name the expectation, never echo the value (which may be a CPR number).
        message: issue.message,
      })),
    );
  }
}

export const ValidBody = (schema: z.ZodType) => Body({ schema, pipes: [SchemaValidationPipe] });
export const ValidQuery = (schema: z.ZodType) => Query({ schema, pipes: [SchemaValidationPipe] });
export const ValidParams = (schema: z.ZodType) => Param({ schema, pipes: [SchemaValidationPipe] });
