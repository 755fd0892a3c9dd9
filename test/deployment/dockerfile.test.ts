/**
 * The Dockerfile, checked without a container engine (none runs on these machines): linted by dockerfile-utils
 * (the Docker language server's validator), then read for what the production image must be. The build itself
 * is rehearsed on the image's Node by image-rehearsal.test.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { validate } from 'dockerfile-utils';
import semver from 'semver';
import { ciNode24Version, DOCKERFILE, inBuildContext, nodeVersionOfImage, readDockerfile, type BuildStage } from '../support/dockerfile.js';

const content = readFileSync(DOCKERFILE, 'utf8');
const stages = readDockerfile(content);
const image = stages.at(-1)!;
const engines = (JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } }).engines.node;

const lint = (text: string) => validate(text).map((problem) => `line ${problem.range.start.line + 1}: ${problem.message}`);
const instructions = (stage: BuildStage, keyword: string) => stage.instructions.filter((instruction) => instruction.keyword === keyword);

describe('Dockerfile', () => {
  it('has no problem the Docker language server reports', () => {
    expect(lint(content)).toEqual([]);
  });

  it('the linter does report a broken Dockerfile (so the check above can fail)', () => {
    expect(lint('FROM node:24-trixie-slim\nEXPOSE http\nWORKDIR app\nCOPY onlyone\n')).toHaveLength(3);
  });

  it('builds every stage on the Node 24 LTS that CI tests, on a slim Debian base', () => {
    const version = ciNode24Version();
    expect(semver.major(version)).toBe(24);
    for (const stage of stages) {
      expect({ image: stage.image, node: nodeVersionOfImage(stage.image) }).toEqual({ image: stage.image, node: version });
    }
  });

  it('runs a Node version package.json "engines" admits', () => {
    expect(semver.satisfies(nodeVersionOfImage(image.image)!, engines)).toBe(true);
    expect(semver.satisfies(process.versions.node, engines)).toBe(true);
  });

  it('the image installs production dependencies only, runs as the unprivileged node user, and starts the compiled service', () => {
    expect(instructions(image, 'ENV').map((env) => env.text)).toContain('NODE_ENV=production');
    expect(instructions(image, 'RUN').map((run) => run.text)).toEqual([expect.stringMatching(/^npm ci --omit=dev\b/)]);
    expect(instructions(image, 'USER').map((user) => user.text)).toEqual(['node']);
    // The last USER comes before the CMD: the process never runs as root.
    const [cmd] = instructions(image, 'CMD');
    expect(cmd?.args).toEqual(['node', 'dist/src/main.js']);
    expect(instructions(image, 'USER')[0]!.line).toBeLessThan(cmd!.line);
    // dist/src/main.js is what tsconfig.build.json makes of src/main.ts.
    expect(existsSync('src/main.ts')).toBe(true);
    expect(instructions(image, 'EXPOSE').map((expose) => expose.text)).toEqual(['3000']);
  });

  it('runs no install script of a dependency in either stage', () => {
    const installs = stages.flatMap((stage) => instructions(stage, 'RUN')).filter((run) => /^npm (ci|install)\b/.test(run.text));
    expect(installs).toHaveLength(2);
    for (const install of installs) expect(install.text).toMatch(/ --ignore-scripts\b/);
  });

  it('copies from the build context only files that exist and that .dockerignore lets through', () => {
    const inContext = inBuildContext();
    const sources = stages.flatMap((stage) => instructions(stage, 'COPY').filter((copy) => !copy.from).flatMap((copy) => copy.args.slice(0, -1)));
    expect(sources.length).toBeGreaterThan(0);
    for (const source of sources) {
      expect({ source, exists: existsSync(source), inContext: inContext(source) }).toEqual({ source, exists: true, inContext: true });
    }
  });

  it('the build stage copies everything the service build compiles', () => {
    const build = stages.find((stage) => stage.name === 'build')!;
    const copied = new Set(instructions(build, 'COPY').flatMap((copy) => copy.args.slice(0, -1)));
    const { include } = JSON.parse(readFileSync('tsconfig.build.json', 'utf8')) as { include: string[] };
    for (const folder of include) expect({ folder, copied: copied.has(folder) }).toEqual({ folder, copied: true });
    for (const file of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'web']) expect({ file, copied: copied.has(file) }).toEqual({ file, copied: true });
  });

  it('the image takes the compiled service from the build stage', () => {
    expect(instructions(image, 'COPY').filter((copy) => copy.from)).toEqual([expect.objectContaining({ from: 'build', args: ['/app/dist', './dist'] })]);
  });
});
