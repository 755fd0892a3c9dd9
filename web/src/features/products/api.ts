import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { paths } from '../../api/schema';
import { api, unwrap } from '../../lib/api-client';
import type { ProductCriteria } from './product-criteria';

/** The products feature's calls (API.md "Catalogue"): search, one product, the groups to browse. */

export type ProductSearch = paths['/api/v1/products']['get']['responses'][200]['content']['application/json'];
export type ProductRow = ProductSearch['items'][number];
export type ProductDetail = paths['/api/v1/products/{itemNumber}']['get']['responses'][200]['content']['application/json'];
export type ProductGroup = paths['/api/v1/product-groups']['get']['responses'][200]['content']['application/json']['items'][number];

export const PRODUCT_PAGE_SIZE = 25;

export const productKeys = {
  all: ['products'] as const,
  search: (criteria: ProductCriteria) => ['products', 'search', criteria] as const,
  detail: (itemNumber: string) => ['products', 'detail', itemNumber] as const,
  groups: ['products', 'groups'] as const,
};

/** Searches when there is something to search for: text, a group, or the agreement assortment. */
export function useProductSearch(criteria: ProductCriteria, enabled: boolean) {
  return useQuery({
    queryKey: productKeys.search(criteria),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/products', {
          params: {
            query: {
              q: criteria.q || undefined,
              group: criteria.group || undefined,
              agreementOnly: criteria.agreementOnly ? 'true' : undefined,
              page: criteria.page,
              pageSize: PRODUCT_PAGE_SIZE,
            },
          },
        }),
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useProduct(itemNumber: string) {
  return useQuery({
    queryKey: productKeys.detail(itemNumber),
    queryFn: () => unwrap(api.GET('/api/v1/products/{itemNumber}', { params: { path: { itemNumber } } })),
  });
}

/** The catalogue's groups change with an import, rarely: kept for a while. */
export function useProductGroups() {
  return useQuery({ queryKey: productKeys.groups, queryFn: () => unwrap(api.GET('/api/v1/product-groups')).then((answer) => answer.items), staleTime: 5 * 60_000 });
}
