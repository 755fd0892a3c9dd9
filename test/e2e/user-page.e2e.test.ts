import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { userItem } from '../../src/identity/users.answers.js';
import { describeEachBackend } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** A staff account's page in "Brugere": GET /users/:id, and what PATCH /users/:id changes shows there. */
describeEachBackend('GET /users/:id: one staff account, and its role and grant areas changed', (backend) => {
  let t: TestApp;
  let admin: string;
  let userId: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    admin = await t.login('admin');
    const list = await t.request('GET', '/api/v1/users?municipalityId=101&pageSize=200', { token: admin });
    userId = list.body.items.find((user: { username: string }) => user.username === 'sagsbehandler.kbh').userId;
  });
  afterAll(async () => t?.close());

  it('answers the account as the list does (with its lock); an unknown id 404, a citizen id 404, a malformed one 400', async () => {
    const answer = await t.request('GET', `/api/v1/users/${userId}`, { token: admin });
    expect(answer.status).toBe(200);
    expect(userItem.parse(answer.body)).toMatchObject({ userId, username: 'sagsbehandler.kbh', role: 'caseworker', municipalityId: '101', disabled: false, lockedUntil: null });
    expect((await t.request('GET', '/api/v1/users/00000000-0000-4000-8000-000000000000', { token: admin })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/users/not-an-id', { token: admin })).body.error.code).toBe('VALIDATION_FAILED');
  });

  it('a changed role and grant areas are what the page reads next; refusals name their field', async () => {
    const changed = await t.request('PATCH', `/api/v1/users/${userId}`, { token: admin, body: { role: 'nurse', grantAreas: ['Stomi'] } });
    expect(changed.status).toBe(200);
    const after = await t.request('GET', `/api/v1/users/${userId}?consistentWith=${changed.body.position}`, { token: admin });
    expect(after.body).toMatchObject({ role: 'nurse', municipalityId: '101', grantAreas: ['Stomi'] });

    const unknownArea = await t.request('PATCH', `/api/v1/users/${userId}`, { token: admin, body: { grantAreas: ['Tandpleje'] } });
    expect([unknownArea.status, unknownArea.body.error.code]).toEqual([422, 'GRANT_AREA_UNKNOWN']);
    const scoped = await t.request('PATCH', `/api/v1/users/${userId}`, { token: admin, body: { role: 'auditor', municipalityId: '101', grantAreas: ['Stomi'] } });
    expect([scoped.status, scoped.body.error.code]).toEqual([422, 'ROLE_SCOPE_INVALID']);
  });

  it('only administrators', async () => {
    const caseworker = await t.login('sagsbehandler.aar');
    expect((await t.request('GET', `/api/v1/users/${userId}`, { token: caseworker })).status).toBe(403);
  });
});
