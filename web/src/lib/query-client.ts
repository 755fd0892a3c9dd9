import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-error';

/**
 * Server state lives here. A read model that has not caught up yet (503 READ_MODEL_BEHIND) is retried quietly,
 * as is a lost connection; any other refusal is shown at once (retrying a 403 or 404 changes nothing).
 */
const RETRIES: Readonly<Record<string, number>> = { READ_MODEL_BEHIND: 5, NETWORK: 2 };

export const shouldRetry = (failureCount: number, error: unknown): boolean =>
  isApiError(error) && failureCount < (RETRIES[error.code] ?? 0);

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        retry: shouldRetry,
        retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 4_000),
        staleTime: 30_000,
        refetchOnWindowFocus: false,
      },
      mutations: { retry: false },
    },
  });
}
