import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { paths } from '../../api/schema';
import { api, unwrap } from '../../lib/api-client';

/**
 * The auditors' calls (API.md "Audit", DOMAIN §7): a citizen's event history, their access log, and the grant as
 * it stood at a past instant. The history and the access log read the event log itself; reading the history is
 * itself recorded in the access log. Other features may use the paths and hooks here.
 */

export type CitizenHistory = paths['/api/v1/citizens/{id}/history']['get']['responses'][200]['content']['application/json'];
export type HistoryItem = CitizenHistory['items'][number];
export type AccessLog = paths['/api/v1/citizens/{id}/access-log']['get']['responses'][200]['content']['application/json'];
export type AccessLogRow = AccessLog[number];
export type GrantView = paths['/api/v1/citizens/{id}/grant']['get']['responses'][200]['content']['application/json'];
export type GrantViewLine = GrantView['areas'][number]['lines'][number];

export const HISTORY_PAGE_SIZE = 50;

/** The auditors' pages of a citizen. */
export const historyPath = (citizenId: string): string => `/borgere/${citizenId}/historik`;
export const accessLogPath = (citizenId: string): string => `/borgere/${citizenId}/adgangslog`;
export const grantAsOfPath = (citizenId: string): string => `/borgere/${citizenId}/bevilling-tidligere`;

/** Who may open them: auditors and customer service (the service answers 403 to the rest). */
export const mayAudit = (role: string | undefined): boolean => role === 'auditor' || role === 'customer_service';

export const auditKeys = {
  history: (citizenId: string, page: number) => ['audit', 'history', citizenId, page] as const,
  accessLog: (citizenId: string) => ['audit', 'access-log', citizenId] as const,
  grant: (citizenId: string, asOf: string | null) => ['audit', 'grant', citizenId, asOf ?? 'today'] as const,
};

export function useCitizenHistory(citizenId: string, page: number) {
  return useQuery({
    queryKey: auditKeys.history(citizenId, page),
    queryFn: () => unwrap(api.GET('/api/v1/citizens/{id}/history', { params: { path: { id: citizenId }, query: { page, pageSize: HISTORY_PAGE_SIZE } } })),
    placeholderData: keepPreviousData,
  });
}

export function useAccessLog(citizenId: string) {
  return useQuery({
    queryKey: auditKeys.accessLog(citizenId),
    queryFn: () => unwrap(api.GET('/api/v1/citizens/{id}/access-log', { params: { path: { id: citizenId }, query: {} } })),
  });
}

/**
 * The grant with its inactive lines: today's (asOf null) or as it stood at an instant (ISO-8601). Shows no full
 * CPR number, so it is not access-logged: the pages take the citizen's name and masked CPR from it.
 */
export function useGrantView(citizenId: string, asOf: string | null, enabled = true) {
  return useQuery({
    queryKey: auditKeys.grant(citizenId, asOf),
    queryFn: () =>
      unwrap(api.GET('/api/v1/citizens/{id}/grant', { params: { path: { id: citizenId }, query: { includeInactive: 'true', ...(asOf ? { asOf } : {}) } } })),
    enabled,
  });
}
