import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { copenhagenDate } from '../../src/shared/time.js';
import { addMonths } from '../../src/grants/windows.js';
import { grantAnswer } from '../../src/grants/grant.answers.js';
import { fictitiousCpr, hyphenated } from '../citizens/cpr-fixtures.js';
import { describeEachBackend } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';

const HEADER = 'itemNumber;name;description;manufacturer;manufacturerRef;group;seriesId;salesUnitName;piecesPerSalesUnit;listPrice';
const product = (itemNumber: string, group: string, pieces: number, price = '300,00') =>
  [itemNumber, `Testvare ${itemNumber}`, '', 'Grantfabrik', `GF-${itemNumber}`, group, '', 'æske', String(pieces), price].join(';');
const CATALOGUE = [
  HEADER,
  product('GR-S30', 'Stomi > Poser', 30),
  product('GR-K10', 'Kateter > Engangskatetre', 10),
  product('GR-D1', 'Diabetes > Kanyler', 1),
  product('GR-I25', 'Inkontinens > Bleer', 25),
  product('GR-I20', 'Inkontinens > Bleer', 20),
].join('\n');

describeEachBackend('Grants through HTTP (DOMAIN §4)', (backend) => {
  let t: TestApp;
  let caseworker: string;
  let nurse: string;
  let orderer: string;
  let aarhus: string;
  let citizenId: string;
  let position: string;
  const today = copenhagenDate(new Date());
  const cpr = fictitiousCpr('120350', '1', { checksum: 'valid' });

  beforeAll(async () => {
    t = await startTestApp(backend);
    const admin = await t.login('admin');
    const imported = await t.request('POST', '/api/v1/catalogue/imports', { token: admin, csv: CATALOGUE });
    expect(imported.body.added).toBe(5);
    caseworker = await t.login('sagsbehandler.kbh');
    nurse = await t.login('sygeplejerske.kbh');
    orderer = await t.login('bestiller.kbh');
    aarhus = await t.login('sagsbehandler.aar');
    const created = await t.request('POST', '/api/v1/citizens', {
      token: caseworker,
      body: { cpr, firstName: 'Grete', lastName: 'Grantsen', address: { street: 'Bevillingsvej 4', postalCode: '2300', city: 'København S' } },
    });
    citizenId = created.body.citizenId;
    position = created.body.position;
  });
  afterAll(async () => t?.close());

  const grant = (token: string, query = '') => t.request('GET', `/api/v1/citizens/${citizenId}/grant?consistentWith=${position}${query}`, { token });
  const addLine = (token: string, body: object) => t.request('POST', `/api/v1/citizens/${citizenId}/grant/lines`, { token, body });
  const lines = (view: { areas: { grantArea: string; lines: { itemNumber: string }[] }[] }) =>
    view.areas.flatMap((area) => area.lines.map((line) => `${area.grantArea}:${line.itemNumber}`));

  it.each([
    [4, 'day', 3, 'GR-S30', 365, 13, 13],
    [1, 'week', 12, 'GR-K10', 52, 6, null],
    [2, 'month', 3, 'GR-D1', 6, 6, 6],
    [100, 'year', 3, 'GR-I25', 25, 1, 1],
    [3, 'day', 12, 'GR-I20', 1095, 55, null],
    [1, 'day', 3, 'GR-K10', 91.25, 10, 10],
  ])('the calculator: %i a %s over %i months of %s → %d pieces, grantedMax %d, per order %p', async (quantity, per, periodMonths, itemNumber, pieces, grantedMax, perOrder) => {
    const answer = await t.request('POST', '/api/v1/allowance-calculations', { token: caseworker, body: { quantity, per, periodMonths, itemNumber } });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ piecesPerPeriod: pieces, grantedMax, salesUnitsPerOrder: perOrder });
  });

  it.each([
    ['an unknown unit', { quantity: 1, per: 'fortnight', periodMonths: 3, itemNumber: 'GR-S30' }],
    ['a period other than 3 or 12', { quantity: 1, per: 'day', periodMonths: 6, itemNumber: 'GR-S30' }],
    ['a non-positive quantity', { quantity: 0, per: 'day', periodMonths: 3, itemNumber: 'GR-S30' }],
  ])('the calculator refuses %s with a 400', async (_name, body) => {
    const answer = await t.request('POST', '/api/v1/allowance-calculations', { token: caseworker, body });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('a caseworker adds a line with an allowance; the overview shows it with its window, price and next order date', async () => {
    const added = await addLine(caseworker, { itemNumber: 'GR-S30', grantArea: 'Stomi', kind: 'continuous', allowance: { quantity: 4, per: 'day', periodMonths: 3 } });
    expect(added.status).toBe(201);
    position = added.body.position;
    const view = await grant(caseworker);
    expect(view.status).toBe(200);
    expect(view.body.areas).toEqual([
      {
        grantArea: 'Stomi',
        lines: [
          expect.objectContaining({
            lineId: added.body.lineId,
            itemNumber: 'GR-S30',
            productName: 'Testvare GR-S30',
            onAgreement: false,
            pricePerSalesUnit: 30000,
            pricePerPiece: 1000,
            salesUnit: { name: 'æske', pieces: 30 },
            status: 'ACTIVE',
            startDate: today,
            allowance: expect.objectContaining({ grantedMax: 13, salesUnitsPerOrder: 13, periodMonths: 3 }),
            window: expect.objectContaining({ start: today, end: addMonths(today, 3), ordered: 0, delivered: 0 }),
            nextOrderDate: today,
            history: [],
          }),
        ],
      },
    ]);
  });

  it('the overview is headed by the citizen (name, masked CPR, delivery address, status) and answers as the OpenAPI document says', async () => {
    const view = await grant(caseworker);
    expect(view.body.citizen).toEqual({
      name: 'Grete Grantsen',
      cprMasked: '120350-XXXX',
      address: { street: 'Bevillingsvej 4', postalCode: '2300', city: 'København S' },
      status: 'ACTIVE',
    });
    expect(JSON.stringify(view.body)).not.toContain(cpr);
    expect(JSON.stringify(view.body)).not.toContain(hyphenated(cpr));
    expect(grantAnswer.strict().safeParse(view.body).error).toBeUndefined();
  });

  it('at most one active line per item number', async () => {
    const again = await addLine(caseworker, { itemNumber: 'GR-S30', grantArea: 'Stomi', kind: 'continuous' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('LINE_ALREADY_ACTIVE');
  });

  it('a nurse changes grants only in her own areas and sees only those', async () => {
    const inkontinens = await addLine(caseworker, { itemNumber: 'GR-I25', grantArea: 'Inkontinens', kind: 'continuous', allowance: { grantedMax: 4, periodMonths: 3 } });
    expect(inkontinens.status).toBe(201);
    const forbidden = await addLine(nurse, { itemNumber: 'GR-I20', grantArea: 'Inkontinens', kind: 'continuous' });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.code).toBe('GRANT_AREA_FORBIDDEN');
    const kateter = await addLine(nurse, { itemNumber: 'GR-K10', grantArea: 'Kateter', kind: 'one_time', endDate: addMonths(today, 1), allowance: { grantedMax: 5, periodMonths: 3 } });
    expect(kateter.status).toBe(201);
    position = kateter.body.position;
    expect(lines((await grant(nurse)).body)).toEqual(['Kateter:GR-K10', 'Stomi:GR-S30']);
    expect(lines((await grant(caseworker)).body)).toEqual(['Inkontinens:GR-I25', 'Kateter:GR-K10', 'Stomi:GR-S30']);
    const changeOthers = await t.request('PATCH', `/api/v1/citizens/${citizenId}/grant/lines/${inkontinens.body.lineId}`, { token: nurse, body: { status: 'INACTIVE' } });
    expect(changeOthers.status).toBe(403);
  });

  it('a one-time line needs an end date; orderers do not change grants', async () => {
    const noEnd = await addLine(caseworker, { itemNumber: 'GR-D1', grantArea: 'Diabetes', kind: 'one_time' });
    expect(noEnd.status).toBe(422);
    expect(noEnd.body.error.code).toBe('END_DATE_REQUIRED');
    expect((await addLine(orderer, { itemNumber: 'GR-D1', grantArea: 'Diabetes', kind: 'continuous' })).status).toBe(403);
    const unknown = await addLine(caseworker, { itemNumber: 'NOPE-1', grantArea: 'Diabetes', kind: 'continuous' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('PRODUCT_UNKNOWN');
  });

  it('editing the allowance, inactivating and reactivating a line', async () => {
    const view = await grant(caseworker);
    const stomi = view.body.areas.find((area: { grantArea: string }) => area.grantArea === 'Stomi').lines[0];
    const path = `/api/v1/citizens/${citizenId}/grant/lines/${stomi.lineId}`;

    const edited = await t.request('PATCH', path, { token: caseworker, body: { allowance: { quantity: 1, per: 'day', periodMonths: 12, salesUnitsPerOrder: 4 } } });
    expect(edited.status).toBe(200);
    position = edited.body.position;
    const afterEdit = (await grant(caseworker)).body.areas.find((area: { grantArea: string }) => area.grantArea === 'Stomi').lines[0];
    expect(afterEdit.allowance).toMatchObject({ grantedMax: 13, salesUnitsPerOrder: 4, periodMonths: 12 });
    expect(afterEdit.window).toMatchObject({ start: today, end: addMonths(today, 12) });

    const inactivated = await t.request('PATCH', path, { token: caseworker, body: { status: 'INACTIVE', reason: 'Ikke længere behov' } });
    position = inactivated.body.position;
    expect(lines((await grant(caseworker)).body)).not.toContain('Stomi:GR-S30');
    const all = await grant(caseworker, '&includeInactive=true');
    expect(all.body.areas.find((area: { grantArea: string }) => area.grantArea === 'Stomi').lines[0]).toMatchObject({ status: 'INACTIVE' });

    const reactivated = await t.request('POST', `${path}/reactivate`, { token: caseworker, body: { allowance: { grantedMax: 2, periodMonths: 3 } } });
    expect(reactivated.status).toBe(200);
    position = reactivated.body.position;
    expect((await grant(caseworker)).body.areas.find((area: { grantArea: string }) => area.grantArea === 'Stomi').lines[0]).toMatchObject({
      status: 'ACTIVE',
      allowance: expect.objectContaining({ grantedMax: 2 }),
    });
  });

  it('citizen search finds by active grant area and item number, and shows areas and the next order date', async () => {
    const byArea = await t.request('GET', `/api/v1/citizens?grantArea=Kateter&consistentWith=${position}`, { token: caseworker });
    expect(byArea.body.items).toEqual([
      expect.objectContaining({ citizenId, grantAreas: ['Inkontinens', 'Kateter', 'Stomi'], nextOrderDate: today }),
    ]);
    const byItem = await t.request('GET', '/api/v1/citizens?itemNumber=GR-I25', { token: caseworker });
    expect(byItem.body.items.map((row: { citizenId: string }) => row.citizenId)).toEqual([citizenId]);
    const asNurse = await t.request('GET', '/api/v1/citizens?itemNumber=GR-K10', { token: nurse });
    expect(asNurse.body.items[0].grantAreas).toEqual(['Kateter', 'Stomi']);
    expect((await t.request('GET', '/api/v1/citizens?itemNumber=GR-D1', { token: caseworker })).body.total).toBe(0);
  });

  it('"Redigér" switches a line between one-time and continuous: the item is granted anew on a new line, the old one kept inactive', async () => {
    const kateterLines = async (query = '') => (await grant(nurse, query)).body.areas.find((area: { grantArea: string }) => area.grantArea === 'Kateter').lines;
    const [oneTime] = await kateterLines();
    expect(oneTime).toMatchObject({ itemNumber: 'GR-K10', kind: 'one_time' });
    const path = (lineId: string) => `/api/v1/citizens/${citizenId}/grant/lines/${lineId}`;

    const both = await t.request('PATCH', path(oneTime.lineId), { token: nurse, body: { kind: 'continuous', status: 'INACTIVE' } });
    expect(both.status).toBe(400);
    expect(both.body.error.details.fields).toEqual([expect.objectContaining({ path: 'body.kind' })]);

    const switched = await t.request('PATCH', path(oneTime.lineId), { token: nurse, body: { kind: 'continuous', allowance: { grantedMax: 6, periodMonths: 3 } } });
    expect(switched.status).toBe(200);
    expect(switched.body.lineId).not.toBe(oneTime.lineId);
    position = switched.body.position;
    expect(await kateterLines()).toEqual([
      expect.objectContaining({ lineId: switched.body.lineId, kind: 'continuous', status: 'ACTIVE', startDate: today, endDate: null, allowance: expect.objectContaining({ grantedMax: 6 }) }),
    ]);
    expect((await kateterLines('&includeInactive=true')).map((line: { lineId: string; status: string }) => [line.lineId, line.status])).toEqual([
      [switched.body.lineId, 'ACTIVE'],
      [oneTime.lineId, 'INACTIVE'],
    ]);

    const noEnd = await t.request('PATCH', path(switched.body.lineId), { token: nurse, body: { kind: 'one_time' } });
    expect(noEnd.status).toBe(422);
    expect(noEnd.body.error.code).toBe('END_DATE_REQUIRED');
    const back = await t.request('PATCH', path(switched.body.lineId), { token: nurse, body: { kind: 'one_time', endDate: addMonths(today, 2) } });
    expect(back.status).toBe(200);
    position = back.body.position;
    expect(await kateterLines()).toEqual([expect.objectContaining({ lineId: back.body.lineId, kind: 'one_time', endDate: addMonths(today, 2), allowance: expect.objectContaining({ grantedMax: 6 }) })]);

    // The same kind again changes only what is given, on the same line.
    const same = await t.request('PATCH', path(back.body.lineId), { token: nurse, body: { kind: 'one_time', endDate: addMonths(today, 3) } });
    expect(same.body.lineId).toBe(back.body.lineId);
  });

  it('another municipality\'s citizen\'s grant answers 404, to read and to change', async () => {
    expect((await grant(aarhus)).status).toBe(404);
    expect((await t.request('POST', `/api/v1/citizens/${citizenId}/grant/lines`, { token: aarhus, body: { itemNumber: 'GR-D1', grantArea: 'Diabetes', kind: 'continuous' } })).status).toBe(404);
  });
});
