import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { grantAnswer } from '../../src/grants/grant.answers.js';
import { addMonths, nextDay, previousDay, startOfMonth } from '../../src/grants/windows.js';
import { copenhagenDate } from '../../src/shared/time.js';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { describeEachBackend } from '../support/databases.js';
import { startTestApp, TestClock, type TestApp } from '../support/app.js';

/**
 * "Leveret på bevillingen" and the consumption history of lines granted without a max (DOMAIN §4.2): a
 * continuous line is counted per calendar month, a one-time line over its whole life; credits and cancellations
 * are given back as for a capped line. Orders are placed on past dates by moving the service's clock back.
 */

const HEADER = 'itemNumber;name;description;manufacturer;manufacturerRef;group;seriesId;salesUnitName;piecesPerSalesUnit;listPrice';
const product = (itemNumber: string, group: string) => [itemNumber, `Testvare ${itemNumber}`, '', 'Ubegrænset', `UB-${itemNumber}`, group, '', 'æske', '10', '100,00'].join(';');
const CATALOGUE = [HEADER, product('NM-S1', 'Stomi > Poser'), product('NM-K1', 'Kateter > Engangskatetre')].join('\n');
const DAY_MS = 24 * 60 * 60 * 1000;

describeEachBackend('Lines without a max through HTTP: consumption per calendar month (DOMAIN §4.2)', (backend) => {
  let t: TestApp;
  const clock = new TestClock();
  let caseworker: string;
  let erp: string;
  let citizenId: string;
  let continuousId: string;
  let oneTimeId: string;
  let position: string;
  const today = copenhagenDate(new Date());
  let firstDay: string;
  let secondDay: string;

  beforeAll(async () => {
    t = await startTestApp(backend, {}, clock);
    const admin = await t.login('admin');
    expect((await t.request('POST', '/api/v1/catalogue/imports', { token: admin, csv: CATALOGUE })).body.added).toBe(2);
    caseworker = await t.login('sagsbehandler.kbh');
    erp = await t.login('erp');
    const created = await t.request('POST', '/api/v1/citizens', {
      token: caseworker,
      body: { cpr: fictitiousCpr('170452', '1', { checksum: 'valid' }), firstName: 'Una', lastName: 'Ubegrænset', address: { street: 'Frivej 1', postalCode: '2300', city: 'København S' } },
    });
    expect(created.status).toBe(201);
    citizenId = created.body.citizenId;
  });
  afterAll(async () => t?.close());

  const place = async (lineId: string, salesUnits: number) => {
    const placed = await t.request('POST', `/api/v1/citizens/${citizenId}/orders`, { token: caseworker, body: { lines: [{ lineId, salesUnits }] } });
    expect([placed.status, placed.body.error]).toEqual([201, undefined]);
    return placed.body.orderId as string;
  };
  const fulfil = async (orderId: string, body: Record<string, unknown>) => {
    const answer = await t.request('POST', `/api/v1/orders/${orderId}/fulfilment`, { token: erp, body: { at: clock.now().toISOString(), ...body } });
    expect([answer.status, answer.body.error]).toEqual([200, undefined]);
    position = answer.body.position;
  };
  const lineOf = async (lineId: string) => {
    const grant = await t.request('GET', `/api/v1/citizens/${citizenId}/grant?consistentWith=${position}`, { token: caseworker });
    expect(grant.status).toBe(200);
    expect(grantAnswer.safeParse(grant.body).error).toBeUndefined();
    return grant.body.areas.flatMap((area: { lines: any[] }) => area.lines).find((line: { lineId: string }) => line.lineId === lineId);
  };

  it('orders on past dates, shipped, credited and cancelled, and orders today, on a line granted without a max', async () => {
    // 70 days ago: the lines start, an order is shipped in part and credited, another cancelled.
    clock.advance(-70 * DAY_MS);
    firstDay = copenhagenDate(clock.now());
    const addLine = (body: object) => t.request('POST', `/api/v1/citizens/${citizenId}/grant/lines`, { token: caseworker, body });
    const continuous = await addLine({ itemNumber: 'NM-S1', grantArea: 'Stomi', kind: 'continuous', startDate: firstDay, allowance: null });
    const oneTime = await addLine({ itemNumber: 'NM-K1', grantArea: 'Kateter', kind: 'one_time', startDate: firstDay, endDate: addMonths(today, 2), allowance: null });
    expect([continuous.status, continuous.body.error, oneTime.status, oneTime.body.error]).toEqual([201, undefined, 201, undefined]);
    [continuousId, oneTimeId] = [continuous.body.lineId, oneTime.body.lineId];

    const shipped = await place(continuousId, 5);
    await fulfil(shipped, { type: 'accepted' });
    await fulfil(shipped, { type: 'shipped', lines: [{ itemNumber: 'NM-S1', salesUnits: 3 }] });
    await fulfil(shipped, { type: 'credited', creditNoteNumber: 'K-NM-1', lines: [{ itemNumber: 'NM-S1', salesUnits: 1 }] });
    const cancelled = await place(continuousId, 2);
    const cancel = await t.request('POST', `/api/v1/orders/${cancelled}/cancel`, { token: caseworker, body: { reason: 'Fejlbestilling' } });
    expect(cancel.status).toBe(200);
    position = cancel.body.position;
    await place(oneTimeId, 3);

    // 35 days ago (always a later calendar month than 70 days ago, and an earlier one than today).
    clock.advance(35 * DAY_MS);
    secondDay = copenhagenDate(clock.now());
    const later = await place(continuousId, 4);
    await fulfil(later, { type: 'shipped', lines: [{ itemNumber: 'NM-S1', salesUnits: 4 }] });

    // Today.
    clock.advance(35 * DAY_MS);
    await place(continuousId, 2);
    const oneTimeToday = await place(oneTimeId, 1);
    await fulfil(oneTimeToday, { type: 'shipped', lines: [{ itemNumber: 'NM-K1', salesUnits: 1 }] });
  });

  it('a continuous line shows this calendar month: ordered, delivered ("Leveret på bevillingen"), and no cap', async () => {
    const line = await lineOf(continuousId);
    const month = startOfMonth(today);
    expect(line).toMatchObject({
      allowance: null,
      window: { start: month, end: addMonths(month, 1), lastDay: previousDay(addMonths(month, 1)), ordered: 2, delivered: 0 },
      remaining: null,
      nextOrderDate: today,
      lastOrderDate: today,
    });
  });

  it('its history: every past month, oldest first, the first from the line’s start; credited and cancelled units given back', async () => {
    const line = await lineOf(continuousId);
    const months: string[] = [];
    for (let month = startOfMonth(firstDay); month < startOfMonth(today); month = addMonths(month, 1)) months.push(month);
    expect(line.history.map((entry: { start: string }) => entry.start)).toEqual([firstDay, ...months.slice(1)]);
    for (const [index, entry] of (line.history as any[]).entries()) {
      expect(entry).toMatchObject({ grantedMax: null, end: index + 1 < months.length ? months[index + 1] : startOfMonth(today) });
      expect(entry.lastDay).toBe(previousDay(entry.end));
      // 5 ordered, 1 of the 3 shipped credited, 2 cancelled: 4 ordered, 2 delivered; then 4 ordered and shipped.
      const expected = entry.start === firstDay ? [4, 2] : entry.start === startOfMonth(secondDay) ? [4, 4] : [0, 0];
      expect([entry.ordered, entry.delivered]).toEqual(expected);
    }
  });

  it('a one-time line without a max is counted over its whole life, start to end date', async () => {
    const line = await lineOf(oneTimeId);
    const endDate = addMonths(today, 2);
    expect(line).toMatchObject({
      kind: 'one_time',
      window: { start: firstDay, end: nextDay(endDate), lastDay: endDate, ordered: 4, delivered: 1 },
      remaining: null,
      nextOrderDate: today,
      history: [],
    });
  });
});
