import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build` puts the portal: `dist/web`, beside the compiled service (`dist/src`). */
export const DEFAULT_PORTAL_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

/** Paths the portal never answers: the API, its documents, health and metrics keep their own 404. */
const SERVICE_PATH = /^\/(api|health|metrics)(\/|$)/;
/** Vite names built assets by content hash: they never change under their name. */
const HASHED_ASSET = /^assets\//;
/** Dot-files (Vite's manifest) are the build's own, not the portal's. */
const DOT_SEGMENT = /\/\./;
/** The last path segment has a file extension: a file, never a page of the app. */
const FILE_PATH = /\/[^/]*\.[A-Za-z0-9]+$/;

/**
 * The portal's security headers. No inline script or style is needed (Vite emits files), the fonts and icons
 * come from the package, and the portal only talks to this service. DKFDS draws some icons as data: URIs.
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; font-src 'self'; script-src 'self'; connect-src 'self'; " +
    "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** A build, not the portal's sources: Vite writes its manifest only when it builds. */
export const isBuiltPortal = (dir: string): boolean => existsSync(join(dir, 'index.html')) && existsSync(join(dir, '.vite', 'manifest.json'));

/**
 * Serves the built single-page portal at `/`: its files, and `index.html` for every other GET path that is not
 * the service's (deep links such as `/borgere/123` or `/adgangskode` reload into the app, whose router takes
 * over). Answers false, serving nothing, when `dir` holds no build: the API runs without a portal.
 */
export async function servePortal(fastify: FastifyInstance, dir: string): Promise<boolean> {
  if (!isBuiltPortal(dir)) return false;
  await fastify.register(async (portal) => {
    await portal.register(fastifyStatic, {
      root: dir,
      serve: false,
      cacheControl: false,
      setHeaders: (reply, path) => {
        const relative = path.slice(dir.length).replace(/^\/+/, '');
        void reply.header('cache-control', HASHED_ASSET.test(relative) ? 'public, max-age=31536000, immutable' : 'no-cache');
        void reply.header('x-content-type-options', 'nosniff');
      },
    });
    portal.get('/*', (request: FastifyRequest, reply: FastifyReply) => {
      const path = request.url.split('?')[0] ?? '/';
      if (SERVICE_PATH.test(path) || DOT_SEGMENT.test(path)) return reply.callNotFound();
      if (FILE_PATH.test(path)) return reply.sendFile(decodeURIComponent(path.slice(1)));
      return reply.headers(PAGE_HEADERS).sendFile('index.html');
    });
  });
  return true;
}
