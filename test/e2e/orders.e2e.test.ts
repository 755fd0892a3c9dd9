import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { grantDecider, grantStream } from '../../src/grants/grant.decider.js';
import { orderDecider, orderStream } from '../../src/orders/order.decider.js';
import { SYSTEM_ACTOR } from '../../src/shared/actor.js';
import { newId } from '../../src/shared/ids.js';
import { addMonths } from '../../src/grants/windows.js';
import { copenhagenDate } from '../../src/shared/time.js';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { describeEachBackend } from '../support/databases.js';
import { eventually } from '../support/eventually.js';
import { startTestApp, TestClock, type TestApp } from '../support/app.js';
import { orderPlacedAnswer } from '../../src/orders/orders.answers.js';
import { CommandRunner } from '../../src/kernel/command-runner.js';
import { createEventRegistry } from '../../src/composition/event-registry.js';
import type { Principal } from '../../src/kernel/principal.js';
import { PlaceOrderRequest } from '../../src/orders/order.requests.js';
import { PlaceOrderHandler } from '../../src/processes/orders/place-order.handler.js';
import { OrderWorkflow } from '../../src/processes/orders/order-workflow.js';

const HEADER = 'itemNumber;name;description;manufacturer;manufacturerRef;group;seriesId;salesUnitName;piecesPerSalesUnit;listPrice';
const product = (itemNumber: string, name: string, group: string) =>
  [itemNumber, name, '', 'Ordrefabrik', `OF-${itemNumber}`, group, '', 'æske', '10', '100,00'].join(';');
const CATALOGUE = [
  HEADER,
  product('OR-S1', 'Stomipose Lukket', 'Stomi > Poser'),
  product('OR-K1', 'Katheter Glat', 'Kateter > Engangskatetre'),
  product('OR-I1', 'Ble Nat', 'Inkontinens > Bleer'),
  product('OR-I2', 'Ble Dag', 'Inkontinens > Bleer'),
].join('\n');

const ABANDON_AFTER_SECONDS = 120;

describeEachBackend('Orders through HTTP (DOMAIN §4.2, §5)', (backend) => {
  let t: TestApp;
  const clock = new TestClock();
  let caseworker: string;
  let nurse: string;
  let orderer: string;
  let customerService: string;
  let auditor: string;
  let erp: string;
  let aarhus: string;
  let cprSeq = 0;
  const today = copenhagenDate(new Date());

  beforeAll(async () => {
    t = await startTestApp(backend, { ORDER_ABANDON_AFTER_SECONDS: String(ABANDON_AFTER_SECONDS) }, clock);
    const admin = await t.login('admin');
    expect((await t.request('POST', '/api/v1/catalogue/imports', { token: admin, csv: CATALOGUE })).body.added).toBe(4);
    caseworker = await t.login('sagsbehandler.kbh');
    nurse = await t.login('sygeplejerske.kbh');
    orderer = await t.login('bestiller.kbh');
    customerService = await t.login('kundeservice');
    auditor = await t.login('revisor');
    erp = await t.login('erp');
    aarhus = await t.login('sagsbehandler.aar');
  });
  afterAll(async () => t?.close());

  /** A new citizen in København with one line per given item: `{ citizenId, lines: { itemNumber → lineId } }`. */
  async function citizenWith(lines: Array<{ itemNumber: string; grantArea: string; grantedMax: number; salesUnitsPerOrder?: number }>) {
    cprSeq++;
    const created = await t.request('POST', '/api/v1/citizens', {
      token: caseworker,
      body: {
        cpr: fictitiousCpr(`${String((cprSeq % 28) + 1).padStart(2, '0')}${String(Math.floor(cprSeq / 28) + 1).padStart(2, '0')}61`, '1', { checksum: 'valid' }),
        firstName: 'Ole',
        lastName: `Ordresen${cprSeq}`,
        address: { street: `Ordrevej ${cprSeq}`, postalCode: '2300', city: 'København S' },
      },
    });
    expect(created.status).toBe(201);
    const citizenId: string = created.body.citizenId;
    const ids: Record<string, string> = {};
    for (const line of lines) {
      const { grantedMax, salesUnitsPerOrder, ...rest } = line;
      const added = await t.request('POST', `/api/v1/citizens/${citizenId}/grant/lines`, {
        token: caseworker,
        // A 3-month allowance's per-order cap is its granted max (DOMAIN §4.1); a separate one needs 12 months.
        body: { ...rest, kind: 'continuous', allowance: salesUnitsPerOrder ? { grantedMax, periodMonths: 12, salesUnitsPerOrder } : { grantedMax, periodMonths: 3 } },
      });
      expect([added.status, added.body.error]).toEqual([201, undefined]);
      ids[line.itemNumber] = added.body.lineId;
    }
    return { citizenId, lines: ids };
  }

  const place = (token: string, citizenId: string, lines: Array<[string, number]>, extra: Record<string, unknown> = {}, headers?: Record<string, string>) =>
    t.request('POST', `/api/v1/citizens/${citizenId}/orders`, { token, headers, body: { lines: lines.map(([lineId, salesUnits]) => ({ lineId, salesUnits })), ...extra } });

  const fulfil = (orderId: string, body: Record<string, unknown>, token = erp) =>
    t.request('POST', `/api/v1/orders/${orderId}/fulfilment`, { token, body: { at: new Date().toISOString(), ...body } });

  async function grantLine(citizenId: string, lineId: string, position: string) {
    const grant = await t.request('GET', `/api/v1/citizens/${citizenId}/grant?consistentWith=${position}`, { token: caseworker });
    expect(grant.status).toBe(200);
    return grant.body.areas.flatMap((area: { lines: any[] }) => area.lines).find((line: { lineId: string }) => line.lineId === lineId);
  }

  const orderDetail = (orderId: string, position: string, token = caseworker) =>
    t.request('GET', `/api/v1/orders/${orderId}?consistentWith=${position}`, { token });

  it('an order within the caps is confirmed with a number, counted on the grant and kept with who placed it and where it goes', async () => {
    const { citizenId, lines } = await citizenWith([{ itemNumber: 'OR-S1', grantArea: 'Stomi', grantedMax: 10, salesUnitsPerOrder: 6 }]);
    const placed = await place(nurse, citizenId, [[lines['OR-S1']!, 4]], { remarks: '  Stil ved døren  ' });
    expect(placed.status).toBe(201);
    expect(placed.body).toEqual({ orderId: expect.any(String), orderNumber: expect.stringMatching(/^\d{6}-\d{6}$/), position: expect.any(String) });
    expect(placed.body.orderNumber.slice(0, 6)).toBe(today.slice(2).replaceAll('-', ''));
    expect(orderPlacedAnswer.strict().safeParse(placed.body).error).toBeUndefined();

    const line = await grantLine(citizenId, lines['OR-S1']!, placed.body.position);
    expect(line.window).toMatchObject({ ordered: 4, delivered: 0 });
    expect(line.lastOrderDate).toBe(today);
    expect(line.nextOrderDate).toBe(today);

    const detail = await orderDetail(placed.body.orderId, placed.body.position);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({
      orderId: placed.body.orderId,
      orderNumber: placed.body.orderNumber,
      citizenId,
      orderDate: today,
      status: 'placed',
      remarks: 'Stil ved døren',
      deliveryAddress: { street: expect.stringMatching(/^Ordrevej/), postalCode: '2300', city: 'København S' },
      placedBy: { role: 'nurse', channel: 'municipality', name: expect.any(String) },
      invoiceNumbers: [],
      lines: [{ lineId: lines['OR-S1'], itemNumber: 'OR-S1', productName: 'Stomipose Lukket', salesUnits: 4, deliveryStatus: 'pending', shipped: 0, credited: [] }],
    });
  });

  it('beyond the caps the whole order is refused with the first failing line, its remaining units and the next order date', async () => {
    const { citizenId, lines } = await citizenWith([
      { itemNumber: 'OR-I1', grantArea: 'Inkontinens', grantedMax: 5 },
      { itemNumber: 'OR-I2', grantArea: 'Inkontinens', grantedMax: 8, salesUnitsPerOrder: 3 },
    ]);
    const [i1, i2] = [lines['OR-I1']!, lines['OR-I2']!];
    const first = await place(orderer, citizenId, [[i1, 4]]);
    expect(first.status).toBe(201);

    const overMax = await place(orderer, citizenId, [[i2, 1], [i1, 2]]);
    expect(overMax.status).toBe(422);
    expect(overMax.body.error).toMatchObject({ code: 'EXCEEDS_GRANTED_MAX', details: { lineId: i1, remaining: 1, nextOrderDate: today } });

    const overPerOrder = await place(orderer, citizenId, [[i2, 4]]);
    expect(overPerOrder.body.error).toMatchObject({ code: 'EXCEEDS_PER_ORDER', details: { lineId: i2, remaining: 8 } });
    // Nothing of the refused orders counted: the remaining unit of OR-I1 can still be ordered, with OR-I2.
    const fits = await place(orderer, citizenId, [[i1, 1], [i2, 3]]);
    expect(fits.status).toBe(201);

    // The window is full: the bell shows the start of the next window.
    const full = await place(orderer, citizenId, [[i1, 1]]);
    expect(full.status).toBe(422);
    expect(full.body.error.code).toBe('EXCEEDS_GRANTED_MAX');
    expect(full.body.error.details).toMatchObject({ remaining: 0, nextOrderDate: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(full.body.error.details.nextOrderDate > today).toBe(true);
    const line = await grantLine(citizenId, i1, fits.body.position);
    expect(line.nextOrderDate).toBe(full.body.error.details.nextOrderDate);

    for (const salesUnits of [0, 1.5, -2]) {
      const bad = await place(orderer, citizenId, [[i2, salesUnits]]);
      expect([bad.status, bad.body.error.code]).toEqual([422, 'EXCEEDS_PER_ORDER']);
    }
    const inactivated = await t.request('PATCH', `/api/v1/citizens/${citizenId}/grant/lines/${i2}`, { token: caseworker, body: { status: 'INACTIVE' } });
    expect(inactivated.status).toBe(200);
    expect((await place(orderer, citizenId, [[i2, 1]])).body.error.code).toBe('LINE_INACTIVE');
  });

  it('bad input is a 4xx with a code, never a 5xx', async () => {
    const { citizenId, lines } = await citizenWith([{ itemNumber: 'OR-K1', grantArea: 'Kateter', grantedMax: 5 }]);
    const cases: Array<[unknown, number, string]> = [
      [{ lines: [] }, 400, 'VALIDATION_FAILED'],
      [{ lines: [{ lineId: 'not-a-uuid', salesUnits: 1 }] }, 400, 'VALIDATION_FAILED'],
      [{ lines: [{ lineId: lines['OR-K1'], salesUnits: '2' }] }, 400, 'VALIDATION_FAILED'],
      [{ lines: [{ lineId: newId(), salesUnits: 1 }] }, 404, 'LINE_NOT_FOUND'],
      [{ lines: [{ lineId: lines['OR-K1'], salesUnits: 1 }], remarks: 'x'.repeat(1001) }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const answer = await t.request('POST', `/api/v1/citizens/${citizenId}/orders`, { token: caseworker, body });
      expect([answer.status, answer.body.error?.code]).toEqual([status, code]);
    }
    const unknownOrder = await t.request('POST', `/api/v1/orders/${newId()}/cancel`, { token: caseworker, body: { reason: 'fejl' } });
    expect([unknownOrder.status, unknownOrder.body.error.code]).toEqual([404, 'ORDER_NOT_FOUND']);
    const badReport = await t.request('POST', `/api/v1/orders/${newId()}/fulfilment`, { token: erp, body: { type: 'shipped', at: 'yesterday' } });
    expect([badReport.status, badReport.body.error.code]).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('a retried order with the same Idempotency-Key is placed once', async () => {
    const { citizenId, lines } = await citizenWith([{ itemNumber: 'OR-K1', grantArea: 'Kateter', grantedMax: 5 }]);
    const headers = { 'idempotency-key': `order-${newId()}` };
    const first = await place(caseworker, citizenId, [[lines['OR-K1']!, 2]], {}, headers);
    const again = await place(caseworker, citizenId, [[lines['OR-K1']!, 2]], {}, headers);
    expect(first.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const line = await grantLine(citizenId, lines['OR-K1']!, again.body.position);
    expect(line.window.ordered).toBe(2);
  });

  it('a request replayed in another process, which knew the grant from just before the first run, answers the first run', async () => {
    const { citizenId, lines } = await citizenWith([{ itemNumber: 'OR-K1', grantArea: 'Kateter', grantedMax: 5 }]);
    const principal: Principal = {
      userId: newId(), role: 'customer_service', municipalityId: null, name: 'Kundeservice', username: 'ks',
      grantAreas: [], sessionTokenHash: '', mustChangePassword: false,
    };
    const input = { lines: [{ lineId: lines['OR-K1']!, salesUnits: 2 }] };
    const context = { commandId: newId(), correlationId: newId(), causationId: newId(), actor: principal, now: new Date() };
    const placing = (runner: CommandRunner) => new PlaceOrderHandler(runner, new OrderWorkflow(runner));
    // The other process holds the grant as it was before the first run: its decisions there are made unread.
    const other = new CommandRunner(t.infra.eventStore, createEventRegistry());
    await other.load(grantStream(citizenId), grantDecider);
    const first = await placing(t.infra.commandRunner).execute(new PlaceOrderRequest(principal, context, citizenId, input));
    // Replayed the next day: decided anew, the order date (and so its number) would differ.
    const nextDay = { ...context, now: new Date(context.now.getTime() + 86_400_000) };
    const again = await placing(other).execute(new PlaceOrderRequest(principal, nextDay, citizenId, input));
    expect(again).toEqual(first);
    const line = await grantLine(citizenId, lines['OR-K1']!, first.position!);
    expect(line.window.ordered).toBe(2);
    expect(await t.infra.eventStore.readStream(orderStream(first.orderId))).toHaveLength(1);
  });

  it('simultaneous orders from many sessions never together pass the granted max', async () => {
    const { citizenId, lines } = await citizenWith([{ itemNumber: 'OR-S1', grantArea: 'Stomi', grantedMax: 13 }]);
    const lineId = lines['OR-S1']!;
    const sessions = [caseworker, nurse, orderer, customerService];
    const answers = await Promise.all(Array.from({ length: 12 }, (_, index) => place(sessions[index % sessions.length]!, citizenId, [[lineId, 3]])));
    const statuses = answers.map((answer) => answer.status).sort();
    // 4 × 3 = 12 ≤ 13; a fifth would make 15.
    expect(statuses.filter((status) => status === 201)).toHaveLength(4);
    for (const refused of answers.filter((answer) => answer.status !== 201)) {
      expect([refused.status, refused.body.error.code]).toEqual([422, 'EXCEEDS_GRANTED_MAX']);
    }
    const numbers = answers.filter((answer) => answer.status === 201).map((answer) => answer.body.orderNumber);
    expect(new Set(numbers).size).toBe(4);
    const last = answers.filter((answer) => answer.status === 201).map((answer) => answer.body.position as string).sort().at(-1)!;
    const line = await grantLine(citizenId, lineId, last);
    expect(line.window).toMatchObject({ ordered: 12 });
  });

  it('the ERP accepts, back-orders, ships in parts, invoices and credits; a credit can be ordered again', async () => {
    const { citizenId, lines } = await citizenWith([
      { itemNumber: 'OR-S1', grantArea: 'Stomi', grantedMax: 10 },
      { itemNumber: 'OR-K1', grantArea: 'Kateter', grantedMax: 4 },
    ]);
    const placed = await place(caseworker, citizenId, [[lines['OR-S1']!, 6], [lines['OR-K1']!, 4]]);
    const { orderId } = placed.body;

    expect((await fulfil(orderId, { type: 'accepted' }, caseworker)).status).toBe(403);
    expect((await fulfil(orderId, { type: 'invoiced', invoiceNumber: 'F-1' })).body.error.code).toBe('ORDER_NOT_SHIPPED');
    expect((await fulfil(orderId, { type: 'accepted' })).status).toBe(200);
    expect((await fulfil(orderId, { type: 'backordered', lines: [{ itemNumber: 'OR-K1', salesUnits: 4 }] })).status).toBe(200);
    const partly = await fulfil(orderId, { type: 'shipped', lines: [{ itemNumber: 'OR-S1', salesUnits: 4 }] });
    expect(partly.status).toBe(200);
    let detail = await orderDetail(orderId, partly.body.position);
    expect(detail.body.status).toBe('partially_shipped');
    expect(detail.body.lines.map((line: any) => [line.itemNumber, line.deliveryStatus])).toEqual([
      ['OR-S1', 'partially_shipped'],
      ['OR-K1', 'backordered'],
    ]);

    const tooMany = await fulfil(orderId, { type: 'shipped', lines: [{ itemNumber: 'OR-S1', salesUnits: 3 }] });
    expect([tooMany.status, tooMany.body.error.code, tooMany.body.error.details]).toEqual([409, 'SHIPMENT_EXCEEDS_OPEN', { itemNumber: 'OR-S1', limit: 2 }]);
    expect((await fulfil(orderId, { type: 'shipped', lines: [{ itemNumber: 'OR-X', salesUnits: 1 }] })).body.error.code).toBe('ITEM_NOT_ON_ORDER');

    const rest = await fulfil(orderId, { type: 'shipped', lines: [{ itemNumber: 'OR-S1', salesUnits: 2 }, { itemNumber: 'OR-K1', salesUnits: 4 }] });
    const invoiced = await fulfil(orderId, { type: 'invoiced', invoiceNumber: 'F-2026-77' });
    expect([rest.status, invoiced.status]).toEqual([200, 200]);
    let line = await grantLine(citizenId, lines['OR-K1']!, invoiced.body.position);
    expect(line.window).toMatchObject({ ordered: 4, delivered: 4 });
    expect((await place(caseworker, citizenId, [[lines['OR-K1']!, 1]])).body.error.code).toBe('EXCEEDS_GRANTED_MAX');

    const overCredit = await fulfil(orderId, { type: 'credited', creditNoteNumber: 'K-1', lines: [{ itemNumber: 'OR-K1', salesUnits: 5 }] });
    expect([overCredit.status, overCredit.body.error.code]).toEqual([409, 'CREDIT_EXCEEDS_DELIVERED']);
    const credited = await fulfil(orderId, { type: 'credited', creditNoteNumber: 'K-1', lines: [{ itemNumber: 'OR-K1', salesUnits: 2 }] });
    expect(credited.status).toBe(200);
    line = await grantLine(citizenId, lines['OR-K1']!, credited.body.position);
    expect(line.window).toMatchObject({ ordered: 2, delivered: 2 });

    detail = await orderDetail(orderId, credited.body.position);
    expect(detail.body).toMatchObject({ status: 'invoiced', invoiceNumbers: ['F-2026-77'] });
    expect(detail.body.lines[1]).toMatchObject({ itemNumber: 'OR-K1', deliveryStatus: 'shipped', shipped: 4, credited: [{ salesUnits: 2, creditNoteNumber: 'K-1' }] });

    // The credited units were given back to the window: they can be ordered again, and no more.
    expect((await place(caseworker, citizenId, [[lines['OR-K1']!, 2]])).status).toBe(201);
    expect((await place(caseworker, citizenId, [[lines['OR-K1']!, 1]])).body.error.code).toBe('EXCEEDS_GRANTED_MAX');

    // A shipped order cannot be cancelled.
    const cancel = await t.request('POST', `/api/v1/orders/${orderId}/cancel`, { token: caseworker, body: { reason: 'For sent' } });
    expect([cancel.status, cancel.body.error.code]).toEqual([409, 'ORDER_ALREADY_SHIPPED']);
  });

  it('cancelling gives the unshipped units back to the window; a cancelled order takes no further steps', async () => {
    const { citizenId, lines } = await citizenWith([{ itemNumber: 'OR-S1', grantArea: 'Stomi', grantedMax: 5 }]);
    const placed = await place(caseworker, citizenId, [[lines['OR-S1']!, 5]]);
    expect((await t.request('POST', `/api/v1/orders/${placed.body.orderId}/cancel`, { token: orderer, body: {} })).status).toBe(400);
    const nurseElsewhere = await t.request('POST', `/api/v1/orders/${placed.body.orderId}/cancel`, { token: aarhus, body: { reason: 'x' } });
    expect([nurseElsewhere.status, nurseElsewhere.body.error.code]).toEqual([404, 'ORDER_NOT_FOUND']);
    expect((await t.request('POST', `/api/v1/orders/${placed.body.orderId}/cancel`, { token: auditor, body: { reason: 'x' } })).status).toBe(403);

    const cancelled = await t.request('POST', `/api/v1/orders/${placed.body.orderId}/cancel`, { token: orderer, body: { reason: 'Borgeren har nok' } });
    expect(cancelled.status).toBe(200);
    const line = await grantLine(citizenId, lines['OR-S1']!, cancelled.body.position);
    expect(line.window.ordered).toBe(0);
    const detail = await orderDetail(placed.body.orderId, cancelled.body.position);
    expect(detail.body).toMatchObject({ status: 'cancelled', cancellationReason: 'Borgeren har nok', lines: [{ deliveryStatus: 'cancelled', cancelled: 5 }] });

    const again = await t.request('POST', `/api/v1/orders/${placed.body.orderId}/cancel`, { token: orderer, body: { reason: 'igen' } });
    expect([again.status, again.body.error.code]).toEqual([409, 'ORDER_ALREADY_CANCELLED']);
    expect((await fulfil(placed.body.orderId, { type: 'shipped', lines: [{ itemNumber: 'OR-S1', salesUnits: 1 }] })).body.error.code).toBe('ORDER_CANCELLED');
    expect((await place(caseworker, citizenId, [[lines['OR-S1']!, 5]])).status).toBe(201);
  });

  it('the order history: period, free text, sorting, paging; the municipality sees it all, Aarhus nothing', async () => {
    const { citizenId, lines } = await citizenWith([
      { itemNumber: 'OR-S1', grantArea: 'Stomi', grantedMax: 50 },
      { itemNumber: 'OR-I1', grantArea: 'Inkontinens', grantedMax: 50 },
    ]);
    const stomi = await place(nurse, citizenId, [[lines['OR-S1']!, 1]]);
    const ble = await place(caseworker, citizenId, [[lines['OR-I1']!, 1]]);
    const both = await place(customerService, citizenId, [[lines['OR-S1']!, 1], [lines['OR-I1']!, 2]]);
    const position = both.body.position;
    const history = (query: string, token = caseworker) => t.request('GET', `/api/v1/citizens/${citizenId}/orders?consistentWith=${position}&${query}`, { token });

    const all = await history('');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ page: 1, pageSize: 25, total: 3 });
    expect(all.body.items.map((row: any) => row.orderId)).toEqual([both.body.orderId, ble.body.orderId, stomi.body.orderId]);
    expect(all.body.items[0]).toMatchObject({ orderNumber: both.body.orderNumber, orderDate: today, status: 'placed', lineCount: 2, invoiceNumbers: [], placedBy: { role: 'customer_service', channel: 'customer_service' } });
    // The answer names whose history it is (masked CPR only) and the period searched: the last month by default.
    expect(all.body.citizen).toEqual({ citizenId, name: expect.stringMatching(/^Ole Ordresen\d+$/), cprMasked: expect.stringMatching(/^\d{6}-xxxx$/i) });
    expect([all.body.from, all.body.to]).toEqual([addMonths(today, -1), today]);
    expect((await history('from=2026-01-01&to=2026-01-31')).body).toMatchObject({ from: '2026-01-01', to: '2026-01-31', total: 0 });

    expect((await history('q=stomipose')).body.items.map((row: any) => row.orderId).sort()).toEqual([stomi.body.orderId, both.body.orderId].sort());
    expect((await history('q=OR-I1')).body.total).toBe(2);
    expect((await history(`q=${ble.body.orderNumber}`)).body.items.map((row: any) => row.orderId)).toEqual([ble.body.orderId]);
    expect((await history('q=ble%20nat%20lukket')).body.items.map((row: any) => row.orderId)).toEqual([both.body.orderId]);

    const byNumber = await history('sort=orderNumber');
    const numbers = byNumber.body.items.map((row: any) => row.orderNumber);
    expect(numbers).toEqual([...numbers].sort());
    const paged = await history('pageSize=2&page=2');
    expect([paged.body.total, paged.body.items.length]).toEqual([3, 1]);

    expect((await history('from=2020-01-01&to=2020-12-31')).body.total).toBe(0);
    expect((await history('from=2026-02-01&to=2026-01-01')).status).toBe(400);
    expect((await history('sort=price')).status).toBe(400);
    // A nurse limited to Stomi and Kateter still sees every order of the municipality (DOMAIN §5).
    expect((await history('', nurse)).body.total).toBe(3);
    expect((await history('', auditor)).body.total).toBe(3);
    expect((await history('', aarhus)).status).toBe(404);
    expect((await orderDetail(stomi.body.orderId, position, aarhus)).status).toBe(404);
    expect((await history('', erp)).status).toBe(403);
  });

  describe('effects on the grant survive a request that died half-way (reactions from the log)', () => {
    it('a cancellation written without its grant step is carried over by the accounting reaction', async () => {
      const { citizenId, lines } = await citizenWith([{ itemNumber: 'OR-K1', grantArea: 'Kateter', grantedMax: 3 }]);
      const placed = await place(caseworker, citizenId, [[lines['OR-K1']!, 3]]);
      // The order stream takes the cancellation, and the process "dies" before the grant step.
      const cancelled = await t.infra.commandRunner.run({
        streamName: orderStream(placed.body.orderId),
        decider: orderDecider,
        command: { type: 'CancelOrder', data: { orderId: placed.body.orderId, actor: { role: 'caseworker', grantAreas: ['Kateter'] }, reason: 'afbrudt' } },
        context: { commandId: newId(), correlationId: newId(), causationId: newId(), actor: SYSTEM_ACTOR, now: new Date() },
      });
      expect(cancelled.events.map((event) => event.type)).toEqual(['OrderCancelled']);
      const line = await eventually(async () => {
        const { state } = await t.infra.commandRunner.load(grantStream(citizenId), grantDecider);
        const entry = state.status === 'granted' ? state.lines[0]?.orders[0] : undefined;
        return entry?.givenBack === 3 ? entry : undefined;
      });
      expect(line).toMatchObject({ orderId: placed.body.orderId, givenBack: 3 });
    });

    it('units counted for an order that was never created are given back after the grace period, and the order cannot appear later', async () => {
      const { citizenId, lines } = await citizenWith([{ itemNumber: 'OR-S1', grantArea: 'Stomi', grantedMax: 4 }]);
      const orderId = newId();
      // Step 1 of placing an order, and then nothing: the request died before creating the order.
      await t.infra.commandRunner.run({
        streamName: grantStream(citizenId),
        decider: grantDecider,
        command: { type: 'PlaceGrantOrder', data: { citizenId, actor: { role: 'caseworker', grantAreas: ['Stomi'] }, citizenActive: true, today, orderId, lines: [{ lineId: lines['OR-S1']!, salesUnits: 4 }] } },
        context: { commandId: newId(), correlationId: newId(), causationId: newId(), actor: SYSTEM_ACTOR, now: new Date() },
      });
      expect((await place(caseworker, citizenId, [[lines['OR-S1']!, 1]])).body.error.code).toBe('EXCEEDS_GRANTED_MAX');
      clock.advance((ABANDON_AFTER_SECONDS + 1) * 1000);
      const order = await eventually(async () => {
        const { state } = await t.infra.commandRunner.load(orderStream(orderId), orderDecider);
        return state.status === 'abandoned' ? state : undefined;
      });
      expect(order).toEqual({ status: 'abandoned', orderId });
      // A very late retry of the request cannot create the order after its units were given back.
      const lateOrder = t.infra.commandRunner.run({
        streamName: orderStream(orderId),
        decider: orderDecider,
        command: {
          type: 'PlaceOrder',
          data: {
            orderId, citizenId, municipalityId: '101', orderNumber: '000000-000000', orderDate: today, placedAt: new Date().toISOString(),
            placedBy: { userId: 'u', role: 'caseworker', name: 'Sen', channel: 'municipality' }, remarks: null,
            deliveryAddress: { street: 'Vej 1', postalCode: '2300', city: 'København S' },
            lines: [{ lineId: lines['OR-S1']!, itemNumber: 'OR-S1', productName: null, grantArea: 'Stomi', salesUnits: 4 }],
          },
        },
        context: { commandId: newId(), correlationId: newId(), causationId: newId(), actor: SYSTEM_ACTOR, now: new Date() },
      });
      await expect(lateOrder).rejects.toMatchObject({ code: 'ORDER_ABANDONED' });
      await eventually(async () => {
        const { state } = await t.infra.commandRunner.load(grantStream(citizenId), grantDecider);
        return state.status === 'granted' && state.lines[0]?.orders[0]?.givenBack === 4 ? true : undefined;
      });
      // The sessions were kept alive by a fresh login (the clock moved on).
      caseworker = await t.login('sagsbehandler.kbh');
      const placedAgain = await place(caseworker, citizenId, [[lines['OR-S1']!, 4]]);
      expect([placedAgain.status, placedAgain.body.error]).toEqual([201, undefined]);
    });
  });
});
