import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { OrderRequest } from './types';
import { api, idempotencyKey, unwrap } from '../../lib/api-client';
import { isApiError } from '../../lib/api-error';
import { CommandKeys } from '../../lib/command-keys';
import { citizenQueryKeys } from '../citizens/api';
import { invalidateAfterOrderChange } from '../orders/api';

/** "Borgers bevilling" (API.md "Grant" and "Orders"): the grant overview and placing an order on it. */

export type { GrantArea, GrantCitizen, GrantLine, GrantOverview, OrderPlaced, OrderRequest } from './types';

/**
 * The cache key of a citizen's grant, with or without the inactive lines. A command that changes the grant
 * (a line added, edited, inactivated or reactivated; an order placed) invalidates `grantQueryKey(citizenId)`,
 * which covers both.
 */
export const grantQueryKey = (citizenId: string) => ['grant', citizenId] as const;

export function useGrant(citizenId: string, includeInactive: boolean) {
  return useQuery({
    queryKey: [...grantQueryKey(citizenId), { includeInactive }],
    queryFn: () =>
      unwrap(api.GET('/api/v1/citizens/{id}/grant', { params: { path: { id: citizenId }, query: includeInactive ? { includeInactive: 'true' } : {} } })),
    // "Vis alle varer" keeps the lines on screen while the longer list loads.
    placeholderData: keepPreviousData,
  });
}

/** A 4xx is the service's answer to this request; a lost connection or a 5xx may not have been, and is retried with the same key. */
const isDefinitive = (error: unknown) => isApiError(error) && error.status >= 400 && error.status < 500;

/**
 * "Bestil varer": one order of the basket's lines. A repeated click or a retry of the same basket sends the
 * same Idempotency-Key, so the citizen gets one order. Afterwards the grant is read again: its ordered and
 * remaining units, and the bell, have changed (and after a refusal the numbers shown may have been stale).
 */
export function usePlaceOrder(citizenId: string) {
  const queryClient = useQueryClient();
  const [keys] = useState(() => new CommandKeys(() => idempotencyKey()['Idempotency-Key']));
  return useMutation({
    mutationFn: (body: OrderRequest) =>
      unwrap(api.POST('/api/v1/citizens/{id}/orders', { params: { path: { id: citizenId } }, body, headers: { 'Idempotency-Key': keys.keyFor(body) } })),
    onSuccess: () => keys.settled(),
    onError: (error) => {
      if (isDefinitive(error)) keys.settled();
    },
    onSettled: () =>
      Promise.all([
        // The grant's counts and the order history.
        invalidateAfterOrderChange(queryClient, citizenId),
        // The search shows the next order date, which an order may move.
        queryClient.invalidateQueries({ queryKey: citizenQueryKeys.searches }),
      ]),
  });
}

/**
 * The ordering rules and the lines' wording, for the citizen's own grant ("Min bevilling", features/webshop): the
 * same rules as "Borgers bevilling", in one place.
 */
export { basketTotal, checkBasket, isBlocked, orderability, salesUnits, type BasketLine, type Choice } from './ordering';
export { grantedMaxText, kindText, periodText, perSalesUnitText, salesUnitText } from './line-text';
export { useOrderChoices } from './use-order-choices';
