import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, idempotencyKey, unwrap } from '../../lib/api-client';
import { isApiError } from '../../lib/api-error';
import { CommandKeys } from '../../lib/command-keys';
import { citizenQueryKeys } from '../citizens/api';
import { invalidateAfterOrderChange } from '../orders/api';
import type { OrderRequest } from './types';

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
