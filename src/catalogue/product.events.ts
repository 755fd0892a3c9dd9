import { z } from 'zod';
import { defineEvent, type EventOf } from '../shared/event-schema.js';
import { noPersonalData } from '../shared/personal-data.js';

/**
 * Events of the product stream, `product-<itemNumber>` (DOMAIN §3). Products are the supplier's reference
 * data: item numbers are the supplier's ids and carry no personal data, so they may name streams.
 */

/** Letters, digits, `.`, `_`, `-`; safe in a stream name on every backend. */
export const ITEM_NUMBER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
export const itemNumberSchema = z.string().regex(ITEM_NUMBER_PATTERN);

const nonBlank = z.string().min(1);
/** Whole øre, exact in a double. */
const oere = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

export const salesUnitSchema = z.object({
  /** æske, pose, pakke, karton … */
  name: nonBlank,
  /** piecesPerSalesUnit: the `s` of the allowance calculator (DOMAIN §4.1). */
  pieces: z.number().int().positive(),
});
export type SalesUnit = z.infer<typeof salesUnitSchema>;

/** A product as the supplier's file describes it: one row of the import, and the payload of ProductAdded. */
export const productRowSchema = z.object({
  itemNumber: itemNumberSchema,
  name: nonBlank,
  /** May be empty. */
  description: z.string(),
  manufacturer: nonBlank,
  /** May be empty: not every product has a manufacturer's reference. */
  manufacturerRef: z.string(),
  /** The product group as a path, e.g. ['Stomi', 'Poser']; the first part names the grant area. */
  group: z.array(nonBlank).min(1),
  /** Products of one series are the sizes and variants of each other; null: not in a series. */
  seriesId: nonBlank.nullable(),
  salesUnit: salesUnitSchema,
  /** List price per sales unit, in øre. */
  listPrice: oere,
  datasheetUrls: z.array(nonBlank),
});
export type ProductRow = z.infer<typeof productRowSchema>;

/** The fields an import may change: everything but the item number, which is the product's identity. */
export const PRODUCT_FIELDS = [
  'name',
  'description',
  'manufacturer',
  'manufacturerRef',
  'group',
  'seriesId',
  'salesUnit',
  'listPrice',
  'datasheetUrls',
] as const satisfies readonly (keyof ProductRow)[];
export type ProductField = (typeof PRODUCT_FIELDS)[number];

/** The supplier's product data: about products, never about a person. */
const productData = noPersonalData('itemNumber', 'name', 'description', 'manufacturer', 'manufacturerRef', 'group', 'seriesId', 'salesUnit', 'listPrice', 'datasheetUrls');

export const ProductAdded = defineEvent('ProductAdded', productRowSchema, { personalData: productData });
export type ProductAdded = EventOf<typeof ProductAdded>;

/** Only the fields that changed are present; each carries its new value as a whole (a new group path, …). */
export const ProductChanged = defineEvent(
  'ProductChanged',
  productRowSchema.omit({ itemNumber: true }).partial().extend({ itemNumber: itemNumberSchema }),
  { personalData: productData },
);
export type ProductChanged = EventOf<typeof ProductChanged>;

/** No longer sold: kept in the history and in grants that use it, but no longer offered. */
export const ProductDiscontinued = defineEvent(
  'ProductDiscontinued',
  z.object({ itemNumber: itemNumberSchema, reason: nonBlank.optional() }),
  { personalData: noPersonalData('itemNumber', 'reason') },
);
export type ProductDiscontinued = EventOf<typeof ProductDiscontinued>;

/** A discontinued product sold again: it reappeared in an import, or an administrator reinstated it. */
export const ProductReinstated = defineEvent('ProductReinstated', z.object({ itemNumber: itemNumberSchema }), { personalData: noPersonalData('itemNumber') });
export type ProductReinstated = EventOf<typeof ProductReinstated>;

export type ProductEvent = ProductAdded | ProductChanged | ProductDiscontinued | ProductReinstated;

export const productEventDefinitions = [ProductAdded, ProductChanged, ProductDiscontinued, ProductReinstated] as const;
