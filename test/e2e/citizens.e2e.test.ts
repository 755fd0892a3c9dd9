import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeEachBackend } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { fictitiousCpr, hyphenated } from '../citizens/cpr-fixtures.js';
import { citizenProfileAnswer, citizenRegisteredAnswer, citizenSearchAnswer } from '../../src/citizens/citizen.answers.js';
import { commandAnswer } from '../../src/http/schemas.js';

const citizen = (cpr: string, overrides: Record<string, unknown> = {}) => ({
  cpr,
  firstName: 'Søren',
  lastName: 'Ærø-Jensen',
  address: { street: 'Testvej 1', postalCode: '2100', city: 'København Ø' },
  phone: '12345678',
  ...overrides,
});

describeEachBackend('Citizens through HTTP (DOMAIN §2)', (backend) => {
  let t: TestApp;
  let caseworker: string;
  let nurse: string;
  let aarhus: string;
  let auditor: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    caseworker = await t.login('sagsbehandler.kbh');
    nurse = await t.login('sygeplejerske.kbh');
    aarhus = await t.login('sagsbehandler.aar');
    auditor = await t.login('revisor');
  });
  afterAll(async () => t?.close());

  const create = (token: string, body: unknown, headers?: Record<string, string>) =>
    t.request('POST', '/api/v1/citizens', { token, body, headers });

  it('a caseworker registers a citizen and reads the record with full CPR, derived birth date and gender', async () => {
    const cpr = fictitiousCpr('150585', '1', { checksum: 'valid', gender: 'female' });
    const created = await create(caseworker, citizen(hyphenated(cpr)));
    expect(created.status).toBe(201);
    expect(created.body.citizenId).toMatch(/^[0-9a-f-]{36}$/);
    expect(typeof created.body.position).toBe('string');

    const profile = await t.request('GET', `/api/v1/citizens/${created.body.citizenId}?purpose=Bevillingssag&consistentWith=${created.body.position}`, {
      token: caseworker,
    });
    expect(profile.status).toBe(200);
    expect(profile.body).toMatchObject({
      cpr,
      birthDate: '1985-05-15',
      gender: 'female',
      webshopUsername: cpr,
      status: 'ACTIVE',
      address: { postalCode: '2100' },
    });
  });

  it('the same CPR number twice in one municipality is refused with the existing citizen id', async () => {
    const cpr = fictitiousCpr('010203', '2', { checksum: 'valid' });
    const first = await create(caseworker, citizen(cpr));
    const second = await create(caseworker, citizen(hyphenated(cpr), { firstName: 'Anden' }));
    expect(second.status).toBe(409);
    expect(second.body.error).toMatchObject({ code: 'CPR_ALREADY_REGISTERED', details: { citizenId: first.body.citizenId } });
  });

  it('a CPR number registered in another municipality is refused revealing nothing', async () => {
    const cpr = fictitiousCpr('020304', '2', { checksum: 'valid' });
    expect((await create(caseworker, citizen(cpr))).status).toBe(201);
    const elsewhere = await create(aarhus, citizen(cpr, { address: { street: 'Aavej 2', postalCode: '8000', city: 'Aarhus C' } }));
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error.code).toBe('CPR_REGISTERED_ELSEWHERE');
    expect(elsewhere.body.error.details).toEqual({});
  });

  it('20 simultaneous registrations of one CPR number: exactly one succeeds', async () => {
    const cpr = fictitiousCpr('030405', '3', { checksum: 'valid' });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => create(i % 2 ? caseworker : aarhus, citizen(cpr, i % 2 ? {} : { address: { street: 'Aavej 2', postalCode: '8000', city: 'Aarhus C' } }))));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(19);
  });

  it.each([
    ['CPR_FORMAT', '12345'],
    ['CPR_FORMAT', '150585-12a4'],
    ['CPR_DATE', '310299-1234'],
  ])('a malformed CPR number is refused with %s', async (code, cpr) => {
    const answer = await create(caseworker, citizen(cpr));
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe(code);
    expect(JSON.stringify(answer.body)).not.toContain(cpr);
  });

  it('a CPR number failing modulus 11 needs confirmUnusualCpr, except on the CPR office\'s exempt dates', async () => {
    const unusual = fictitiousCpr('121275', '2', { checksum: 'invalid' });
    const refused = await create(caseworker, citizen(unusual));
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('CPR_CHECKSUM_UNCONFIRMED');
    expect((await create(caseworker, citizen(unusual, { confirmUnusualCpr: true }))).status).toBe(201);

    const exempt = fictitiousCpr('010165', '2', { checksum: 'invalid' });
    expect((await create(caseworker, citizen(exempt))).status).toBe(201);
  });

  it('a postal code outside the municipality is refused', async () => {
    const answer = await create(caseworker, citizen(fictitiousCpr('040506', '1', { checksum: 'valid' }), { address: { street: 'Aavej 2', postalCode: '8000', city: 'Aarhus' } }));
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('ADDRESS_OUTSIDE_MUNICIPALITY');
  });

  it('only caseworkers register citizens', async () => {
    const answer = await create(nurse, citizen(fictitiousCpr('050607', '1', { checksum: 'valid' })));
    expect(answer.status).toBe(403);
    expect(answer.body.error.code).toBe('FORBIDDEN');
  });

  it('search matches any part of the name, case- and accent-insensitively, and masks the CPR number', async () => {
    const cpr = fictitiousCpr('060708', '1', { checksum: 'valid' });
    const created = await create(caseworker, citizen(cpr, { firstName: 'Åse', lastName: 'Brødsgaard' }));
    const found = await t.request('GET', `/api/v1/citizens?name=BRØDS&consistentWith=${created.body.position}`, { token: nurse });
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([
      expect.objectContaining({ citizenId: created.body.citizenId, cprMasked: '060708-XXXX', name: 'Åse Brødsgaard', status: 'ACTIVE' }),
    ]);
    const byAccentless = await t.request('GET', '/api/v1/citizens?name=aase', { token: nurse });
    expect(byAccentless.body.items.map((row: { citizenId: string }) => row.citizenId)).toContain(created.body.citizenId);
    const byBirthPart = await t.request('GET', '/api/v1/citizens?cpr=060708', { token: caseworker });
    expect(byBirthPart.body.items.map((row: { citizenId: string }) => row.citizenId)).toEqual([created.body.citizenId]);
    expect(JSON.stringify(found.body)).not.toContain(cpr);
  });

  it('search and records are confined to the caller\'s municipality; another municipality\'s record answers 404', async () => {
    const created = await create(caseworker, citizen(fictitiousCpr('070809', '1', { checksum: 'valid' }), { lastName: 'Kbhsen' }));
    const search = await t.request('GET', `/api/v1/citizens?name=kbhsen&consistentWith=${created.body.position}`, { token: aarhus });
    expect(search.status).toBe(200);
    expect(search.body.total).toBe(0);
    const record = await t.request('GET', `/api/v1/citizens/${created.body.citizenId}?purpose=x`, { token: aarhus });
    expect(record.status).toBe(404);
    const asAuditor = await t.request('GET', `/api/v1/citizens/${created.body.citizenId}?purpose=Revision`, { token: auditor });
    expect(asAuditor.status).toBe(200);
  });

  it('search is paged and sorted by name by default', async () => {
    const names = ['Zeta', 'Alfa', 'Mike'];
    let position = '';
    for (const [i, lastName] of names.entries()) {
      ({ position } = (await create(caseworker, citizen(fictitiousCpr(`0${i + 1}0190`, '1', { checksum: 'valid' }), { firstName: 'Pagetest', lastName }))).body);
    }
    const first = await t.request('GET', `/api/v1/citizens?name=pagetest&pageSize=2&consistentWith=${position}`, { token: caseworker });
    expect(first.body).toMatchObject({ page: 1, pageSize: 2, total: 3 });
    expect(first.body.items.map((row: { name: string }) => row.name)).toEqual(['Pagetest Alfa', 'Pagetest Mike']);
    const second = await t.request('GET', '/api/v1/citizens?name=pagetest&pageSize=2&page=2', { token: caseworker });
    expect(second.body.items.map((row: { name: string }) => row.name)).toEqual(['Pagetest Zeta']);
  });

  it('contact details change; a postal code outside the municipality is refused', async () => {
    const created = await create(caseworker, citizen(fictitiousCpr('080910', '1', { checksum: 'valid' })));
    const id = created.body.citizenId;
    const changed = await t.request('PATCH', `/api/v1/citizens/${id}`, {
      token: nurse,
      body: { address: { street: 'Nyvej 5', postalCode: '2200', city: 'København N' }, email: 'borger@example.invalid' },
    });
    expect(changed.status).toBe(200);
    const profile = await t.request('GET', `/api/v1/citizens/${id}?purpose=Adresse&consistentWith=${changed.body.position}`, { token: nurse });
    expect(profile.body).toMatchObject({ address: { street: 'Nyvej 5', postalCode: '2200' }, email: 'borger@example.invalid' });
    const outside = await t.request('PATCH', `/api/v1/citizens/${id}`, { token: nurse, body: { address: { street: 'Aavej 1', postalCode: '8000', city: 'Aarhus' } } });
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('ADDRESS_OUTSIDE_MUNICIPALITY');
    const otherMunicipality = await t.request('PATCH', `/api/v1/citizens/${id}`, { token: aarhus, body: { phone: '87654321' } });
    expect(otherMunicipality.status).toBe(404);
  });

  it('the answers are the ones the OpenAPI document describes; the supplier\'s staff see each row\'s municipality', async () => {
    const created = await create(caseworker, citizen(fictitiousCpr('111213', '1', { checksum: 'valid' }), { lastName: 'Beskrevet' }));
    expect(citizenRegisteredAnswer.parse(created.body).citizenId).toBe(created.body.citizenId);
    const id = created.body.citizenId;
    const changed = await t.request('PATCH', `/api/v1/citizens/${id}`, { token: caseworker, body: { phone: '11223344' } });
    expect(commandAnswer.parse(changed.body).position).toEqual(expect.any(String));
    const profile = await t.request('GET', `/api/v1/citizens/${id}?purpose=Kontrol&consistentWith=${changed.body.position}`, { token: caseworker });
    expect(citizenProfileAnswer.strict().parse(profile.body)).toMatchObject({ phone: '11223344' });
    const customerService = await t.login('kundeservice');
    const search = await t.request('GET', '/api/v1/citizens?name=beskrevet', { token: customerService });
    const rows = citizenSearchAnswer.parse(search.body).items;
    expect(rows).toEqual([expect.objectContaining({ citizenId: id, municipalityId: '101' })]);
    expect(Object.keys(search.body.items[0]).sort()).toEqual(Object.keys(citizenSearchAnswer.shape.items.element.shape).sort());
    const status = await t.request('POST', `/api/v1/citizens/${id}/status`, { token: caseworker, body: { status: 'GRANT_ENDED' } });
    expect(commandAnswer.parse(status.body).position).toEqual(expect.any(String));
  });

  it('opening a record is recorded with its purpose; a purpose is required', async () => {
    const created = await create(caseworker, citizen(fictitiousCpr('091011', '1', { checksum: 'valid' })));
    const id = created.body.citizenId;
    const withoutPurpose = await t.request('GET', `/api/v1/citizens/${id}?consistentWith=${created.body.position}`, { token: caseworker });
    expect(withoutPurpose.status).toBe(400);
    expect(withoutPurpose.body.error.details.fields[0].path).toBe('query.purpose');
    await t.request('GET', `/api/v1/citizens/${id}?purpose=Telefonopkald`, { token: caseworker });
    const log = await t.infra.eventStore.readStream(`citizenaccess-${id}`);
    expect(log.map((event) => [event.type, (event.data as { purpose: string }).purpose])).toEqual([['CitizenRecordOpened', 'Telefonopkald']]);
    expect(log[0]!.metadata).toMatchObject({ actor: { role: 'caseworker', municipalityId: '101' } });
  });

  it('a repeated command with the same Idempotency-Key returns the first answer and appends nothing', async () => {
    const body = citizen(fictitiousCpr('101112', '1', { checksum: 'valid' }));
    const headers = { 'idempotency-key': 'create-101112' };
    const first = await create(caseworker, body, headers);
    const again = await create(caseworker, body, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(await t.infra.eventStore.readStream(`citizen-${first.body.citizenId}`)).toHaveLength(1);
    const reused = await create(caseworker, { ...body, firstName: 'Andet' }, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('no log line holds a CPR number', async () => {
    expect(t.logs.length).toBeGreaterThan(0);
    for (const line of t.logs) expect(line).not.toMatch(/(?<!\d)\d{6}-?\d{4}(?!\d)/);
  });

  describe('bad input never produces a 5xx', () => {
    it.each([
      ['malformed JSON', { rawBody: '{"cpr": ', headers: { 'content-type': 'application/json' } }, 400, 'MALFORMED_JSON'],
      ['wrong types', { body: { cpr: 1234567890, firstName: ['x'] } }, 400, 'VALIDATION_FAILED'],
      ['an array body', { body: [1, 2] }, 400, 'VALIDATION_FAILED'],
      ['a text body', { rawBody: 'hello', headers: { 'content-type': 'text/plain' } }, 400, 'VALIDATION_FAILED'],
      ['an unknown content type', { rawBody: '<x/>', headers: { 'content-type': 'application/xml' } }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['a huge body', { rawBody: JSON.stringify({ cpr: 'x'.repeat(2_000_000) }), headers: { 'content-type': 'application/json' } }, 413, 'PAYLOAD_TOO_LARGE'],
      ['a prototype-poisoning body', { rawBody: '{"__proto__": {"admin": true}}', headers: { 'content-type': 'application/json' } }, 400, undefined],
    ])('%s', async (_name, options, status, code) => {
      const answer = await t.request('POST', '/api/v1/citizens', { token: caseworker, ...(options as object) });
      expect(answer.status).toBe(status);
      if (code) expect(answer.body.error.code).toBe(code);
      expect(answer.body.error).toEqual(expect.objectContaining({ code: expect.any(String), message: expect.any(String) }));
    });

    it('a validation error names the offending fields', async () => {
      const answer = await create(caseworker, { cpr: '0101011234', firstName: '', address: { street: 'x', postalCode: '21', city: 'y' } });
      expect(answer.status).toBe(400);
      const paths = answer.body.error.details.fields.map((field: { path: string }) => field.path);
      expect(paths).toEqual(expect.arrayContaining(['body.firstName', 'body.lastName', 'body.address.postalCode']));
    });

    it('a malformed id or position is a 400, an unknown route a 404', async () => {
      expect((await t.request('GET', '/api/v1/citizens/not-a-uuid?purpose=x', { token: caseworker })).status).toBe(400);
      expect((await t.request('GET', '/api/v1/citizens?consistentWith=%27;drop', { token: caseworker })).status).toBe(400);
      const unknown = await t.request('GET', '/api/v1/nothing-here', { token: caseworker });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.code).toBe('NOT_FOUND');
    });
  });

  it('without a session every route but login answers 401', async () => {
    const answer = await t.request('GET', '/api/v1/citizens');
    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('UNAUTHENTICATED');
    expect((await t.request('GET', '/api/v1/citizens', { token: 'x'.repeat(43) })).status).toBe(401);
  });
});
