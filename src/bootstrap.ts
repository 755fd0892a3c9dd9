import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppModule } from './app.module.js';
import { openInfrastructure, type Infrastructure, type InfrastructureOptions } from './composition/infrastructure.js';
import type { Config } from './config/config.js';
import type { AuthenticatedRequest } from './http/auth.decorators.js';
import { toErrorResponse } from './http/error-response.js';
import { clientErrorHandler, frameworkErrors } from './http/framework-errors.js';
import { unsafeInput } from './http/input-guard.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import type { Logger } from './kernel/logger.js';
import { DEFAULT_PORTAL_DIR, servePortal } from './portal/serve-portal.js';
import { validationFailed } from './shared/domain-error.js';
import { newId } from './shared/ids.js';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,100}$/;
export const API_PREFIX = 'api/v1';
const CSV_BODY_LIMIT = 64 * 1024 * 1024;

export interface Application {
  readonly app: NestFastifyApplication;
  readonly infra: Infrastructure;
}

/** Builds the HTTP application on its infrastructure. `main.ts` and the end-to-end tests both start here. */
export interface ApplicationOptions extends InfrastructureOptions {
  /** Serve the Swagger UI beside the OpenAPI document (default true; the tests read the document only). */
  readonly openApiUi?: boolean;
}

export async function createApplication(config: Config, logger: Logger, options: ApplicationOptions = {}): Promise<Application> {
  const infra = await openInfrastructure(config, logger, options);
  const clock = options.clock ?? (() => new Date());
  const adapter = new FastifyAdapter({
    // A client's correlation id is kept when it is harmless, so its logs and ours line up.
    genReqId: (request: { headers: Record<string, string | string[] | undefined> }) => {
      const given = request.headers['x-correlation-id'];
      return typeof given === 'string' && CORRELATION_ID.test(given) ? given : newId();
    },
    bodyLimit: 1024 * 1024,
    logger: false,
    // The TLS-terminating proxies whose X-Forwarded-Proto and X-Forwarded-For count (HSTS, the login limit's address).
    trustProxy: config.TRUST_PROXY ?? false,
    frameworkErrors,
    clientErrorHandler,
  });
  const fastify = adapter.getInstance();
  await registerSecurityHeaders(fastify);
  // Product files arrive as CSV; they may be large (50,000 rows ≈ 10 MB), unlike any other request.
  fastify.addContentTypeParser(['text/csv', 'application/csv'], { parseAs: 'buffer', bodyLimit: CSV_BODY_LIMIT }, (_request, body, done) =>
    done(null, body),
  );
  fastify.addHook('onRequest', async (request: FastifyRequest & AuthenticatedRequest, reply: FastifyReply) => {
    request.correlationId = request.id;
    request.receivedAt = clock();
    void reply.header('x-correlation-id', request.id);
  });
  // What no route can store (NUL, unpaired surrogates, runaway nesting) is refused here, once, before any
  // guard, interceptor or route reads it (input-guard.ts).
  fastify.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
    for (const [location, value] of [['body', request.body], ['query', request.query], ['params', request.params]] as const) {
      const problem = unsafeInput(location, value);
      if (problem === null) continue;
      const { status, body } = toErrorResponse(validationFailed([problem]));
      return reply.code(status).send(body);
    }
  });
  // Closing: a request still in flight gets its answer, then its connection closes, so a kept-alive client
  // cannot hold the server (and the stores behind it) open until the keep-alive timeout.
  let closing = false;
  fastify.addHook('preClose', async () => {
    closing = true;
  });
  fastify.addHook('onSend', async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (closing) void reply.header('connection', 'close');
    return payload;
  });
  fastify.addHook('onResponse', async (request: FastifyRequest & AuthenticatedRequest, reply: FastifyReply) => {
    // The route pattern, never the URL: paths and query strings can carry ids and search terms.
    const route = request.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    infra.metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, seconds);
    logger.info(
      { correlationId: request.correlationId, method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime), userId: request.principal?.userId },
      'request',
    );
  });

  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(infra), adapter, { logger: false, abortOnError: false });
  app.setGlobalPrefix(API_PREFIX, { exclude: ['health/live', 'health/ready', 'metrics'] });
  // OpenAPI from the routes and the zod schemas they validate with: /api/docs (UI) and /api/docs-json.
  const openApi = new DocumentBuilder()
    .setTitle('e-bevilling')
    .setDescription('Municipal grants for body-worn medical supplies. Errors: { error: { code, message, details } }.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    useGlobalPrefix: false,
    swaggerUiEnabled: options.openApiUi ?? true,
  });
  const portalDir = config.PORTAL_DIR ?? DEFAULT_PORTAL_DIR;
  const portal = servePortal(fastify, portalDir);
  logger.info({ portal: portal ? 'served at /' : 'not built: the API only' }, 'portal');
  await app.init();
  return { app, infra };
}
