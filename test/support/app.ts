import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApplication, type Application } from '../../src/bootstrap.js';
import type { Infrastructure } from '../../src/composition/infrastructure.js';
import { PASSWORD_HASHER, type PasswordHasher } from '../../src/identity/password-hasher.js';
import { CREDENTIAL_STORE, type CredentialStore } from '../../src/kernel/accounts.port.js';
import { COMMAND_RUNNER, type CommandRunner } from '../../src/kernel/command-runner.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/infrastructure/logging/logger.js';
import { seedDemo, seedDependencies } from '../../src/seed/demo-seed.js';
import type { Backend } from './databases.js';
import { DEMO_PASSWORD } from './demo-password.js';

export { DEMO_PASSWORD };

export interface HttpResponse {
  readonly status: number;
  readonly body: any;
  readonly headers: Record<string, unknown>;
}

export interface RequestOptions {
  readonly token?: string;
  readonly body?: unknown;
  readonly rawBody?: string;
  /** Sent as text/csv. */
  readonly csv?: string;
  readonly headers?: Record<string, string>;
}

/** The opened infrastructure, with the services the suites write through directly (taken from the Nest container). */
export interface TestInfrastructure extends Infrastructure {
  readonly commandRunner: CommandRunner;
  readonly credentials: CredentialStore;
  readonly hasher: PasswordHasher;
}

export interface TestApp extends Application {
  readonly infra: TestInfrastructure;
  /** Every log line the service wrote, as JSON text. */
  readonly logs: string[];
  /** Where the service drops its e-mail (MAIL_DIR), one .eml a message: read it with test/support/mail.ts. */
  readonly mailDir: string;
  /** Where the app listens, e.g. `http://127.0.0.1:41234` (a browser opens the portal there). */
  readonly baseUrl: string;
  /** A password or token the suite used outside `request` (typed in a browser, say): it must not reach a log line either. */
  secret(value: string): void;
  request(method: string, url: string, options?: RequestOptions): Promise<HttpResponse>;
  /** Logs a demo user in and returns the bearer token. */
  login(username: string): Promise<string>;
  close(): Promise<void>;
}

/** The real application module on a fresh database of the given backend, with the demo data seeded. */
/** A clock the tests move forward by hand (session expiry, password age). */
export class TestClock {
  private offsetMs = 0;
  readonly now = (): Date => new Date(Date.now() + this.offsetMs);
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

export interface TestAppOptions {
  /** Seed the demo data (API.md): default true. False: a fresh installation with nothing in it. */
  readonly seed?: boolean;
  /** Seed the demo citizens with their grants and orders too (demo-citizens.ts). Default false: suites count citizens of their own. */
  readonly seedCitizens?: boolean;
}

/** A CPR number as it may be written: DDMMYY, an optional hyphen or space, SSSS, standing alone. */
const CPR_SHAPED = /(?<![\d-])\d{6}[- ]?\d{4}(?![\d-])/;

/**
 * The brief's rule for every end-to-end suite: no CPR-shaped number, password or session token in any log line
 * the service wrote. Fails the suite (its afterAll) naming the line's index and what was found, not the value.
 */
export function assertNoPersonalDataInLogs(logs: readonly string[], secrets: ReadonlySet<string>): void {
  const problems: string[] = [];
  logs.forEach((line, index) => {
    if (CPR_SHAPED.test(line)) problems.push(`line ${index}: a CPR-shaped number`);
    for (const secret of secrets) if (line.includes(secret)) problems.push(`line ${index}: a password or token`);
  });
  if (problems.length > 0) throw new Error(`Personal data or secrets in the service's logs:\n${problems.slice(0, 20).join('\n')}`);
}

export async function startTestApp(backend: Backend, env: Record<string, string> = {}, clock = new TestClock(), options: TestAppOptions = {}): Promise<TestApp> {
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const mailDir = await mkdtemp(join(tmpdir(), 'egrants-mail-'));
  const seed = options.seed ?? true;
  const config = loadConfig({ ...(seed ? { SEED_DEMO: '1', DEMO_PASSWORD } : {}), LOG_LEVEL: 'info', MAIL_DIR: mailDir, ...env });
  const database = await backend.open();
  const application = await createApplication(config, createLogger({ level: config.LOG_LEVEL, destination }), {
    database,
    // Cheap hashing keeps the suites fast; production uses OWASP's minimum (see PasswordHasher).
    argon2Cost: { memoryCost: 1024, timeCost: 1 },
    clock: clock.now,
    openApiUi: false,
  });
  const position = seed ? await seedDemo(seedDependencies(application.app), DEMO_PASSWORD, undefined, { citizens: options.seedCitizens ?? false }) : null;
  const catalogue = ['users', 'products', 'product-groups', 'municipalities'];
  const readModels = options.seedCitizens ? [...catalogue, 'citizens', 'grants', 'orders'] : catalogue;
  if (position) await application.infra.projections.waitForPosition(readModels, position, 20_000);
  // Real HTTP on a loopback port: what a client meets, including Fastify's parsers and limits.
  await application.app.listen({ port: 0, host: '127.0.0.1' });
  const baseUrl = (await application.app.getUrl()).replace('[::1]', '127.0.0.1');

  const request = async (method: string, url: string, options: RequestOptions = {}): Promise<HttpResponse> => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let payload: string | undefined = options.rawBody;
    if (options.csv !== undefined) {
      payload = options.csv;
      headers['content-type'] ??= 'text/csv; charset=utf-8';
    }
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}${url}`, { method, headers, body: payload });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON (e.g. /metrics)
    }
    return { status: response.status, body, headers: Object.fromEntries(response.headers.entries()) };
  };

  // Every password and token a suite sends or receives: none may appear in a log line (checked at close).
  const secrets = new Set<string>([DEMO_PASSWORD]);
  const tracked = async (method: string, url: string, options: RequestOptions = {}) => {
    const body = options.body as Record<string, unknown> | undefined;
    for (const key of ['password', 'currentPassword', 'newPassword', 'token']) {
      if (typeof body?.[key] === 'string' && (body[key] as string).length >= 8) secrets.add(body[key] as string);
    }
    const response = await request(method, url, options);
    if (typeof response.body?.token === 'string') secrets.add(response.body.token);
    return response;
  };

  const infra: TestInfrastructure = {
    ...application.infra,
    commandRunner: application.app.get<CommandRunner>(COMMAND_RUNNER),
    credentials: application.app.get<CredentialStore>(CREDENTIAL_STORE),
    hasher: application.app.get<PasswordHasher>(PASSWORD_HASHER),
  };
  return {
    ...application,
    infra,
    logs,
    mailDir,
    baseUrl,
    secret: (value: string) => void secrets.add(value),
    request: tracked,
    async login(username: string) {
      const response = await tracked('POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD, acceptTerms: true } });
      if (response.status !== 200) throw new Error(`login of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
      return response.body.token as string;
    },
    async close() {
      await application.app.close();
      await application.infra.close();
      await database.close();
      await rm(mailDir, { recursive: true, force: true });
      assertNoPersonalDataInLogs(logs, secrets);
    },
  };
}
