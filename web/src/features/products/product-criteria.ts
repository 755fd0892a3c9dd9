import { pageParam } from '../../lib/paging';

/**
 * The product search (user guide p. 4) as the page's address holds it: `/produkter?q=&group=&agreementOnly=1&page=`.
 * The header's search box opens `/produkter?q=…`; a product's group link opens `/produkter?group=…`.
 */
export interface ProductCriteria {
  readonly q?: string;
  readonly group?: string;
  readonly agreementOnly: boolean;
  readonly page: number;
}

export function criteriaFromSearch(search: URLSearchParams): ProductCriteria {
  const q = search.get('q')?.trim();
  const group = search.get('group')?.trim();
  return { q: q || undefined, group: group || undefined, agreementOnly: search.get('agreementOnly') === '1', page: pageParam(search.get('page')) };
}

export function searchFromCriteria(criteria: ProductCriteria): URLSearchParams {
  const search = new URLSearchParams();
  if (criteria.q) search.set('q', criteria.q);
  if (criteria.group) search.set('group', criteria.group);
  if (criteria.agreementOnly) search.set('agreementOnly', '1');
  if (criteria.page > 1) search.set('page', String(criteria.page));
  return search;
}

/** Whether the address asks for products at all; without, the page offers the groups to browse. */
export const searchesProducts = (criteria: ProductCriteria): boolean => Boolean(criteria.q || criteria.group || criteria.agreementOnly);

/** A group's page: its products and subgroups. */
export const groupHref = (group: string): string => `/produkter?${searchFromCriteria({ group, agreementOnly: false, page: 1 })}`;

export const productHref = (itemNumber: string): string => `/produkter/${encodeURIComponent(itemNumber)}`;
