/**
 * The servers the design card's suites need — EventStoreDB (KurrentDB) and MongoDB — from one of two places:
 * a server named by TEST_EVENTSTORE_URL / TEST_MONGODB_URL, or else a throwaway container that testcontainers
 * starts when a container runtime (a Docker engine or Podman) answers. With neither, the suite is skipped and
 * says why. The runtime is asked once per test file, before the suites register (files use top-level await).
 */
import { MongoDBContainer } from '@testcontainers/mongodb';
import { GenericContainer, getContainerRuntimeClient, Wait } from 'testcontainers';

/** The images of docker-compose.yml's production profile, so the suites test what production runs. */
export const KURRENTDB_IMAGE = 'docker.kurrent.io/kurrent-latest/kurrentdb:25.1';
export const MONGODB_IMAGE = 'mongo:8';

export interface TestServer {
  readonly url: string;
  stop(): Promise<void>;
}

export type ServerSource =
  | { readonly available: true; readonly source: 'url' | 'container'; start(): Promise<TestServer> }
  | { readonly available: false; readonly reason: string };

let runtimeProblem: Promise<string | null> | undefined;

/** null when a container runtime answers; otherwise what testcontainers said, in one line. */
export function containerRuntimeProblem(): Promise<string | null> {
  runtimeProblem ??= getContainerRuntimeClient().then(
    () => null,
    (error: unknown) => (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown',
  );
  return runtimeProblem;
}

async function serverFrom(variable: string, name: string, startContainer: () => Promise<TestServer>): Promise<ServerSource> {
  const url = process.env[variable];
  if (url) return { available: true, source: 'url', start: async () => ({ url, stop: async () => undefined }) };
  const problem = await containerRuntimeProblem();
  if (problem) return { available: false, reason: `no ${name} reachable (set ${variable}, or run where a container runtime answers: ${problem})` };
  return { available: true, source: 'container', start: startContainer };
}

/** A single KurrentDB node, in memory, insecure (the suites speak `esdb://…?tls=false`). */
export const eventStoreDbServer = (): Promise<ServerSource> =>
  serverFrom('TEST_EVENTSTORE_URL', 'EventStoreDB', async () => {
    const container = await new GenericContainer(KURRENTDB_IMAGE)
      .withEnvironment({
        KURRENTDB_CLUSTER_SIZE: '1',
        KURRENTDB_RUN_PROJECTIONS: 'System',
        KURRENTDB_INSECURE: 'true',
        KURRENTDB_MEM_DB: 'true',
        KURRENTDB_TELEMETRY_OPTOUT: 'true',
      })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCode(204))
      .withStartupTimeout(120_000)
      .start();
    return {
      url: `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
      stop: async () => void (await container.stop()),
    };
  });

/** A single-node replica set (transactions need one), as in production. */
export const mongoDbServer = (): Promise<ServerSource> =>
  serverFrom('TEST_MONGODB_URL', 'MongoDB', async () => {
    const container = await new MongoDBContainer(MONGODB_IMAGE).start();
    return {
      // directConnection: the replica set's member is known inside the container by a name the host cannot resolve.
      url: `${container.getConnectionString()}?directConnection=true`,
      stop: async () => void (await container.stop()),
    };
  });
