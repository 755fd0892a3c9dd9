import { Query } from '@nestjs/cqrs';
import type { Principal } from '../kernel/principal.js';

/** Query contracts of the catalogue; their handlers live with the products read model. */

export interface ProductSearchCriteria {
  readonly q?: string;
  readonly agreementOnly: boolean;
  readonly group?: string;
  readonly page: number;
  readonly pageSize: number;
}

export interface ProductRowView {
  readonly itemNumber: string;
  readonly name: string;
  readonly manufacturer: string;
  readonly manufacturerRef: string;
  readonly salesUnit: { readonly name: string; readonly pieces: number };
  /** The star: on the caller's municipality's agreement today. */
  readonly onAgreement: boolean;
  /** Agreement price if starred, else list price; øre. */
  readonly pricePerSalesUnit: number;
  readonly pricePerPiece: number;
  readonly listPrice: number;
  readonly group: string;
  readonly seriesId: string | null;
  readonly discontinued: boolean;
}

export interface ProductDetailView extends ProductRowView {
  readonly description: string;
  readonly datasheets: readonly string[];
  /** The other sizes and variants of the series. */
  readonly series: readonly ProductRowView[];
  /** Other products of the same group. */
  readonly similar: readonly ProductRowView[];
}

export class SearchProducts extends Query<{ items: ProductRowView[]; total: number }> {
  constructor(
    readonly principal: Principal,
    readonly criteria: ProductSearchCriteria,
    /** Europe/Copenhagen date the star is decided for. */
    readonly today: string,
  ) {
    super();
  }
}

export class GetProduct extends Query<ProductDetailView | null> {
  constructor(
    readonly principal: Principal,
    readonly itemNumber: string,
    readonly today: string,
  ) {
    super();
  }
}

export interface ProductGroupView {
  /** The path as shown, e.g. 'Stomi > Poser': what a search by group takes. */
  readonly group: string;
  readonly name: string;
  readonly parent: string | null;
  /** Searchable products in the group and its subgroups. */
  readonly productCount: number;
}

/** The product groups that hold products in the search, by path. */
export class ListProductGroups extends Query<ProductGroupView[]> {}
