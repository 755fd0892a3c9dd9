import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../api/schema';
import { api, idempotencyKey, unwrap } from '../../lib/api-client';
import type { CitizenStatus } from '../../lib/citizen-status';
import type { SearchQuery } from './search-criteria';

/** The citizens feature's calls (API.md "Citizens"), one hook each. Other features may use these. */

export { citizenDataPath, grantPath } from './paths';

export type CitizenSearchAnswer = paths['/api/v1/citizens']['get']['responses'][200]['content']['application/json'];
export type CitizenRow = CitizenSearchAnswer['items'][number];
export type CitizenRecord = paths['/api/v1/citizens/{id}']['get']['responses'][200]['content']['application/json'];
export type RegistrationBody = paths['/api/v1/citizens']['post']['requestBody']['content']['application/json'];
export type ContactChanges = paths['/api/v1/citizens/{id}']['patch']['requestBody']['content']['application/json'];

export const citizenQueryKeys = {
  all: ['citizens'] as const,
  /** Every search: an order or a grant change moves a citizen's next order date and areas. */
  searches: ['citizens', 'search'] as const,
  search: (query: SearchQuery) => ['citizens', 'search', query] as const,
  record: (citizenId: string, purpose: string) => ['citizens', 'record', citizenId, purpose] as const,
};

export function useCitizenSearch(query: SearchQuery) {
  return useQuery({
    queryKey: citizenQueryKeys.search(query),
    queryFn: () => unwrap(api.GET('/api/v1/citizens', { params: { query } })),
    // The previous page stays in view while the next one loads, so paging and sorting do not flicker.
    placeholderData: keepPreviousData,
  });
}

/**
 * The full record ("Brugerdata"), asked for with the purpose of the look-up. Every display of it is recorded by
 * the service, so it is never shown from the cache: fetched each time it is opened and forgotten when closed.
 */
export function useCitizenRecord(citizenId: string, purpose: string | null) {
  return useQuery({
    queryKey: citizenQueryKeys.record(citizenId, purpose ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/citizens/{id}', { params: { path: { id: citizenId }, query: { purpose: purpose ?? '' } } })),
    enabled: purpose !== null,
    staleTime: 0,
    gcTime: 0,
  });
}

export function useRegisterCitizen() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RegistrationBody) => unwrap(api.POST('/api/v1/citizens', { body, headers: idempotencyKey() })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: citizenQueryKeys.all }),
  });
}

export function useChangeContactDetails(citizenId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ContactChanges) => unwrap(api.PATCH('/api/v1/citizens/{id}', { params: { path: { id: citizenId } }, body, headers: idempotencyKey() })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: citizenQueryKeys.all }),
  });
}

export function useChangeCitizenStatus(citizenId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { status: CitizenStatus; reason?: string | null }) =>
      unwrap(api.POST('/api/v1/citizens/{id}/status', { params: { path: { id: citizenId } }, body, headers: idempotencyKey() })),
    // A status change reaches the grant (lines inactivated) and the orders (cancelled on a removal): every
    // view of the citizen may have changed, whichever feature shows it. Not awaited: after a removal the page
    // leaves at once rather than wait for a record it may no longer see.
    onSuccess: () => void queryClient.invalidateQueries(),
  });
}

/** "Nulstil adgangskode": the service mails the citizen a link to choose a new webshop password. */
export function useResetWebshopPassword(citizenId: string) {
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/citizens/{id}/webshop-password-reset', { params: { path: { id: citizenId } } })),
  });
}

/** The grant as of now, with the ids of the lines a reopening would restore (the preview of "Genåbn borger"). */
export function useReopenPreview(citizenId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['citizens', 'reopen-preview', citizenId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/citizens/{id}/grant', {
          // A second back: "now" must not be after the service's clock (a future instant is refused).
          params: { path: { id: citizenId }, query: { includeInactive: 'true', asOf: new Date(Date.now() - 1000).toISOString() } },
        }),
      ),
    enabled,
    staleTime: 0,
  });
}

/** "Genåbn borger" (customer service): the lines the removal inactivated come back. */
export function useReopenCitizen(citizenId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reason: string) => unwrap(api.POST('/api/v1/citizens/{id}/reopen', { params: { path: { id: citizenId } }, body: { reason }, headers: idempotencyKey() })),
    // The record, the grant, the searches: every view of the citizen changes.
    onSuccess: () => void queryClient.invalidateQueries(),
  });
}

/** "Skift CPR-nummer" (customer service): the citizen keeps their id. */
export function useChangeCpr(citizenId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { cpr: string; reason: string; confirmUnusualCpr?: boolean }) =>
      unwrap(api.PUT('/api/v1/citizens/{id}/cpr', { params: { path: { id: citizenId } }, body, headers: idempotencyKey() })),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
}

/**
 * "Giv engangsadgangskode": a one-time webshop password for a citizen with no e-mail address, shown once. No
 * Idempotency-Key: the service never stores the answer, so a repeat would only give a new password.
 */
export function useIssueOneTimePassword(citizenId: string) {
  return useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/citizens/{id}/webshop-one-time-password', { params: { path: { id: citizenId } } })),
  });
}

/** A new webshop username (unique across every login: USERNAME_TAKEN otherwise). */
export function useChangeWebshopUsername(citizenId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (webshopUsername: string) =>
      unwrap(api.PUT('/api/v1/citizens/{id}/webshop-username', { params: { path: { id: citizenId } }, body: { webshopUsername }, headers: idempotencyKey() })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: citizenQueryKeys.all }),
  });
}
