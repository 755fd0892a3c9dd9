import { useMutation, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api-client';
import { session } from '../../lib/session';

/** The auth feature's calls (API.md "Auth and users"), one hook each. */

export function useLogin() {
  return useMutation({
    mutationFn: (body: { username: string; password: string }) =>
      unwrap(api.POST('/api/v1/auth/login', { body: { ...body, acceptTerms: true } })),
    onSuccess: (answer) => session.start(answer),
  });
}

export function useLogout() {
  return useMutation({
    // The session ends here whatever the server answers: the user asked to leave.
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout')).catch(() => undefined),
    onSettled: () => session.end('logout'),
  });
}

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (username: string) => unwrap(api.POST('/api/v1/auth/password-reset-requests', { body: { username } })),
  });
}

/** A password chosen from an e-mailed link (a reset or a new account's invitation). */
export function useSetPasswordWithLink() {
  return useMutation({
    mutationFn: (body: { token: string; newPassword: string }) => unwrap(api.POST('/api/v1/auth/password-resets', { body })),
  });
}

/** A new password for the logged-in user; the answer is a fresh session (every other one ended). */
export function useChangePassword() {
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => unwrap(api.POST('/api/v1/auth/password', { body })),
    onSuccess: (answer) => session.start(answer),
  });
}

export const meQueryKey = ['me'] as const;

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: () => unwrap(api.GET('/api/v1/me')), staleTime: 0 });
}

/** Keeps the session alive ("Forbliv logget ind"): any authenticated call does. */
export const touchSession = () => unwrap(api.GET('/api/v1/me'));
