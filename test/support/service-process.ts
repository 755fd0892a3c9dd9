/**
 * The service as `npm start` runs it (src/main.ts), in a process of its own, driven over HTTP: for the suites and
 * harnesses that stop it by a signal, kill it, or take its database away underneath it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { DEMO_PASSWORD } from './demo-password.js';

export interface ServiceLogLine {
  readonly msg?: string;
  readonly level?: number;
  readonly [field: string]: unknown;
}

export interface ServiceExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface ServiceProcess {
  readonly process: ChildProcess;
  /** Every JSON line the service wrote on stdout, parsed. */
  readonly logs: ServiceLogLine[];
  /** Everything on stderr (start-up failures are written there, not logged). */
  stderr(): string;
  readonly exited: Promise<ServiceExit>;
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `<origin>/api/v1` */
  readonly baseUrl: string;
}

export interface SpawnOptions {
  /** Default: a free one. A harness that restarts the service gives the same port, so its clients need not know. */
  readonly port?: number;
  /** Wait for the 'listening' log line (default), or return at once (a start that is expected to wait or fail). */
  readonly waitUntilListening?: boolean;
  readonly startTimeoutMs?: number;
  /** What node runs, and where (default: `--import tsx src/main.ts` in this checkout); e.g. a built image's `dist/src/main.js`. */
  readonly entry?: { readonly args: readonly string[]; readonly cwd: string };
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });

/**
 * Starts `node --import tsx src/main.ts` (or options.entry) with the demo data (SEED_DEMO, the tests' DEMO_PASSWORD) and `env`.
 * Only PATH is inherited: the service sees no variable of the caller's (no TEST_DATABASE_URL, no secrets).
 */
export async function spawnService(env: Record<string, string>, options: SpawnOptions = {}): Promise<ServiceProcess> {
  const port = options.port ?? (await freePort());
  // node itself (tsx only as its loader): a wrapper process would stand between a signal and the service.
  const child = spawn(process.execPath, options.entry?.args ?? ['--import', 'tsx', 'src/main.ts'], {
    cwd: options.entry?.cwd,
    env: { PATH: process.env.PATH ?? '', PORT: String(port), SEED_DEMO: '1', DEMO_PASSWORD, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: ServiceLogLine[] = [];
  let pending = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    pending += chunk.toString();
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        logs.push(JSON.parse(line) as ServiceLogLine);
      } catch {
        logs.push({ msg: line });
      }
    }
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<ServiceExit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const origin = `http://127.0.0.1:${port}`;
  const service: ServiceProcess = { process: child, logs, stderr: () => stderr, exited, port, origin, baseUrl: `${origin}/api/v1` };
  if (options.waitUntilListening ?? true) await untilLogged(service, 'listening', options.startTimeoutMs ?? 120_000);
  return service;
}

/** Waits for a log line with this message; fails (with stderr) when the service exits first or the time is up. */
export async function untilLogged(service: ServiceProcess, msg: string, timeoutMs = 60_000): Promise<ServiceLogLine> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = service.logs.find((candidate) => candidate.msg === msg);
    if (line) return line;
    if (service.process.exitCode !== null || service.process.signalCode !== null || Date.now() > deadline) {
      throw new Error(`the service did not log "${msg}" (exit ${service.process.exitCode ?? service.process.signalCode}): ${service.stderr()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** SIGKILL, and wait until the process is gone (its port free again). */
export async function killService(service: ServiceProcess): Promise<ServiceExit> {
  if (service.process.exitCode === null && service.process.signalCode === null) service.process.kill('SIGKILL');
  return service.exited;
}

export interface CallAnswer {
  readonly status: number;
  readonly body: any;
  readonly headers: Headers;
}

export interface CallOptions {
  readonly token?: string;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal;
}

/** One HTTP request to `<baseUrl><path>`; a refused or broken connection rejects (fetch's TypeError). */
export async function callService(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<CallAnswer> {
  const { token, body, headers = {}, signal } = options;
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body !== undefined ? JSON.stringify(body) : undefined,
    signal,
  });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as any, headers: response.headers };
}

/** Logs a demo user in (the tests' DEMO_PASSWORD) and returns the bearer token. */
export async function loginDemoUser(baseUrl: string, username: string): Promise<string> {
  const answer = await callService(baseUrl, 'POST', '/auth/login', { body: { username, password: DEMO_PASSWORD, acceptTerms: true } });
  if (answer.status !== 200) throw new Error(`login of ${username} answered ${answer.status}`);
  return answer.body.token as string;
}
