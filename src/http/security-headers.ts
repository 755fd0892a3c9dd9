import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * The Content-Security-Policy of everything the service serves: the portal, its assets, the API's JSON.
 * The portal needs nothing inline: Vite emits its script and stylesheets as files, the HTML shell has no inline
 * script or style, no component has a `style` prop, and DKFDS's scripts (the date picker writes its calendar as
 * markup) write no `style` attribute. `img-src data:` stays: DKFDS's stylesheet draws its icons as data: URIs,
 * and the shell's favicon is `data:,` (no favicon request). `upgrade-insecure-requests` is left out: on plain
 * HTTP (localhost) it would send every asset request to an https:// the service does not answer; over TLS,
 * HSTS does that job.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * The Swagger UI (`/api/docs`, a developer's page) is @nestjs/swagger's HTML, with inline `<style>` blocks and a
 * `style` attribute we cannot move into a file or pin by hash (they change with the package). Its styles alone
 * may be inline; its scripts are files like the portal's.
 */
const SWAGGER_UI = /^\/api\/docs(\/|\?|$)/;
const SWAGGER_UI_POLICY = { ...CONTENT_SECURITY_POLICY, styleSrc: ["'self'", "'unsafe-inline'"] };

/** Helmet's HSTS value: a year, subdomains of the portal's host included; no preload (that is a registry). */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every response, errors and 404s included (README "Security headers"):
 * - CSP as above, `X-Frame-Options: DENY` for browsers older than `frame-ancestors`, `nosniff`;
 * - `Referrer-Policy: no-referrer`: the portal's addresses hold citizen ids and search terms, and the service
 *   itself reads no Referer, so no page needs to send one, not even to this origin;
 * - `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Resource-Policy: same-origin`: no other site's
 *   window or page gets a handle on the portal's, or embeds its responses;
 * - HSTS only when the request came over TLS: Fastify's `request.protocol` is `https` for a TLS socket, or when
 *   a proxy the service trusts (`TRUST_PROXY`, Fastify's `trustProxy`) says `X-Forwarded-Proto: https`. An
 *   untrusted peer's `X-Forwarded-Proto` is ignored, and plain HTTP (localhost) never gets HSTS;
 * - `Cache-Control: no-store` on every response that does not choose its own caching: the API's answers carry
 *   health data, which no browser or proxy cache may keep. The portal's files set their own (serve-portal.ts).
 */
export async function registerSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  await fastify.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    // Decided per request below: helmet's own would be sent over plain HTTP too.
    strictTransportSecurity: false,
  });
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.protocol === 'https') void reply.header('strict-transport-security', STRICT_TRANSPORT_SECURITY);
    if (SWAGGER_UI.test(request.url)) reply.helmet({ contentSecurityPolicy: { useDefaults: false, directives: SWAGGER_UI_POLICY } });
  });
  fastify.addHook('onSend', async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (!reply.hasHeader('cache-control')) void reply.header('cache-control', 'no-store');
    return payload;
  });
}
