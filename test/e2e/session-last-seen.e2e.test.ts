import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { hashToken } from '../../src/identity/sessions.service.js';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import { describeEachBackend, type Backend } from '../support/databases.js';
import { startTestApp, TestClock, type TestApp } from '../support/app.js';

const SECOND = 1000;
const IDLE = 1200 * SECOND;
/** SESSION_LAST_SEEN_RESOLUTION_SECONDS (60 s; never more than half the idle time). */
const RESOLUTION = 60 * SECOND;

/**
 * Issue 15: a session's "last seen" is written at most once per resolution; idle expiry stays exact on the instance
 * that served the session, and another instance (or this one after a restart), which sees only the stored value,
 * ends a session at most one resolution early — no instance ever lets it live past its idle time.
 * Two instances of the service share one database and one clock here (SessionService's injectable clock).
 */
describeEachBackend('Session last seen: written once a minute, idle expiry within its resolution (issue 15)', (backend: Backend) => {
  const clock = new TestClock();
  let database: SqlDatabase;
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    database = await backend.open();
    const shared: Backend = { ...backend, open: async () => ({ ...database, close: async () => undefined }) };
    a = await startTestApp(shared, { SESSION_IDLE_SECONDS: String(IDLE / SECOND) }, clock);
    b = await startTestApp(shared, { SESSION_IDLE_SECONDS: String(IDLE / SECOND) }, clock);
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
    await database?.close();
  });

  const me = (app: TestApp, token: string) => app.request('GET', '/api/v1/me', { token }).then((answer) => answer.status);
  const storedLastSeen = async (token: string) => {
    const { rows } = await database.query<{ last_seen_at: Date }>('select last_seen_at from sessions where token_hash = $1', [hashToken(token)]);
    return rows[0] ? new Date(rows[0].last_seen_at).getTime() : undefined;
  };

  it('a request writes last seen only when the stored value is a resolution old', async () => {
    const token = await a.login('bestiller.kbh');
    const atLogin = (await storedLastSeen(token))!;
    clock.advance(RESOLUTION / 2);
    expect(await me(a, token)).toBe(200);
    expect(await storedLastSeen(token)).toBe(atLogin);
    clock.advance(RESOLUTION / 2 + SECOND);
    expect(await me(a, token)).toBe(200);
    expect((await storedLastSeen(token))! - atLogin).toBeGreaterThanOrEqual(RESOLUTION + SECOND);
  });

  it('a session used just before the idle timeout stays alive, though the store has not seen the use', async () => {
    const token = await a.login('bestiller.kbh');
    const atLogin = (await storedLastSeen(token))!;
    clock.advance(RESOLUTION / 2);
    expect(await me(a, token)).toBe(200);
    // Idle a few seconds short of the timeout since its last use (the test's clock also runs in real time); the
    // stored last seen is older than the timeout.
    clock.advance(IDLE - 5 * SECOND);
    expect(await me(a, token)).toBe(200);
    expect((await storedLastSeen(token))! - atLogin).toBeGreaterThanOrEqual(IDLE + RESOLUTION / 2 - 5 * SECOND);
    clock.advance(IDLE);
    expect(await me(a, token)).toBe(401);
  });

  it('a session idle for the timeout (and so for the timeout plus the resolution) has ended, on every instance', async () => {
    const exact = await a.login('bestiller.kbh');
    clock.advance(IDLE);
    expect(await me(a, exact)).toBe(401);
    const longer = await a.login('bestiller.kbh');
    clock.advance(IDLE + RESOLUTION);
    expect(await me(b, longer)).toBe(401);
    expect(await me(a, longer)).toBe(401);
    expect(await storedLastSeen(longer)).toBeUndefined();
  });

  it('another instance judges from the stored last seen: never late, at most one resolution early', async () => {
    const kept = await a.login('bestiller.kbh');
    clock.advance(50 * SECOND);
    expect(await me(a, kept)).toBe(200);
    // B has not seen the use 50 s after login: the session is idle 1140 s in truth, 1190 s to B, which keeps it.
    clock.advance(IDLE - 60 * SECOND);
    expect(await me(b, kept)).toBe(200);

    const ended = await a.login('bestiller.kbh');
    clock.advance(50 * SECOND);
    expect(await me(a, ended)).toBe(200);
    // 1150 s after its last use (on A) the session has been idle the timeout in B's view: B ends it, 50 s early —
    // less than the resolution — and the end holds on A too, at once.
    clock.advance(IDLE - 50 * SECOND);
    expect(await me(b, ended)).toBe(401);
    expect(await me(a, ended)).toBe(401);
  });

  it('logout holds at once on every instance', async () => {
    const token = await a.login('bestiller.kbh');
    expect(await me(b, token)).toBe(200);
    expect((await b.request('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    expect(await me(a, token)).toBe(401);
  });
});
