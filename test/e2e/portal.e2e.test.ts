import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../src/config/config.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { backends, describeEachBackend } from '../support/databases.js';

/** A stand-in for `dist/web`: what a Vite build holds (index.html, hashed assets, the manifest). */
async function builtPortal(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'egrants-portal-'));
  await mkdir(join(dir, 'assets'));
  await mkdir(join(dir, '.vite'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><html lang="da"><title>e-bevilling</title><div id="root"></div></html>');
  await writeFile(join(dir, 'assets', 'index-Ab12Cd34.js'), 'console.log("portal")');
  await writeFile(join(dir, '.vite', 'manifest.json'), '{}');
  return dir;
}

describeEachBackend('The portal-facing API: terms, the idle timeout (PORTAL.md "Sessions", DOMAIN §6)', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(backend, { SESSION_IDLE_SECONDS: '900' });
  });
  afterAll(async () => t?.close());

  it('the terms a login accepts are readable without logging in, with their version, title and sections, in Danish', async () => {
    const terms = await t.request('GET', '/api/v1/terms');
    expect(terms.status).toBe(200);
    expect(terms.body).toMatchObject({ version: '2026-01', title: 'Brugervilkår og privatlivspolitik for e-bevilling' });
    expect(terms.body.body).toMatch(/^# Brugervilkår og privatlivspolitik/);
    const headings = terms.body.sections.map((section: { heading: string }) => section.heading);
    expect(headings).toEqual(expect.arrayContaining(['Formål', 'Dataansvarlig og databehandler', 'Hvad bliver logget', 'Dine rettigheder', 'Kontakt']));
    const rights = terms.body.sections.find((section: { heading: string }) => section.heading === 'Dine rettigheder');
    expect(JSON.stringify(rights.blocks)).toContain('adgangsloggen');
    const refused = await t.request('POST', '/api/v1/auth/login', { body: { username: 'bestiller.kbh', password: 'x', acceptTerms: false } });
    expect(refused.body.error.details.termsVersion).toBe(terms.body.version);
  });

  it('login, password change and GET /me answer the idle timeout the portal warns before', async () => {
    const login = await t.request('POST', '/api/v1/auth/login', { body: { username: 'bestiller.kbh', password: 'demo-password-for-tests', acceptTerms: true } });
    expect(login.body.idleTimeoutSeconds).toBe(900);
    const me = await t.request('GET', '/api/v1/me', { token: login.body.token });
    expect(me.body).toMatchObject({ username: 'bestiller.kbh', idleTimeoutSeconds: 900, mustChangePassword: false });
  });

  it('the OpenAPI document describes the terms and the session answers, so the portal is typed from it', async () => {
    const doc = await t.request('GET', '/api/docs-json');
    const terms = doc.body.paths['/api/v1/terms'].get.responses['200'].content['application/json'].schema;
    expect(terms.required).toEqual(expect.arrayContaining(['version', 'title', 'body', 'sections']));
    const login = doc.body.paths['/api/v1/auth/login'].post.responses['200'].content['application/json'].schema;
    expect(login.required).toEqual(expect.arrayContaining(['token', 'idleTimeoutSeconds', 'mustChangePassword', 'user']));
    const me = doc.body.paths['/api/v1/me'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(me.properties)).toEqual(expect.arrayContaining(['username', 'idleTimeoutSeconds']));
  });
});

describe('The service serves the built portal at / (PORTAL.md "Shape") [pglite]', () => {
  const pglite = backends().find((backend) => backend.name === 'pglite')!;
  let t: TestApp;
  let portal: string;
  beforeAll(async () => {
    portal = await builtPortal();
    t = await startTestApp(pglite, { PORTAL_DIR: portal });
  });
  afterAll(async () => {
    await t?.close();
    await rm(portal, { recursive: true, force: true });
  });

  it('/ and every deep link of the app answer index.html, never cached, with the security headers', async () => {
    for (const path of ['/', '/log-ind', '/adgangskode', '/borgere/123', '/mine-sider?fane=2']) {
      const page = await t.request('GET', path);
      expect({ path, status: page.status, type: page.headers['content-type'] }).toEqual({ path, status: 200, type: 'text/html; charset=utf-8' });
      expect(page.body).toContain('<div id="root">');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('hashed assets are cached for a year; a repeated request with the ETag answers 304', async () => {
    const asset = await t.request('GET', '/assets/index-Ab12Cd34.js');
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const again = await t.request('GET', '/assets/index-Ab12Cd34.js', { headers: { 'if-none-match': String(asset.headers.etag) } });
    expect(again.status).toBe(304);
  });

  it('the API, its documents, health and metrics are unchanged; unknown API paths and missing files answer the JSON 404', async () => {
    expect((await t.request('GET', '/api/v1/terms')).status).toBe(200);
    expect((await t.request('GET', '/health/live')).status).toBe(200);
    expect((await t.request('GET', '/metrics')).status).toBe(200);
    expect((await t.request('GET', '/api/docs-json')).status).toBe(200);
    for (const path of ['/api/v1/no-such-route', '/api/v1/no/such/route.js', '/api', '/health/nothing', '/assets/missing-123.js', '/.vite/manifest.json', '/assets/%2e%2e/%2e%2e/package.json']) {
      const answer = await t.request('GET', path);
      expect({ path, status: answer.status, body: answer.body }).toEqual({ path, status: 404, body: { error: { code: 'NOT_FOUND', message: 'Not found', details: {} } } });
    }
    expect((await t.request('POST', '/borgere')).status).toBe(404);
  });
});

describe('Without a built portal the service is the API alone [pglite]', () => {
  const pglite = backends().find((backend) => backend.name === 'pglite')!;
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(pglite, { PORTAL_DIR: join(tmpdir(), 'no-portal-here') });
  });
  afterAll(async () => t?.close());

  it('starts, answers the API, and / is the JSON 404', async () => {
    expect((await t.request('GET', '/api/v1/terms')).status).toBe(200);
    const root = await t.request('GET', '/');
    expect(root.status).toBe(404);
    expect(root.body.error.code).toBe('NOT_FOUND');
  });
});

describe('TERMS_VERSION names a text that exists (the service refuses to start otherwise)', () => {
  it('a version without a text file is a configuration error naming the variable', () => {
    expect(() => loadConfig({ TERMS_VERSION: '2099-12' })).toThrow(/TERMS_VERSION: no terms text for version 2099-12/);
    expect(() => loadConfig({ TERMS_VERSION: '../../package' })).toThrow(/TERMS_VERSION/);
    expect(loadConfig({}).TERMS_VERSION).toBe('2026-01');
  });
});
