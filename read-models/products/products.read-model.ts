import type { ReadModelDefinition } from '../../src/kernel/read-model-store.port.js';

/**
 * The product catalogue with every municipality's agreement periods (DOMAIN §3). One document per item
 * number; an agreement may name an item before the product is imported, so a document can exist with
 * `listed: false` until then.
 */
/** What the product list and search show: listed and not discontinued. */
export const SEARCHABLE = [{ field: 'searchable', op: 'eq', value: true }] as const;

export const productsReadModel: ReadModelDefinition = {
  name: 'products',
  // 2: `searchable`, `title` and `keys` (cheap relevance tiers instead of trigram similarity over searchText).
  version: 2,
  indexes: [
    // Gives the planner statistics on the flag every list query filters on.
    { field: 'searchable', kind: 'equals' },
    { field: 'searchText', kind: 'contains', where: SEARCHABLE },
    { field: 'groupPaths', kind: 'array' },
    { field: 'seriesId', kind: 'equals' },
    { field: 'groupKey', kind: 'equals' },
    { field: 'agreementMunicipalities', kind: 'array' },
    // The list without a query: its page walks this index, and its total is counted from it alone.
    { field: 'itemNumber', kind: 'sort', where: SEARCHABLE },
    { field: 'itemNumber', kind: 'equals' },
  ],
};

export interface AgreementPeriod {
  readonly municipalityId: string;
  readonly pricePerSalesUnit: number;
  readonly validFrom: string;
  /** Inclusive; '9999-12-31' when open-ended, so periods compare as plain text. */
  readonly validTo: string;
}

export interface ProductDocument {
  readonly itemNumber: string;
  /** False for a document that only holds agreement periods of a product not (yet) in the catalogue. */
  readonly listed: boolean;
  readonly discontinued: boolean;
  /** listed and not discontinued: in the product list and search. */
  readonly searchable: boolean;
  readonly name: string;
  readonly description: string;
  readonly manufacturer: string;
  readonly manufacturerRef: string;
  readonly group: readonly string[];
  /** The group path as shown: 'Stomi > Poser'. */
  readonly groupKey: string;
  /** Every prefix of the normalized group path, so a search by 'Stomi' finds 'Stomi > Poser'. */
  readonly groupPaths: readonly string[];
  readonly seriesId: string | null;
  readonly salesUnit: { readonly name: string; readonly pieces: number };
  /** øre per sales unit */
  readonly listPrice: number;
  readonly datasheetUrls: readonly string[];
  /** Normalized item number, manufacturer reference, name, manufacturer, group and description, for free text. */
  readonly searchText: string;
  /** Normalized item number, manufacturer reference and name: the short text relevance is judged on. */
  readonly title: string;
  /** Normalized item number and manufacturer reference: a query equal to one of them is the best match. */
  readonly keys: readonly string[];
  readonly agreements: readonly AgreementPeriod[];
  readonly agreementMunicipalities: readonly string[];
}

export const OPEN_ENDED = '9999-12-31';
