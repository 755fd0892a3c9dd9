import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { paths } from '../../api/schema';
import { api, idempotencyKey, unwrap } from '../../lib/api-client';
import { ApiError } from '../../lib/api-error';
import { recordPosition } from '../../lib/consistency';
import { session } from '../../lib/session';

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
  municipalities: (q: string) => ['admin', 'municipalities', q] as const,
  allMunicipalities: ['admin', 'municipalities'] as const,
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

export type ImportReport = paths['/api/v1/catalogue/imports']['post']['responses'][200]['content']['application/json'];

/**
 * Uploads a product file (CSV) to POST /catalogue/imports. XMLHttpRequest, not fetch, because only it reports the
 * upload's progress; so this call does itself what the API client's middleware does for the others: the token,
 * the idempotency key, a 401 ending the session, the answer's position recorded for the next reads.
 */
export function uploadCatalogue(file: File, onProgress: (loaded: number, total: number) => void): Promise<ImportReport> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', '/api/v1/catalogue/imports');
    const token = session.get()?.token;
    if (token) request.setRequestHeader('Authorization', `Bearer ${token}`);
    request.setRequestHeader('Content-Type', 'text/csv');
    for (const [name, value] of Object.entries(idempotencyKey())) request.setRequestHeader(name, value);
    request.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : 0);
    request.onerror = () => reject(ApiError.network());
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        body = null;
      }
      if (request.status === 401) session.end('expired');
      else session.touch();
      if (request.status >= 200 && request.status < 300) {
        recordPosition(body);
        resolve(body as ImportReport);
      } else {
        reject(ApiError.fromResponse(new Response(null, { status: request.status }), body));
      }
    };
    request.send(file);
  });
}

export type AdminProduct = paths['/api/v1/products/{itemNumber}']['get']['responses'][200]['content']['application/json'];

/** One product as the administrator looks it up by item number (a discontinued one too: it keeps its detail). */
export function useProductByItemNumber(itemNumber: string | null) {
  return useQuery({
    queryKey: ['admin', 'product', itemNumber ?? ''],
    queryFn: () => unwrap(api.GET('/api/v1/products/{itemNumber}', { params: { path: { itemNumber: itemNumber ?? '' } } })),
    enabled: itemNumber !== null,
    retry: false,
  });
}

/** Discontinues a product (it leaves the search, keeps its page) or reinstates it. */
export function useSetDiscontinued() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ itemNumber, discontinued, reason }: { itemNumber: string; discontinued: boolean; reason?: string }) =>
      unwrap(api.PATCH('/api/v1/products/{itemNumber}', { params: { path: { itemNumber } }, headers: idempotencyKey(), body: { discontinued, reason } })),
    onSuccess: (_answer, { itemNumber }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['admin', 'product', itemNumber] }),
        // The product search and pages (the products feature's queries) show the change.
        queryClient.invalidateQueries({ queryKey: ['products'] }),
      ]),
  });
}

export type MunicipalityBody = paths['/api/v1/municipalities/{id}']['put']['requestBody']['content']['application/json'];

/** Registers a municipality (`create`) or replaces its name, postal codes and grant areas. */
export function useSaveMunicipality() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body, create }: { id: string; body: MunicipalityBody; create: boolean }) =>
      create
        ? unwrap(api.POST('/api/v1/municipalities', { headers: idempotencyKey(), body: { id, ...body } }))
        : unwrap(api.PUT('/api/v1/municipalities/{id}', { params: { path: { id } }, headers: idempotencyKey(), body })),
    onSuccess: (_answer, { id }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: adminKeys.municipality(id) }),
        queryClient.invalidateQueries({ queryKey: adminKeys.allMunicipalities }),
      ]),
  });
}

export type MunicipalityListRow = paths['/api/v1/municipalities']['get']['responses'][200]['content']['application/json']['items'][number];

/** The municipalities by number; `q` keeps those whose number starts with it or whose name holds it. */
export function useMunicipalities(q: string) {
  return useQuery({
    queryKey: adminKeys.municipalities(q),
    queryFn: () => unwrap(api.GET('/api/v1/municipalities', { params: { query: q ? { q } : {} } })),
    placeholderData: keepPreviousData,
  });
}

export type UserChange = paths['/api/v1/users/{id}']['patch']['requestBody']['content']['application/json'];

/** One staff account, for its page ("Redigér bruger"). */
export function useUser(userId: string) {
  return useQuery({
    queryKey: [...adminKeys.allUsers, 'one', userId] as const,
    queryFn: () => unwrap(api.GET('/api/v1/users/{id}', { params: { path: { id: userId } } })),
    retry: false,
  });
}

/** Changes a staff account's name, e-mail, role, municipality and grant areas (PATCH /users/:id). */
export function useChangeUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, body }: { userId: string; body: UserChange }) => unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id: userId } }, headers: idempotencyKey(), body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeys.allUsers }),
  });
}
