import { describe, expect, it } from '@jest/globals';
import {
  citizenHistory,
  cprNumbersIn,
  maskPersonalData,
  mergeInLogOrder,
  orderIdsPlaced,
  pageOf,
  streamCategory,
  type DecodedEvent,
} from '../../src/audit/citizen-history.js';
import type { Position } from '../../src/kernel/event-store.port.js';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';

const CITIZEN = '11111111-1111-4111-8111-111111111111';
const ORDER_A = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const ORDER_B = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const CPR = fictitiousCpr('150585', '1', { checksum: 'valid' });
const NEW_CPR = fictitiousCpr('150585', '2', { checksum: 'valid' });
const masked = (cpr: string) => `${cpr.slice(0, 6)}-XXXX`;

/** Positions as the PostgreSQL adapter writes them: fixed-width hex (xid, seq), so text order is log order. */
const position = (xid: number, seq: number) => `${xid.toString(16).padStart(16, '0')}-${seq.toString(16).padStart(16, '0')}` as Position;

function decoded(streamName: string, revision: number, at: [xid: number, seq: number], type: string, data: unknown, metadata: Record<string, unknown> = {}): DecodedEvent {
  return {
    recorded: {
      eventId: `${streamName}/${revision}`,
      type,
      data,
      streamName,
      revision,
      position: position(...at),
      recordedAt: new Date('2026-03-01T10:00:01Z'),
      metadata: {
        commandId: `command-${type}`,
        correlationId: `correlation-${type}`,
        causationId: `correlation-${type}`,
        actor: { userId: 'user-1', role: 'caseworker', municipalityId: '101' },
        occurredAt: '2026-03-01T10:00:00.000Z',
        schemaVersion: 1,
        ...metadata,
      },
    },
    event: { type, data },
  };
}

const registered = (webshopUsername = CPR) =>
  decoded(`citizen-${CITIZEN}`, 0, [100, 1], 'CitizenRegistered', { citizenId: CITIZEN, cpr: CPR, birthDate: '1985-05-15', webshopUsername, address: { street: 'Vej 1' } });

describe('the citizen history (DOMAIN §7)', () => {
  it('merges the citizen, grant and order streams in global log order, whichever stream came first', () => {
    const citizen = [registered(), decoded(`citizen-${CITIZEN}`, 1, [140, 1], 'CitizenContactDetailsChanged', { citizenId: CITIZEN, phone: '12345678' })];
    const grant = [
      decoded(`grant-${CITIZEN}`, 0, [110, 1], 'GrantLineAdded', {}),
      decoded(`grant-${CITIZEN}`, 1, [120, 1], 'GrantOrderPlaced', { orderId: ORDER_A }),
      decoded(`grant-${CITIZEN}`, 2, [160, 2], 'GrantOrderLinesDelivered', { orderId: ORDER_A }),
    ];
    const order = [decoded(`order-${ORDER_A}`, 0, [120, 2], 'OrderPlaced', {}), decoded(`order-${ORDER_A}`, 1, [160, 1], 'OrderLinesShipped', {})];
    const merged = mergeInLogOrder([citizen, grant, order]).map(({ recorded }) => recorded.type);
    expect(merged).toEqual(['CitizenRegistered', 'GrantLineAdded', 'GrantOrderPlaced', 'OrderPlaced', 'CitizenContactDetailsChanged', 'OrderLinesShipped', 'GrantOrderLinesDelivered']);
  });

  it('positions compare as fixed-width text, not as numbers of different lengths', () => {
    const early = decoded('grant-x', 0, [0x9, 1], 'Early', {});
    const late = decoded('citizen-x', 0, [0x10, 1], 'Late', {});
    expect(mergeInLogOrder([[late], [early]]).map(({ recorded }) => recorded.type)).toEqual(['Early', 'Late']);
  });

  it('an item carries who did it, when, the stream category and the ids that tie it to its request', () => {
    const { items } = citizenHistory([[registered()]], 1, 100);
    expect(items[0]).toEqual({
      position: position(100, 1),
      at: '2026-03-01T10:00:00.000Z',
      recordedAt: '2026-03-01T10:00:01.000Z',
      stream: 'citizen',
      streamName: `citizen-${CITIZEN}`,
      type: 'CitizenRegistered',
      actor: { userId: 'user-1', role: 'caseworker', municipalityId: '101' },
      correlationId: 'correlation-CitizenRegistered',
      causationId: 'correlation-CitizenRegistered',
      commandId: 'command-CitizenRegistered',
      data: expect.objectContaining({ cpr: masked(CPR) }),
    });
  });

  it('metadata an old event lacks shows as null rather than failing the history', () => {
    const old = decoded('order-x', 0, [1, 1], 'OrderPlaced', {}, { actor: undefined, correlationId: 42, occurredAt: undefined });
    const [item] = citizenHistory([[old]], 1, 10).items;
    expect(item).toMatchObject({ at: null, correlationId: null, actor: { userId: null, role: null, municipalityId: null } });
  });

  it('knows an order by the GrantOrderPlaced events of the grant stream, each order once', () => {
    const events = [
      { type: 'GrantLineAdded', data: { lineId: 'l1' } },
      { type: 'GrantOrderPlaced', data: { orderId: ORDER_A } },
      { type: 'GrantOrderLinesDelivered', data: { orderId: ORDER_A } },
      { type: 'GrantOrderPlaced', data: { orderId: ORDER_B } },
      { type: 'GrantOrderPlaced', data: { orderId: ORDER_A } },
    ];
    expect(orderIdsPlaced(events)).toEqual([ORDER_A, ORDER_B]);
  });

  it('a stream category is the stream name before its first hyphen', () => {
    expect(streamCategory(`order-${ORDER_A}`)).toBe('order');
    expect(streamCategory(`citizen-${CITIZEN}`)).toBe('citizen');
  });
});

describe('CPR numbers are masked in the history (not an access-logged display of a full CPR number, DOMAIN §7)', () => {
  it('CitizenRegistered and CitizenCprChanged show DDMMYY-XXXX', () => {
    const changed = decoded(`citizen-${CITIZEN}`, 1, [101, 1], 'CitizenCprChanged', { citizenId: CITIZEN, cpr: NEW_CPR, reason: 'Forkert tastet' });
    const { items } = citizenHistory([[registered('ole.webshop'), changed]], 1, 100);
    expect(items.map((item) => (item.data as { cpr: string }).cpr)).toEqual([masked(CPR), masked(NEW_CPR)]);
  });

  it('a known CPR number is masked wherever else it appears as text: the default webshop username, free text', () => {
    const remark = decoded(`order-${ORDER_A}`, 0, [130, 1], 'OrderPlaced', { remarks: `Borger ${CPR.slice(0, 6)}-${CPR.slice(6)} ringer`, lines: [{ note: CPR }] });
    const history = citizenHistory([[registered(CPR)], [remark]], 1, 100);
    const body = JSON.stringify(history);
    expect(body).not.toContain(CPR);
    expect(body).not.toContain(CPR.slice(6));
    expect(history.items[0]!.data).toMatchObject({ webshopUsername: masked(CPR) });
    expect(history.items[1]!.data).toEqual({ remarks: `Borger ${masked(CPR)} ringer`, lines: [{ note: masked(CPR) }] });
  });

  it('the numbers are gathered from every event, so a page without the registration still masks them', () => {
    const later = decoded(`order-${ORDER_A}`, 0, [130, 1], 'OrderPlaced', { remarks: CPR });
    const { items } = citizenHistory([[registered()], [later]], 2, 1);
    expect(items).toHaveLength(1);
    expect(items[0]!.data).toEqual({ remarks: masked(CPR) });
  });

  it('a field named for a CPR number is masked at any depth, and wholly when it is not a CPR number', () => {
    const data = { nested: { previousCpr: `${CPR.slice(0, 6)}-${CPR.slice(6)}` }, list: [{ cpr: 'garbage' }], count: 3, none: null };
    expect(maskPersonalData(data, new Set())).toEqual({ nested: { previousCpr: masked(CPR) }, list: [{ cpr: 'XXXXXX-XXXX' }], count: 3, none: null });
  });

  it('collects the stored and hyphenated forms of the numbers under CPR keys, and nothing else', () => {
    const numbers = cprNumbersIn([{ cpr: CPR }, { deeper: { oldCpr: `${NEW_CPR.slice(0, 6)}-${NEW_CPR.slice(6)}` } }, { invoiceNumber: '1234567890' }]);
    expect([...numbers].sort()).toEqual([CPR, NEW_CPR].sort());
  });

  it('leaves values that are not the citizen\'s CPR number alone', () => {
    const data = { orderNumber: '260301-000123', invoiceNumber: '1234567890', salesUnits: 4 };
    expect(maskPersonalData(data, new Set([CPR]))).toEqual(data);
  });
});

describe('paging the merged history (API.md "Lists")', () => {
  const items = Array.from({ length: 7 }, (_, index) => index + 1);

  it('a page holds pageSize items from (page - 1) × pageSize, with the total of all', () => {
    expect(pageOf(items, 1, 3)).toEqual({ items: [1, 2, 3], page: 1, pageSize: 3, total: 7 });
    expect(pageOf(items, 3, 3)).toEqual({ items: [7], page: 3, pageSize: 3, total: 7 });
  });

  it('a page past the end is empty but still tells the total', () => {
    expect(pageOf(items, 4, 3)).toEqual({ items: [], page: 4, pageSize: 3, total: 7 });
    expect(pageOf([], 1, 100)).toEqual({ items: [], page: 1, pageSize: 100, total: 0 });
  });

  it('pages are taken from the merged order, not per stream', () => {
    const a = [decoded('citizen-x', 0, [1, 1], 'A1', {}), decoded('citizen-x', 1, [3, 1], 'A2', {})];
    const b = [decoded('grant-x', 0, [2, 1], 'B1', {}), decoded('grant-x', 1, [4, 1], 'B2', {})];
    const second = citizenHistory([a, b], 2, 2);
    expect(second.items.map((item) => item.type)).toEqual(['A2', 'B2']);
    expect(second.total).toBe(4);
  });
});

describe('The history of an erased citizen (GDPR): every event still listed, `slettet` where personal data was', () => {
  const ERASED = 'slettet';
  const shredded = [
    decoded(`citizen-${CITIZEN}`, 0, [1, 0], 'CitizenRegistered', {
      citizenId: CITIZEN,
      cpr: ERASED,
      birthDate: ERASED,
      gender: ERASED,
      firstName: ERASED,
      lastName: ERASED,
      address: { street: ERASED, postalCode: ERASED, city: ERASED },
      webshopUsername: ERASED,
      status: 'ACTIVE',
    }),
    decoded(`citizen-${CITIZEN}`, 1, [2, 0], 'CitizenCprChanged', { citizenId: CITIZEN, cpr: ERASED, birthDate: ERASED, gender: ERASED, reason: ERASED }),
    decoded(`order-${ORDER_A}`, 0, [3, 0], 'OrderPlaced', { orderId: ORDER_A, citizenId: CITIZEN, remarks: ERASED, deliveryAddress: { street: ERASED, postalCode: ERASED, city: ERASED } }),
    decoded(`citizen-${CITIZEN}`, 2, [4, 0], 'CitizenRemoved', { citizenId: CITIZEN, from: 'ACTIVE', status: 'DECEASED', reason: ERASED }),
    decoded(
      `citizen-${CITIZEN}`,
      3,
      [5, 0],
      'CitizenPersonalDataErased',
      { citizenId: CITIZEN, removedAt: '2020-01-01T00:00:00.000Z', status: 'DECEASED', retentionYears: 5, reason: 'Opbevaringsperioden er udløbet', orderIds: [ORDER_A] },
      { actor: { userId: 'system', role: 'system', municipalityId: null }, occurredAt: '2025-01-02T03:00:00.000Z' },
    ),
  ];

  it('lists them all in log order, shows an erased CPR number as `slettet` (not as a masked one), and the erasure with who, when and why', () => {
    const history = citizenHistory([shredded], 1, 100);
    expect(history.total).toBe(5);
    expect(history.items.map((item) => item.type)).toEqual(['CitizenRegistered', 'CitizenCprChanged', 'OrderPlaced', 'CitizenRemoved', 'CitizenPersonalDataErased']);
    expect(history.items[0]!.data).toMatchObject({ cpr: ERASED, birthDate: ERASED, gender: ERASED, firstName: ERASED, webshopUsername: ERASED });
    expect(history.items[1]!.data).toMatchObject({ cpr: ERASED });
    expect(history.items[4]).toMatchObject({
      actor: { userId: 'system', role: 'system' },
      at: '2025-01-02T03:00:00.000Z',
      data: { retentionYears: 5, reason: 'Opbevaringsperioden er udløbet', orderIds: [ORDER_A] },
    });
  });
});
