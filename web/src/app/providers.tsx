import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { forgetPosition } from '../lib/consistency';
import { createQueryClient } from '../lib/query-client';
import { session } from '../lib/session';

/** Server state in one query cache, emptied when a session ends: the next user sees nothing of the last one's. */
export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  useEffect(() => {
    let token = session.get()?.token;
    return session.subscribe(() => {
      const next = session.get()?.token;
      if (token && next !== token) {
        queryClient.clear();
        forgetPosition();
      }
      token = next;
    });
  }, [queryClient]);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
