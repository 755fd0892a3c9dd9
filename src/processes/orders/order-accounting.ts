import type { GiveBackGrantOrderLines, OrderLineRequest, RecordGrantOrderDelivery } from '../../grants/grant.decider.js';
import type { GrantActor } from '../../grants/grant-access.js';
import { findLine, type GrantState } from '../../grants/grant.state.js';
import type { OrderEvent, OrderLine } from '../../orders/order.events.js';

/**
 * The order's lines from the grant that just counted the order: one per grant line, in the order they were first
 * named, a line named twice summed, each with the item, name and area the grant line has.
 */
export function orderLinesOf(requested: readonly OrderLineRequest[], grant: GrantState): OrderLine[] {
  const merged = new Map<string, OrderLine>();
  for (const { lineId, salesUnits } of requested) {
    const known = merged.get(lineId);
    if (known) {
      merged.set(lineId, { ...known, salesUnits: known.salesUnits + salesUnits });
      continue;
    }
    const line = findLine(grant, lineId);
    // The grant just counted these lines, so each exists; a missing one would be a bug, not a client error.
    if (!line) throw new Error('An ordered grant line is missing from the grant it was counted on');
    merged.set(lineId, { lineId, itemNumber: line.itemNumber, productName: line.productName, grantArea: line.grantArea, salesUnits });
  }
  return [...merged.values()];
}

/**
 * What an order event changes on its grant (DOMAIN §4.2, §5): shipped sales units count as delivered; cancelled
 * (or abandoned) ones are given back to the window of the order; credited ones are no longer delivered and are
 * given back too. The order stream decided the step; the grant stream only follows, so the command is the
 * system's (no role or area check applies twice). null: the event changes nothing on the grant.
 */
export function grantAccountingFor(event: OrderEvent): GiveBackGrantOrderLines | RecordGrantOrderDelivery | null {
  const actor: GrantActor = { role: 'system', grantAreas: [] };
  switch (event.type) {
    case 'OrderLinesShipped':
      return { type: 'RecordGrantOrderDelivery', data: { ...base(event.data), actor } };
    case 'OrderCancelled':
    case 'OrderAbandoned':
      return { type: 'GiveBackGrantOrderLines', data: { ...base(event.data), actor, reason: 'cancelled' } };
    case 'OrderLinesCredited':
      return { type: 'GiveBackGrantOrderLines', data: { ...base(event.data), actor, reason: 'credited' } };
    case 'OrderPlaced':
    case 'OrderAccepted':
    case 'OrderLinesBackordered':
    case 'OrderInvoiced':
      return null;
  }
}

const base = (data: { citizenId: string; orderId: string; lines: readonly { lineId: string; salesUnits: number }[] }) => ({
  citizenId: data.citizenId,
  orderId: data.orderId,
  lines: data.lines.map(({ lineId, salesUnits }) => ({ lineId, salesUnits })),
});

/** Accounting order types, for the reaction's subscription filter. */
export const GRANT_ACCOUNTED_ORDER_EVENTS = ['OrderLinesShipped', 'OrderCancelled', 'OrderAbandoned', 'OrderLinesCredited'] as const;
