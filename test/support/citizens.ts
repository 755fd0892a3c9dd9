/**
 * Citizens a browser test starts from, made through the API (the data a workflow starts from; what the page
 * itself does is done in the page). Each call waits until the read models show the change, since the browser
 * does not know the command's position.
 */
import type { TestApp } from './app.js';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';

export interface TestCitizen {
  readonly citizenId: string;
  readonly cpr: string;
}

export interface CitizenData {
  readonly firstName?: string;
  readonly lastName?: string;
  readonly street?: string;
  readonly postalCode?: string;
  readonly city?: string;
  readonly email?: string;
  readonly phone?: string;
}

async function settled(app: TestApp, answer: { status: number; body: any }, expected: number): Promise<any> {
  if (answer.status !== expected) throw new Error(`expected ${expected}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  if (answer.body?.position && !(await app.infra.projections.waitForPosition(['citizens', 'grants'], answer.body.position, 10_000))) {
    throw new Error('the read models did not catch up');
  }
  return answer.body;
}

/** A citizen with a valid fictitious CPR number born on `ddmmyy` (use a date no other test uses). */
export async function registerCitizen(app: TestApp, token: string, ddmmyy: string, data: CitizenData = {}): Promise<TestCitizen> {
  const cpr = fictitiousCpr(ddmmyy, '1', { checksum: 'valid' });
  const body = {
    cpr,
    firstName: data.firstName ?? 'Test',
    lastName: data.lastName ?? 'Borger',
    address: { street: data.street ?? 'Prøvevej 1', postalCode: data.postalCode ?? '2100', city: data.city ?? 'København Ø' },
    ...(data.email ? { email: data.email } : {}),
    ...(data.phone ? { phone: data.phone } : {}),
  };
  const answer = await settled(app, await app.request('POST', '/api/v1/citizens', { token, body }), 201);
  return { citizenId: answer.citizenId, cpr };
}

export async function addGrantLine(app: TestApp, token: string, citizenId: string, itemNumber: string, grantArea: string): Promise<void> {
  await settled(app, await app.request('POST', `/api/v1/citizens/${citizenId}/grant/lines`, { token, body: { itemNumber, grantArea, kind: 'continuous' } }), 201);
}

export async function setCitizenStatus(app: TestApp, token: string, citizenId: string, status: string): Promise<void> {
  await settled(app, await app.request('POST', `/api/v1/citizens/${citizenId}/status`, { token, body: { status } }), 200);
}

/** A demo citizen's id (seedCitizens), found as the caseworker of the municipality finds them. */
export async function demoCitizenId(app: TestApp, token: string, name: string): Promise<string> {
  const answer = await app.request('GET', `/api/v1/citizens?name=${encodeURIComponent(name)}`, { token });
  const row = answer.body.items.find((item: { name: string }) => item.name === name);
  if (!row) throw new Error(`no demo citizen ${name}`);
  return row.citizenId;
}
