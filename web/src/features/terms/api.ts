import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client';

/** The current terms and privacy policy (public: the login page links to them). They change only with a release. */
export function useTerms() {
  return useQuery({ queryKey: ['terms'], queryFn: () => unwrap(api.GET('/api/v1/terms')), staleTime: Infinity });
}
