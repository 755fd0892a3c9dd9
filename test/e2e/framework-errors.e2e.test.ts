import { connect } from 'node:net';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachBackend } from '../support/databases.js';
import { startTestApp, type HttpResponse, type TestApp } from '../support/app.js';

/**
 * What the router or Node's HTTP parser refuses, before any route runs, is answered with the project's error body
 * too. Fastify's own bodies (`{ statusCode, code: 'FST_ERR_BAD_URL', error, message }`, `{ error: 'Request Header
 * Fields Too Large', … }`) had no `error.code`, which the fuzz harness found.
 */
describeEachBackend('Refusals before any route still carry the error body', (backend) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    admin = await t.login('admin');
  });
  afterAll(async () => t?.close());

  const refused = (answer: HttpResponse, status: number, code: string) => {
    expect([answer.status, answer.body?.error?.code]).toEqual([status, code]);
    expect(answer.body.error).toEqual({ code, message: expect.any(String), details: {} });
  };

  it('a path that does not decode: a bad escape, an encoded unpaired surrogate', async () => {
    refused(await t.request('GET', '/api/v1/products/%zz', { token: admin }), 400, 'BAD_REQUEST');
    refused(await t.request('GET', '/api/v1/orders/%ED%A0%80', { token: admin }), 400, 'BAD_REQUEST');
  });

  it('a path parameter longer than the router takes', async () => {
    refused(await t.request('GET', `/api/v1/admin/projections/${'x'.repeat(200)}/parked`, { token: admin }), 414, 'URI_TOO_LONG');
  });

  it('a request line or headers over the HTTP parser\'s limit', async () => {
    refused(await t.request('GET', `/api/v1/products?q=${'q'.repeat(70_000)}`, { token: admin }), 431, 'HEADERS_TOO_LARGE');
    refused(await t.request('GET', '/api/v1/products', { token: admin, headers: { 'x-filler': 'x'.repeat(20_000) } }), 431, 'HEADERS_TOO_LARGE');
  });

  it('bytes that are not HTTP', async () => {
    const { port } = new URL(t.baseUrl);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('NOT HTTP AT ALL\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk) => (text += chunk.toString('utf8')));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toEqual({ error: { code: 'BAD_REQUEST', message: expect.any(String), details: {} } });
  });

  it('the service answers as before afterwards', async () => {
    expect((await t.request('GET', '/api/v1/products?pageSize=1', { token: admin })).status).toBe(200);
  });
});
