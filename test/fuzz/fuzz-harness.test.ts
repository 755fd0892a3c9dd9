import { describe, expect, it } from '@jest/globals';
import { KnownValues } from './known-values.js';
import { judge } from './oracle.js';
import { readOperations } from './operations.js';
import { generateRequest, type FuzzRequest } from './request-generator.js';
import { redact } from './fuzz-report.js';

/** The harness itself: its oracle refuses what it must, its requests come from the seed, its report hides secrets. */
describe('The fuzz harness', () => {
  const request = (overrides: Partial<FuzzRequest> = {}): FuzzRequest => ({
    operation: { method: 'GET', path: '/api/v1/products', parameters: [], body: undefined },
    role: 'admin',
    method: 'GET',
    url: '/api/v1/products',
    headers: {},
    body: undefined,
    mutations: [],
    consistentWith: false,
    ...overrides,
  });
  const errorBody = (code: string, details: object = {}) => JSON.stringify({ error: { code, message: 'm', details } });

  it('the oracle refuses a 5xx, a 4xx without the error body, and a VALIDATION_FAILED without fields', () => {
    expect(judge(request(), { status: 500, headers: {}, text: errorBody('INTERNAL_ERROR') })).toMatch(/500/);
    expect(judge(request(), { status: 400, headers: {}, text: '{"statusCode":400,"code":"FST_ERR_BAD_URL"}' })).toMatch(/without an error code/);
    expect(judge(request(), { status: 431, headers: {}, text: '' })).toMatch(/without a JSON body/);
    expect(judge(request(), { status: 400, headers: {}, text: errorBody('VALIDATION_FAILED') })).toMatch(/details.fields/);
    expect(judge(request(), { status: 404, headers: {}, text: errorBody('NOT_FOUND') })).toBeNull();
    expect(judge(request(), { status: 200, headers: {}, text: '{}' })).toBeNull();
  });

  it('503 READ_MODEL_BEHIND passes only with Retry-After and only when the request asked for consistentWith', () => {
    const behind = { status: 503, headers: { 'retry-after': '1' }, text: errorBody('READ_MODEL_BEHIND', { retryAfterSeconds: 1 }) };
    expect(judge(request({ consistentWith: true }), behind)).toBeNull();
    expect(judge(request({ consistentWith: false }), behind)).toMatch(/503/);
    expect(judge(request({ consistentWith: true }), { ...behind, headers: {} })).toMatch(/503/);
    expect(judge(request({ consistentWith: true }), { ...behind, text: errorBody('UNAVAILABLE') })).toMatch(/503/);
  });

  it('the same seed draws the same request; another seed, mostly another', async () => {
    const operations = await readOperations();
    const known = new KnownValues();
    known.seed('citizen', ['00000000-0000-4000-8000-000000000001']);
    const context = { known, admitted: () => [], refused: () => [] };
    const draws = (seed: number) => JSON.stringify(generateRequest(seed, operations, context));
    for (const seed of [1, 2, 3, 42]) expect(draws(seed)).toEqual(draws(seed));
    expect(new Set([1, 2, 3, 4, 5, 6, 7, 8].map(draws)).size).toBeGreaterThan(6);
  });

  it('every operation of the document is drawn within a thousand requests', async () => {
    const operations = await readOperations();
    const context = { known: new KnownValues(), admitted: () => [], refused: () => [] };
    const drawn = new Set(Array.from({ length: 1_000 }, (_, i) => generateRequest(i, operations, context).operation));
    expect(operations.filter((operation) => !drawn.has(operation)).map((o) => `${o.method} ${o.path}`)).toEqual([]);
    expect(operations.length).toBeGreaterThan(50);
  });

  it('the report hides passwords, tokens and CPR-shaped numbers', () => {
    const text = redact('{"cpr":"0101901234","password":"hemmelig-kode","newPassword":"x","token":"abc","q":"010190-1234"}');
    expect(text).not.toMatch(/0101901234|010190-1234|hemmelig|"abc"/);
    expect(text).toContain('"password":"[redacted]"');
  });
});
