import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type HttpResponse, type TestApp } from '../support/app.js';
import { backends } from '../support/databases.js';

/**
 * The security headers of everything the service serves (README "Security headers"): the API's JSON, its errors,
 * the portal's pages and its assets. The headers do not depend on the store, so PGlite alone.
 */
const pglite = backends().find((backend) => backend.name === 'pglite')!;

/** A stand-in for `dist/web`, as in portal.e2e.test.ts. */
async function builtPortal(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'egrants-portal-'));
  await mkdir(join(dir, 'assets'));
  await mkdir(join(dir, '.vite'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><html lang="da"><title>e-bevilling</title><div id="root"></div></html>');
  await writeFile(join(dir, 'assets', 'index-Ab12Cd34.js'), 'console.log("portal")');
  await writeFile(join(dir, '.vite', 'manifest.json'), '{}');
  return dir;
}

/** The policy as directive → sources, so a test reads what it allows whatever the order. */
const directives = (answer: HttpResponse): Record<string, string> =>
  Object.fromEntries(
    String(answer.headers['content-security-policy'] ?? '')
      .split(';')
      .map((directive) => directive.trim())
      .filter((directive) => directive !== '')
      .map((directive) => {
        const [name = '', ...sources] = directive.split(/\s+/);
        return [name, sources.join(' ')];
      }),
  );

/** What every response carries, whatever served it. */
function expectSecurityHeaders(what: string, answer: HttpResponse): void {
  expect({ what, headers: answer.headers }).toMatchObject({
    what,
    headers: {
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    },
  });
  expect({ what, csp: directives(answer) }).toEqual({
    what,
    csp: {
      'default-src': "'self'",
      'script-src': "'self'",
      'script-src-attr': "'none'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'font-src': "'self'",
      'connect-src': "'self'",
      'object-src': "'none'",
      'base-uri': "'self'",
      'form-action': "'self'",
      'frame-ancestors': "'none'",
    },
  });
}

describe('Security headers on every response [pglite]', () => {
  let t: TestApp;
  let portal: string;
  beforeAll(async () => {
    portal = await builtPortal();
    t = await startTestApp(pglite, { PORTAL_DIR: portal }, undefined, { seed: false });
  });
  afterAll(async () => {
    await t?.close();
    await rm(portal, { recursive: true, force: true });
  });

  it('an API answer: the headers, and no-store (the API carries health data)', async () => {
    const terms = await t.request('GET', '/api/v1/terms');
    expect(terms.status).toBe(200);
    expectSecurityHeaders('GET /api/v1/terms', terms);
    expect(terms.headers['cache-control']).toBe('no-store');
  });

  it('errors (400, 401, 404) carry them too', async () => {
    const invalid = await t.request('POST', '/api/v1/auth/login', { body: {} });
    expect(invalid.status).toBe(400);
    const unauthenticated = await t.request('GET', '/api/v1/me');
    expect(unauthenticated.status).toBe(401);
    const missing = await t.request('GET', '/api/v1/no-such-route');
    expect(missing.status).toBe(404);
    for (const [what, answer] of [['400', invalid], ['401', unauthenticated], ['404', missing]] as const) {
      expectSecurityHeaders(what, answer);
      expect({ what, cacheControl: answer.headers['cache-control'] }).toEqual({ what, cacheControl: 'no-store' });
    }
  });

  it('health and metrics are not cached either', async () => {
    for (const path of ['/health/live', '/health/ready', '/metrics']) {
      const answer = await t.request('GET', path);
      expect({ path, status: answer.status, cacheControl: answer.headers['cache-control'] }).toEqual({ path, status: 200, cacheControl: 'no-store' });
      expectSecurityHeaders(path, answer);
    }
  });

  it('a portal page and a static asset: the headers, with their own caching kept', async () => {
    const page = await t.request('GET', '/borgere/123');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expectSecurityHeaders('a portal page', page);
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await t.request('GET', '/assets/index-Ab12Cd34.js');
    expect(asset.status).toBe(200);
    expectSecurityHeaders('an asset', asset);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('no HSTS over plain HTTP, and none for an X-Forwarded-Proto from a peer that is not a trusted proxy', async () => {
    expect((await t.request('GET', '/api/v1/terms')).headers['strict-transport-security']).toBeUndefined();
    const spoofed = await t.request('GET', '/api/v1/terms', { headers: { 'x-forwarded-proto': 'https' } });
    expect(spoofed.status).toBe(200);
    expect(spoofed.headers['strict-transport-security']).toBeUndefined();
  });
});

describe('HSTS behind a TLS-terminating proxy (TRUST_PROXY) [pglite]', () => {
  let t: TestApp;
  let portal: string;
  beforeAll(async () => {
    portal = await builtPortal();
    // The test's requests come from 127.0.0.1: here that is the proxy.
    t = await startTestApp(pglite, { PORTAL_DIR: portal, TRUST_PROXY: '127.0.0.1' }, undefined, { seed: false });
  });
  afterAll(async () => {
    await t?.close();
    await rm(portal, { recursive: true, force: true });
  });

  it('the proxy says https: HSTS on the API, its errors, the portal and its assets', async () => {
    const https = { headers: { 'x-forwarded-proto': 'https' } };
    for (const [path, status] of [['/api/v1/terms', 200], ['/api/v1/me', 401], ['/', 200], ['/assets/index-Ab12Cd34.js', 200]] as const) {
      const answer = await t.request('GET', path, https);
      expect({ path, status: answer.status, hsts: answer.headers['strict-transport-security'] }).toEqual({
        path,
        status,
        hsts: 'max-age=31536000; includeSubDomains',
      });
      expectSecurityHeaders(path, answer);
    }
  });

  it('the proxy says http, or says nothing: no HSTS', async () => {
    const http = await t.request('GET', '/api/v1/terms', { headers: { 'x-forwarded-proto': 'http' } });
    expect(http.status).toBe(200);
    expect(http.headers['strict-transport-security']).toBeUndefined();
    expect((await t.request('GET', '/')).headers['strict-transport-security']).toBeUndefined();
  });
});
