import { useEffect } from 'react';

/**
 * While `active`, the browser asks before the tab is closed or reloaded (its own wording; browsers show no text
 * of ours). For unsaved changes that only a deliberate save sends ("NB: husk at gemme!").
 */
export function useBeforeUnload(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older Chromium asks only when returnValue is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [active]);
}
