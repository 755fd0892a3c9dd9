import { useEffect, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import DkfdsModal from '@dkfds/src/js/components/modal.js';

/**
 * DKFDS modal ("Modalvindue"), opened and closed by DKFDS's script (backdrop, focus, the rest of the page made
 * inert). Rendered at the end of <body>: DKFDS makes every other child of <body> inert while it is open.
 * A forced-action modal has no close button and ignores Escape: the user must pick one of its actions. On closing,
 * the focus goes back to what had it when the modal opened (the button that opened it).
 */
export function Modal({ id, open, heading, children, actions, forcedAction = false, onClose }: {
  id: string;
  open: boolean;
  heading: ReactNode;
  children: ReactNode;
  actions: ReactNode;
  forcedAction?: boolean;
  onClose?: () => void;
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
    const hidden = () => onCloseRef.current?.();
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
  }, [open]);

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
        {...(forcedAction ? { 'data-modal-forced-action': '' } : {})}
      >
        <div className="modal-content">
          <div className="modal-header">
            <h2 className="modal-title" id={`${id}-heading`}>
              {heading}
            </h2>
            {!forcedAction && (
              <button type="button" className="modal-close function-link" data-modal-close onClick={() => onCloseRef.current?.()}>
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
