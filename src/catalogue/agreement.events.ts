import { z } from 'zod';
import { defineEvent, type EventOf } from '../shared/event-schema.js';
import { noPersonalData } from '../shared/personal-data.js';
import { itemNumberSchema } from './product.events.js';

/** Events of a municipality's agreement assortment, stream `agreement-<municipalityId>` (DOMAIN §3). */

export const agreementItemSchema = z.object({
  itemNumber: itemNumberSchema,
  /** Agreement price per sales unit, in øre. */
  pricePerSalesUnit: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
  /** First day on agreement (inclusive), a Europe/Copenhagen date. */
  validFrom: z.iso.date(),
  /** Last day on agreement (inclusive: "til og med"); null: until further notice. */
  validTo: z.iso.date().nullable(),
});
export type AgreementItem = z.infer<typeof agreementItemSchema>;

/**
 * The whole assortment, as set (PUT semantics): it replaces the previous one. Items are in a canonical order
 * (item number, then validFrom), so the same assortment always reads the same.
 */
export const AgreementAssortmentSet = defineEvent(
  'AgreementAssortmentSet',
  z.object({
    municipalityId: z.string().min(1),
    items: z.array(agreementItemSchema),
    /** Item numbers on the previous assortment that this one drops: read models must take their star away. */
    removedItemNumbers: z.array(itemNumberSchema),
  }),
  { personalData: noPersonalData('municipalityId', 'items', 'removedItemNumbers') },
);
export type AgreementAssortmentSet = EventOf<typeof AgreementAssortmentSet>;

export type AgreementEvent = AgreementAssortmentSet;

export const agreementEventDefinitions = [AgreementAssortmentSet] as const;
