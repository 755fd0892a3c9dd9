/**
 * The Dockerfile's build, rehearsed where no container engine runs: each stage's WORKDIR, ENV, COPY and RUN are
 * carried out in a folder that stands for the stage's file system, on this process's Node, and the image's CMD is
 * then started and used. It catches what a real build would: a file the build needs that no COPY brings, a
 * production dependency installed only as a dev dependency, a service that does not start on the image's Node.
 * What it cannot check: the base image's Debian packages, and USER (the rehearsal runs as whoever runs the tests).
 *
 * It runs on the image's Node version only (CI's second pass, README "Supported runtimes"); elsewhere it is skipped
 * and says why. It takes minutes: two `npm ci` (from npm's cache when warm) and the full build.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { inBuildContext, nodeVersionOfImage, readDockerfile, type BuildStage } from '../support/dockerfile.js';
import { callService, killService, loginDemoUser, spawnService, type ServiceProcess } from '../support/service-process.js';

const stages = readDockerfile();
const imageNode = nodeVersionOfImage(stages.at(-1)!.image);
const runnable = imageNode === process.versions.node;

interface StageRoot {
  readonly root: string;
  workdir: string;
  readonly env: Record<string, string>;
}

/** The build context as Docker sends it. */
const inContext = inBuildContext();

/**
 * The environment a RUN sees: the stage's ENV over a bare one, with this Node first on PATH (npm, a JavaScript
 * program, runs on it too) and the machine's way to the registry (its CA certificates, proxy and npm settings), as
 * a Docker engine's network gives a build.
 */
const MACHINE_NETWORK = /^(NODE_EXTRA_CA_CERTS|SSL_CERT_(FILE|DIR)|(HTTPS?|NO)_PROXY|npm_config_(globalconfig|userconfig|cache|registry|cafile))$/i;
const runEnvironment = (stage: StageRoot): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => MACHINE_NETWORK.test(name))),
  PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
  HOME: process.env.HOME,
  ...stage.env,
});

function carryOut(stage: BuildStage, roots: Map<string, StageRoot>, root: string): StageRoot {
  const state: StageRoot = { root, workdir: '/', env: {} };
  const inStage = (path: string) => join(root, posix.resolve(state.workdir, path));
  for (const instruction of stage.instructions) {
    switch (instruction.keyword) {
      case 'WORKDIR':
        state.workdir = posix.resolve(state.workdir, instruction.text);
        mkdirSync(inStage('.'), { recursive: true });
        break;
      case 'ENV':
        for (const pair of instruction.args) {
          const [name, ...value] = pair.split('=');
          state.env[name!] = value.join('=');
        }
        break;
      case 'COPY': {
        const sources = instruction.args.slice(0, -1);
        const destination = instruction.args.at(-1)!;
        const into = destination.endsWith('/') || sources.length > 1;
        for (const source of sources) {
          const from = instruction.from ? join(roots.get(instruction.from)!.root, source) : source;
          const target = into ? join(inStage(destination), posix.basename(source)) : inStage(destination);
          mkdirSync(dirname(target), { recursive: true });
          cpSync(from, target, { recursive: true, filter: instruction.from ? undefined : inContext });
        }
        break;
      }
      case 'RUN': {
        const run = spawnSync('sh', ['-c', instruction.text], { cwd: inStage('.'), env: runEnvironment(state), encoding: 'utf8', maxBuffer: 64 << 20 });
        if (run.status !== 0) throw new Error(`Dockerfile line ${instruction.line}: RUN ${instruction.text} failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
        break;
      }
      case 'USER':
      case 'EXPOSE':
      case 'CMD':
        break; // what the image is started with: read by the test below
      default:
        throw new Error(`Dockerfile line ${instruction.line}: the rehearsal does not know ${instruction.keyword}`);
    }
  }
  return state;
}

describe('the Dockerfile, built and started without a container engine', () => {
  if (!runnable) {
    it.skip(`skipped: the image runs Node ${imageNode}, this is Node ${process.versions.node} (CI's second pass runs it)`, () => undefined);
    return;
  }
  const folder = mkdtempSync(join(tmpdir(), 'image-rehearsal-'));
  let image: StageRoot;
  let service: ServiceProcess;

  beforeAll(() => {
    const roots = new Map<string, StageRoot>();
    stages.forEach((stage, index) => {
      const state = carryOut(stage, roots, join(folder, `stage-${index}`));
      if (stage.name) roots.set(stage.name, state);
      image = state;
    });
  }, 900_000);
  afterAll(async () => {
    if (service) await killService(service);
    rmSync(folder, { recursive: true, force: true });
  });

  it('the image holds the compiled service and the portal, and no package the lockfile marks dev-only', () => {
    const app = join(image.root, image.workdir);
    expect(statSync(join(app, 'dist/src/main.js')).isFile()).toBe(true);
    expect(statSync(join(app, 'dist/web/index.html')).isFile()).toBe(true);
    const { packages } = JSON.parse(readFileSync('package-lock.json', 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.entries(packages).filter(([path, entry]) => entry.dev && path.startsWith('node_modules/'));
    expect(devOnly.length).toBeGreaterThan(100); // jest, typescript-eslint, vite, playwright-core, …
    expect(devOnly.map(([path]) => path).filter((path) => existsSync(join(app, path)))).toEqual([]);
    expect(existsSync(join(app, 'node_modules/@nestjs/core'))).toBe(true);
  });

  it("the image's CMD starts the service, which answers ready, serves the portal and logs a demo user in", async () => {
    const cmd = stages.at(-1)!.instructions.find((instruction) => instruction.keyword === 'CMD')!;
    expect(cmd.args[0]).toBe('node');
    service = await spawnService(
      { ...image.env, HOST: '127.0.0.1', DATA_DIR: join(folder, 'data'), PERSONAL_DATA_MASTER_KEY: Buffer.alloc(32, 7).toString('base64') },
      { entry: { args: cmd.args.slice(1), cwd: join(image.root, image.workdir) } },
    );
    expect(service.logs.find((line) => line.msg === 'listening')).toBeDefined();
    expect((await callService(service.origin, 'GET', '/health/ready')).status).toBe(200);
    const portal = await fetch(`${service.origin}/`);
    expect(portal.status).toBe(200);
    expect(await portal.text()).toContain('<div id="root"></div>');
    const token = await loginDemoUser(service.baseUrl, 'sagsbehandler.kbh');
    expect((await callService(service.baseUrl, 'GET', '/me', { token })).status).toBe(200);
  }, 180_000);

  it('stops cleanly on SIGTERM, as a container is stopped', async () => {
    service.process.kill('SIGTERM');
    expect(await service.exited).toEqual({ code: 0, signal: null });
  });
});
