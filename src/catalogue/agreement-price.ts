import type { AgreementItem } from './agreement.events.js';
import { pricePerPiece } from './money.js';
import type { SalesUnit } from './product.events.js';

/**
 * What a caller in a municipality sees of a product's price (DOMAIN §3): star = on the municipality's
 * agreement on the given date; price = the agreement price if starred, else the list price; per sales unit
 * and per piece. Both ends of an agreement period are inclusive: agreements are written "fra og med … til
 * og med …", so validTo is the last day on agreement, as the administrator types it.
 */

type PricedPeriod = Pick<AgreementItem, 'itemNumber' | 'pricePerSalesUnit' | 'validFrom' | 'validTo'>;

/** The agreement price valid on `date` (YYYY-MM-DD, Europe/Copenhagen), or null: not on agreement then. */
export function agreementPriceOn(items: readonly PricedPeriod[], itemNumber: string, date: string): number | null {
  for (const item of items) {
    if (item.itemNumber === itemNumber && isValidOn(item, date)) return item.pricePerSalesUnit;
  }
  return null;
}

/** Every item on agreement on `date`, with its price: for pricing a page of products at once. */
export function agreementPricesOn(items: readonly PricedPeriod[], date: string): Map<string, number> {
  const prices = new Map<string, number>();
  for (const item of items) if (isValidOn(item, date)) prices.set(item.itemNumber, item.pricePerSalesUnit);
  return prices;
}

export interface CallerPrice {
  readonly onAgreement: boolean;
  readonly pricePerSalesUnit: number;
  readonly pricePerPiece: number;
}

/** `agreementPrice`: from agreementPriceOn (null when not on agreement). */
export function callerPrice(
  product: { readonly listPrice: number; readonly salesUnit: SalesUnit },
  agreementPrice: number | null,
): CallerPrice {
  const pricePerSalesUnit = agreementPrice ?? product.listPrice;
  return {
    onAgreement: agreementPrice !== null,
    pricePerSalesUnit,
    pricePerPiece: pricePerPiece(pricePerSalesUnit, product.salesUnit.pieces),
  };
}

// ISO dates compare correctly as strings.
const isValidOn = (item: PricedPeriod, date: string): boolean =>
  item.validFrom <= date && (item.validTo === null || date <= item.validTo);
