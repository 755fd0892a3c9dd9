import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import DkfdsModal from '@dkfds/src/js/components/modal.js';

/**
 * DKFDS modal ("Modalvindue"), opened and closed by DKFDS's script (backdrop, focus, the rest of the page made
 * inert). Rendered at the end of <body>: DKFDS makes every other child of <body> inert while it is open.
 * A forced-action modal has no close button and ignores Escape: the user must pick one of its actions. On closing,
 * the focus goes back to what had it when the modal opened (the button that opened it).
 *
 * A guarded modal (`guardedClose`) decides itself whether a request to close closes it — to warn of unsaved
 * changes first, say: its close button and Escape only call `onClose('request')`, and it closes when `open` turns
 * false (or it unmounts). DKFDS shows one modal at a time: a modal that opens hides the open one, which then gets
 * `onClose('displaced')`; a dialog that opens a pop-up of its own sets `open` false while the pop-up is up.
 */
export type CloseReason = 'request' | 'displaced';

export function Modal({ id, open, heading, children, actions, forcedAction = false, guardedClose = false, onClose }: {
  id: string;
  open: boolean;
  heading: ReactNode;
  children: ReactNode;
  actions: ReactNode;
  forcedAction?: boolean;
  guardedClose?: boolean;
  onClose?: (reason: CloseReason) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  useEffect(() => {
    onCloseRef.current = onClose;
  });

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const modal = new DkfdsModal(element);
    const hidden = () => onCloseRef.current?.(guardedClose ? 'displaced' : 'request');
    // DKFDS gives the focus back to the opener only when it opened the modal itself (from a click event).
    const opener = open && document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (open) {
      modal.show();
      element.addEventListener('fds.modal.hidden', hidden);
    }
    return () => {
      element.removeEventListener('fds.modal.hidden', hidden);
      if (open && element.getAttribute('aria-hidden') === 'false') modal.hide();
      if (opener?.isConnected) opener.focus();
    };
  }, [open, guardedClose]);

  const escape = (event: KeyboardEvent<HTMLDivElement>) => {
    if (!guardedClose || event.key !== 'Escape') return;
    event.preventDefault();
    onCloseRef.current?.('request');
  };

  return createPortal(
    <div className="fds-modal-container">
      <div
        className="fds-modal"
        id={id}
        aria-hidden="true"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-heading`}
        ref={ref}
        onKeyDown={escape}
        // DKFDS's own Escape and backdrop closing are off for a guarded modal: it closes only when it decides to.
        {...(forcedAction || guardedClose ? { 'data-modal-forced-action': '' } : {})}
      >
        <div className="modal-content">
          <div className="modal-header">
            <h2 className="modal-title" id={`${id}-heading`}>
              {heading}
            </h2>
            {!forcedAction && (
              <button type="button" className="modal-close function-link" data-modal-close onClick={() => onCloseRef.current?.('request')}>
                Luk
              </button>
            )}
          </div>
          <div className="modal-body">{children}</div>
          <div className="modal-footer">{actions}</div>
        </div>
      </div>
    </div>,
    document.body,
  );
}
