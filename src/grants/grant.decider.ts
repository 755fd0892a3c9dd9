import type { Role } from '../shared/actor.js';
import { assertNever, type Decider } from '../shared/decider.js';
import { conflict, DomainError, unprocessable, validationFailed } from '../shared/domain-error.js';
import { resolveAllowance, sameAllowance, type AllowanceInput } from './allowance.js';
import { mayActInGrantArea, type GrantActor } from './grant-access.js';
import {
  LINE_KINDS,
  type GrantEvent,
  type GrantLineAdded,
  type GrantLineAllowanceChanged,
  type GrantLineEndDateChanged,
  type GrantLineInactivated,
  type GrantLineReactivated,
  type GrantLinesInactivatedForStatus,
  type GrantLinesRestored,
  type GiveBackReason,
  type GrantOrderLinesDelivered,
  type GrantOrderLinesGivenBack,
  type GrantOrderPlaced,
  type LineKind,
} from './grant.events.js';
import { activeLineOf, evolveGrant, findLine, initialGrantState, unitsPerLine, type GrantLine, type GrantState, type LineOrder } from './grant.state.js';
import { isExpiredOn, lineNextOrderDate, lineWindowOn, orderedIn, remainingOn } from './line-accounting.js';
import { isCalendarDate, laterOf } from './windows.js';

/**
 * A citizen's grant (stream `grant-<citizenId>`, DOMAIN §4): commands and decide here, state and evolve in
 * grant.state.ts. What lives in other streams arrives in the command, looked up by the application: whether
 * the citizen is ACTIVE, the product's name and pieces per sales unit, the caller's role and grant areas,
 * today's Copenhagen date and the new line's id.
 */

interface GrantCommandBase {
  readonly citizenId: string;
  readonly actor: GrantActor;
  /** The citizen's status is ACTIVE (citizen stream): grants change only for active citizens. */
  readonly citizenActive: boolean;
  /** YYYY-MM-DD, Europe/Copenhagen. */
  readonly today: string;
}

export interface AddGrantLine {
  readonly type: 'AddGrantLine';
  readonly data: GrantCommandBase & {
    readonly lineId: string;
    /** From the catalogue. */
    readonly product: { readonly itemNumber: string; readonly name?: string | null; readonly piecesPerSalesUnit: number };
    readonly grantArea: string;
    readonly kind: LineKind;
    /** Default: today. */
    readonly startDate?: string | null;
    /** Required for a one-time line (its last day, inclusive); refused for a continuous one. */
    readonly endDate?: string | null;
    /** Absent or null: no allowance, no caps. */
    readonly allowance?: AllowanceInput | null;
  };
}

export interface ChangeGrantLineAllowance {
  readonly type: 'ChangeGrantLineAllowance';
  readonly data: GrantCommandBase & {
    readonly lineId: string;
    /** The catalogue's current value, for a rate. */
    readonly piecesPerSalesUnit: number;
    /** null: remove the allowance (no caps). */
    readonly allowance: AllowanceInput | null;
  };
}

export interface ChangeGrantLineEndDate {
  readonly type: 'ChangeGrantLineEndDate';
  readonly data: GrantCommandBase & { readonly lineId: string; readonly endDate: string | null };
}

/**
 * "Redigér": a one-time line becomes continuous or the other way round (user guide p. 8). Decision: the line is
 * granted anew with the other kind — the line is inactivated and a new line of the same item, area and allowance
 * (or the new one given) starts on the change's effective date. Windows then start afresh, as they do for every
 * change of what is granted (DOMAIN §4.3), and each line's history stays exact under the kind it had: a one-time
 * line's whole-life cap never mixes with calendar windows. The same kind as the line has: only the allowance and
 * end date given are changed, as ChangeGrantLineAllowance and ChangeGrantLineEndDate would.
 */
export interface ChangeGrantLineKind {
  readonly type: 'ChangeGrantLineKind';
  readonly data: GrantCommandBase & {
    readonly lineId: string;
    /** The id of the line that takes over the item when the kind changes. */
    readonly newLineId: string;
    readonly kind: LineKind;
    /** A one-time line's last day (required); refused for a continuous line. Absent: unchanged (same kind). */
    readonly endDate?: string | null;
    /** The catalogue's current value, for a rate. */
    readonly piecesPerSalesUnit: number;
    /** Absent: the line's allowance carries over; null: none; else a new one. */
    readonly allowance?: AllowanceInput | null;
  };
}

export interface InactivateGrantLine {
  readonly type: 'InactivateGrantLine';
  readonly data: GrantCommandBase & { readonly lineId: string; readonly reason?: string | null };
}

export interface ReactivateGrantLine {
  readonly type: 'ReactivateGrantLine';
  readonly data: GrantCommandBase & {
    readonly lineId: string;
    readonly piecesPerSalesUnit: number;
    /** Absent: the allowance the line had; null: none; else a new one. */
    readonly allowance?: AllowanceInput | null;
  };
}

/** One line of an order: a grant line and how many of its sales units. */
export interface OrderLineRequest {
  readonly lineId: string;
  readonly salesUnits: number;
}

/**
 * Count an order against the caps of its grant lines (DOMAIN §4.2), on `today`, the order date. The
 * application appends the event with the exact expected revision of the grant stream it decided on, so
 * concurrent orders for one citizen cannot together pass a cap (see grant.events.ts). `actor` of role citizen
 * must be the citizen of this grant: the application derives citizenId from such a caller, never from input.
 */
export interface PlaceGrantOrder {
  readonly type: 'PlaceGrantOrder';
  readonly data: GrantCommandBase & { readonly orderId: string; readonly lines: readonly OrderLineRequest[] };
}

/**
 * Accounting of an order already placed. Neither needs an active citizen or line: a removed citizen's orders
 * are cancelled automatically (DOMAIN §2.3), and the supplier credits and delivers whatever the status.
 */
interface OrderAccountingBase {
  readonly citizenId: string;
  readonly actor: GrantActor;
  readonly orderId: string;
  readonly lines: readonly OrderLineRequest[];
}

/** Cancelled (not yet delivered) or credited sales units no longer count, in the window of the order. */
export interface GiveBackGrantOrderLines {
  readonly type: 'GiveBackGrantOrderLines';
  readonly data: OrderAccountingBase & { readonly reason: GiveBackReason };
}

/** The supplier reports sales units of an order delivered. */
export interface RecordGrantOrderDelivery {
  readonly type: 'RecordGrantOrderDelivery';
  readonly data: OrderAccountingBase;
}

/**
 * DOMAIN §2.3, the effects of a citizen's status change on their grant. The citizen stream decided the change
 * (and who may make it); these follow it, so they check no role, area or citizen status. `today` is the day of
 * the status change.
 */
export interface InactivateLinesForStatus {
  readonly type: 'InactivateLinesForStatus';
  readonly data: { readonly citizenId: string; readonly status: GrantLinesInactivatedForStatus['data']['status']; readonly today: string };
}

export interface RestoreRemovedLines {
  readonly type: 'RestoreRemovedLines';
  readonly data: { readonly citizenId: string; readonly today: string };
}

export type GrantCommand =
  | InactivateLinesForStatus
  | RestoreRemovedLines
  | AddGrantLine
  | ChangeGrantLineAllowance
  | ChangeGrantLineEndDate
  | ChangeGrantLineKind
  | InactivateGrantLine
  | ReactivateGrantLine
  | PlaceGrantOrder
  | GiveBackGrantOrderLines
  | RecordGrantOrderDelivery;

export const grantStream = (citizenId: string): string => `grant-${citizenId}`;

const GRANT_CHANGING_ROLES: readonly Role[] = ['caseworker', 'nurse'];
/** DOMAIN §6 "place an order"; a citizen only their own (the application's check, see PlaceGrantOrder). */
const ORDERING_ROLES: readonly Role[] = ['caseworker', 'nurse', 'orderer', 'customer_service', 'citizen'];
/**
 * DOMAIN §5: the municipality or customer service cancel, and the system on a removal (§2.3); credits and
 * deliveries are the supplier's ERP reporting through the integration API.
 */
const GIVING_BACK_ROLES: Readonly<Record<GiveBackReason, readonly Role[]>> = {
  cancelled: ['caseworker', 'nurse', 'orderer', 'customer_service', 'system'],
  credited: ['integration', 'system'],
};
const DELIVERY_REPORTING_ROLES: readonly Role[] = ['integration', 'system'];

export function decideGrant(command: GrantCommand, state: GrantState): GrantEvent[] {
  if (state.status === 'granted' && state.citizenId !== command.data.citizenId) {
    throw new Error('A grant command sent to the stream of another citizen');
  }
  switch (command.type) {
    case 'InactivateLinesForStatus':
      return inactivateForStatus(command.data, state);
    case 'RestoreRemovedLines':
      return restoreRemovedLines(command.data, state);
    case 'AddGrantLine':
      return addLine(command.data, state);
    case 'ChangeGrantLineAllowance':
      return changeAllowance(command.data, state);
    case 'ChangeGrantLineEndDate':
      return changeEndDate(command.data, state);
    case 'ChangeGrantLineKind':
      return changeKind(command.data, state);
    case 'InactivateGrantLine':
      return inactivate(command.data, state);
    case 'ReactivateGrantLine':
      return reactivate(command.data, state);
    case 'PlaceGrantOrder':
      return placeOrder(command.data, state);
    case 'GiveBackGrantOrderLines':
      return giveBack(command.data, state);
    case 'RecordGrantOrderDelivery':
      return recordDelivery(command.data, state);
    default:
      return assertNever(command);
  }
}

export const grantDecider: Decider<GrantCommand, GrantEvent, GrantState> = {
  initialState: initialGrantState,
  evolve: evolveGrant,
  decide: decideGrant,
};

/** Every active line, listed in one event; none active: nothing to record, except for a removal (see the event). */
function inactivateForStatus(command: InactivateLinesForStatus['data'], state: GrantState): GrantLinesInactivatedForStatus[] {
  if (state.status !== 'granted') return [];
  const active = state.lines.filter((line) => line.status === 'ACTIVE');
  const removal = command.status === 'DECEASED' || command.status === 'MOVED_AWAY';
  if (active.length === 0 && !removal) return [];
  // A line that has not started yet closes where it begins (closeSpans), so today serves every line.
  const effectiveDate = command.today;
  return [{ type: 'GrantLinesInactivatedForStatus', data: { citizenId: command.citizenId, status: command.status, lineIds: active.map((line) => line.lineId), effectiveDate } }];
}

/**
 * Exactly the lines the removal inactivated (DOMAIN §2.3), except one whose item has meanwhile another active
 * line (at most one per item); the event settles the removal's list even if none is left to restore. Nothing
 * pending: nothing to do, so a repeated reopening changes nothing.
 */
function restoreRemovedLines(command: RestoreRemovedLines['data'], state: GrantState): GrantLinesRestored[] {
  if (state.status !== 'granted' || !state.removedLineIds) return [];
  const lines = state.lines.filter((line) => state.removedLineIds?.includes(line.lineId) && line.status === 'INACTIVE' && !activeLineOf(state, line.itemNumber));
  return [{ type: 'GrantLinesRestored', data: { citizenId: command.citizenId, lineIds: lines.map((line) => line.lineId), effectiveDate: command.today } }];
}

function addLine(command: AddGrantLine['data'], state: GrantState): GrantLineAdded[] {
  requireGrantChangingRole(command.actor);
  const grantArea = command.grantArea.trim();
  if (grantArea === '') throw validationFailed([{ path: 'grantArea', code: 'too_small', message: 'Required: must not be empty' }]);
  requireGrantArea(command.actor, grantArea);
  requireCitizenActive(command);

  if (!LINE_KINDS.includes(command.kind)) throw validationFailed([{ path: 'kind', code: 'invalid_value', message: 'continuous or one_time' }]);
  const startDate = command.startDate ?? command.today;
  requireDate(startDate, 'startDate');
  const endDate = endDateFor(command.kind, startDate, command.endDate ?? null);
  const allowance = resolveAllowance(command.allowance, command.product.piecesPerSalesUnit);

  if (findLine(state, command.lineId)) throw conflict('LINE_ID_IN_USE', 'A grant line with this id already exists');
  const active = activeLineOf(state, command.product.itemNumber);
  if (active) {
    throw conflict('LINE_ALREADY_ACTIVE', 'The item already has an active line: edit or reactivate that one', { lineId: active.lineId });
  }
  const productName = command.product.name?.trim();
  return [
    {
      type: 'GrantLineAdded',
      data: {
        citizenId: command.citizenId,
        lineId: command.lineId,
        itemNumber: command.product.itemNumber,
        ...(productName ? { productName } : {}),
        piecesPerSalesUnit: command.product.piecesPerSalesUnit,
        grantArea,
        kind: command.kind,
        startDate,
        endDate,
        allowance,
        allowanceEffectiveDate: startDate,
      },
    },
  ];
}

/** Re-anchors the windows, unless the allowance is the same as before: then nothing happens (no reset). */
function changeAllowance(command: ChangeGrantLineAllowance['data'], state: GrantState): GrantLineAllowanceChanged[] {
  const line = lineToChange(command, state);
  requireLineActive(line);
  const allowance = resolveAllowance(command.allowance, command.piecesPerSalesUnit);
  if (sameAllowance(allowance, line.allowance)) return [];
  return [
    {
      type: 'GrantLineAllowanceChanged',
      data: {
        citizenId: command.citizenId,
        lineId: line.lineId,
        allowance,
        piecesPerSalesUnit: command.piecesPerSalesUnit,
        effectiveDate: effectiveDateFor(line, command.today),
      },
    },
  ];
}

function changeEndDate(command: ChangeGrantLineEndDate['data'], state: GrantState): GrantLineEndDateChanged[] {
  const line = lineToChange(command, state);
  requireLineActive(line);
  const endDate = endDateFor(line.kind, line.startDate, command.endDate);
  if (endDate === null || endDate === line.endDate) return [];
  return [{ type: 'GrantLineEndDateChanged', data: { citizenId: command.citizenId, lineId: line.lineId, endDate } }];
}

function changeKind(command: ChangeGrantLineKind['data'], state: GrantState): GrantEvent[] {
  const line = lineToChange(command, state);
  requireLineActive(line);
  if (!LINE_KINDS.includes(command.kind)) throw validationFailed([{ path: 'kind', code: 'invalid_value', message: 'continuous or one_time' }]);
  if (command.kind === line.kind) {
    return [
      ...(command.allowance === undefined ? [] : changeAllowance({ ...command, allowance: command.allowance }, state)),
      ...(command.endDate === undefined ? [] : changeEndDate({ ...command, endDate: command.endDate }, state)),
    ];
  }
  const effectiveDate = effectiveDateFor(line, command.today);
  const endDate = endDateFor(command.kind, effectiveDate, command.endDate ?? null);
  const carriedOver = command.allowance === undefined;
  const allowance = carriedOver ? line.allowance : resolveAllowance(command.allowance, command.piecesPerSalesUnit);
  if (findLine(state, command.newLineId)) throw conflict('LINE_ID_IN_USE', 'A grant line with this id already exists');
  return [
    { type: 'GrantLineInactivated', data: { citizenId: command.citizenId, lineId: line.lineId, effectiveDate } },
    {
      type: 'GrantLineAdded',
      data: {
        citizenId: command.citizenId,
        lineId: command.newLineId,
        itemNumber: line.itemNumber,
        ...(line.productName ? { productName: line.productName } : {}),
        piecesPerSalesUnit: carriedOver ? line.piecesPerSalesUnit : command.piecesPerSalesUnit,
        grantArea: line.grantArea,
        kind: command.kind,
        startDate: effectiveDate,
        endDate,
        allowance,
        allowanceEffectiveDate: effectiveDate,
      },
    },
  ];
}

/** Inactivating an inactive line is a no-op: no event, no error (a repeated click changes nothing). */
function inactivate(command: InactivateGrantLine['data'], state: GrantState): GrantLineInactivated[] {
  const line = lineToChange(command, state);
  if (line.status === 'INACTIVE') return [];
  const reason = command.reason?.trim();
  return [
    {
      type: 'GrantLineInactivated',
      data: { citizenId: command.citizenId, lineId: line.lineId, ...(reason ? { reason } : {}), effectiveDate: effectiveDateFor(line, command.today) },
    },
  ];
}

/**
 * Reactivating an active line without a new allowance is a no-op; with one it is refused (LINE_ALREADY_ACTIVE):
 * that is an allowance change, and re-anchoring should not happen by accident.
 */
function reactivate(command: ReactivateGrantLine['data'], state: GrantState): GrantLineReactivated[] {
  const line = lineToChange(command, state);
  if (line.status === 'ACTIVE') {
    if (command.allowance === undefined) return [];
    throw conflict('LINE_ALREADY_ACTIVE', 'The line is active: change its allowance instead', { lineId: line.lineId });
  }
  const other = activeLineOf(state, line.itemNumber);
  if (other) {
    throw conflict('LINE_ALREADY_ACTIVE', 'The item already has another active line', { lineId: other.lineId });
  }
  const allowance = command.allowance === undefined ? undefined : resolveAllowance(command.allowance, command.piecesPerSalesUnit);
  return [
    {
      type: 'GrantLineReactivated',
      data: {
        citizenId: command.citizenId,
        lineId: line.lineId,
        ...(allowance === undefined ? {} : { allowance }),
        piecesPerSalesUnit: command.piecesPerSalesUnit,
        effectiveDate: effectiveDateFor(line, command.today),
      },
    },
  ];
}

/**
 * DOMAIN §4.2. Checks in this order, the first failure refusing the whole order (no partial orders):
 * role (FORBIDDEN); at least one line (VALIDATION_FAILED); every line exists and is in the caller's areas
 * (LINE_NOT_FOUND, GRANT_AREA_FORBIDDEN) — who may not act on a line learns nothing more about it, as for the
 * other grant commands; the citizen is ACTIVE; a fresh order id; then each line in order, by orderLineRefusal.
 */
function placeOrder(command: PlaceGrantOrder['data'], state: GrantState): GrantOrderPlaced[] {
  requireRole(command.actor, ORDERING_ROLES, 'This role does not place orders');
  if (command.lines.length === 0) throw validationFailed([{ path: 'lines', code: 'too_small', message: 'An order has at least one line' }]);
  const ordered = command.lines.map(({ lineId, salesUnits }) => ({ line: lineToOrderOn(command.actor, state, lineId), salesUnits }));
  requireCitizenActive(command);
  if (orderEntries(state, command.orderId).length > 0) throw conflict('ORDER_ID_IN_USE', 'An order with this id is already counted', { orderId: command.orderId });

  const inOrder = new Map<string, number>();
  for (const { line, salesUnits } of ordered) {
    const unitsSoFar = (inOrder.get(line.lineId) ?? 0) + salesUnits;
    const refusal = orderLineRefusal(line, salesUnits, unitsSoFar, command.today);
    if (refusal) throw refusal;
    inOrder.set(line.lineId, unitsSoFar);
  }
  return [
    {
      type: 'GrantOrderPlaced',
      data: {
        citizenId: command.citizenId,
        orderId: command.orderId,
        orderDate: command.today,
        lines: ordered.map(({ line, salesUnits }) => ({ lineId: line.lineId, itemNumber: line.itemNumber, salesUnits })),
      },
    },
  ];
}

/**
 * The policy for one order line (DOMAIN §4.2 rules 1–3), on the order date `today`; null: it may be ordered.
 * `unitsInOrder` is this grant line's sales units in the order so far, this order line included: a line named
 * twice in one order counts together, against salesUnitsPerOrder and grantedMax alike (else splitting an order
 * line would defeat the per-order cap). Every refusal carries `{ lineId, remaining, nextOrderDate }` of the
 * line as it stands, before this order (remaining null: no cap; nextOrderDate null: it cannot be ordered again).
 *
 * Decisions: a line that has not started yet (today < startDate) is refused with its own code, LINE_NOT_STARTED
 * (422, nextOrderDate = the start date), not LINE_EXPIRED: it is not expired, and before its start it has no
 * window, so an order then would count in none. salesUnits that is not a whole number ≥ 1 is EXCEEDS_PER_ORDER
 * (DOMAIN §4.2 rule 2), not VALIDATION_FAILED: the edge should pass any number through (as it does for an
 * allowance's salesUnitsPerOrder) so that the rule lives here, in one place.
 */
export function orderLineRefusal(line: GrantLine, salesUnits: number, unitsInOrder: number, today: string): DomainError | null {
  const details = { lineId: line.lineId, remaining: remainingOn(line, today), nextOrderDate: lineNextOrderDate(line, today) };
  if (line.status !== 'ACTIVE') return unprocessable('LINE_INACTIVE', 'The line is inactive', details);
  if (isExpiredOn(line, today)) return unprocessable('LINE_EXPIRED', 'The one-time line is past its end date', details);
  if (today < line.startDate) return unprocessable('LINE_NOT_STARTED', 'The line has not started yet', details);
  const window = lineWindowOn(line, today);
  const salesUnitsPerOrder = window?.allowance.salesUnitsPerOrder ?? null;
  if (!Number.isSafeInteger(salesUnits) || salesUnits < 1 || (salesUnitsPerOrder !== null && unitsInOrder > salesUnitsPerOrder)) {
    return unprocessable('EXCEEDS_PER_ORDER', 'Sales units must be a whole number from 1 to the sales units per order', { ...details, salesUnitsPerOrder });
  }
  if (window !== null && orderedIn(line, window) + unitsInOrder > window.allowance.grantedMax) {
    return unprocessable('EXCEEDS_GRANTED_MAX', 'The order would exceed the granted max of the current window', details);
  }
  return null;
}

/**
 * Cancelling takes back sales units not yet delivered; a credit takes back delivered ones (DOMAIN §5: never
 * more credited than delivered). Either way no more than that (GIVE_BACK_EXCEEDS_ORDERED, 409, `details.givable`).
 */
function giveBack(command: GiveBackGrantOrderLines['data'], state: GrantState): GrantOrderLinesGivenBack[] {
  requireRole(command.actor, GIVING_BACK_ROLES[command.reason] ?? [], `This role does not give back ${String(command.reason)} sales units`);
  for (const { line, entry, salesUnits } of orderLinesToAccount(command, state)) {
    const undelivered = entry ? entry.salesUnits - entry.givenBack - entry.delivered : 0;
    const givable = command.reason === 'cancelled' ? undelivered : (entry?.delivered ?? 0);
    if (salesUnits > givable) {
      throw conflict('GIVE_BACK_EXCEEDS_ORDERED', 'More than the order still counts for the line', { orderId: command.orderId, lineId: line.lineId, givable });
    }
  }
  return [{ type: 'GrantOrderLinesGivenBack', data: { citizenId: command.citizenId, orderId: command.orderId, lines: command.lines.map(orderLine), reason: command.reason } }];
}

/** Never more delivered than ordered less what was given back (DELIVERY_EXCEEDS_ORDERED, 409, `details.undelivered`). */
function recordDelivery(command: RecordGrantOrderDelivery['data'], state: GrantState): GrantOrderLinesDelivered[] {
  requireRole(command.actor, DELIVERY_REPORTING_ROLES, 'Only the supplier reports deliveries');
  for (const { line, entry, salesUnits } of orderLinesToAccount(command, state)) {
    const undelivered = entry ? entry.salesUnits - entry.givenBack - entry.delivered : 0;
    if (salesUnits > undelivered) {
      throw conflict('DELIVERY_EXCEEDS_ORDERED', 'More than the order has left to deliver for the line', { orderId: command.orderId, lineId: line.lineId, undelivered });
    }
  }
  return [{ type: 'GrantOrderLinesDelivered', data: { citizenId: command.citizenId, orderId: command.orderId, lines: command.lines.map(orderLine) } }];
}

/**
 * The checks both accounting commands make, in this order: whole sales units ≥ 1 (VALIDATION_FAILED), the order
 * (ORDER_NOT_FOUND), every line and its area (LINE_NOT_FOUND, GRANT_AREA_FORBIDDEN). Returns per grant line the
 * order's entry (null: the order does not name the line, so it counts nothing there) and the units, summed.
 */
function orderLinesToAccount(command: OrderAccountingBase, state: GrantState) {
  if (command.lines.length === 0) throw validationFailed([{ path: 'lines', code: 'too_small', message: 'At least one line' }]);
  const problems = command.lines.flatMap(({ salesUnits }, index) =>
    Number.isSafeInteger(salesUnits) && salesUnits >= 1 ? [] : [{ path: `lines.${index}.salesUnits`, code: 'invalid_value', message: 'A whole number ≥ 1' }],
  );
  if (problems.length > 0) throw validationFailed(problems);
  if (orderEntries(state, command.orderId).length === 0) throw new DomainError('not_found', 'ORDER_NOT_FOUND', 'No such order on this grant', { orderId: command.orderId });
  return [...unitsPerLine(command.lines)].map(([lineId, salesUnits]) => {
    const line = lineToOrderOn(command.actor, state, lineId);
    return { line, entry: line.orders.find((order) => order.orderId === command.orderId) ?? null, salesUnits };
  });
}

const orderEntries = (state: GrantState, orderId: string): LineOrder[] =>
  state.status === 'granted' ? state.lines.flatMap((line) => line.orders.filter((order) => order.orderId === orderId)) : [];

const orderLine = ({ lineId, salesUnits }: OrderLineRequest): OrderLineRequest => ({ lineId, salesUnits });

function lineToOrderOn(actor: GrantActor, state: GrantState, lineId: string): GrantLine {
  const line = findLine(state, lineId);
  if (!line) throw new DomainError('not_found', 'LINE_NOT_FOUND', 'Grant line not found', { lineId });
  requireGrantArea(actor, line.grantArea);
  return line;
}

function requireRole(actor: GrantActor, roles: readonly Role[], message: string): void {
  if (!roles.includes(actor.role)) throw new DomainError('forbidden', 'FORBIDDEN', message);
}

/** Role, line, grant area, citizen: the checks every command on an existing line makes, in this order. */
function lineToChange(command: GrantCommandBase & { readonly lineId: string }, state: GrantState): GrantLine {
  requireGrantChangingRole(command.actor);
  const line = findLine(state, command.lineId);
  if (!line) throw new DomainError('not_found', 'LINE_NOT_FOUND', 'Grant line not found');
  requireGrantArea(command.actor, line.grantArea);
  requireCitizenActive(command);
  return line;
}

/**
 * A one-time line needs an end date on or after its start date; a continuous line has none (Decision: a line
 * with an end date *is* a one-time line, DOMAIN §1; a continuous line ends by being inactivated).
 */
function endDateFor(kind: LineKind, startDate: string, endDate: string | null): string | null {
  if (kind === 'continuous') {
    if (endDate !== null) throw unprocessable('END_DATE_NOT_ALLOWED', 'A continuous line has no end date; make it one-time, or inactivate it');
    return null;
  }
  if (endDate === null) throw unprocessable('END_DATE_REQUIRED', 'A one-time line needs an end date');
  requireDate(endDate, 'endDate');
  if (endDate < startDate) throw unprocessable('END_DATE_BEFORE_START', 'The end date is before the start date');
  return endDate;
}

/** A change takes effect today, or on the start date of a line that has not started: windows never precede it. */
const effectiveDateFor = (line: GrantLine, today: string): string => laterOf(today, line.startDate);

function requireGrantChangingRole(actor: GrantActor): void {
  if (!GRANT_CHANGING_ROLES.includes(actor.role)) {
    throw new DomainError('forbidden', 'FORBIDDEN', 'Only caseworkers and nurses change grants');
  }
}

function requireGrantArea(actor: GrantActor, grantArea: string): void {
  if (!mayActInGrantArea(actor, grantArea)) {
    throw new DomainError('forbidden', 'GRANT_AREA_FORBIDDEN', 'The grant area is not one of yours', { grantArea });
  }
}

function requireCitizenActive(command: GrantCommandBase): void {
  if (!command.citizenActive) throw unprocessable('CITIZEN_NOT_ACTIVE', 'The citizen is not active');
}

function requireLineActive(line: GrantLine): void {
  if (line.status !== 'ACTIVE') throw unprocessable('LINE_INACTIVE', 'The line is inactive: reactivate it, optionally with a new allowance');
}

function requireDate(value: string, path: string): void {
  if (!isCalendarDate(value)) throw validationFailed([{ path, code: 'invalid_format', message: 'A date YYYY-MM-DD' }]);
}

