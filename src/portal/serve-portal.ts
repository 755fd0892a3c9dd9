import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm run build` puts the portal: `dist/web`, beside the compiled service (`dist/src`). */
export const DEFAULT_PORTAL_DIR = fileURLToPath(new URL('../../web/', import.meta.url));

/** Paths the portal never answers: the API, its documents, health and metrics keep their own 404. */
const SERVICE_PATH = /^\/(api|health|metrics)(\/|$)/;
/** Dot-files (Vite's manifest) are the build's own, not the portal's. */
const DOT_SEGMENT = /\/\./;
/** The last path segment has a file extension: a file, never a page of the app. */
const FILE_PATH = /\/[^/]*\.[A-Za-z0-9]+$/;
/** Vite names built assets by content hash: they never change under their name. */
const HASHED_ASSET = /^\/assets\//;

/** What a Vite build holds. Anything else is not served. */
const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.json': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};

/** A build, not the portal's sources: Vite writes its manifest only when it builds. */
export const isBuiltPortal = (dir: string): boolean => existsSync(join(dir, 'index.html')) && existsSync(join(dir, '.vite', 'manifest.json'));

/**
 * Serves the built single-page portal at `/`: its files, and `index.html` for every other GET path that is not
 * the service's (deep links such as `/borgere/123` or `/adgangskode` reload into the app, whose router takes
 * over). Answers false, serving nothing, when `dir` holds no build: the API runs without a portal.
 * (A few lines of our own rather than @fastify/static: its Node 20 support rests on require(esm), which the
 * test runner cannot do.)
 */
export function servePortal(fastify: FastifyInstance, dir: string): boolean {
  if (!isBuiltPortal(dir)) return false;
  const root = resolve(dir);
  fastify.get('/*', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = safeDecode(request.url.split('?')[0] ?? '/');
    if (path === null || SERVICE_PATH.test(path) || DOT_SEGMENT.test(path)) return reply.callNotFound();
    if (FILE_PATH.test(path)) return sendFile(request, reply, root, path);
    return sendFile(request, reply, root, '/index.html');
  });
  return true;
}

/** The security headers (CSP, nosniff, framing) come from src/http/security-headers.ts, as on every response. */
async function sendFile(request: FastifyRequest, reply: FastifyReply, root: string, path: string) {
  const file = resolve(root, `.${path}`);
  const type = CONTENT_TYPES[extname(file).toLowerCase()];
  if (!file.startsWith(root + sep) || !type) return reply.callNotFound();
  const found = await stat(file).catch(() => null);
  if (!found?.isFile()) return reply.callNotFound();
  const etag = `W/"${found.size.toString(16)}-${Math.trunc(found.mtimeMs).toString(16)}"`;
  void reply.headers({
    etag,
    'cache-control': HASHED_ASSET.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (request.headers['if-none-match'] === etag) return reply.code(304).send();
  return reply.type(type).header('content-length', found.size).send(createReadStream(file));
}

const safeDecode = (path: string): string | null => {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
};
