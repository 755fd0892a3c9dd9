import { useSyncExternalStore } from 'react';
import { session, type Session } from './session';

/** The current session (or null), re-rendering when it starts, changes or ends. */
export const useSession = (): Session | null => useSyncExternalStore(session.subscribe, session.get);
