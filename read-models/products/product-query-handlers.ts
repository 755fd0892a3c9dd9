import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { callerPrice } from '../../src/catalogue/agreement-price.js';
import {
  GetProduct,
  ListProductGroups,
  SearchProducts,
  type ProductDetailView,
  type ProductGroupView,
  type ProductRowView,
} from '../../src/catalogue/catalogue.queries.js';
import { normalizeForSearch } from '../../src/citizens/search-normalize.js';
import { READ_MODEL_STORE, type Condition, type Rank, type ReadModelStore } from '../../src/kernel/read-model-store.port.js';
import { productGroupsReadModel, type ProductGroupDocument } from './product-groups.read-model.js';
import { productsReadModel, SEARCHABLE, type ProductDocument } from './products.read-model.js';

const RELATED_LIMIT = 20;

/** The star and price for the caller's municipality on `today` (DOMAIN §3). */
function view(doc: ProductDocument, municipalityId: string | null, today: string): ProductRowView {
  const period = municipalityId
    ? doc.agreements.find((candidate) => candidate.municipalityId === municipalityId && candidate.validFrom <= today && today <= candidate.validTo)
    : undefined;
  const price = callerPrice(doc, period?.pricePerSalesUnit ?? null);
  return {
    itemNumber: doc.itemNumber,
    name: doc.name,
    manufacturer: doc.manufacturer,
    manufacturerRef: doc.manufacturerRef,
    salesUnit: doc.salesUnit,
    ...price,
    listPrice: doc.listPrice,
    group: doc.groupKey,
    seriesId: doc.seriesId,
    discontinued: doc.discontinued,
  };
}

/** On the municipality's agreement today: an element of `agreements` for it whose period holds today. */
export const onAgreementToday = (municipalityId: string, today: string): Condition[] => [
  { field: 'agreementMunicipalities', op: 'has', value: municipalityId },
  {
    field: 'agreements',
    op: 'anyElement',
    where: [
      { key: 'municipalityId', op: 'eq', value: municipalityId },
      { key: 'validFrom', op: 'lte', value: today },
      { key: 'validTo', op: 'gte', value: today },
    ],
  },
];

/**
 * Most relevant first, in tiers judged on the short title (item number, reference, name), cheap to test for
 * every match: the query is the item number or the reference; the item number starts with it; a word of
 * the reference or name starts with it; every word is somewhere in the title; then the rest (found only in
 * the maker, the group or the description). Within a tier, by item number. Every tier implies the words in
 * the title, so that is the pre-test (`among`): most matches of a broad query fail it and cost one test.
 */
export function relevance(text: string): Rank {
  const words = text.split(' ').filter(Boolean);
  return {
    among: words.map((word): Condition => ({ field: 'title', op: 'contains', value: word })),
    tiers: [
      [{ field: 'keys', op: 'has', value: text }],
      [{ field: 'title', op: 'prefix', value: text }],
      [{ field: 'title', op: 'contains', value: ` ${text}` }],
      [],
    ],
  };
}

@QueryHandler(SearchProducts)
export class SearchProductsHandler implements IQueryHandler<SearchProducts> {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async execute({ principal, criteria, today }: SearchProducts) {
    const text = normalizeForSearch(criteria.q ?? '');
    const where: Condition[] = [
      ...SEARCHABLE,
      // Every word must appear somewhere: in the item number, the reference, the name, the maker or the group.
      ...text.split(' ').filter(Boolean).map((word): Condition => ({ field: 'searchText', op: 'contains', value: word })),
    ];
    if (criteria.group) where.push({ field: 'groupPaths', op: 'has', value: normalizeForSearch(criteria.group.replace(/\s*>\s*/g, ' > ')) });
    if (criteria.agreementOnly) {
      // A caller with no municipality has no agreement: nothing is starred for them.
      if (!principal.municipalityId) return { items: [], total: 0 };
      where.push(...onAgreementToday(principal.municipalityId, today));
    }
    const { items, total } = await this.store.find<ProductDocument>(productsReadModel.name, {
      where,
      rank: text ? relevance(text) : undefined,
      sort: [{ field: 'itemNumber', direction: 'asc' }],
      page: criteria.page,
      pageSize: criteria.pageSize,
    });
    return { items: items.map((doc) => view(doc, principal.municipalityId, today)), total };
  }
}

@QueryHandler(GetProduct)
export class GetProductHandler implements IQueryHandler<GetProduct> {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async execute({ principal, itemNumber, today }: GetProduct): Promise<ProductDetailView | null> {
    const doc = await this.store.get<ProductDocument>(productsReadModel.name, itemNumber);
    if (!doc || !doc.listed) return null;
    const related = async (field: 'seriesId' | 'groupKey', value: string | null, beside: number) => {
      if (value === null) return [];
      const { items } = await this.store.find<ProductDocument>(productsReadModel.name, {
        where: [...SEARCHABLE, { field, op: 'eq', value }],
        sort: [{ field: 'itemNumber', direction: 'asc' }],
        page: 1,
        pageSize: RELATED_LIMIT + 1 + beside,
      });
      return items.filter((other) => other.itemNumber !== doc.itemNumber);
    };
    const series = (await related('seriesId', doc.seriesId, 0)).slice(0, RELATED_LIMIT);
    const inSeries = new Set(series.map((other) => other.itemNumber));
    // The series is part of its group: read past it, so that a large series still leaves similar products to show.
    const group = (await related('groupKey', doc.groupKey, series.length)).filter((other) => !inSeries.has(other.itemNumber)).slice(0, RELATED_LIMIT);
    const municipalityId = principal.municipalityId;
    return {
      ...view(doc, municipalityId, today),
      description: doc.description,
      datasheets: doc.datasheetUrls,
      series: series.map((other) => view(other, municipalityId, today)),
      similar: group.map((other) => view(other, municipalityId, today)),
    };
  }
}

/** More groups than any product file has had; the list is one page. */
const GROUPS_LIMIT = 1_000;

/**
 * Every group with its number of searchable products (one count each, on the products' group index): a group
 * whose products all left the search is left out.
 */
@QueryHandler(ListProductGroups)
export class ListProductGroupsHandler implements IQueryHandler<ListProductGroups> {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async execute(): Promise<ProductGroupView[]> {
    const { items: groups } = await this.store.find<ProductGroupDocument>(productGroupsReadModel.name, {
      where: [],
      sort: [{ field: 'path', direction: 'asc' }],
      page: 1,
      pageSize: GROUPS_LIMIT,
    });
    const counted = await Promise.all(
      groups.map(async (group) => {
        const { total } = await this.store.find<ProductDocument>(productsReadModel.name, {
          where: [...SEARCHABLE, { field: 'groupPaths', op: 'has', value: group.key }],
          sort: [{ field: 'itemNumber', direction: 'asc' }],
          page: 1,
          pageSize: 1,
        });
        return { group: group.path, name: group.name, parent: group.parent, productCount: total };
      }),
    );
    return counted.filter((group) => group.productCount > 0);
  }
}
