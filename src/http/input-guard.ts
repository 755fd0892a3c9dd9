import type { FieldProblem } from '../shared/domain-error.js';

/**
 * What no route can store, refused once at the edge, before any route, guard or interceptor sees the request:
 * - U+0000 in a string: PostgreSQL refuses it in text and jsonb, so it failed deep inside a command (a 500,
 *   sometimes after a reservation was written);
 * - an unpaired surrogate (`"\udfff"` is valid JSON, but not Unicode text): jsonb refuses it the same way;
 * - nesting deeper than any route's schema: hashing a body for its Idempotency-Key recursed until the stack
 *   overflowed at a depth of about 3,000.
 * Object keys are checked like values. The walk is iterative, so no depth overflows it.
 */
export const MAX_DEPTH = 32;

/** The first problem in a request part (body, query or params), with its field path; null when there is none. */
export function unsafeInput(location: string, value: unknown): FieldProblem | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: location, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value: current, path, depth } = next;
    if (typeof current === 'string') {
      const problem = unsafeText(current);
      if (problem) return { path, ...problem };
      continue;
    }
    // Buffers (a CSV file) are read by their own parser, which refuses what it cannot read.
    if (current === null || typeof current !== 'object' || Buffer.isBuffer(current)) continue;
    if (depth >= MAX_DEPTH) return { path, code: 'too_deep', message: `Nested deeper than ${MAX_DEPTH} levels` };
    for (const [key, child] of Object.entries(current)) {
      const problem = unsafeText(key);
      if (problem) return { path, code: problem.code, message: `A field name: ${problem.message.toLowerCase()}` };
      stack.push({ value: child, path: `${path}.${key}`, depth: depth + 1 });
    }
  }
  return null;
}

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (UTF-16 code units). */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function unsafeText(text: string): Omit<FieldProblem, 'path'> | null {
  if (text.includes('\u0000')) return { code: 'invalid_character', message: 'Must not contain the NUL character (U+0000)' };
  if (UNPAIRED_SURROGATE.test(text)) return { code: 'invalid_character', message: 'Must be Unicode text (an unpaired surrogate was found)' };
  return null;
}
