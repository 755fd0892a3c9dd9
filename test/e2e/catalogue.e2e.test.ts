import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeEachBackend } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';

const HEADER = 'listPrice;itemNumber;name;description;manufacturer;manufacturerRef;group;seriesId;salesUnitName;piecesPerSalesUnit;datasheetUrls';
const row = (fields: {
  itemNumber: string;
  name: string;
  price?: string;
  pieces?: string;
  series?: string;
  group?: string;
  ref?: string;
  description?: string;
}) =>
  [
    fields.price ?? '1.299,50',
    fields.itemNumber,
    fields.name,
    fields.description ?? 'Testprodukt til e2e',
    'Zyxfabrik',
    fields.ref ?? `ZX-${fields.itemNumber}`,
    fields.group ?? 'Stomi > Poser',
    fields.series ?? 'ZX-SERIE',
    'æske',
    fields.pieces ?? '30',
    `https://example.invalid/${fields.itemNumber}.pdf`,
  ].join(';');

const FILE = [
  HEADER,
  row({ itemNumber: 'ZX1001', name: 'Zyx stomipose 25 mm', price: '300,00', pieces: '30' }),
  row({ itemNumber: 'ZX1002', name: 'Zyx stomipose 35 mm', price: '1.000,01', pieces: '3' }),
  row({ itemNumber: 'ZX1003', name: 'Zyx stomipose 45 mm' }),
  row({ itemNumber: 'ZX2001', name: 'Zyx kateter CH12', group: 'Kateter > Engangskatetre', series: 'ZX-KAT' }),
  row({ itemNumber: '', name: 'Uden varenummer' }),
  row({ itemNumber: 'ZX9001', name: 'Forkert pris', price: '12.50' }),
  row({ itemNumber: 'ZX9002', name: 'Nul stk', pieces: '0' }),
].join('\n');

describeEachBackend('The product catalogue through HTTP (DOMAIN §3)', (backend) => {
  let t: TestApp;
  let admin: string;
  let kbh: string;
  let aarhus: string;
  let position: string;

  beforeAll(async () => {
    t = await startTestApp(backend);
    admin = await t.login('admin');
    kbh = await t.login('sagsbehandler.kbh');
    aarhus = await t.login('sagsbehandler.aar');
  });
  afterAll(async () => t?.close());

  const search = (token: string, query: string) => t.request('GET', `/api/v1/products?${query}&consistentWith=${position}`, { token });

  it('the demo catalogue is there, with stars for the demo municipalities', async () => {
    const starredKbh = await t.request('GET', '/api/v1/products?agreementOnly=true&pageSize=1', { token: kbh });
    const starredAarhus = await t.request('GET', '/api/v1/products?agreementOnly=true&pageSize=1', { token: aarhus });
    expect(starredKbh.body.total).toBeGreaterThan(50);
    expect(starredAarhus.body.total).toBeGreaterThan(50);
  });

  it('an import takes the good rows and rejects each bad one with its row number and a code', async () => {
    const answer = await t.request('POST', '/api/v1/catalogue/imports', { token: admin, csv: FILE });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accepted: 4, added: 4, changed: 0, unchanged: 0 });
    expect(answer.body.rejected).toEqual([
      expect.objectContaining({ row: 6, code: 'ITEM_NUMBER_MISSING' }),
      expect.objectContaining({ row: 7, code: 'PRICE_INVALID' }),
      expect.objectContaining({ row: 8, code: 'PIECES_INVALID' }),
    ]);
    position = answer.body.position;
    const found = await search(kbh, 'q=zyx');
    expect(found.body.items.map((item: { itemNumber: string }) => item.itemNumber).sort()).toEqual(['ZX1001', 'ZX1002', 'ZX1003', 'ZX2001']);
  });

  it('importing the same file again changes nothing', async () => {
    const again = await t.request('POST', '/api/v1/catalogue/imports', { token: admin, csv: FILE });
    expect(again.body).toMatchObject({ accepted: 4, added: 0, changed: 0, unchanged: 4, position: null });
    expect(await t.infra.eventStore.readStream('product-ZX1001')).toHaveLength(1);
  });

  it('a changed row appends only what changed, and the catalogue shows it', async () => {
    const changed = await t.request('POST', '/api/v1/catalogue/imports', {
      token: admin,
      csv: [HEADER, row({ itemNumber: 'ZX1003', name: 'Zyx stomipose 45 mm', price: '1.350,00' })].join('\n'),
    });
    expect(changed.body).toMatchObject({ added: 0, changed: 1 });
    const events = await t.infra.eventStore.readStream('product-ZX1003');
    expect(events.map((event) => [event.type, event.data])).toEqual([
      ['ProductAdded', expect.anything()],
      ['ProductChanged', { itemNumber: 'ZX1003', listPrice: 135000 }],
    ]);
    position = changed.body.position;
    const detail = await t.request('GET', `/api/v1/products/ZX1003?consistentWith=${position}`, { token: kbh });
    expect(detail.body).toMatchObject({ listPrice: 135000, pricePerSalesUnit: 135000, onAgreement: false });
  });

  it('the same rows as JSON import alike', async () => {
    const answer = await t.request('POST', '/api/v1/catalogue/imports', {
      token: admin,
      body: [
        {
          itemNumber: 'ZX3001',
          name: 'Zyx sårbandage',
          description: '',
          manufacturer: 'Zyxfabrik',
          manufacturerRef: 'ZX-S1',
          group: 'Sårpleje > Bandager',
          seriesId: '',
          salesUnitName: 'pakke',
          piecesPerSalesUnit: 10,
          listPrice: '89,95',
        },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ accepted: 1, added: 1, rejected: [] });
  });

  it.each([
    ['a file that is not a product file', 'this is not ; a catalogue\n\u0000', 'CATALOGUE_FILE_INVALID'],
    ['a header without the required columns', 'itemNumber;name\nX1;Y', 'CATALOGUE_HEADER_INVALID'],
  ])('%s is a 400', async (_name, csv, code) => {
    const answer = await t.request('POST', '/api/v1/catalogue/imports', { token: admin, csv });
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe(code);
  });

  it('only administrators import', async () => {
    expect((await t.request('POST', '/api/v1/catalogue/imports', { token: kbh, csv: FILE })).status).toBe(403);
  });

  it('an agreement stars its products for that municipality only, with the agreement price per unit and per piece', async () => {
    const set = await t.request('PUT', '/api/v1/municipalities/101/agreement', {
      token: admin,
      body: {
        items: [
          { itemNumber: 'ZX1001', pricePerSalesUnit: 25_000, validFrom: '2020-01-01' },
          // 1.000,01 kr over 3 pieces = 333,336… øre: a per-piece price rounds half up.
          { itemNumber: 'ZX1002', pricePerSalesUnit: 100_001, validFrom: '2020-01-01', validTo: '2099-12-31' },
          { itemNumber: 'ZX1003', pricePerSalesUnit: 1, validFrom: '2020-01-01', validTo: '2020-12-31' },
          { itemNumber: 'ZX2001', pricePerSalesUnit: 1, validFrom: '2099-01-01' },
        ],
      },
    });
    expect(set.status).toBe(200);
    position = set.body.position;
    const asKbh = await search(kbh, 'q=zyx stomipose');
    const byItem = Object.fromEntries(asKbh.body.items.map((item: { itemNumber: string }) => [item.itemNumber, item]));
    expect(byItem.ZX1001).toMatchObject({ onAgreement: true, pricePerSalesUnit: 25_000, pricePerPiece: 833, listPrice: 30_000 });
    expect(byItem.ZX1002).toMatchObject({ onAgreement: true, pricePerSalesUnit: 100_001, pricePerPiece: 33_334 });
    // Expired and not yet valid agreements give no star.
    expect(byItem.ZX1003).toMatchObject({ onAgreement: false, pricePerSalesUnit: 135_000 });
    const future = await t.request('GET', `/api/v1/products/ZX2001?consistentWith=${position}`, { token: kbh });
    expect(future.body.onAgreement).toBe(false);

    const asAarhus = await search(aarhus, 'q=zyx stomipose');
    for (const item of asAarhus.body.items) expect(item).toMatchObject({ onAgreement: false, pricePerSalesUnit: item.listPrice });
  });

  it('agreementOnly lists what is on the caller\'s agreement today', async () => {
    const starred = await search(kbh, 'q=zyx&agreementOnly=true');
    expect(starred.body.items.map((item: { itemNumber: string }) => item.itemNumber).sort()).toEqual(['ZX1001', 'ZX1002']);
    expect(starred.body.total).toBe(2);
  });

  it('an agreement naming an item not in the catalogue is refused', async () => {
    const answer = await t.request('PUT', '/api/v1/municipalities/101/agreement', {
      token: admin,
      body: { items: [{ itemNumber: 'NOPE-1', pricePerSalesUnit: 1, validFrom: '2026-01-01' }] },
    });
    expect(answer.status).toBe(422);
    expect(answer.body.error).toMatchObject({ code: 'AGREEMENT_ITEM_UNKNOWN', details: { itemNumbers: ['NOPE-1'] } });
  });

  it('search finds any part of the item number, the manufacturer reference, and ranks the closest name first', async () => {
    expect((await search(kbh, 'q=X1002')).body.items.map((item: { itemNumber: string }) => item.itemNumber)).toEqual(['ZX1002']);
    expect((await search(kbh, 'q=zx-zx2001')).body.items.map((item: { itemNumber: string }) => item.itemNumber)).toEqual(['ZX2001']);
    const ranked = await search(kbh, 'q=zyx kateter');
    expect(ranked.body.items[0].itemNumber).toBe('ZX2001');
    const byGroup = await search(kbh, 'group=Kateter&q=zyx');
    expect(byGroup.body.items.map((item: { itemNumber: string }) => item.itemNumber)).toEqual(['ZX2001']);
  });

  it('without a query the catalogue lists by item number, paged', async () => {
    const page = await search(kbh, 'pageSize=5');
    expect(page.body.items).toHaveLength(5);
    expect(page.body.total).toBeGreaterThan(200);
    const numbers = page.body.items.map((item: { itemNumber: string }) => item.itemNumber);
    expect([...numbers].sort()).toEqual(numbers);
  });

  it('the detail lists the other sizes of the series, similar products of the group, and datasheets', async () => {
    const detail = await t.request('GET', `/api/v1/products/ZX1001?consistentWith=${position}`, { token: kbh });
    expect(detail.body.series.map((item: { itemNumber: string }) => item.itemNumber)).toEqual(['ZX1002', 'ZX1003']);
    expect(detail.body.similar.map((item: { itemNumber: string }) => item.itemNumber)).not.toContain('ZX1002');
    expect(detail.body.datasheets).toEqual(['https://example.invalid/ZX1001.pdf']);
    expect((await t.request('GET', '/api/v1/products/NOPE-1', { token: kbh })).status).toBe(404);
    // A series of 18 in a larger group still leaves a full list of similar products, none of them the series'.
    const large = (await t.request('GET', `/api/v1/products/201005?consistentWith=${position}`, { token: kbh })).body;
    expect(large.series).toHaveLength(17);
    expect(large.similar).toHaveLength(20);
    const series = new Set(large.series.map((item: { itemNumber: string }) => item.itemNumber));
    expect(large.similar.filter((item: { itemNumber: string; group: string }) => series.has(item.itemNumber) || item.group !== 'Stomi > Poser')).toEqual([]);
  });

  it('a discontinued product leaves the search but keeps its detail and history', async () => {
    const answer = await t.request('PATCH', '/api/v1/products/ZX1003', { token: admin, body: { discontinued: true, reason: 'Udgået hos producenten' } });
    expect(answer.status).toBe(200);
    position = answer.body.position;
    const found = await search(kbh, 'q=zyx stomipose');
    expect(found.body.items.map((item: { itemNumber: string }) => item.itemNumber)).not.toContain('ZX1003');
    const detail = await t.request('GET', `/api/v1/products/ZX1003?consistentWith=${position}`, { token: kbh });
    expect(detail.body.discontinued).toBe(true);
  });

  it('the product groups to browse: every level of every path, each counting the products a search by it finds', async () => {
    const groups = async () => (await t.request('GET', `/api/v1/product-groups?consistentWith=${position}`, { token: kbh })).body.items as any[];
    const before = await groups();
    const poser = before.find((group) => group.group === 'Stomi > Poser');
    expect(poser).toMatchObject({ name: 'Poser', parent: 'Stomi' });
    expect(poser.productCount).toBe((await search(kbh, 'group=Stomi%20%3E%20Poser')).body.total);
    const stomi = before.find((group) => group.group === 'Stomi');
    expect(stomi).toMatchObject({ name: 'Stomi', parent: null });
    const subgroupsOfStomi = before.filter((group) => group.parent === 'Stomi');
    expect(stomi.productCount).toBe(subgroupsOfStomi.reduce((sum, group) => sum + group.productCount, 0));
    expect(before.map((group) => group.group)).toEqual([...before.map((group) => group.group)].sort());

    const imported = await t.request('POST', '/api/v1/catalogue/imports', { token: admin, csv: [HEADER, row({ itemNumber: 'ZX3001', name: 'Zyx plaster', group: 'Sårpleje > Zyxgruppe' })].join('\n') });
    position = imported.body.position;
    expect((await groups()).find((group) => group.group === 'Sårpleje > Zyxgruppe')).toMatchObject({ productCount: 1, parent: 'Sårpleje' });
    // A group whose products all left the search is no longer offered.
    position = (await t.request('PATCH', '/api/v1/products/ZX3001', { token: admin, body: { discontinued: true } })).body.position;
    expect((await groups()).map((group) => group.group)).not.toContain('Sårpleje > Zyxgruppe');
  });
});
