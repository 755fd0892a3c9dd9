import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client';
import { useSession } from '../../lib/use-session';

/**
 * The citizen's own pages, the webshop (PORTAL.md "Citizen (webshop)"): "Min bevilling", "Mine ordrer" and "Mine
 * oplysninger". A citizen's login is their citizen record (the account id is the citizen id), so each page reads
 * the same routes as the staff's pages, with the citizen's own id.
 */
export const WEBSHOP_PATHS = {
  grant: '/min-bevilling',
  orders: '/mine-ordrer',
  data: '/mine-oplysninger',
} as const;

/** The logged-in citizen's id, or null for a user who is not a citizen (their pages are not for them). */
export function useOwnCitizenId(): string | null {
  const user = useSession()?.user;
  return user?.role === 'citizen' ? user.id : null;
}

/** The purpose the citizen's own look-up of the full record is recorded with (DOMAIN §7): it shows in their extract too. */
export const OWN_DATA_PURPOSE = 'Borgeren så egne oplysninger';

/** "Hvem har set mine oplysninger": the GDPR Art. 15 extract, every opening of the record with its date and purpose. */
export function useAccessLogExtract(citizenId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['webshop', 'access-log', citizenId],
    queryFn: () => unwrap(api.GET('/api/v1/citizens/{id}/access-log/extract', { params: { path: { id: citizenId } } })),
    enabled,
    staleTime: 0,
  });
}
