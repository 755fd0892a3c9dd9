import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../api/schema';
import { api, idempotencyKey, unwrap } from '../../lib/api-client';
import { grantQueryKey, useGrant } from '../grant/api';
import { productKeys } from '../products/api';

export type { GrantLine } from '../grant/api';

/** The calls behind "Tilføj ny vare", "Redigér" and "Tilføj ny fra inaktiv-liste" (API.md "Grant", "Catalogue"). */

type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type Answer<Path extends keyof paths, Method extends keyof paths[Path]> = paths[Path][Method] extends { responses: infer R }
  ? R extends { 200: infer Ok } ? Json<Ok> : R extends { 201: infer Created } ? Json<Created> : never
  : never;
type LinesBody = Json<paths['/api/v1/citizens/{id}/grant/lines']['post']['requestBody']>;

export type ProductRow = Answer<'/api/v1/products', 'get'>['items'][number];
export type AllowanceCalculation = Answer<'/api/v1/allowance-calculations', 'post'>;
export type AddLineBody = LinesBody;
export type ChangeLineBody = Json<paths['/api/v1/citizens/{id}/grant/lines/{lineId}']['patch']['requestBody']>;
export type AllowanceInput = NonNullable<LinesBody['allowance']>;
export type LineKind = LinesBody['kind'];
export type CalculationRequest = Json<paths['/api/v1/allowance-calculations']['post']['requestBody']>;

/** Every line the user may see, inactive ones too ("Vis alle varer"): the grant page's own query. */
export const useGrantWithInactive = (citizenId: string) => useGrant(citizenId, true);

export interface ProductCriteria {
  readonly q: string;
  readonly agreementOnly: boolean;
  readonly pageSize: number;
}

/** "Søg produkter": nothing is asked until the user searches (criteria null). */
export function useProductSearch(criteria: ProductCriteria | null) {
  return useQuery({
    queryKey: [...productKeys.all, 'grant-search', criteria],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/products', {
          params: { query: { ...(criteria?.q ? { q: criteria.q } : {}), agreementOnly: criteria?.agreementOnly ? 'true' : 'false', page: 1, pageSize: criteria?.pageSize ?? 10 } },
        }),
      ),
    enabled: criteria !== null,
    // "Vis flere" keeps the rows already shown while the longer page loads.
    placeholderData: keepPreviousData,
  });
}

/** A product's sales unit and prices, for a line the dialog did not find by searching. */
export function useProduct(itemNumber: string | undefined) {
  return useQuery({
    // The products pages' key: a product seen there is not asked for again.
    queryKey: productKeys.detail(itemNumber ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/products/{itemNumber}', { params: { path: { itemNumber: itemNumber! } } })),
    enabled: itemNumber !== undefined,
  });
}

/** "Udregn": the service's calculator is the one rule for grantedMax (DOMAIN §4.1); nothing is written. */
export function useAllowanceCalculation() {
  return useMutation({
    mutationFn: (body: CalculationRequest) => unwrap(api.POST('/api/v1/allowance-calculations', { body })),
  });
}

function useGrantCommand<Input, Result>(citizenId: string, command: (input: Input) => Promise<Result>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: command,
    // The next read of the grant carries the command's position (lib/consistency.ts), so it shows the change. Not
    // awaited: the dialog goes on (or closes) at once, and the page behind refetches while it does.
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: grantQueryKey(citizenId) }),
  });
}

/** "Tilføj bevillingsvare". */
export function useAddGrantLine(citizenId: string) {
  return useGrantCommand(citizenId, (body: AddLineBody) =>
    unwrap(api.POST('/api/v1/citizens/{id}/grant/lines', { params: { path: { id: citizenId } }, body, headers: idempotencyKey() })),
  );
}

/** "Gem ændringer" in "Redigér". */
export function useChangeGrantLine(citizenId: string) {
  return useGrantCommand(citizenId, ({ lineId, body }: { lineId: string; body: ChangeLineBody }) =>
    unwrap(api.PATCH('/api/v1/citizens/{id}/grant/lines/{lineId}', { params: { path: { id: citizenId, lineId } }, body, headers: idempotencyKey() })),
  );
}

/** "Gør varen aktiv", with a new allowance or the one the line had (allowance undefined). */
export function useReactivateGrantLine(citizenId: string) {
  return useGrantCommand(citizenId, ({ lineId, allowance }: { lineId: string; allowance?: AllowanceInput | null }) =>
    unwrap(
      api.POST('/api/v1/citizens/{id}/grant/lines/{lineId}/reactivate', {
        params: { path: { id: citizenId, lineId } },
        body: allowance === undefined ? {} : { allowance },
        headers: idempotencyKey(),
      }),
    ),
  );
}
