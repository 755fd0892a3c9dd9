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

export interface AgreementPeriodView {
  /** øre per sales unit */
  readonly pricePerSalesUnit: number;
  readonly validFrom: string;
  /** Inclusive; null: until further notice. */
  readonly validTo: string | null;
  readonly validToday: boolean;
}

export interface AgreementItemView {
  readonly itemNumber: string;
  /** The product's name; '' when the item is not (yet) in the catalogue. */
  readonly name: string;
  readonly inCatalogue: boolean;
  readonly discontinued: boolean;
  readonly salesUnit: { readonly name: string; readonly pieces: number };
  readonly listPrice: number;
  /** Its periods on the agreement, earliest first. */
  readonly periods: readonly AgreementPeriodView[];
  /** The agreement price today, or null: on the agreement, but not today. */
  readonly priceToday: number | null;
}

export interface AgreementCriteria {
  /** Part of the item number or the product's name. */
  readonly q?: string;
  /** Only the items with a period that holds today. */
  readonly validToday: boolean;
  readonly page: number;
  readonly pageSize: number;
}

/** A municipality's agreement assortment, item by item; null for a municipality that is not registered. */
export class GetAgreement extends Query<{ items: AgreementItemView[]; total: number } | null> {
  constructor(
    readonly municipalityId: string,
    readonly criteria: AgreementCriteria,
    /** Europe/Copenhagen date `validToday` is decided for. */
    readonly today: string,
  ) {
    super();
  }
}
