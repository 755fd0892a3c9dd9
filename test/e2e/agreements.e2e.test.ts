import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { agreementAnswer } from '../../src/catalogue/catalogue.answers.js';
import { copenhagenDate } from '../../src/shared/time.js';
import { describeEachBackend } from '../support/databases.js';
import { startTestApp, type TestApp } from '../support/app.js';

/** ISO date `days` from today (Europe/Copenhagen). */
function dayFromToday(days: number): string {
  const date = new Date(`${copenhagenDate(new Date())}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describeEachBackend('A municipality\'s agreement, read back and edited item by item (DOMAIN §3)', (backend) => {
  let t: TestApp;
  let admin: string;
  let caseworker: string;
  let items: string[];

  beforeAll(async () => {
    t = await startTestApp(backend);
    admin = await t.login('admin');
    caseworker = await t.login('sagsbehandler.kbh');
    const products = await t.request('GET', '/api/v1/products?pageSize=4', { token: admin });
    items = products.body.items.map((item: { itemNumber: string }) => item.itemNumber);
    expect(items).toHaveLength(4);
    for (const [id, name, postalCode] of [['147', 'Frederiksberg', '2000'], ['151', 'Ballerup', '2750']]) {
      const created = await t.request('POST', '/api/v1/municipalities', { token: admin, body: { id, name, postalCodes: [postalCode], grantAreas: ['Stomi'] } });
      expect(created.status).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  const agreement = (municipalityId: string, query: string, position?: string | null) =>
    t.request('GET', `/api/v1/municipalities/${municipalityId}/agreement?${query}${position ? `&consistentWith=${position}` : ''}`, { token: admin });

  it('the demo agreement reads back paged by item number, with names from the catalogue', async () => {
    const first = await agreement('101', 'pageSize=5');
    expect(first.status).toBe(200);
    const answer = agreementAnswer.parse(first.body);
    expect(answer.items).toHaveLength(5);
    expect(answer.total).toBeGreaterThan(5);
    const numbers = answer.items.map((item) => item.itemNumber);
    expect([...numbers].sort()).toEqual(numbers);
    for (const item of answer.items) {
      expect(item.name).not.toBe('');
      expect(item.periods.length).toBeGreaterThan(0);
    }
    const second = await agreement('101', 'pageSize=5&page=2');
    expect(second.body.items[0].itemNumber > numbers[4]!).toBe(true);
  });

  it('what is PUT is what GET answers: prices, periods (open-ended as null), and whether each holds today', async () => {
    const [current, past, future, twice] = items as [string, string, string, string];
    const set = await t.request('PUT', '/api/v1/municipalities/147/agreement', {
      token: admin,
      body: {
        items: [
          { itemNumber: current, pricePerSalesUnit: 12_345, validFrom: dayFromToday(-10) },
          { itemNumber: past, pricePerSalesUnit: 100, validFrom: '2020-01-01', validTo: dayFromToday(-1) },
          { itemNumber: future, pricePerSalesUnit: 200, validFrom: dayFromToday(1), validTo: dayFromToday(30) },
          { itemNumber: twice, pricePerSalesUnit: 300, validFrom: '2020-01-01', validTo: dayFromToday(0) },
          { itemNumber: twice, pricePerSalesUnit: 350, validFrom: dayFromToday(1) },
        ],
      },
    });
    expect(set.status).toBe(200);
    const read = await agreement('147', 'pageSize=200', set.body.position);
    const byItem = Object.fromEntries(agreementAnswer.parse(read.body).items.map((item) => [item.itemNumber, item]));
    expect(read.body.total).toBe(4);
    expect(byItem[current]).toMatchObject({
      priceToday: 12_345,
      periods: [{ pricePerSalesUnit: 12_345, validFrom: dayFromToday(-10), validTo: null, validToday: true }],
    });
    expect(byItem[past]).toMatchObject({ priceToday: null, periods: [{ validTo: dayFromToday(-1), validToday: false }] });
    expect(byItem[future]).toMatchObject({ priceToday: null, periods: [{ validFrom: dayFromToday(1), validToday: false }] });
    // The last day is on agreement ("til og med"); the next period follows it.
    expect(byItem[twice]).toMatchObject({
      priceToday: 300,
      periods: [
        { pricePerSalesUnit: 300, validToday: true },
        { pricePerSalesUnit: 350, validFrom: dayFromToday(1), validTo: null, validToday: false },
      ],
    });

    const today = await agreement('147', 'validToday=true', set.body.position);
    expect(today.body.items.map((item: { itemNumber: string }) => item.itemNumber).sort()).toEqual([current, twice].sort());
    const named = await agreement('147', `q=${encodeURIComponent(byItem[current]!.name)}`, set.body.position);
    expect(named.body.items.map((item: { itemNumber: string }) => item.itemNumber)).toContain(current);
    const byNumber = await agreement('147', `q=${encodeURIComponent(past)}`, set.body.position);
    expect(byNumber.body.items.map((item: { itemNumber: string }) => item.itemNumber)).toEqual([past]);
  });

  it('one item is added, changed and taken off without touching the others', async () => {
    const [kept, edited] = items as [string, string];
    const base = await t.request('PUT', '/api/v1/municipalities/151/agreement', {
      token: admin,
      body: { items: [{ itemNumber: kept, pricePerSalesUnit: 1_000, validFrom: '2025-01-01' }] },
    });
    expect(base.status).toBe(200);
    const added = await t.request('PUT', `/api/v1/municipalities/151/agreement/items/${edited}`, {
      token: admin,
      body: { periods: [{ pricePerSalesUnit: 4_200, validFrom: '2025-01-01', validTo: '2099-12-31' }] },
    });
    expect(added.status).toBe(200);
    let read = await agreement('151', '', added.body.position);
    expect(read.body.items.map((item: { itemNumber: string; priceToday: number }) => [item.itemNumber, item.priceToday])).toEqual(
      [
        [kept, 1_000],
        [edited, 4_200],
      ].sort(),
    );

    const changed = await t.request('PUT', `/api/v1/municipalities/151/agreement/items/${edited}`, {
      token: admin,
      body: { periods: [{ pricePerSalesUnit: 3_900, validFrom: '2025-02-01', validTo: null }] },
    });
    read = await agreement('151', `q=${edited}`, changed.body.position);
    expect(read.body.items[0].periods).toEqual([{ pricePerSalesUnit: 3_900, validFrom: '2025-02-01', validTo: null, validToday: true }]);

    const same = await t.request('PUT', `/api/v1/municipalities/151/agreement/items/${edited}`, {
      token: admin,
      body: { periods: [{ pricePerSalesUnit: 3_900, validFrom: '2025-02-01' }] },
    });
    // No change records nothing: the answer's position is the agreement's last event, the change before.
    expect(same.body.position).toBe(changed.body.position);

    const removed = await t.request('DELETE', `/api/v1/municipalities/151/agreement/items/${edited}`, { token: admin });
    expect(removed.status).toBe(200);
    read = await agreement('151', '', removed.body.position);
    expect(read.body.items.map((item: { itemNumber: string }) => item.itemNumber)).toEqual([kept]);
    const again = await t.request('DELETE', `/api/v1/municipalities/151/agreement/items/${edited}`, { token: admin });
    expect(again.body.position).toBe(removed.body.position);
  });

  it('an item\'s refusals name the period at fault', async () => {
    const put = (itemNumber: string, periods: unknown[]) =>
      t.request('PUT', `/api/v1/municipalities/151/agreement/items/${itemNumber}`, { token: admin, body: { periods } });
    const backwards = await put(items[2]!, [{ pricePerSalesUnit: 100, validFrom: '2026-05-01', validTo: '2026-04-30' }]);
    expect(backwards.status).toBe(422);
    expect(backwards.body.error).toMatchObject({ code: 'AGREEMENT_PERIOD_INVALID', details: { index: 0 } });
    const overlapping = await put(items[2]!, [
      { pricePerSalesUnit: 100, validFrom: '2026-01-01', validTo: '2026-06-30' },
      { pricePerSalesUnit: 90, validFrom: '2026-06-30' },
    ]);
    expect(overlapping.body.error).toMatchObject({ code: 'AGREEMENT_PERIODS_OVERLAP', details: { indexes: [0, 1] } });
    const unknown = await put('NOPE-1', [{ pricePerSalesUnit: 100, validFrom: '2026-01-01' }]);
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'AGREEMENT_ITEM_UNKNOWN', details: { itemNumbers: ['NOPE-1'] } });
    const negative = await put(items[2]!, [{ pricePerSalesUnit: -1, validFrom: '2026-01-01' }]);
    expect(negative.status).toBe(400);
    expect(negative.body.error.code).toBe('VALIDATION_FAILED');
    const notADate = await put(items[2]!, [{ pricePerSalesUnit: 1, validFrom: '1. maj 2026' }]);
    expect(notADate.status).toBe(400);
    expect(notADate.body.error.details.fields.map((field: { path: string }) => field.path)).toEqual(['body.periods.0.validFrom']);
  });

  it('an unknown municipality is 404; bad input is 400; only administrators', async () => {
    const unknown = await agreement('999', '');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    const unknownItem = await t.request('PUT', `/api/v1/municipalities/999/agreement/items/${items[0]}`, {
      token: admin,
      body: { periods: [{ pricePerSalesUnit: 1, validFrom: '2026-01-01' }] },
    });
    expect(unknownItem.status).toBe(404);
    expect((await agreement('1x1', '')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await agreement('101', 'pageSize=5000')).body.error.code).toBe('VALIDATION_FAILED');
    expect((await agreement('101', 'validToday=maybe')).status).toBe(400);

    const asCaseworker = await t.request('GET', '/api/v1/municipalities/101/agreement', { token: caseworker });
    expect(asCaseworker.status).toBe(403);
    const putAsCaseworker = await t.request('PUT', `/api/v1/municipalities/101/agreement/items/${items[0]}`, {
      token: caseworker,
      body: { periods: [] },
    });
    expect(putAsCaseworker.status).toBe(403);
    expect((await t.request('GET', '/api/v1/municipalities/101/agreement')).status).toBe(401);
  });
});
