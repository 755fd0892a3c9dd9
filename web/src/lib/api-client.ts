import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from '../api/schema';
import { ApiError } from './api-error';
import { CONSISTENT_WITH_HEADER, latestPosition, recordPosition } from './consistency';
import { session } from './session';

/**
 * The one API client, typed from the service's OpenAPI document (`npm run api:generate`). Every call carries
 * the session's token; the answers drive the session: a 401 ends it (the router then asks for a login and
 * comes back), a 403 PASSWORD_CHANGE_REQUIRED sends the user to change the password first, and any answer
 * keeps the idle timer in step with the server's.
 */
export const api = createClient<paths>({ baseUrl: '' });

const READS = new Set(['GET', 'HEAD']);

const sessionMiddleware: Middleware = {
  onRequest({ request }) {
    const token = session.get()?.token;
    if (token) request.headers.set('authorization', `Bearer ${token}`);
    const position = latestPosition();
    if (position && READS.has(request.method)) request.headers.set(CONSISTENT_WITH_HEADER, position);
    return request;
  },
  async onResponse({ request, response }) {
    if (!request.headers.has('authorization')) return response;
    if (response.status === 401) {
      session.end('expired');
    } else if (response.status === 403) {
      const body = await response.clone().json().catch(() => null);
      if (body?.error?.code === 'PASSWORD_CHANGE_REQUIRED') session.requirePasswordChange();
    } else {
      session.touch();
    }
    if (response.ok && !READS.has(request.method) && response.headers.get('content-type')?.includes('json')) {
      recordPosition(await response.clone().json().catch(() => null));
    }
    return response;
  },
};
api.use(sessionMiddleware);

interface ClientResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's data, or an ApiError with the API's code (a failed connection is NETWORK). */
export async function unwrap<T>(call: Promise<ClientResult<T>>): Promise<T> {
  let result: ClientResult<T>;
  try {
    result = await call;
  } catch {
    throw ApiError.network();
  }
  if (!result.response.ok) throw ApiError.fromResponse(result.response, result.error);
  return result.data as T;
}

/** A fresh `Idempotency-Key` for a command, so that a retried request is applied once (API.md). */
export function idempotencyKey(): { 'Idempotency-Key': string } {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return { 'Idempotency-Key': Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('') };
}
