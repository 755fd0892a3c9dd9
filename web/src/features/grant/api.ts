import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client';

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

/**
 * The ordering rules and the lines' wording, for the citizen's own grant ("Min bevilling", features/webshop): the
 * same rules as "Borgers bevilling", in one place.
 */
export { basketTotal, checkBasket, isBlocked, orderability, salesUnits, type BasketLine, type Choice } from './ordering';
export { grantedMaxText, kindText, periodText, perSalesUnitText, salesUnitText } from './line-text';
export { useOrderChoices } from './use-order-choices';
export { usePlaceOrder } from './place-order';
export { useOrdering, type PlacedOrder } from './use-ordering';
export { useBasketOrder } from './use-basket-order';
export { OrderConfirmation } from './components/order-confirmation';
export { BasketFrame, LineRefusal } from './components/basket-frame';
