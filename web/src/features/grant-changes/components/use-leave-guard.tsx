import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';
import { Alert } from '../../../components/alert';
import { useBeforeUnload } from '../../../lib/use-before-unload';

/**
 * "NB: husk at gemme!" (user guide p. 8): with unsaved changes, leaving the dialog — "Luk", Escape, the browser's
 * back button — asks first, in the dialog (`confirm`), and closing or reloading the tab asks through the browser.
 * `allowLeaving()` before a navigation that should not ask: after saving, or when the dialog was displaced.
 * Choosing to stay puts the focus on `stayFocusId`.
 */
export function useLeaveGuard(dirty: boolean, stayFocusId: string) {
  const allowed = useRef(false);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && !allowed.current && currentLocation.pathname !== nextLocation.pathname);
  useBeforeUnload(dirty);

  const confirmRef = useRef<HTMLDivElement>(null);
  const asking = blocker.state === 'blocked';
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);

  const stay = () => {
    blocker.reset?.();
    document.getElementById(stayFocusId)?.focus();
  };

  const confirm = asking ? (
    <div className="leave-confirm" tabIndex={-1} ref={confirmRef}>
      <Alert variant="warning" heading="Du har ændringer, der ikke er gemt">
        <p>Vil du lukke uden at gemme? Ændringerne går tabt.</p>
        <button type="button" className="button button-secondary" onClick={() => blocker.proceed?.()}>
          Luk uden at gemme
        </button>
        <button type="button" className="button button-primary" onClick={stay}>
          Fortsæt redigering
        </button>
      </Alert>
    </div>
  ) : null;

  return {
    confirm,
    allowLeaving: () => {
      allowed.current = true;
    },
  };
}
