/**
 * What every answer to a fuzzed request must be (API.md: "Never a 5xx for anything a client sends"):
 * - no 5xx, except the one documented transient below;
 * - every 4xx is the project's error body, `{ error: { code, message, details } }` with a code, and a 400
 *   VALIDATION_FAILED names its fields;
 * - an answer at all, within the time limit.
 */
import type { FuzzRequest } from './request-generator.js';

export interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly text: string;
}

/** The problem with an answer, or null when it is as the contract says. */
export function judge(request: FuzzRequest, answer: Answer): string | null {
  if (answer.status >= 500) return documentedTransient(request, answer) ? null : `${answer.status} for a client's request`;
  if (answer.status >= 400) return errorBodyProblem(answer);
  return null;
}

/**
 * The only 5xx a client may see (API.md, Conventions): 503 READ_MODEL_BEHIND with Retry-After, on a request that
 * asked for read-your-writes with consistentWith (query) or X-Consistent-With (header), when the read models it
 * reads did not reach that position within 5 s (queries, and the few commands that decide on a read model, such as
 * the webshop password reset). A position the service never handed out is a 400 at once (the event store's
 * checkPosition), so only a real one that the read models were slow to reach can end so. Nothing else: not
 * /health/ready (the run keeps the projections well within their 30 s), not a 503 without Retry-After, not another
 * code.
 */
function documentedTransient(request: FuzzRequest, answer: Answer): boolean {
  return (
    answer.status === 503 &&
    request.consistentWith &&
    errorCode(answer) === 'READ_MODEL_BEHIND' &&
    typeof answer.headers['retry-after'] === 'string' &&
    /^\d+$/.test(answer.headers['retry-after'])
  );
}

function errorBodyProblem(answer: Answer): string | null {
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return `${answer.status} without a JSON body`;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (!error || typeof error.code !== 'string' || error.code === '') return `${answer.status} without an error code`;
  if (typeof error.message !== 'string') return `${answer.status} ${error.code} without a message`;
  if (error.details === null || typeof error.details !== 'object') return `${answer.status} ${error.code} without details`;
  if (error.code === 'VALIDATION_FAILED') {
    const fields = (error.details as { fields?: unknown }).fields;
    const named = Array.isArray(fields) && fields.length > 0 && fields.every((f) => typeof f?.path === 'string' && typeof f?.code === 'string');
    if (!named) return `${answer.status} VALIDATION_FAILED without details.fields[{ path, code }]`;
  }
  return null;
}

function errorCode(answer: Answer): string | undefined {
  try {
    return JSON.parse(answer.text)?.error?.code;
  } catch {
    return undefined;
  }
}
