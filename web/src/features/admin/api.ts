import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../api/schema';
import { api, idempotencyKey, unwrap } from '../../lib/api-client';

/** The administration feature's calls (API.md "Auth and users"; README "HTTP API"): staff accounts, municipalities. */

export type UserList = paths['/api/v1/users']['get']['responses'][200]['content']['application/json'];
export type UserRow = UserList['items'][number];
export type NewUser = paths['/api/v1/users']['post']['requestBody']['content']['application/json'];
export type CreatedUser = paths['/api/v1/users']['post']['responses'][201]['content']['application/json'];
export type Municipality = paths['/api/v1/municipalities/{id}']['get']['responses'][200]['content']['application/json'];

export const USERS_PAGE_SIZE = 25;

export const adminKeys = {
  users: (filter: { municipalityId?: string; page: number }) => ['admin', 'users', filter] as const,
  allUsers: ['admin', 'users'] as const,
  municipality: (id: string) => ['admin', 'municipality', id] as const,
};

export function useUsers(filter: { municipalityId?: string; page: number }) {
  return useQuery({
    queryKey: adminKeys.users(filter),
    queryFn: () => unwrap(api.GET('/api/v1/users', { params: { query: { ...filter, pageSize: USERS_PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
}

/** A municipality's name and grant areas (the user form offers the areas); `null` id: nothing asked. */
export function useMunicipality(id: string | null) {
  return useQuery({
    queryKey: adminKeys.municipality(id ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/municipalities/{id}', { params: { path: { id: id ?? '' } } })),
    enabled: id !== null,
    retry: false,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewUser) => unwrap(api.POST('/api/v1/users', { headers: idempotencyKey(), body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.allUsers }),
  });
}

export function useResendInvitation() {
  return useMutation({
    mutationFn: (userId: string) => unwrap(api.POST('/api/v1/users/{id}/invitation', { params: { path: { id: userId } }, headers: idempotencyKey() })),
  });
}

export function useUnlockUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => unwrap(api.POST('/api/v1/users/{id}/unlock', { params: { path: { id: userId } }, headers: idempotencyKey() })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.allUsers }),
  });
}

/** Deactivates (`disabled: true`) or reactivates an account. */
export function useSetUserDisabled() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, disabled }: { userId: string; disabled: boolean }) =>
      unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: userId } }, headers: idempotencyKey(), body: { disabled } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.allUsers }),
  });
}

export type ProjectionList = paths['/api/v1/admin/projections']['get']['responses'][200]['content']['application/json'];
export type ProjectionRow = ProjectionList['items'][number];
export type ParkedEvent = paths['/api/v1/admin/projections/{name}/parked']['get']['responses'][200]['content']['application/json']['items'][number];

export const projectionKeys = {
  all: ['admin', 'projections'] as const,
  parked: (name: string) => ['admin', 'projections', name, 'parked'] as const,
};

/** The projections' status; polled while the page is open, so that the lag is current. */
export function useProjections() {
  return useQuery({ queryKey: projectionKeys.all, queryFn: () => unwrap(api.GET('/api/v1/admin/projections')), refetchInterval: 10_000 });
}

export function useParkedEvents(name: string | null) {
  return useQuery({
    queryKey: projectionKeys.parked(name ?? ''),
    queryFn: () => unwrap(api.GET('/api/v1/admin/projections/{name}/parked', { params: { path: { name: name ?? '' } } })),
    enabled: name !== null,
  });
}

export function useReplayParked() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ name, position }: { name: string; position: string }) =>
      unwrap(api.POST('/api/v1/admin/projections/{name}/parked/{position}/replay', { params: { path: { name, position } }, headers: idempotencyKey() })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: projectionKeys.all }),
  });
}
