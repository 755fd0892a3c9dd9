import type { ReadModelDefinition } from '../../src/infrastructure/read-model-store/read-model-store.port.js';

/**
 * The product catalogue with every municipality's agreement periods (DOMAIN §3). One document per item
 * number; an agreement may name an item before the product is imported, so a document can exist with
 * `listed: false` until then.
 */
export const productsReadModel: ReadModelDefinition = {
  name: 'products',
  version: 1,
  indexes: [
    { field: 'listed', kind: 'equals' },
    { field: 'searchText', kind: 'contains' },
    { field: 'groupPaths', kind: 'array' },
    { field: 'seriesId', kind: 'equals' },
    { field: 'groupKey', kind: 'equals' },
    { field: 'agreementMunicipalities', kind: 'array' },
    { field: 'itemNumber', kind: 'sort' },
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
  readonly agreements: readonly AgreementPeriod[];
  readonly agreementMunicipalities: readonly string[];
}

export const OPEN_ENDED = '9999-12-31';
