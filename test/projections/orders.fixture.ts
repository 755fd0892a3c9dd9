import { expect } from '@jest/globals';
import { ordersProjection } from '../../projections/orders.projection.js';
import type { ProjectedEvent } from '../../src/kernel/projection.js';
import type { OrderDocument } from '../../read-models/orders/orders.read-model.js';
import { citizenEventDefinitions } from '../../src/citizens/citizen.events.js';
import type { RecordedEvent } from '../../src/kernel/event-store.port.js';
import { applyBatch, decodeEvents, type AnyProjection } from '../../src/infrastructure/projections/apply-batch.js';
import type { StoredDocument } from '../../src/infrastructure/projections/projection-storage.js';
import { orderEventDefinitions, type OrderLine, type OrderPlaced, type ReportedLine } from '../../src/orders/order.events.js';
import { eventMetadataSchema } from '../../src/shared/event-metadata.js';
import { EventRegistry } from '../../src/shared/event-schema.js';
import { recordedEvent } from '../support/recorded-events.js';

/**
 * Order events for the order history's tests, validated by their schemas on the way in as the runtime
 * would (a registry of their own: these tests do not depend on what the composition root registers).
 * All names, numbers and addresses are fictitious.
 */
const registry = new EventRegistry([...orderEventDefinitions, ...citizenEventDefinitions]);

export function decode(recorded: RecordedEvent): ProjectedEvent {
  const metadata = eventMetadataSchema.parse(recorded.metadata);
  const { data } = registry.decode(recorded.type, recorded.data, metadata.schemaVersion);
  return { ...recorded, data, metadata };
}

export const MUNICIPALITY = '101';
export const OTHER_MUNICIPALITY = '751';

export const STOMI_BAG: OrderLine = { lineId: 'line-1', itemNumber: '301004', productName: 'Stomipose Åben', grantArea: 'Stomi', salesUnits: 10 };
export const SKIN_PLATE: OrderLine = { lineId: 'line-2', itemNumber: '402117', productName: 'Hudplade Ærø Flex', grantArea: 'Stomi', salesUnits: 4 };

type PlacedData = OrderPlaced['data'];

export function orderPlaced(data: Partial<PlacedData> & Pick<PlacedData, 'orderId' | 'citizenId'>): RecordedEvent {
  const full: PlacedData = {
    municipalityId: MUNICIPALITY,
    orderNumber: `ON-${data.orderId}`,
    orderDate: '2026-03-02',
    placedAt: '2026-03-02T09:15:00.000Z',
    placedBy: { userId: 'user-nurse-1', role: 'nurse', name: 'Bente Fiktiv', channel: 'municipality' },
    remarks: null,
    deliveryAddress: { street: 'Prøvevej 7', postalCode: '2100', city: 'København Ø' },
    lines: [STOMI_BAG, SKIN_PLATE],
    ...data,
  };
  return recordedEvent(`order-${full.orderId}`, 'OrderPlaced', full);
}

const at = '2026-03-04T12:00:00.000Z';
const reported = (lines: ReadonlyArray<[OrderLine, number]>): ReportedLine[] =>
  lines.map(([line, salesUnits]) => ({ lineId: line.lineId, itemNumber: line.itemNumber, salesUnits }));

/** The ERP's reports and the cancellation, for one order of one citizen. */
export function orderEvents(orderId: string, citizenId: string) {
  const stream = `order-${orderId}`;
  return {
    accepted: () => recordedEvent(stream, 'OrderAccepted', { orderId, citizenId, at }),
    shipped: (...lines: Array<[OrderLine, number]>) => recordedEvent(stream, 'OrderLinesShipped', { orderId, citizenId, lines: reported(lines), at }),
    backordered: (...lines: Array<[OrderLine, number]>) =>
      recordedEvent(stream, 'OrderLinesBackordered', { orderId, citizenId, lines: reported(lines), at }),
    invoiced: (invoiceNumber: string) => recordedEvent(stream, 'OrderInvoiced', { orderId, citizenId, invoiceNumber, at }),
    credited: (creditNoteNumber: string, ...lines: Array<[OrderLine, number]>) =>
      recordedEvent(stream, 'OrderLinesCredited', { orderId, citizenId, lines: reported(lines), creditNoteNumber, at }),
    cancelled: (reason: string, ...lines: Array<[OrderLine, number]>) =>
      recordedEvent(stream, 'OrderCancelled', { orderId, citizenId, lines: reported(lines), reason }),
    abandoned: (...lines: Array<[OrderLine, number]>) =>
      recordedEvent(stream, 'OrderAbandoned', { orderId, citizenId, lines: lines.map(([line, salesUnits]) => ({ lineId: line.lineId, salesUnits })) }),
  };
}

/** Applies events as the runner does (positions guarded), over documents already stored. */
export function projectStored(
  events: readonly RecordedEvent[],
  stored: ReadonlyMap<string, StoredDocument> = new Map(),
  projection: AnyProjection = ordersProjection as unknown as AnyProjection,
): ReadonlyMap<string, StoredDocument | null> {
  const outcome = applyBatch(projection, decodeEvents(projection, decode, events, 1), stored, { attempts: 1 });
  expect(outcome.parked).toEqual([]);
  return outcome.documents;
}

/** The order documents the events leave, parsed. */
export function project(events: readonly RecordedEvent[]): Map<string, OrderDocument | null> {
  return new Map([...projectStored(events)].map(([id, doc]) => [id, doc && (JSON.parse(doc.json) as OrderDocument)]));
}
