import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { citizensProjection } from '../../projections/citizens.projection.js';
import { citizensReadModel } from '../../read-models/citizens/citizens.read-model.js';
import { GetCitizenOrdersHandler, GetOrderHandler } from '../../read-models/orders/order-query-handlers.js';
import { ordersReadModel } from '../../read-models/orders/orders.read-model.js';
import type { Principal } from '../../src/kernel/principal.js';
import type { AnyProjection } from '../../src/infrastructure/projections/apply-batch.js';
import type { StoredDocument } from '../../src/infrastructure/projections/projection-storage.js';
import { writeDocuments } from '../../src/infrastructure/read-model-store/postgres/documents.js';
import { PostgresProjectionStorage } from '../../src/infrastructure/read-model-store/postgres/postgres-projection-storage.js';
import { PostgresReadModelStore } from '../../src/infrastructure/read-model-store/postgres/postgres-read-model-store.js';
import type { ReadModelDefinition } from '../../src/kernel/read-model-store.port.js';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import type { OrderLine } from '../../src/orders/order.events.js';
import { GetCitizenOrders, GetOrder, type OrderHistoryCriteria } from '../../src/orders/order.queries.js';
import type { Role } from '../../src/shared/actor.js';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { describeEachBackend } from '../support/databases.js';
import { recordedEvent } from '../support/recorded-events.js';
import { MUNICIPALITY, orderEvents, orderPlaced, OTHER_MUNICIPALITY, projectStored, SKIN_PLATE, STOMI_BAG } from '../projections/orders.fixture.js';

/**
 * The order history and an order's details (API.md "Orders", DOMAIN §5) over documents the projections
 * wrote, in the PostgreSQL read-model store. All people, numbers and products are fictitious.
 */
const C1 = 'citizen-c1';
const C2 = 'citizen-c2';

const registered = (citizenId: string, municipalityId: string, ddmmyy: string) =>
  recordedEvent(`citizen-${citizenId}`, 'CitizenRegistered', {
    citizenId,
    municipalityId,
    cpr: fictitiousCpr(ddmmyy, '4', { checksum: 'valid' }),
    birthDate: `19${ddmmyy.slice(4)}-${ddmmyy.slice(2, 4)}-${ddmmyy.slice(0, 2)}`,
    gender: 'female',
    firstName: 'Inger',
    lastName: 'Prøvesen',
    address: { street: 'Prøvevej 7', postalCode: '2100', city: 'København Ø' },
    webshopUsername: `web-${citizenId}`,
    status: 'ACTIVE',
  });

const CATHETER: OrderLine = { lineId: 'line-3', itemNumber: '550310', productName: 'Katheter Søvn', grantArea: 'Kateter', salesUnits: 2 };
const a = orderEvents('order-a', C1);
const b = orderEvents('order-b', C1);
const d = orderEvents('order-d', C1);

/**
 * C1's orders: A shipped (27 Feb), B invoiced and C placed on 2 March (C later that day), D cancelled (31 March),
 * and one abandoned before it was created. C2, of another municipality, has F on 2 March with the same bags.
 */
const ORDER_EVENTS = [
  orderPlaced({ orderId: 'order-a', citizenId: C1, orderNumber: 'ON-2026-0001', orderDate: '2026-02-27', placedAt: '2026-02-27T08:00:00.000Z', lines: [STOMI_BAG] }),
  a.shipped([STOMI_BAG, 10]),
  orderPlaced({ orderId: 'order-b', citizenId: C1, orderNumber: 'ON-2026-0002', orderDate: '2026-03-02', placedAt: '2026-03-02T07:00:00.000Z', remarks: 'Ring på' }),
  b.accepted(),
  b.shipped([STOMI_BAG, 6]),
  b.backordered([SKIN_PLATE, 4]),
  b.shipped([STOMI_BAG, 4], [SKIN_PLATE, 3]),
  b.invoiced('INV-2026-0091'),
  b.credited('CN-2026-0007', [SKIN_PLATE, 1]),
  orderPlaced({
    orderId: 'order-c',
    citizenId: C1,
    orderNumber: 'ON-2026-0003',
    orderDate: '2026-03-02',
    placedAt: '2026-03-02T13:30:00.000Z',
    placedBy: { userId: C1, role: 'citizen', name: 'Inger Prøvesen', channel: 'citizen' },
    lines: [SKIN_PLATE],
  }),
  orderPlaced({ orderId: 'order-d', citizenId: C1, orderNumber: 'ON-2026-0004', orderDate: '2026-03-31', placedAt: '2026-03-31T10:00:00.000Z', lines: [CATHETER] }),
  d.cancelled('Borgeren er indlagt', [CATHETER, 2]),
  orderEvents('order-e', C1).abandoned([STOMI_BAG, 10]),
  orderPlaced({ orderId: 'order-f', citizenId: C2, municipalityId: OTHER_MUNICIPALITY, orderNumber: 'ON-2026-0005', orderDate: '2026-03-02', lines: [STOMI_BAG] }),
];

const principal = (role: Role, municipalityId: string | null, userId = `user-${role}`): Principal => ({
  userId,
  role,
  municipalityId,
  name: 'Test Bruger',
  username: userId,
  grantAreas: [],
  sessionTokenHash: 'x',
  mustChangePassword: false,
});
const NURSE = principal('nurse', MUNICIPALITY);
const NURSE_ELSEWHERE = principal('nurse', OTHER_MUNICIPALITY);

async function seed(db: SqlDatabase, definition: ReadModelDefinition, documents: ReadonlyMap<string, StoredDocument | null>) {
  const table = await new PostgresProjectionStorage(db).createTable(definition, 'live');
  if (!table) throw new Error(`${definition.name} has a live table already`);
  await writeDocuments(db, table.table, documents);
}

describeEachBackend('The order history queries', (backend) => {
  let db: SqlDatabase;
  let history: GetCitizenOrdersHandler;
  let details: GetOrderHandler;

  beforeAll(async () => {
    db = await backend.open();
    await new PostgresProjectionStorage(db).migrate();
    const citizens = [registered(C1, MUNICIPALITY, '150585'), registered(C2, OTHER_MUNICIPALITY, '020391')];
    await seed(db, citizensReadModel, projectStored(citizens, new Map(), citizensProjection as unknown as AnyProjection));
    await seed(db, ordersReadModel, projectStored(ORDER_EVENTS));
    const store = new PostgresReadModelStore(db);
    history = new GetCitizenOrdersHandler(store);
    details = new GetOrderHandler(store);
  });
  afterAll(() => db?.close());

  const CRITERIA: OrderHistoryCriteria = { from: '2026-02-01', to: '2026-04-30', sort: '-orderDate', page: 1, pageSize: 25 };
  const orderIds = async (criteria: Partial<OrderHistoryCriteria>, who: Principal = NURSE, citizenId = C1) => {
    const page = await history.execute(new GetCitizenOrders(who, citizenId, { ...CRITERIA, ...criteria }));
    return page?.items.map((row) => row.orderId);
  };

  describe('GET /citizens/:id/orders', () => {
    it('lists the citizen\'s created orders, newest first, with the row fields of API.md', async () => {
      const page = await history.execute(new GetCitizenOrders(NURSE, C1, CRITERIA));
      expect(page?.items.map((row) => row.orderId)).toEqual(['order-d', 'order-c', 'order-b', 'order-a']);
      expect(page).toMatchObject({ page: 1, pageSize: 25, total: 4 });
      expect(page?.items[2]).toEqual({
        orderId: 'order-b',
        orderNumber: 'ON-2026-0002',
        orderDate: '2026-03-02',
        status: 'invoiced',
        placedBy: { role: 'nurse', name: 'Bente Fiktiv', channel: 'municipality' },
        lineCount: 2,
        invoiceNumbers: ['INV-2026-0091'],
      });
      expect(page?.items.map((row) => row.status)).toEqual(['cancelled', 'placed', 'invoiced', 'shipped']);
      expect(page?.items[1]?.placedBy).toEqual({ role: 'citizen', name: 'Inger Prøvesen', channel: 'citizen' });
    });

    it('from and to are inclusive order dates', async () => {
      expect(await orderIds({ from: '2026-03-02', to: '2026-03-02' })).toEqual(['order-c', 'order-b']);
      expect(await orderIds({ from: '2026-02-27', to: '2026-03-01' })).toEqual(['order-a']);
      expect(await orderIds({ from: '2026-02-28', to: '2026-03-30' })).toEqual(['order-c', 'order-b']);
      expect(await orderIds({ from: '2026-03-31', to: '2026-12-31' })).toEqual(['order-d']);
      expect(await orderIds({ from: '2026-04-01', to: '2026-04-30' })).toEqual([]);
    });

    it.each([
      ['part of the order number', '0003', ['order-c']],
      ['an item number', '301004', ['order-b', 'order-a']],
      ['a product name, whatever its case and Danish letters', 'HUDPLADE aerø', ['order-c', 'order-b']],
      ['a product name typed with ö for ø', 'Sövn', ['order-d']],
      ['words that must all match, in different fields', 'stomipose 402117', ['order-b']],
      ['a word found nowhere', 'stomipose kateter', []],
      ['nothing but spaces', '   ', ['order-d', 'order-c', 'order-b', 'order-a']],
    ])('q narrows by %s', async (_what, q, expected) => {
      expect(await orderIds({ q })).toEqual(expected);
    });

    it.each([
      ['orderDate', ['order-a', 'order-c', 'order-b', 'order-d']],
      ['-orderDate', ['order-d', 'order-c', 'order-b', 'order-a']],
      ['orderNumber', ['order-a', 'order-b', 'order-c', 'order-d']],
      ['-orderNumber', ['order-d', 'order-c', 'order-b', 'order-a']],
      // By progress: placed, shipped, invoiced, cancelled (the codes' alphabet would put cancelled first).
      ['status', ['order-c', 'order-a', 'order-b', 'order-d']],
      ['-status', ['order-d', 'order-b', 'order-a', 'order-c']],
    ] as const)('sorts by %s; orders of one date newest placed first', async (sort, expected) => {
      expect(await orderIds({ sort })).toEqual(expected);
    });

    it('pages with the total of all matches on every page', async () => {
      const second = await history.execute(new GetCitizenOrders(NURSE, C1, { ...CRITERIA, page: 2, pageSize: 3 }));
      expect(second).toMatchObject({ page: 2, pageSize: 3, total: 4 });
      expect(second?.items.map((row) => row.orderId)).toEqual(['order-a']);
      expect(await orderIds({ page: 1, pageSize: 3 })).toEqual(['order-d', 'order-c', 'order-b']);
      const narrowed = await history.execute(new GetCitizenOrders(NURSE, C1, { ...CRITERIA, q: '301004', pageSize: 1 }));
      expect(narrowed).toMatchObject({ total: 2, items: [{ orderId: 'order-b' }] });
    });

    it('never shows another citizen\'s orders', async () => {
      expect(await orderIds({}, principal('customer_service', null), C2)).toEqual(['order-f']);
      expect(await orderIds({ q: 'ON-2026-0005' })).toEqual([]);
    });

    it.each([
      ['a nurse of the citizen\'s municipality', NURSE],
      ['an orderer of the municipality without any grant area (every municipal user sees every order)', principal('orderer', MUNICIPALITY)],
      ['customer service', principal('customer_service', null)],
      ['an auditor', principal('auditor', null)],
      ['the citizen', principal('citizen', MUNICIPALITY, C1)],
    ])('is shown to %s', async (_who, who) => {
      expect(await orderIds({}, who)).toHaveLength(4);
    });

    it.each([
      ['a nurse of another municipality', NURSE_ELSEWHERE],
      ['a municipal user without a municipality', principal('caseworker', null)],
      ['another citizen', principal('citizen', MUNICIPALITY, C2)],
    ])('is not found for %s', async (_who, who) => {
      await expect(history.execute(new GetCitizenOrders(who, C1, CRITERIA))).resolves.toBeNull();
    });

    it('is not found for a citizen who does not exist', async () => {
      await expect(history.execute(new GetCitizenOrders(principal('customer_service', null), 'citizen-none', CRITERIA))).resolves.toBeNull();
    });
  });

  describe('GET /orders/:orderId', () => {
    it('answers the order with its lines, their delivery status, invoice, credits and the delivery address', async () => {
      await expect(details.execute(new GetOrder(NURSE, 'order-b'))).resolves.toEqual({
        orderId: 'order-b',
        orderNumber: 'ON-2026-0002',
        citizenId: C1,
        orderDate: '2026-03-02',
        placedAt: '2026-03-02T07:00:00.000Z',
        status: 'invoiced',
        placedBy: { userId: 'user-nurse-1', role: 'nurse', name: 'Bente Fiktiv', channel: 'municipality' },
        remarks: 'Ring på',
        deliveryAddress: { street: 'Prøvevej 7', postalCode: '2100', city: 'København Ø' },
        invoiceNumbers: ['INV-2026-0091'],
        cancellationReason: null,
        lines: [
          {
            lineId: 'line-1',
            itemNumber: '301004',
            productName: 'Stomipose Åben',
            grantArea: 'Stomi',
            salesUnits: 10,
            deliveryStatus: 'shipped',
            shipped: 10,
            backordered: 0,
            cancelled: 0,
            credited: [],
          },
          {
            lineId: 'line-2',
            itemNumber: '402117',
            productName: 'Hudplade Ærø Flex',
            grantArea: 'Stomi',
            salesUnits: 4,
            deliveryStatus: 'partially_shipped',
            shipped: 3,
            backordered: 1,
            cancelled: 0,
            credited: [{ salesUnits: 1, creditNoteNumber: 'CN-2026-0007' }],
          },
        ],
      });
    });

    it('a cancelled order carries its reason and cancelled lines', async () => {
      await expect(details.execute(new GetOrder(NURSE, 'order-d'))).resolves.toMatchObject({
        status: 'cancelled',
        cancellationReason: 'Borgeren er indlagt',
        lines: [{ itemNumber: '550310', deliveryStatus: 'cancelled', cancelled: 2 }],
      });
    });

    it('is shown to the citizen it belongs to and to customer service', async () => {
      await expect(details.execute(new GetOrder(principal('citizen', MUNICIPALITY, C1), 'order-c'))).resolves.toMatchObject({ orderId: 'order-c' });
      await expect(details.execute(new GetOrder(principal('customer_service', null), 'order-f'))).resolves.toMatchObject({ orderId: 'order-f' });
    });

    it.each([
      ['another municipality\'s order', NURSE, 'order-f'],
      ['another citizen\'s order, to a citizen', principal('citizen', MUNICIPALITY, C2), 'order-b'],
      ['an order that was abandoned before it was created', principal('customer_service', null), 'order-e'],
      ['an order that does not exist', principal('customer_service', null), 'order-none'],
    ])('is not found for %s', async (_what, who, orderId) => {
      await expect(details.execute(new GetOrder(who, orderId))).resolves.toBeNull();
    });
  });
});
