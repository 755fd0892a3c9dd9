import { Navigate, Outlet, useLocation } from 'react-router';
import { session } from '../../../lib/session';
import { useSession } from '../../../lib/use-session';
import { CHANGE_PASSWORD_PATH, LOGIN_PATH, type LoginState } from '../login-state';

/**
 * The pages behind login. Without a session the user goes to "Log ind" and, once logged in, back to the page
 * asked for (not after choosing to log out). An expired password opens nothing but "Skift adgangskode".
 */
export function RequireSession() {
  const current = useSession();
  const location = useLocation();
  const here = `${location.pathname}${location.search}`;
  if (!current) {
    const ended = session.lastEnd();
    const state: LoginState =
      ended?.reason === 'logout'
        ? { reason: 'logout' }
        : { from: here, ...(ended ? { reason: ended.reason, idleMinutes: Math.round(ended.idleTimeoutSeconds / 60) } : {}) };
    return <Navigate to={LOGIN_PATH} replace state={state} />;
  }
  if (current.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace state={{ from: here } satisfies LoginState} />;
  }
  return <Outlet />;
}
