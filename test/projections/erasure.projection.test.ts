import { describe, expect, it } from '@jest/globals';
import { citizensProjection } from '../../projections/citizens.projection.js';
import type { CitizenDocument } from '../../read-models/citizens/citizens.read-model.js';
import type { OrderDocument } from '../../read-models/orders/orders.read-model.js';
import { decodeEvent } from '../../src/composition/projections.js';
import { applyBatch, decodeEvents } from '../../src/infrastructure/projections/apply-batch.js';
import type { StoredDocument } from '../../src/infrastructure/projections/projection-storage.js';
import type { RecordedEvent } from '../../src/kernel/event-store.port.js';
import { ERASED } from '../../src/shared/personal-data.js';
import { recordedEvent } from '../support/recorded-events.js';
import { orderEvents, orderPlaced, projectStored, STOMI_BAG } from './orders.fixture.js';

/** GDPR erasure on the read side: nothing personal left in a document, the bookkeeping kept, a rebuild that does not stumble. */

const CITIZEN = 'c-erased';
const CPR = '0101901234';
const ADDRESS = { street: 'Ølgade 3', postalCode: '2100', city: 'København Ø' };

const citizenEvent = (type: string, data: Record<string, unknown>, occurredAt = '2026-03-01T10:00:00.000Z'): RecordedEvent => {
  const event = recordedEvent(`citizen-${CITIZEN}`, type, { citizenId: CITIZEN, ...data });
  return { ...event, metadata: { ...event.metadata, occurredAt } };
};
const registered = (personal: Record<string, unknown> = {}) =>
  citizenEvent('CitizenRegistered', {
    municipalityId: '101',
    cpr: CPR,
    birthDate: '1990-01-01',
    gender: 'female',
    firstName: 'Åse',
    lastName: 'Brødsgaard',
    address: ADDRESS,
    phone: '12345678',
    webshopUsername: CPR,
    status: 'ACTIVE',
    ...personal,
  });
const removedAt = '2019-05-02T08:00:00.000Z';
const removed = () => citizenEvent('CitizenRemoved', { from: 'ACTIVE', status: 'DECEASED' }, removedAt);
const reopened = () => citizenEvent('CitizenReopened', { from: 'DECEASED', reason: 'Fejlagtigt meldt død' }, '2019-06-01T08:00:00.000Z');
const erased = (orderIds: string[] = []) =>
  citizenEvent('CitizenPersonalDataErased', { removedAt, status: 'DECEASED', retentionYears: 5, reason: 'Opbevaringsperioden er udløbet', orderIds }, '2024-05-03T02:00:00.000Z');

const SHREDDED = {
  cpr: ERASED,
  birthDate: ERASED,
  gender: ERASED,
  firstName: ERASED,
  lastName: ERASED,
  address: { street: ERASED, postalCode: ERASED, city: ERASED },
  phone: ERASED,
  webshopUsername: ERASED,
};

function citizens(events: RecordedEvent[], stored = new Map<string, StoredDocument>()): CitizenDocument {
  const outcome = applyBatch(citizensProjection, decodeEvents(citizensProjection, decodeEvent, events, 1), stored, { attempts: 1 });
  expect(outcome.parked).toEqual([]);
  return JSON.parse(outcome.documents.get(CITIZEN)!.json) as CitizenDocument;
}

const stored = (doc: unknown, position: string): Map<string, StoredDocument> => new Map([[CITIZEN, { json: JSON.stringify(doc), position: position as never }]]);

describe('The citizens read model on a citizen’s erasure', () => {
  it('records the removal’s instant while removed, and forgets it on a reopening', () => {
    expect(citizens([registered()])).toMatchObject({ removedAt: null, erased: false, retentionKey: null });
    expect(citizens([registered(), removed()])).toMatchObject({ removedAt, retentionKey: `${removedAt} ${CITIZEN}` });
    expect(citizens([registered(), removed(), reopened()])).toMatchObject({ status: 'ACTIVE', removedAt: null, retentionKey: null });
  });

  it('blanks every personal field of a document written before the erasure, keeping status, removal and grant', () => {
    const before = citizens([registered(), removed()]);
    const event = erased();
    const doc = citizens([event], stored(before, '0'));
    expect(doc).toMatchObject({
      citizenId: CITIZEN,
      municipalityId: '101',
      status: 'DECEASED',
      removedAt,
      erased: true,
      retentionKey: null,
      cpr: ERASED,
      cprMasked: ERASED,
      cprBirthPart: null,
      birthDate: ERASED,
      gender: ERASED,
      firstName: ERASED,
      lastName: ERASED,
      address: { street: ERASED, postalCode: ERASED, city: ERASED },
      phone: ERASED,
      email: null,
      webshopUsername: ERASED,
      webshopUsernameKey: null,
      nameSearch: '',
      sortName: '',
      streetSearch: '',
      citySearch: '',
    });
    // Nothing of the person anywhere in the document, whatever field it might hide in.
    const json = JSON.stringify(doc);
    for (const personal of [CPR, '010190', 'Åse', 'Brødsgaard', 'aase', 'broedsgaard', 'Ølgade', 'oelgade', '2100', 'København', '12345678', '1990-01-01', 'female']) {
      expect(json).not.toContain(personal);
    }
  });

  it('a rebuild from the shredded log (personal fields read `slettet`) does not throw and ends the same', () => {
    const live = citizens([registered(), removed(), erased()]);
    const rebuilt = citizens([registered(SHREDDED), removed(), erased()]);
    expect(rebuilt).toEqual(live);
    // A CPR change read back shredded is survived too (no mask of `slettet`).
    const cprChanged = citizenEvent('CitizenCprChanged', { cpr: ERASED, birthDate: ERASED, gender: ERASED, reason: ERASED, webshopUsername: ERASED });
    expect(citizens([registered(SHREDDED), cprChanged, removed(), erased()])).toEqual(live);
  });
});

describe('The order history on a citizen’s erasure', () => {
  const ORDER = 'o-erased';
  const OTHER = 'o-other-citizen';
  const e = orderEvents(ORDER, CITIZEN);
  const placed = orderPlaced({
    orderId: ORDER,
    citizenId: CITIZEN,
    remarks: 'Ring på hos naboen, Åse er dårligt gående',
    deliveryAddress: ADDRESS,
    placedBy: { userId: CITIZEN, role: 'citizen', name: 'Åse Brødsgaard', channel: 'citizen' },
    lines: [STOMI_BAG],
  });
  const otherPlaced = orderPlaced({ orderId: OTHER, citizenId: 'c-other' });

  it('blanks the delivery address, remarks, placer’s name and cancellation reason of each named order; lines, amounts and numbers stay', () => {
    const before = projectStored([placed, e.shipped([STOMI_BAG, 6]), e.invoiced('INV-2026-0091'), e.cancelled('Åse er død', [STOMI_BAG, 4]), otherPlaced]);
    const storedOrders = new Map([...before].map(([id, doc]) => [id, doc!]));
    const after = projectStored([erased([ORDER, 'o-never-created'])], storedOrders);
    // The named order that never got a document stays without one; the other citizen's order is not touched.
    expect([...after.keys()]).toEqual([ORDER]);
    const doc = JSON.parse(after.get(ORDER)!.json) as OrderDocument;
    const old = JSON.parse(before.get(ORDER)!.json) as OrderDocument;
    expect(doc.order).toEqual({
      ...old.order,
      deliveryAddress: { street: ERASED, postalCode: ERASED, city: ERASED },
      remarks: ERASED,
      placedBy: { userId: CITIZEN, role: 'citizen', name: ERASED, channel: 'citizen' },
      cancellationReason: ERASED,
    });
    expect(doc).toMatchObject({ orderNumber: old.orderNumber, orderDate: old.orderDate, status: old.status, searchText: old.searchText });
    expect(doc.order.invoiceNumbers).toEqual(['INV-2026-0091']);
    expect(doc.order.lines).toEqual(old.order.lines);
    expect(JSON.stringify(doc)).not.toMatch(/Åse|Brødsgaard|Ølgade|naboen|død/);
  });

  it('an order without remarks keeps none; a rebuild from the shredded order ends as the live document', () => {
    const plain = orderPlaced({ orderId: ORDER, citizenId: CITIZEN, lines: [STOMI_BAG] });
    const live = projectStored([plain, erased([ORDER])]).get(ORDER)!;
    expect((JSON.parse(live.json) as OrderDocument).order.remarks).toBeNull();
    const shredded = orderPlaced({
      orderId: ORDER,
      citizenId: CITIZEN,
      lines: [STOMI_BAG],
      deliveryAddress: { street: ERASED, postalCode: ERASED, city: ERASED },
      placedBy: { userId: 'user-nurse-1', role: 'nurse', name: ERASED, channel: 'municipality' },
    });
    const rebuilt = projectStored([shredded, erased([ORDER])]).get(ORDER)!;
    expect(JSON.parse(rebuilt.json)).toEqual(JSON.parse(live.json));
  });
});
