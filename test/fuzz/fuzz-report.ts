/**
 * A fuzz run's report: the figures, and each failure with what reproduces it (the run's seed, the request's
 * index, the request as sent and the answer). Never a password, token or CPR number: the Authorization header is
 * left out, password and token fields are blanked, and anything shaped like a CPR number is masked.
 */
import type { FuzzFailure, FuzzReport } from './fuzz-run.js';

const SHOWN_CHARS = 600;
const CPR_SHAPED = /(?<![\d-])\d{6}[- ]?\d{4}(?![\d-])/g;
const SECRET_FIELD = /("[^"]*(?:password|token)[^"]*"\s*:\s*)"(?:[^"\\]|\\.)*"/gi;

export function redact(text: string): string {
  return text.replace(SECRET_FIELD, '$1"[redacted]"').replace(CPR_SHAPED, '[cpr]');
}

const shorten = (text: string) => (text.length > SHOWN_CHARS ? `${text.slice(0, SHOWN_CHARS)}… (${text.length} chars)` : text);

export function describeFailure(failure: FuzzFailure, seed: number): string {
  const { request, answer } = failure;
  const lines = [`✗ ${failure.problem}  (seed ${seed}, request #${failure.index})`];
  if (request) {
    const headers = Object.entries(request.headers).filter(([name]) => name !== 'authorization');
    lines.push(`  ${request.method} ${redact(shorten(request.url))}  as ${request.role}${request.headers.authorization ? ' (own Authorization)' : ''}`);
    if (headers.length > 0) lines.push(`  headers: ${redact(shorten(JSON.stringify(Object.fromEntries(headers))))}`);
    if (request.body !== undefined) lines.push(`  body: ${redact(shorten(request.body))}`);
    if (request.mutations.length > 0) lines.push(`  mutations: ${request.mutations.join(', ')}`);
  }
  if (answer) {
    const retryAfter = answer.headers['retry-after'] ? ` retry-after: ${String(answer.headers['retry-after'])}` : '';
    lines.push(`  → ${answer.status}${retryAfter} ${redact(shorten(answer.text))}`);
  }
  return lines.join('\n');
}

export function describeReport(report: FuzzReport): string {
  const seconds = report.durationMs / 1000;
  const statuses = [...report.statuses.entries()].sort(([a], [b]) => a.localeCompare(b));
  const fiveHundreds = statuses.filter(([status]) => status.startsWith('5')).reduce((sum, [, count]) => sum + count, 0);
  return [
    `fuzz: seed ${report.seed}, ${report.requests} requests in ${seconds.toFixed(1)} s (${(report.requests / seconds).toFixed(0)} requests/s)`,
    `statuses: ${statuses.map(([status, count]) => `${status}: ${count}`).join(', ')}`,
    `5xx: ${fiveHundreds}; failures: ${report.failures.length}`,
    `slowest: ${report.slowest.map((s) => `#${s.index} ${s.operation} ${s.status} ${s.ms} ms`).join('; ')}`,
    `operations that never answered 2xx: ${report.neverSucceeded.length === 0 ? 'none' : report.neverSucceeded.join(', ')}`,
  ].join('\n');
}
