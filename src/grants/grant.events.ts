import { z } from 'zod';
import { defineEvent, type EventOf } from '../shared/event-schema.js';
import { aboutCitizen, noPersonalData } from '../shared/personal-data.js';
import { allowanceSchema } from './allowance.js';

/**
 * Events of the grant stream, `grant-<citizenId>` (DOMAIN §4, ARCHITECTURE §4): every line of one citizen's
 * grant in one stream, so that the orders issue can check and count a line's caps atomically here.
 * Every payload names its citizen, so read models need not parse stream names.
 *
 * Dates are Europe/Copenhagen calendar dates. `effectiveDate` is the day a change takes effect: today, or the
 * line's start date if that is later. It re-anchors the calculation windows (DOMAIN §4.2).
 */

export const LINE_KINDS = ['continuous', 'one_time'] as const;
export type LineKind = (typeof LINE_KINDS)[number];

const id = z.string().min(1);
const nonBlank = z.string().trim().min(1);
const date = z.iso.date();
const piecesPerSalesUnit = z.number().int().positive();

export const GrantLineAdded = defineEvent(
  'GrantLineAdded',
  z.object({
    citizenId: id,
    lineId: id,
    itemNumber: nonBlank,
    /** The catalogue's name when the line was added; the grant view may show the catalogue's current name. */
    productName: nonBlank.optional(),
    /** The `s` the allowance was computed with (DOMAIN §4.1). */
    piecesPerSalesUnit,
    grantArea: nonBlank,
    kind: z.enum(LINE_KINDS),
    startDate: date,
    /** A one-time line's last day (inclusive, "til og med"); null for a continuous line. */
    endDate: date.nullable(),
    /** null: no allowance, no caps. */
    allowance: allowanceSchema.nullable(),
    /** The windows' anchor: the start date. */
    allowanceEffectiveDate: date,
  }),
  {
    personalData: noPersonalData(
      'citizenId', 'lineId', 'itemNumber', 'productName', 'piecesPerSalesUnit', 'grantArea', 'kind', 'startDate', 'endDate', 'allowance', 'allowanceEffectiveDate',
    ),
  },
);
export type GrantLineAdded = EventOf<typeof GrantLineAdded>;

/** A new allowance (null: caps removed), re-anchoring the windows at effectiveDate (DOMAIN §4.3). */
export const GrantLineAllowanceChanged = defineEvent(
  'GrantLineAllowanceChanged',
  z.object({
    citizenId: id,
    lineId: id,
    allowance: allowanceSchema.nullable(),
    /** The catalogue's `s` at the change, which a rate was computed with. */
    piecesPerSalesUnit,
    effectiveDate: date,
  }),
  { personalData: noPersonalData('citizenId', 'lineId', 'allowance', 'piecesPerSalesUnit', 'effectiveDate') },
);
export type GrantLineAllowanceChanged = EventOf<typeof GrantLineAllowanceChanged>;

/** A one-time line's end date moved (API.md PATCH `endDate`); continuous lines have none. */
export const GrantLineEndDateChanged = defineEvent(
  'GrantLineEndDateChanged',
  z.object({ citizenId: id, lineId: id, endDate: date }),
  { personalData: noPersonalData('citizenId', 'lineId', 'endDate') },
);
export type GrantLineEndDateChanged = EventOf<typeof GrantLineEndDateChanged>;

/** effectiveDate: the first day the line is no longer in force (windows of the allowance end there). */
export const GrantLineInactivated = defineEvent(
  'GrantLineInactivated',
  z.object({ citizenId: id, lineId: id, reason: nonBlank.optional(), effectiveDate: date }),
  { personalData: aboutCitizen(['reason'], ['citizenId', 'lineId', 'effectiveDate']) },
);
export type GrantLineInactivated = EventOf<typeof GrantLineInactivated>;

/**
 * Back from the inactive list ("Gør varen aktiv"), the windows anchored afresh at effectiveDate.
 * `allowance` absent: the allowance the line had keeps applying; present (an allowance or null): replaces it.
 */
export const GrantLineReactivated = defineEvent(
  'GrantLineReactivated',
  z.object({
    citizenId: id,
    lineId: id,
    allowance: allowanceSchema.nullable().optional(),
    piecesPerSalesUnit,
    effectiveDate: date,
  }),
  { personalData: noPersonalData('citizenId', 'lineId', 'allowance', 'piecesPerSalesUnit', 'effectiveDate') },
);
export type GrantLineReactivated = EventOf<typeof GrantLineReactivated>;

/**
 * DOMAIN §2.3: a status change ended the grant (GRANT_ENDED, OTHER_SUPPLIER) or removed the citizen (DECEASED,
 * MOVED_AWAY): every active line becomes inactive at once, and the event lists them — so that a reopening can
 * restore exactly these. Caused by the citizen's CitizenStatusChanged / CitizenRemoved. A removal is recorded
 * even with no active line (an empty list), so a reopening never restores lines of an earlier removal.
 */
export const GrantLinesInactivatedForStatus = defineEvent(
  'GrantLinesInactivatedForStatus',
  z.object({
    citizenId: id,
    status: z.enum(['GRANT_ENDED', 'OTHER_SUPPLIER', 'DECEASED', 'MOVED_AWAY']),
    lineIds: z.array(id),
    effectiveDate: date,
  }),
  { personalData: noPersonalData('citizenId', 'status', 'lineIds', 'effectiveDate') },
);
export type GrantLinesInactivatedForStatus = EventOf<typeof GrantLinesInactivatedForStatus>;

/**
 * A removed citizen reopened: the lines the removal inactivated are active again, windows anchored afresh at
 * effectiveDate (or a line's own later start). The list may be empty: nothing could be restored, and the
 * removal's list is settled all the same.
 */
export const GrantLinesRestored = defineEvent('GrantLinesRestored', z.object({ citizenId: id, lineIds: z.array(id), effectiveDate: date }), {
  personalData: noPersonalData('citizenId', 'lineIds', 'effectiveDate'),
});
export type GrantLinesRestored = EventOf<typeof GrantLinesRestored>;

/*
 * Order accounting (DOMAIN §4.2, §5). An order's lines are counted against the caps of their grant lines here,
 * in the grant stream, not only in the order's own stream: ARCHITECTURE §4 asks that a grant line's caps hold
 * against concurrent orders, and only one stream can make that atomic. Placing an order reads `grant-<citizenId>`,
 * decides on the folded state and appends with that exact expected revision, so two orders for one citizen
 * (the citizen in the webshop and a caseworker at the same moment) serialize: the second append conflicts,
 * is decided again on the state that holds the first order, and is refused if together they would exceed
 * grantedMax. Cancellations, credits and deliveries come to the same stream for the same reason: they change
 * what counts in a window. These events feed GrantLine.orders (grant.state.ts).
 * Change a payload only with a version bump and an upcaster.
 */

const salesUnits = z.number().int().positive();
/** Sales units per grant line of one order. */
const lineQuantities = z.array(z.object({ lineId: id, salesUnits })).min(1);

/**
 * An order counted against its grant lines, in the window holding `orderDate`. `lines` are the order's lines as
 * placed; the same grant line may appear more than once (they count together).
 */
export const GrantOrderPlaced = defineEvent(
  'GrantOrderPlaced',
  z.object({
    citizenId: id,
    orderId: id,
    /** Europe/Copenhagen calendar date of the order: it decides the window the order counts in. */
    orderDate: date,
    lines: z.array(z.object({ lineId: id, itemNumber: nonBlank, salesUnits })).min(1),
  }),
  { personalData: noPersonalData('citizenId', 'orderId', 'orderDate', 'lines') },
);
export type GrantOrderPlaced = EventOf<typeof GrantOrderPlaced>;

export const GIVE_BACK_REASONS = ['cancelled', 'credited'] as const;
export type GiveBackReason = (typeof GIVE_BACK_REASONS)[number];

/**
 * Sales units of an order that no longer count: cancelled before shipping, or credited by the supplier. They are
 * given back to the window of the order (its order date), never to the window of the day they are given back.
 */
export const GrantOrderLinesGivenBack = defineEvent(
  'GrantOrderLinesGivenBack',
  z.object({
    citizenId: id,
    orderId: id,
    lines: lineQuantities,
    reason: z.enum(GIVE_BACK_REASONS),
  }),
  { personalData: noPersonalData('citizenId', 'orderId', 'lines', 'reason') },
);
export type GrantOrderLinesGivenBack = EventOf<typeof GrantOrderLinesGivenBack>;

/** Sales units of an order the supplier reports delivered ("Leveret på bevillingen", shown against grantedMax). */
export const GrantOrderLinesDelivered = defineEvent(
  'GrantOrderLinesDelivered',
  z.object({
    citizenId: id,
    orderId: id,
    lines: lineQuantities,
  }),
  { personalData: noPersonalData('citizenId', 'orderId', 'lines') },
);
export type GrantOrderLinesDelivered = EventOf<typeof GrantOrderLinesDelivered>;

export type GrantEvent =
  | GrantLineAdded
  | GrantLineAllowanceChanged
  | GrantLineEndDateChanged
  | GrantLineInactivated
  | GrantLineReactivated
  | GrantLinesInactivatedForStatus
  | GrantLinesRestored
  | GrantOrderPlaced
  | GrantOrderLinesGivenBack
  | GrantOrderLinesDelivered;

export const grantEventDefinitions = [
  GrantLineAdded,
  GrantLineAllowanceChanged,
  GrantLineEndDateChanged,
  GrantLineInactivated,
  GrantLineReactivated,
  GrantLinesInactivatedForStatus,
  GrantLinesRestored,
  GrantOrderPlaced,
  GrantOrderLinesGivenBack,
  GrantOrderLinesDelivered,
] as const;
