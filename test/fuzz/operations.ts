/**
 * The operations the fuzzer walks, read from the OpenAPI document at run time, so a route added to the service is
 * fuzzed without anyone listing it here. The document is the generated web/src/api/openapi.json, which
 * `npm run api:check` keeps equal to what the service's routes describe: under tsx (the CLI) the service's own
 * /api/docs-json lacks the decorator metadata its schemas come from.
 */
import { readFile } from 'node:fs/promises';

/** The subset of JSON Schema (OpenAPI 3.0) the service's zod schemas are written out as. */
export interface Schema {
  readonly type?: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  readonly nullable?: boolean;
  readonly enum?: readonly unknown[];
  readonly anyOf?: readonly Schema[];
  readonly oneOf?: readonly Schema[];
  readonly properties?: Readonly<Record<string, Schema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | Schema;
  readonly items?: Schema;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly format?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: boolean | number;
  readonly exclusiveMaximum?: boolean | number;
}

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema: Schema;
}

export interface Operation {
  readonly method: string;
  /** As the document writes it: `/api/v1/citizens/{id}`. */
  readonly path: string;
  readonly parameters: readonly Parameter[];
  /** The JSON body's schema; undefined when the document gives none (the CSV/JSON catalogue import gives none). */
  readonly body: Schema | undefined;
}

export const OPENAPI_DOCUMENT = new URL('../../web/src/api/openapi.json', import.meta.url);

interface Document {
  readonly paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>>;
}

export async function readOperations(url: URL = OPENAPI_DOCUMENT): Promise<Operation[]> {
  const document = JSON.parse(await readFile(url, 'utf8')) as Document;
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      parameters: (operation.parameters ?? []).map((parameter) => ({ ...parameter, required: parameter.required ?? false })),
      body: operation.requestBody?.content?.['application/json']?.schema,
    })),
  );
}

/** Commands take an Idempotency-Key; queries take consistentWith (API.md). */
export const isCommand = (operation: Operation): boolean => operation.method !== 'GET';
