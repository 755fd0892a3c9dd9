import { useEffect, useState } from 'react';
import { api } from '../../lib/api-client';
import { session, type Session } from '../../lib/session';

/** DKFDS's and PORTAL.md's warning time: a minute before the session ends for inactivity. */
export const WARNING_SECONDS = 60;

/**
 * Follows the server's idle timeout (SESSION_IDLE_SECONDS from the login answer), counted from the last call the
 * server answered. Answers the seconds left once fewer than WARNING_SECONDS remain (else null); at zero the
 * session ends here and on the server.
 */
export function useIdleLogout(current: Session | null): number | null {
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const token = current?.token;
  const idleMs = (current?.idleTimeoutSeconds ?? 0) * 1000;

  useEffect(() => {
    if (!token) return undefined;
    const check = () => {
      const left = session.lastActivity() + idleMs - Date.now();
      if (left <= 0) return endIdleSession(token);
      setSecondsLeft(left <= WARNING_SECONDS * 1000 ? Math.ceil(left / 1000) : null);
    };
    // A timer each second rather than one long timeout: it stays right after the computer has slept.
    const timer = window.setInterval(check, 1000);
    const stopListening = session.onActivity(check);
    check();
    return () => {
      window.clearInterval(timer);
      stopListening();
      setSecondsLeft(null);
    };
  }, [token, idleMs]);

  return secondsLeft;
}

function endIdleSession(token: string): void {
  if (session.get()?.token !== token) return;
  session.end('idle');
  // The server has ended it too if the clocks agree; this makes sure. The token is given here: it has left the session.
  void api.POST('/api/v1/auth/logout', { headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
}
