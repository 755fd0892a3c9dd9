import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../api/schema';
import { api, idempotencyKey, unwrap } from '../../lib/api-client';

/** The agreements feature's calls (README "HTTP API"): a municipality's agreement assortment, read and edited item by item. */

export type Agreement = paths['/api/v1/municipalities/{id}/agreement']['get']['responses'][200]['content']['application/json'];
export type AgreementItem = Agreement['items'][number];
export type AgreementPeriod = AgreementItem['periods'][number];
export type PeriodBody = paths['/api/v1/municipalities/{id}/agreement/items/{itemNumber}']['put']['requestBody']['content']['application/json']['periods'][number];

/** The administrators' list of agreements: pick a municipality. */
export const AGREEMENTS_PATH = '/administration/aftaler';
/** A municipality's agreement assortment. */
export const agreementPath = (municipalityId: string) => `/administration/kommuner/${encodeURIComponent(municipalityId)}/aftale`;

export interface AgreementFilter {
  readonly q: string;
  readonly page: number;
  readonly pageSize: number;
}

const agreementKeys = {
  all: (municipalityId: string) => ['agreements', municipalityId] as const,
  page: (municipalityId: string, filter: AgreementFilter) => ['agreements', municipalityId, filter] as const,
};

export function useAgreement(municipalityId: string, filter: AgreementFilter) {
  return useQuery({
    queryKey: agreementKeys.page(municipalityId, filter),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/municipalities/{id}/agreement', {
          params: { path: { id: municipalityId }, query: { ...(filter.q ? { q: filter.q } : {}), page: filter.page, pageSize: filter.pageSize } },
        }),
      ),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

/** One item's periods as they stand now (not from a page that may be stale or not hold it): [] when not on the agreement. */
export async function currentPeriods(municipalityId: string, itemNumber: string): Promise<AgreementPeriod[]> {
  const found = await unwrap(
    api.GET('/api/v1/municipalities/{id}/agreement', { params: { path: { id: municipalityId }, query: { q: itemNumber, page: 1, pageSize: 200 } } }),
  );
  return found.items.find((item) => item.itemNumber === itemNumber)?.periods ?? [];
}

/** Sets one item's periods on the agreement (the rest stays as it is); no periods takes the item off. */
export function useSetAgreementItem(municipalityId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemNumber, periods }: { itemNumber: string; periods: readonly PeriodBody[] }) =>
      unwrap(
        api.PUT('/api/v1/municipalities/{id}/agreement/items/{itemNumber}', {
          params: { path: { id: municipalityId, itemNumber } },
          headers: idempotencyKey(),
          body: { periods: [...periods] },
        }),
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: agreementKeys.all(municipalityId) }),
        // The stars and prices of the product pages follow the agreement.
        queryClient.invalidateQueries({ queryKey: ['products'] }),
      ]),
  });
}
