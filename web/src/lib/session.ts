import type { paths } from '../api/schema';

/**
 * The session (PORTAL.md "Sessions"): the token lives in memory and in sessionStorage, so that it survives a
 * reload of this tab and dies with the tab; never in localStorage. This is client state, not server state:
 * the user's data comes through the query cache.
 */
export type SessionAnswer = paths['/api/v1/auth/login']['post']['responses'][200]['content']['application/json'];
export type SessionUser = SessionAnswer['user'];

export interface Session {
  readonly token: string;
  readonly user: SessionUser;
  readonly idleTimeoutSeconds: number;
  readonly mustChangePassword: boolean;
  /** Why the password must be changed first (the login answers it); absent in a session stored before it was. */
  readonly passwordChangeReason?: PasswordChangeReason | null;
}

export type PasswordChangeReason = NonNullable<SessionAnswer['passwordChangeReason']>;

/** Why the last session ended: the login page says so. */
export type EndReason = 'logout' | 'expired' | 'idle';

const STORAGE_KEY = 'e-bevilling.session';

const stored = (): Session | null => {
  try {
    const text = window.sessionStorage.getItem(STORAGE_KEY);
    return text ? (JSON.parse(text) as Session) : null;
  } catch {
    return null;
  }
};

let current: Session | null = stored();
let lastEnd: { reason: EndReason; idleTimeoutSeconds: number } | null = null;
let lastActivityAt = Date.now();
const listeners = new Set<() => void>();
const activityListeners = new Set<(at: number) => void>();

const save = (next: Session | null) => {
  current = next;
  if (next) window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  else window.sessionStorage.removeItem(STORAGE_KEY);
  for (const listener of listeners) listener();
};

export const session = {
  get: (): Session | null => current,

  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  /** After a login or a password change: both answer a fresh session. */
  start(answer: SessionAnswer): void {
    lastEnd = null;
    lastActivityAt = Date.now();
    save({
      token: answer.token,
      user: answer.user,
      idleTimeoutSeconds: answer.idleTimeoutSeconds,
      mustChangePassword: answer.mustChangePassword,
      passwordChangeReason: answer.passwordChangeReason,
    });
  },

  /** A call answered 403 PASSWORD_CHANGE_REQUIRED: the password expired while the session lasted. */
  requirePasswordChange(): void {
    if (current && !current.mustChangePassword) save({ ...current, mustChangePassword: true, passwordChangeReason: 'expired' });
  },

  end(reason: EndReason): void {
    if (!current) return;
    lastEnd = { reason, idleTimeoutSeconds: current.idleTimeoutSeconds };
    save(null);
  },

  /** How the last session of this tab ended, if one did. */
  lastEnd: () => lastEnd,

  /** Every answered call keeps the session alive on the server; the idle warning counts from the last one. */
  touch(): void {
    lastActivityAt = Date.now();
    for (const listener of activityListeners) listener(lastActivityAt);
  },

  lastActivity: (): number => lastActivityAt,

  onActivity(listener: (at: number) => void): () => void {
    activityListeners.add(listener);
    return () => activityListeners.delete(listener);
  },
};
