/**
 * A fuzz run against a service started as the end-to-end suites start it (test/support/app.ts, demo data and
 * demo citizens): every operation of the OpenAPI document, as every role and anonymously, with real ids mixed
 * in; each answer judged by the oracle; then the service must still be healthy. Used by the jest suite
 * (test/fuzz/fuzz.e2e.test.ts) and by `npm run fuzz` (bench/fuzz.ts).
 */
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import type { TestApp } from '../support/app.js';
import { KnownValues } from './known-values.js';
import { judge, type Answer } from './oracle.js';
import { readOperations, type Operation } from './operations.js';
import { generateRequest, type FuzzRequest, type Role } from './request-generator.js';

/** Failed logins from one address before 429: the run logs in from one address all the time, so it is set high. */
export const FUZZ_ENV = { LOGIN_FAILURES_PER_SOURCE: '1000000' };

export interface FuzzOptions {
  readonly requests: number;
  readonly seed: number;
  /** Requests in flight at once. */
  readonly concurrency: number;
  /** How long an answer may take before the request counts as a failure. */
  readonly timeoutMs?: number;
  /** Called with every answer (the CLI's --trace). */
  readonly onAnswer?: (index: number, request: FuzzRequest, answer: Answer) => void;
}

export interface FuzzFailure {
  readonly index: number;
  readonly problem: string;
  readonly request: FuzzRequest | undefined;
  readonly answer: Answer | undefined;
}

export interface FuzzReport {
  readonly seed: number;
  readonly requests: number;
  readonly durationMs: number;
  /** Answers by status code ('no answer' for a request that got none). */
  readonly statuses: ReadonlyMap<string, number>;
  /** Operations ("POST /api/v1/citizens") that never got a 2xx: what the run did not reach beyond validation. */
  readonly neverSucceeded: readonly string[];
  /** The slowest requests: operation, status and milliseconds. */
  readonly slowest: ReadonlyArray<{ readonly operation: string; readonly status: number; readonly ms: number; readonly index: number }>;
  readonly failures: readonly FuzzFailure[];
}

const DEMO_USERS: Partial<Record<Role, string>> = {
  caseworker: 'sagsbehandler.kbh',
  caseworker_aarhus: 'sagsbehandler.aar',
  nurse: 'sygeplejerske.kbh',
  orderer: 'bestiller.kbh',
  customer_service: 'kundeservice',
  auditor: 'revisor',
  admin: 'admin',
  integration: 'erp',
};

/** The request seed of the index-th request of a run: each request can be drawn again on its own. */
export const requestSeed = (seed: number, index: number) => (Math.imul(index + 1, 0x9e3779b1) ^ seed) | 0;

export class FuzzTarget {
  readonly known = new KnownValues();
  private readonly tokens = new Map<Role, string | undefined>();
  private readonly renewals = new Map<Role, Promise<void>>();
  private readonly admittedRoles = new Map<Operation, Set<Role>>();
  private readonly refusedRoles = new Map<Operation, Set<Role>>();
  private readonly agent: http.Agent;
  private citizenLogin: { username: string; password: string } | undefined;
  /** Refusals that name an existing citizen (409 CPR_ALREADY_REGISTERED …): checked after the run. */
  private readonly namedCitizens = new Map<string, FuzzFailure>();

  private constructor(
    readonly app: TestApp,
    readonly operations: readonly Operation[],
    concurrency: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  }

  /** Logs every caller in and collects the seeded data's ids. */
  static async open(app: TestApp, concurrency = 4): Promise<FuzzTarget> {
    const target = new FuzzTarget(app, await readOperations(), concurrency);
    for (const [role, username] of Object.entries(DEMO_USERS)) target.tokens.set(role as Role, await app.login(username));
    await target.collectKnownValues();
    await target.webshopCitizen();
    return target;
  }

  close(): void {
    this.agent.destroy();
  }

  async run(options: FuzzOptions): Promise<FuzzReport> {
    const statuses = new Map<string, number>();
    const failures: FuzzFailure[] = [];
    const succeeded = new Set<Operation>();
    const slowest: Array<{ operation: string; status: number; ms: number; index: number }> = [];
    let next = 0;
    const started = performance.now();
    const worker = async () => {
      for (let index = next++; index < options.requests; index = next++) {
        const request = generateRequest(requestSeed(options.seed, index), this.operations, {
          known: this.known,
          admitted: (operation) => [...(this.admittedRoles.get(operation) ?? [])],
          refused: (operation) => [...(this.refusedRoles.get(operation) ?? [])],
        });
        const sent = performance.now();
        const answer = await this.send(request, options.timeoutMs ?? 30_000).catch((error: Error) => error);
        if (answer instanceof Error) {
          statuses.set('no answer', (statuses.get('no answer') ?? 0) + 1);
          failures.push({ index, problem: `no answer: ${answer.message}`, request, answer: undefined });
          continue;
        }
        statuses.set(String(answer.status), (statuses.get(String(answer.status)) ?? 0) + 1);
        if (answer.status < 300) succeeded.add(request.operation);
        slowest.push({ operation: `${request.method} ${request.operation.path}`, status: answer.status, ms: Math.round(performance.now() - sent), index });
        slowest.sort((a, b) => b.ms - a.ms).splice(5);
        options.onAnswer?.(index, request, answer);
        const problem = judge(request, answer);
        if (problem) failures.push({ index, problem, request, answer });
        await this.learn(index, request, answer);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
    const neverSucceeded = this.operations.filter((operation) => !succeeded.has(operation)).map((o) => `${o.method} ${o.path}`);
    return { seed: options.seed, requests: options.requests, durationMs: performance.now() - started, statuses, neverSucceeded, slowest, failures };
  }

  /**
   * After the run: ready, and a normal read and a normal write (an administrator creates a user and reads it back
   * with read-your-writes) still work. Failures are reported like the run's, with index -1.
   */
  async checkHealthy(): Promise<FuzzFailure[]> {
    const failures: FuzzFailure[] = [];
    const expect = async (problem: string, want: number, method: string, url: string, body?: unknown, role: Role = 'admin') => {
      const request = this.plainRequest(method, url, role, body);
      const answer = await this.send(request, 30_000);
      if (answer.status !== want) failures.push({ index: -1, problem: `${problem}: ${answer.status}, not ${want}`, request, answer });
      return answer;
    };
    // The projections may still be working off the run's last writes: readiness gets their 30 s bound to settle.
    const deadline = Date.now() + 30_000;
    let ready = await this.send(this.plainRequest('GET', '/health/ready', 'anonymous'), 30_000);
    while (ready.status !== 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      ready = await this.send(this.plainRequest('GET', '/health/ready', 'anonymous'), 30_000);
    }
    if (ready.status !== 200) failures.push({ index: -1, problem: `not ready after the run: ${ready.status}`, request: undefined, answer: ready });
    // A refusal that names the citizen already holding a CPR number must name one that exists: a registration
    // that failed half-way used to leave its CPR reservation behind, naming a citizen never created. Customer
    // service asks, who sees removed citizens too (one removed since the refusal is no such case).
    for (const [citizenId, refusal] of this.namedCitizens) {
      const answer = await this.send(this.plainRequest('GET', `/api/v1/citizens/${citizenId}?purpose=Kontrol`, 'customer_service'), 30_000);
      if (answer.status === 404) failures.push({ ...refusal, problem: `409 names citizen ${citizenId}, who does not exist: a reservation left behind` });
    }
    await expect('a normal read after the run', 200, 'GET', '/api/v1/products?pageSize=5');
    const username = `fuzz.health.${randomBytes(4).toString('hex')}`;
    const created = await expect('a normal write after the run', 201, 'POST', '/api/v1/users', { username, name: 'Helbred Tjek', email: `${username}@example.dk`, role: 'auditor' });
    if (created.status === 201) {
      const { id, position } = JSON.parse(created.text) as { id: string; position: string };
      await expect('reading the write back', 200, 'GET', `/api/v1/users/${id}?consistentWith=${encodeURIComponent(position)}`);
    }
    return failures;
  }

  private plainRequest(method: string, url: string, role: Role, body?: unknown): FuzzRequest {
    const operation: Operation = { method, path: url.split('?')[0]!, parameters: [], body: undefined };
    const headers: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
    return { operation, role, method, url, headers, body: body === undefined ? undefined : JSON.stringify(body), mutations: [], consistentWith: false };
  }

  private async send(request: FuzzRequest, timeoutMs: number): Promise<Answer> {
    await this.renewals.get(request.role);
    const headers: Record<string, string> = { ...request.headers };
    const token = this.tokens.get(request.role);
    if (token && headers.authorization === undefined) headers.authorization = `Bearer ${token}`;
    // A length, as every ordinary client sends it (Node would otherwise send a body in chunks, even on a GET).
    if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
    try {
      return await this.exchange(request, headers, timeoutMs);
    } catch (error) {
      // The server closes a connection after refusing what its HTTP parser could not read (431, 414); a request
      // the client had already put on that kept-alive connection meets the close. Node's advice: send it again.
      if ((error as { reusedSocket?: boolean }).reusedSocket) return this.exchange(request, headers, timeoutMs);
      throw error;
    }
  }

  private exchange(request: FuzzRequest, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
    const { hostname, port } = new URL(this.app.baseUrl);
    return new Promise<Answer>((resolve, reject) => {
      const outgoing = http.request({ hostname, port, method: request.method, path: request.url, headers, agent: this.agent, timeout: timeoutMs }, (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, text: Buffer.concat(chunks).toString('utf8') }));
        incoming.on('error', reject);
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      outgoing.on('error', (error) => reject(Object.assign(error, { reusedSocket: outgoing.reusedSocket })));
      outgoing.end(request.body);
    });
  }

  /** What an answer teaches: ids to use, which roles get through, and whether a caller's session has ended. */
  private async learn(index: number, request: FuzzRequest, answer: Answer): Promise<void> {
    if (answer.status === 409) {
      // Only in the caller's own municipality: CPR_REGISTERED_ELSEWHERE names one the caller may not see.
      const { code, details } = (JSON.parse(answer.text) as { error: { code: string; details: { citizenId?: unknown } } }).error;
      const citizenId = code === 'CPR_ALREADY_REGISTERED' ? details.citizenId : undefined;
      if (typeof citizenId === 'string' && this.namedCitizens.size < 50) this.namedCitizens.set(citizenId, { index, problem: '', request, answer });
    }
    const verdicts = answer.status === 401 || answer.status === 403 ? this.refusedRoles : this.admittedRoles;
    verdicts.set(request.operation, (verdicts.get(request.operation) ?? new Set<Role>()).add(request.role));
    if (answer.status >= 200 && answer.status < 300 && answer.text.startsWith('{')) {
      const body = JSON.parse(answer.text) as Record<string, unknown>;
      this.known.learnFromAnswer(body);
      const newLine = /\/citizens\/([^/]+)\/grant\/lines$/.exec(request.url.split('?')[0]!);
      if (request.method === 'POST' && newLine && typeof body.lineId === 'string') this.known.relateLine(decodeURIComponent(newLine[1]!), body.lineId);
      if (request.method === 'POST' && request.operation.path === '/api/v1/users' && typeof body.id === 'string') {
        this.known.learn('fuzzUser', body.id);
        if (typeof body.username === 'string') this.known.learn('fuzzUsername', body.username);
      }
    }
    // A logout, or a change to the webshop citizen, ends the caller's session: log in again, once at a time.
    const ended = answer.status === 401 || (request.operation.path === '/api/v1/auth/logout' && answer.status === 204);
    if (ended && request.role !== 'anonymous' && request.headers.authorization === undefined && !this.renewals.has(request.role)) {
      const renewal = this.logIn(request.role).finally(() => this.renewals.delete(request.role));
      this.renewals.set(request.role, renewal);
      await renewal;
    }
  }

  private async logIn(role: Role): Promise<void> {
    const username = DEMO_USERS[role];
    if (username) {
      this.tokens.set(role, await this.app.login(username).catch(() => undefined));
      return;
    }
    if (role === 'citizen' && this.citizenLogin) {
      const answer = await this.app.request('POST', '/api/v1/auth/login', { body: { ...this.citizenLogin, acceptTerms: true } });
      // Staff may have issued the citizen a one-time password meanwhile: then the citizen calls as nobody.
      this.tokens.set(role, answer.status === 200 && !answer.body.mustChangePassword ? answer.body.token : undefined);
    }
  }

  private async collectKnownValues(): Promise<void> {
    const get = async (role: Role, url: string) => {
      const answer = await this.app.request('GET', url, { token: this.tokens.get(role) });
      if (answer.status !== 200) throw new Error(`GET ${url} as ${role}: ${answer.status}`);
      return answer.body;
    };
    const users = await get('admin', '/api/v1/users?pageSize=200');
    this.known.seed('user', valuesOf(users, 'userId'));
    this.known.seed('municipality', valuesOf(await get('admin', '/api/v1/municipalities'), 'id'));
    for (const id of this.known.all('municipality')) {
      const municipality = await get('admin', `/api/v1/municipalities/${id}`);
      this.known.seed('postalCode', valuesOf(municipality, 'postalCodes'));
      this.known.seed('grantArea', valuesOf(municipality, 'grantAreas'));
    }
    this.known.seed('product', valuesOf(await get('admin', '/api/v1/products?pageSize=100'), 'itemNumber'));
    this.known.seed('projection', valuesOf(await get('admin', '/api/v1/admin/projections'), 'name'));
    for (const caseworker of ['caseworker', 'caseworker_aarhus'] as const) {
      const citizens = valuesOf(await get(caseworker, '/api/v1/citizens?pageSize=200'), 'citizenId');
      this.known.seed('citizen', citizens);
      for (const citizen of citizens) {
        const lines = valuesOf(await get(caseworker, `/api/v1/citizens/${citizen}/grant?includeInactive=true`), 'lineId');
        this.known.seed('line', lines);
        for (const line of lines) this.known.relateLine(citizen, line);
        this.known.seed('order', valuesOf(await get(caseworker, `/api/v1/citizens/${citizen}/orders?from=2000-01-01&to=2099-12-31&pageSize=200`), 'orderId'));
      }
    }
    if (this.known.all('citizen').length === 0 || this.known.all('line').length === 0 || this.known.all('order').length === 0) {
      throw new Error('The fuzz run needs the demo citizens with their grants and orders (startTestApp … { seedCitizens: true })');
    }
  }

  /** The citizen role: a citizen registered here, with a webshop login whose password only this run knows. */
  private async webshopCitizen(): Promise<void> {
    const caseworker = this.tokens.get('caseworker');
    const username = `fuzz.borger.${randomBytes(4).toString('hex')}`;
    const registered = await this.app.request('POST', '/api/v1/citizens', {
      token: caseworker,
      body: {
        cpr: fictitiousCpr('010170', String(randomBytes(1)[0]! % 4), { checksum: 'valid' }),
        firstName: 'Fuzz',
        lastName: 'Borger',
        address: { street: 'Prøvevej 1', postalCode: '2100', city: 'København Ø' },
        webshopUsername: username,
      },
    });
    if (registered.status !== 201) throw new Error(`registering the webshop citizen: ${registered.status} ${registered.body?.error?.code}`);
    const { citizenId, position } = registered.body;
    const issued = await this.app.request('POST', `/api/v1/citizens/${citizenId}/webshop-one-time-password?consistentWith=${position}`, { token: caseworker });
    if (issued.status !== 201) throw new Error(`a one-time password for the webshop citizen: ${issued.status}`);
    this.app.secret(issued.body.password);
    const first = await this.app.request('POST', '/api/v1/auth/login', { body: { username, password: issued.body.password, acceptTerms: true } });
    const password = `Fuzz ${randomBytes(12).toString('base64url')} borger`;
    const changed = await this.app.request('POST', '/api/v1/auth/password', { token: first.body.token, body: { currentPassword: issued.body.password, newPassword: password } });
    if (changed.status !== 200) throw new Error(`the webshop citizen's password: ${changed.status}`);
    this.citizenLogin = { username, password };
    this.tokens.set('citizen', changed.body.token);
    this.known.learn('citizen', citizenId);
  }
}

/** Every string under a field of that name, anywhere in an answer (or each string of an array there). */
function valuesOf(body: unknown, field: string): string[] {
  const found: string[] = [];
  const stack: unknown[] = [body];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next === null || typeof next !== 'object') continue;
    for (const [key, value] of Object.entries(next)) {
      if (key === field && typeof value === 'string') found.push(value);
      else if (key === field && Array.isArray(value)) found.push(...value.filter((v): v is string => typeof v === 'string'));
      else stack.push(value);
    }
  }
  return found;
}
