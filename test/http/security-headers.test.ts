import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { loadConfig } from '../../src/config/config.js';
import { registerSecurityHeaders } from '../../src/http/security-headers.js';

/**
 * The Swagger UI is the one page whose styles may be inline (its HTML is @nestjs/swagger's). The end-to-end
 * suites run without it (openApiUi: false), so its policy is checked here on a bare Fastify with its paths.
 */
describe('The Swagger UI policy', () => {
  const fastify = new FastifyAdapter({ logger: false }).getInstance();
  let baseUrl = '';
  beforeAll(async () => {
    await registerSecurityHeaders(fastify);
    for (const path of ['/api/docs', '/api/docs/', '/api/docs/swagger-ui.css', '/api/docs-json', '/']) fastify.get(path, async () => 'ok');
    // Real HTTP: Fastify's inject needs require(esm), which the ESM test runner cannot do.
    baseUrl = await fastify.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => fastify.close());

  const policyOf = async (url: string) => String((await fetch(`${baseUrl}${url}`)).headers.get('content-security-policy'));

  it('its page and files allow inline styles, and nothing else more than the portal', async () => {
    for (const url of ['/api/docs', '/api/docs/', '/api/docs?x=1', '/api/docs/swagger-ui.css']) {
      const policy = await policyOf(url);
      expect({ url, policy }).toEqual({ url, policy: expect.stringContaining("style-src 'self' 'unsafe-inline';") });
      expect({ url, policy }).toEqual({ url, policy: expect.stringContaining("script-src 'self';") });
      expect({ url, policy }).toEqual({ url, policy: expect.stringContaining("frame-ancestors 'none'") });
    }
  });

  it('the OpenAPI document and everything else keep the strict styles', async () => {
    for (const url of ['/api/docs-json', '/']) {
      const policy = await policyOf(url);
      expect({ url, policy }).toEqual({ url, policy: expect.stringContaining("style-src 'self';") });
      expect({ url, policy }).toEqual({ url, policy: expect.not.stringContaining('unsafe-inline') });
    }
  });
});

describe('TRUST_PROXY names the TLS-terminating proxies (the service refuses to start otherwise)', () => {
  it('takes addresses, CIDR ranges and the named ranges, comma-separated', () => {
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,fd00::/8,loopback' }).TRUST_PROXY).toEqual(['10.0.0.5', '10.1.0.0/16', 'fd00::/8', 'loopback']);
    expect(loadConfig({}).TRUST_PROXY).toBeUndefined();
  });

  it('refuses "true" and hop counts, which would believe any client\'s X-Forwarded-Proto and -For, and ranges that are not', () => {
    for (const value of ['true', '1', '10.0.0.0/33', 'proxy.example', '10.0.0.1/8/8', ',']) {
      expect(() => loadConfig({ TRUST_PROXY: value })).toThrow(/TRUST_PROXY/);
    }
  });
});
