import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { CommandBus } from '@nestjs/cqrs';
import { addMonths, previousDay } from '../../src/grants/windows.js';
import { seedDemo } from '../../src/seed/demo-seed.js';
import { copenhagenDate } from '../../src/shared/time.js';
import { describeEachBackend } from '../support/databases.js';
import { DEMO_PASSWORD, startTestApp, TestClock, type TestApp } from '../support/app.js';

const daysBefore = (date: string, days: number): string => Array.from({ length: days }).reduce<string>((day) => previousDay(day), date);

describeEachBackend('The demo seed: citizens with grants and order histories (SEED_DEMO=1)', (backend) => {
  let t: TestApp;
  let caseworker: string;
  let aarhus: string;
  // Taken before the seed runs, so that seeding again below happens on the seed's own day.
  const seededAt = new Date();
  const today = copenhagenDate(seededAt);
  const yearAgo = addMonths(today, -12);

  beforeAll(async () => {
    t = await startTestApp(backend, {}, new TestClock(), { seedCitizens: true });
    caseworker = await t.login('sagsbehandler.kbh');
    aarhus = await t.login('sagsbehandler.aar');
  });
  afterAll(async () => t?.close());

  const get = async (url: string, token = caseworker) => {
    const response = await t.request('GET', `/api/v1${url}`, { token });
    expect([url, response.status]).toEqual([url, 200]);
    return response.body;
  };
  const citizenId = async (lastName: string, token = caseworker): Promise<string> => {
    const found = await get(`/citizens?name=${encodeURIComponent(lastName)}`, token);
    expect(found.total).toBe(1);
    return found.items[0].citizenId;
  };
  const grantLine = async (id: string, itemNumber: string) =>
    (await get(`/citizens/${id}/grant`)).areas.flatMap((area: { lines: any[] }) => area.lines).find((line: { itemNumber: string }) => line.itemNumber === itemNumber);
  const history = async (id: string, token = caseworker) => (await get(`/citizens/${id}/orders?from=${yearAgo}`, token)).items as any[];

  it('a caseworker of København finds its three demo citizens, with their grant areas and masked, fictitious CPR numbers', async () => {
    const found = await get('/citizens');
    // Sorted by name: last name first.
    expect(found.items).toEqual([
      expect.objectContaining({ name: 'Poul Erik Jensen', cprMasked: '220242-XXXX', city: 'København N', status: 'ACTIVE', grantAreas: ['Kateter'] }),
      expect.objectContaining({ name: 'Inger Kristensen', cprMasked: '111141-XXXX', city: 'København S', grantAreas: ['Stomi'], nextOrderDate: today }),
      expect.objectContaining({ name: 'Grethe Olsen', cprMasked: '030333-XXXX', city: 'København Ø', status: 'ACTIVE', grantAreas: ['Diabetes', 'Inkontinens'], nextOrderDate: today }),
    ]);
    const shown = found.items.map(({ citizenId: _id, ...row }: { citizenId: string }) => row);
    expect(JSON.stringify(shown)).not.toMatch(/[0-9]{6}-?[0-9]{4}/);
    // Nor did the seed write them (or any number starting with a demo birth date) to the log.
    expect(t.logs.filter((line) => /(111141|220242|030333|040444)-?[0-9]{4}/.test(line))).toEqual([]);
  });

  it('a demo grant started eight months ago shows ordered and delivered in the current window, the past windows and the last order date', async () => {
    const inger = await citizenId('Kristensen');
    const bags = await grantLine(inger, '201005');
    expect(bags).toMatchObject({
      status: 'ACTIVE',
      startDate: addMonths(today, -8),
      allowance: { quantity: 2, per: 'day', periodMonths: 3, grantedMax: 7, salesUnitsPerOrder: 7 },
      // This window: 4 delivered two months ago, 2 more ordered ten days ago and not yet shipped.
      window: { ordered: 6, delivered: 4 },
      remaining: 1,
      lastOrderDate: daysBefore(today, 10),
      nextOrderDate: today,
    });
    // The second window's order had one box credited: given back, and no longer delivered.
    expect(bags.history).toEqual([
      expect.objectContaining({ ordered: 6, delivered: 6, grantedMax: 7 }),
      expect.objectContaining({ ordered: 6, delivered: 6, grantedMax: 7 }),
    ]);
    expect(bags.window.start <= today && today < bags.window.end).toBe(true);
  });

  it('a citizen whose current window is used up has the bell: the next order date is the next window\'s start', async () => {
    const poul = await citizenId('Jensen');
    for (const itemNumber of ['301003', '306004']) {
      const line = await grantLine(poul, itemNumber);
      expect(line).toMatchObject({ remaining: 0, nextOrderDate: line.window.end });
      expect(line.nextOrderDate > today).toBe(true);
    }
    const [row] = (await get('/citizens?name=Jensen')).items;
    expect(row.nextOrderDate > today).toBe(true);
  });

  it('the order history of the last year shows the orders with their statuses and invoice numbers; the default is the last month', async () => {
    const inger = await citizenId('Kristensen');
    const orders = await history(inger);
    expect(orders.map((order) => order.status)).toEqual(['accepted', 'invoiced', 'invoiced', 'invoiced']);
    expect(orders[0]).toMatchObject({ orderDate: daysBefore(today, 10), invoiceNumbers: [] });
    for (const order of orders.slice(1)) expect(order.invoiceNumbers).toEqual([`F-${order.orderNumber}`]);
    expect(orders.map((order) => order.orderDate)).toEqual([...orders.map((order) => order.orderDate)].sort().reverse());
    expect(orders.every((order) => order.orderDate >= addMonths(today, -8) && order.orderDate < today)).toBe(true);
    expect(orders.every((order) => order.orderNumber.startsWith(order.orderDate.slice(2).replaceAll('-', '')))).toBe(true);

    const lastMonth = await get(`/citizens/${inger}/orders`);
    expect(lastMonth.items.map((order: { orderId: string }) => order.orderId)).toEqual([orders[0].orderId]);

    const recent = await get(`/orders/${orders[0].orderId}`);
    expect(recent).toMatchObject({ status: 'accepted', remarks: expect.stringContaining('dørtelefonen'), placedBy: { role: 'caseworker', channel: 'municipality' } });
    expect(recent.lines.map((line: { deliveryStatus: string }) => line.deliveryStatus)).toEqual(['pending', 'pending']);
  });

  it('credited lines show in the order: one box of an invoiced order, and a whole order credited', async () => {
    const [, , partlyCredited] = await history(await citizenId('Kristensen'));
    const detail = await get(`/orders/${partlyCredited.orderId}`);
    expect(detail).toMatchObject({ status: 'invoiced', invoiceNumbers: [`F-${detail.orderNumber}`] });
    expect(detail.lines).toEqual([
      expect.objectContaining({ itemNumber: '201005', salesUnits: 7, shipped: 7, deliveryStatus: 'shipped', credited: [{ salesUnits: 1, creditNoteNumber: `K-${detail.orderNumber}` }] }),
      expect.objectContaining({ itemNumber: '206002', salesUnits: 2, shipped: 2, credited: [] }),
    ]);

    const grethe = await history(await citizenId('Olsen'));
    expect(grethe.map((order) => order.status)).toEqual(['invoiced', 'invoiced', 'credited', 'invoiced']);
    const credited = await get(`/orders/${grethe[2].orderId}`);
    expect(credited.lines).toEqual([expect.objectContaining({ itemNumber: '103002', shipped: 3, credited: [{ salesUnits: 3, creditNoteNumber: `K-${credited.orderNumber}` }] })]);
  });

  it('a back-ordered order that shipped later, and a cancelled one with its reason', async () => {
    const orders = await history(await citizenId('Jensen'));
    expect(orders.map((order) => order.status)).toEqual(['invoiced', 'invoiced', 'cancelled', 'invoiced']);
    const cancelled = await get(`/orders/${orders[2].orderId}`);
    expect(cancelled).toMatchObject({ invoiceNumbers: [], cancellationReason: expect.stringContaining('indlagt') });
    expect(cancelled.lines).toEqual([expect.objectContaining({ itemNumber: '301003', cancelled: 16, shipped: 0, deliveryStatus: 'cancelled' })]);
    const backordered = await get(`/orders/${orders[3].orderId}`);
    expect(backordered).toMatchObject({ remarks: expect.stringContaining('Haster') });
    expect(backordered.lines).toEqual([
      expect.objectContaining({ itemNumber: '301003', shipped: 16, backordered: 0, deliveryStatus: 'shipped' }),
      expect.objectContaining({ itemNumber: '306004', shipped: 3, deliveryStatus: 'shipped' }),
    ]);
  });

  it('Aarhus sees its own demo citizen and nothing of København\'s', async () => {
    const found = await get('/citizens', aarhus);
    expect(found.items).toEqual([expect.objectContaining({ name: 'Niels Madsen', city: 'Aarhus C', grantAreas: ['Diabetes'] })]);
    expect((await history(found.items[0].citizenId, aarhus)).map((order) => order.status)).toEqual(['placed', 'invoiced', 'invoiced', 'invoiced']);

    const inger = await citizenId('Kristensen');
    const [order] = await history(inger);
    expect((await t.request('GET', `/api/v1/citizens/${inger}?purpose=Opfølgning`, { token: aarhus })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/citizens/${inger}/orders?from=${yearAgo}`, { token: aarhus })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/orders/${order.orderId}`, { token: aarhus })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/citizens?name=Kristensen', { token: aarhus })).body.total).toBe(0);
  });

  it('seeding again appends nothing: every command id is fixed', async () => {
    const before = await t.infra.eventStore.headPosition();
    const position = await seedDemo(
      { commands: t.app.get(CommandBus), credentials: t.infra.credentials, hasher: t.infra.hasher },
      DEMO_PASSWORD,
      seededAt,
    );
    expect(await t.infra.eventStore.headPosition()).toBe(before);
    expect(position! <= before!).toBe(true);
  });
});
