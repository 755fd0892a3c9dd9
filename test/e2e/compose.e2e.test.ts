/**
 * docker-compose.yml's production profile, up as an operator would bring it up: KurrentDB, a MongoDB replica
 * set, PostgreSQL and the service built from the Dockerfile. Needs a container runtime with compose support
 * (testcontainers drives `docker compose`); without one the suite is skipped and says why.
 */
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DockerComposeEnvironment, Wait, type StartedDockerComposeEnvironment } from 'testcontainers';
import { containerRuntimeProblem } from '../support/containers.js';

const problem = await containerRuntimeProblem();
const DEMO_PASSWORD = 'compose-smoke-test-password';

describe('docker compose --profile production up', () => {
  if (problem) {
    it.skip(`skipped: no container runtime answers (${problem})`, () => undefined);
    return;
  }
  let environment: StartedDockerComposeEnvironment;
  let baseUrl: string;

  beforeAll(async () => {
    environment = await new DockerComposeEnvironment(resolve('.'), 'docker-compose.yml')
      .withProfiles('production')
      .withEnvironment({
        PSEUDONYM_KEY: 'a-compose-smoke-test-key-of-32-characters',
        PERSONAL_DATA_MASTER_KEY: Buffer.alloc(32, 9).toString('base64'),
        SMTP_URL: 'smtp://mail.invalid:25',
        SEED_DEMO: '1',
        DEMO_PASSWORD,
      })
      .withBuild()
      .withWaitStrategy('service-1', Wait.forHealthCheck())
      .withStartupTimeout(600_000)
      .up();
    const service = environment.getContainer('service-1');
    baseUrl = `http://${service.getHost()}:${service.getMappedPort(3000)}`;
  }, 900_000);
  afterAll(async () => {
    await environment?.down({ removeVolumes: true });
  }, 120_000);

  it('is ready on all three stores, and a caseworker logs in and finds the demo citizens', async () => {
    expect((await fetch(`${baseUrl}/health/ready`)).status).toBe(200);
    const login = await fetch(`${baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'sagsbehandler.kbh', password: DEMO_PASSWORD, acceptTerms: true }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token: string };
    const citizens = await fetch(`${baseUrl}/api/v1/citizens?name=Inger`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await citizens.json()) as { total: number }).total).toBe(1);
    expect((await fetch(`${baseUrl}/`)).headers.get('content-type')).toMatch(/text\/html/);
  });
});
