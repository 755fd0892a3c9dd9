import { keepPreviousData, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, idempotencyKey, unwrap } from '../../lib/api-client';
import type { HistoryCriteria } from './history-criteria';

/** The orders feature's calls (API.md "Orders"): a citizen's order history, one order, cancelling. */

export type { OrderDetail, OrderHistory, OrderLine, OrderRow } from './types';

export const HISTORY_PAGE_SIZE = 25;

export const orderKeys = {
  all: ['orders'] as const,
  history: (citizenId: string, criteria: HistoryCriteria) => ['orders', 'history', citizenId, criteria] as const,
  detail: (orderId: string) => ['orders', 'detail', orderId] as const,
};

export function useOrderHistory(citizenId: string, criteria: HistoryCriteria) {
  return useQuery({
    queryKey: orderKeys.history(citizenId, criteria),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/citizens/{id}/orders', {
          params: { path: { id: citizenId }, query: { ...criteria, q: criteria.q || undefined, pageSize: HISTORY_PAGE_SIZE } },
        }),
      ),
    // A new search keeps the last answer on screen until the next arrives (no flash of an empty table).
    placeholderData: keepPreviousData,
  });
}

export function useOrder(orderId: string) {
  return useQuery({ queryKey: orderKeys.detail(orderId), queryFn: () => unwrap(api.GET('/api/v1/orders/{orderId}', { params: { path: { orderId } } })) });
}

/**
 * What an order's change touches: every order query, and whatever else is about its citizen (the grant counts
 * the cancelled units back). Other features key their citizen's queries with the citizen's id.
 */
export function invalidateAfterOrderChange(queryClient: QueryClient, citizenId: string): Promise<void> {
  return queryClient.invalidateQueries({ predicate: ({ queryKey }) => queryKey[0] === orderKeys.all[0] || queryKey.includes(citizenId) });
}

export function useCancelOrder(order: { orderId: string; citizenId: string }) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST('/api/v1/orders/{orderId}/cancel', { params: { path: { orderId: order.orderId } }, headers: idempotencyKey(), body: { reason } })),
    // A refusal (already shipped, say) means the order moved on since it was shown: show it as it is now.
    onSettled: () => invalidateAfterOrderChange(queryClient, order.citizenId),
  });
}

/**
 * The history's words and search, for the citizen's own orders ("Mine ordrer", features/webshop): the same
 * statuses and period as "Vis ordrehistorik".
 */
export { creditedUnits, lineStatusText, openUnits, orderStatusBadge, orderStatusText, placedByText } from './order-texts';
export { criteriaFromSearch, searchFromCriteria, type HistoryCriteria } from './history-criteria';
export { HistorySearchForm, type HistorySearch } from './components/history-search-form';
