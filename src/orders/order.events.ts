import { z } from 'zod';
import { addressSchema } from '../citizens/citizen.events.js';
import { defineEvent, type EventOf } from '../shared/event-schema.js';
import { aboutCitizen, noPersonalData } from '../shared/personal-data.js';

/**
 * Events of an order's own stream, `order-<orderId>` (DOMAIN §5): what was ordered, by whom, and what the
 * supplier's ERP reports afterwards. The caps are not here: an order's sales units were counted against its
 * grant lines in `grant-<citizenId>` before this stream was created (grant.events.ts), and whatever changes what
 * counts there (a cancellation, a shipment, a credit) is carried over to the grant stream from these events
 * (order-accounting.reaction.ts). Every payload names its order and citizen, so read models need not parse
 * stream names. Change a payload only with a version bump and an upcaster.
 */

const id = z.string().min(1);
const nonBlank = z.string().trim().min(1);
const salesUnits = z.number().int().positive();
const instant = z.iso.datetime();

/** DOMAIN §5 "channel": where the order came from. */
export const ORDER_CHANNELS = ['citizen', 'municipality', 'customer_service'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

/** One order line per grant line: lines an order named twice were merged into one. */
export const orderLineSchema = z.object({
  lineId: id,
  itemNumber: nonBlank,
  productName: nonBlank.nullable(),
  grantArea: nonBlank,
  salesUnits,
});
export type OrderLine = z.infer<typeof orderLineSchema>;

/** Sales units per order line as the ERP names them: by item number (one order line per item). */
const reportedLines = z.array(z.object({ lineId: id, itemNumber: nonBlank, salesUnits })).min(1);
export type ReportedLine = z.infer<typeof reportedLines>[number];

export const OrderPlaced = defineEvent(
  'OrderPlaced',
  z.object({
    orderId: id,
    citizenId: id,
    municipalityId: id,
    /** Unique and human-readable, reserved in `ordernumber-<number>` (order-number.ts). */
    orderNumber: nonBlank,
    /** Europe/Copenhagen date: the window the order counts in. */
    orderDate: z.iso.date(),
    placedAt: instant,
    placedBy: z.object({ userId: id, role: nonBlank, name: nonBlank, channel: z.enum(ORDER_CHANNELS) }),
    remarks: z.string().nullable(),
    /** The citizen's address when the order was placed: later moves do not change where it went. */
    deliveryAddress: addressSchema,
    lines: z.array(orderLineSchema).min(1),
  }),
  {
    // The name of whoever placed it is the citizen's own when they ordered in the webshop: personal, as the
    // remarks and the address are. Who placed it stays (placedBy.userId).
    personalData: aboutCitizen(
      ['placedBy.name', 'remarks', 'deliveryAddress'],
      ['orderId', 'citizenId', 'municipalityId', 'orderNumber', 'orderDate', 'placedAt', 'placedBy.userId', 'placedBy.role', 'placedBy.channel', 'lines'],
    ),
  },
);
export type OrderPlaced = EventOf<typeof OrderPlaced>;

/** `at`: the instant the ERP reports for the step, which may be earlier than when it reached us. */
export const OrderAccepted = defineEvent('OrderAccepted', z.object({ orderId: id, citizenId: id, at: instant }), {
  personalData: noPersonalData('orderId', 'citizenId', 'at'),
});
export type OrderAccepted = EventOf<typeof OrderAccepted>;

/** Shipped sales units count as delivered on the grant ("Leveret på bevillingen"). Partial shipments allowed. */
export const OrderLinesShipped = defineEvent('OrderLinesShipped', z.object({ orderId: id, citizenId: id, lines: reportedLines, at: instant }), {
  personalData: noPersonalData('orderId', 'citizenId', 'lines', 'at'),
});
export type OrderLinesShipped = EventOf<typeof OrderLinesShipped>;

/** Sales units the supplier cannot ship yet; they stay ordered (and counted) until shipped or cancelled. */
export const OrderLinesBackordered = defineEvent('OrderLinesBackordered', z.object({ orderId: id, citizenId: id, lines: reportedLines, at: instant }), {
  personalData: noPersonalData('orderId', 'citizenId', 'lines', 'at'),
});
export type OrderLinesBackordered = EventOf<typeof OrderLinesBackordered>;

export const OrderInvoiced = defineEvent('OrderInvoiced', z.object({ orderId: id, citizenId: id, invoiceNumber: nonBlank, at: instant }), {
  personalData: noPersonalData('orderId', 'citizenId', 'invoiceNumber', 'at'),
});
export type OrderInvoiced = EventOf<typeof OrderInvoiced>;

/** Delivered sales units credited: no longer delivered, and given back to the window of the order. */
export const OrderLinesCredited = defineEvent(
  'OrderLinesCredited',
  z.object({ orderId: id, citizenId: id, lines: reportedLines, creditNoteNumber: nonBlank, at: instant }),
  { personalData: noPersonalData('orderId', 'citizenId', 'lines', 'creditNoteNumber', 'at') },
);
export type OrderLinesCredited = EventOf<typeof OrderLinesCredited>;

/** Every sales unit not yet shipped, cancelled; given back to the window of the order. */
export const OrderCancelled = defineEvent(
  'OrderCancelled',
  z.object({ orderId: id, citizenId: id, lines: reportedLines, reason: nonBlank }),
  { personalData: aboutCitizen(['reason'], ['orderId', 'citizenId', 'lines']) },
);
export type OrderCancelled = EventOf<typeof OrderCancelled>;

/**
 * The order was counted on the grant but never created: the request that counted it failed before it wrote
 * this stream and was not retried. Written by the reconciliation (order-reconciliation.reaction.ts), which then
 * gives the sales units back; it claims the stream so that a late retry cannot create the order after all.
 */
export const OrderAbandoned = defineEvent(
  'OrderAbandoned',
  z.object({ orderId: id, citizenId: id, lines: z.array(z.object({ lineId: id, salesUnits })).min(1) }),
  { personalData: noPersonalData('orderId', 'citizenId', 'lines') },
);
export type OrderAbandoned = EventOf<typeof OrderAbandoned>;

export type OrderEvent =
  | OrderPlaced
  | OrderAccepted
  | OrderLinesShipped
  | OrderLinesBackordered
  | OrderInvoiced
  | OrderLinesCredited
  | OrderCancelled
  | OrderAbandoned;

/** Reserves an order number for one order: the stream `ordernumber-<number>` holds exactly this one event. */
export const OrderNumberReserved = defineEvent('OrderNumberReserved', z.object({ orderNumber: nonBlank, orderId: id }), {
  personalData: noPersonalData('orderNumber', 'orderId'),
});
export type OrderNumberReserved = EventOf<typeof OrderNumberReserved>;

export const orderEventDefinitions = [
  OrderPlaced,
  OrderAccepted,
  OrderLinesShipped,
  OrderLinesBackordered,
  OrderInvoiced,
  OrderLinesCredited,
  OrderCancelled,
  OrderAbandoned,
  OrderNumberReserved,
] as const;
