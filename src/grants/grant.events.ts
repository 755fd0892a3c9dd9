import { z } from 'zod';
import { defineEvent, type EventOf } from '../shared/event-schema.js';
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
);
export type GrantLineAllowanceChanged = EventOf<typeof GrantLineAllowanceChanged>;

/** A one-time line's end date moved (API.md PATCH `endDate`); continuous lines have none. */
export const GrantLineEndDateChanged = defineEvent(
  'GrantLineEndDateChanged',
  z.object({ citizenId: id, lineId: id, endDate: date }),
);
export type GrantLineEndDateChanged = EventOf<typeof GrantLineEndDateChanged>;

/** effectiveDate: the first day the line is no longer in force (windows of the allowance end there). */
export const GrantLineInactivated = defineEvent(
  'GrantLineInactivated',
  z.object({ citizenId: id, lineId: id, reason: nonBlank.optional(), effectiveDate: date }),
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
);
export type GrantLineReactivated = EventOf<typeof GrantLineReactivated>;

// Order events (placed, cancelled, credited, delivered, per line) come with the orders issue, in this stream,
// so that a line's caps are checked and counted with one expected revision. They feed GrantLine.orders.
// Change a payload only with a version bump and an upcaster.

export type GrantEvent =
  | GrantLineAdded
  | GrantLineAllowanceChanged
  | GrantLineEndDateChanged
  | GrantLineInactivated
  | GrantLineReactivated;

export const grantEventDefinitions = [
  GrantLineAdded,
  GrantLineAllowanceChanged,
  GrantLineEndDateChanged,
  GrantLineInactivated,
  GrantLineReactivated,
] as const;
