import { afterAll, beforeAll, expect, it } from '@jest/globals';
import pg from 'pg';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { describeEachBackend, type ServerTestDatabase } from '../support/databases.js';
import { startTestApp, type HttpResponse, type TestApp } from '../support/app.js';

/**
 * Read-your-writes (API.md): a query waits up to 5 s for the position a command answered. A position the service
 * never gave out is the client's mistake and answers 400 at once (it used to be held 5 s and answered 503
 * READ_MODEL_BEHIND): malformed for the event store, `invalid_format`; beyond the newest event written,
 * `unknown_position`. A real position still answers the read.
 */
/** Well-formed for the PostgreSQL store ((xid, seq) in hex), and beyond any transaction id a test run reaches. */
const BEYOND_ANY_WRITE = '7fffffffffffffff-0000000000000001';
/** Far below the 5 s wait, so an answer this quick was not held. */
const AT_ONCE_MS = 2_000;

describeEachBackend('A position the service never gave out is refused at once', (backend) => {
  let t: TestApp;
  let caseworker: string;
  let citizenId: string;
  let written: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    caseworker = await t.login('sagsbehandler.kbh');
    const registered = await register('170385', '1');
    citizenId = registered.body.citizenId;
    written = registered.body.position;
  });
  afterAll(async () => t?.close());

  function register(ddmmyy: string, serial: string): Promise<HttpResponse> {
    const cpr = fictitiousCpr(ddmmyy, serial, { checksum: 'valid' });
    return t.request('POST', '/api/v1/citizens', {
      token: caseworker,
      body: { cpr, firstName: 'Rita', lastName: 'Rækkefølge', address: { street: 'Logvej 3', postalCode: '2100', city: 'København Ø' } },
    });
  }

  async function timed(request: Promise<HttpResponse>): Promise<{ answer: HttpResponse; ms: number }> {
    const started = Date.now();
    const answer = await request;
    return { answer, ms: Date.now() - started };
  }

  const refusedAt = ({ answer, ms }: { answer: HttpResponse; ms: number }, path: string, code: string) => {
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    expect(answer.body.error.details.fields).toEqual([{ path, code, message: expect.any(String) }]);
    expect(ms).toBeLessThan(AT_ONCE_MS);
  };
  const search = (query: string, headers?: Record<string, string>) => timed(t.request('GET', `/api/v1/citizens${query}`, { token: caseworker, headers }));

  it('garbage in ?consistentWith= is invalid_format, even when it looks like a token', async () => {
    refusedAt(await search('?consistentWith=garbage'), 'query.consistentWith', 'invalid_format');
    refusedAt(await search('?consistentWith=abc_DEF-123'), 'query.consistentWith', 'invalid_format');
    refusedAt(await search(`?consistentWith=${written.replace('-', ':')}`), 'query.consistentWith', 'invalid_format');
    // A sequence number no bigint can hold: refused as malformed, not handed to the database.
    refusedAt(await search('?consistentWith=0000000000000001-ffffffffffffffff'), 'query.consistentWith', 'invalid_format');
    refusedAt(await search(`?consistentWith=${written}&consistentWith=${written}`), 'query.consistentWith', 'invalid_format');
  });

  it('a well-formed position beyond the newest event written is unknown_position', async () => {
    refusedAt(await search(`?consistentWith=${BEYOND_ANY_WRITE}`), 'query.consistentWith', 'unknown_position');
  });

  it('X-Consistent-With is held to the same, and named as the header', async () => {
    refusedAt(await search('', { 'x-consistent-with': 'garbage' }), 'header.x-consistent-with', 'invalid_format');
    refusedAt(await search('', { 'x-consistent-with': BEYOND_ANY_WRITE }), 'header.x-consistent-with', 'unknown_position');
  });

  it('a position a command answered still reads the write, in the query or the header', async () => {
    const byQuery = await t.request('GET', `/api/v1/citizens/${citizenId}/grant?consistentWith=${written}`, { token: caseworker });
    expect(byQuery.status).toBe(200);
    expect(byQuery.body.citizenId).toBe(citizenId);
    const byHeader = await t.request('GET', `/api/v1/citizens/${citizenId}/grant`, { token: caseworker, headers: { 'x-consistent-with': written } });
    expect(byHeader.status).toBe(200);
  });

  if (backend.name === 'postgres') {
    it('a position held back from readers by an older open transaction is waited for, not refused', async () => {
      // Any transaction holding an id hides later commits from $all until it ends: the service's own position is
      // then committed but not yet visible, and must count as given out.
      const idle = new pg.Client({ connectionString: (t.infra.database as ServerTestDatabase).connectionString });
      await idle.connect();
      try {
        await idle.query('begin');
        await idle.query('select pg_current_xact_id()');
        const registered = await register('180385', '2');
        expect(registered.status).toBe(201);
        const read = t.request('GET', `/api/v1/citizens/${registered.body.citizenId}?purpose=Bevillingssag&consistentWith=${registered.body.position}`, { token: caseworker });
        await new Promise((resolve) => setTimeout(resolve, 300));
        await idle.query('commit');
        const answer = await read;
        expect(answer.status).toBe(200);
        expect(answer.body.citizenId).toBe(registered.body.citizenId);
      } finally {
        await idle.end();
      }
    });
  }
});
