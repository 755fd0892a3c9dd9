import { Modal } from '../../../components/modal';
import { useSession } from '../../../lib/use-session';
import { touchSession, useLogout } from '../api';
import { useIdleLogout, WARNING_SECONDS } from '../use-idle-logout';

/** "Du bliver logget ud om 60 sekunder": the user stays (any call keeps the session) or leaves. */
export function IdleWarning() {
  const secondsLeft = useIdleLogout(useSession());
  const logout = useLogout();
  return (
    <Modal
      id="idle-warning"
      open={secondsLeft !== null}
      forcedAction
      heading={`Du bliver logget ud om ${secondsLeft ?? WARNING_SECONDS} sekunder`}
      actions={
        <>
          <button type="button" className="button button-primary" onClick={() => void touchSession().catch(() => undefined)}>
            Forbliv logget ind
          </button>
          <button type="button" className="button button-secondary" onClick={() => logout.mutate()}>
            Log ud
          </button>
        </>
      }
    >
      <p>Du har ikke været aktiv i et stykke tid. Af hensyn til sikkerheden logger vi dig ud, medmindre du vælger at forblive logget ind.</p>
    </Modal>
  );
}
