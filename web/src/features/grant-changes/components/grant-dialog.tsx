import type { ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Modal, type CloseReason } from '../../../components/modal';
import { grantPath } from '../paths';

/**
 * A dialog of the grant page that is a route of its own: open while its route is, and closing it ("Luk",
 * Escape, or after saving) goes back to the grant page. Leaving can be held up by a blocker (useLeaveGuard).
 */
export function GrantDialog({ id, heading, open = true, children, actions, onDisplaced }: {
  id: string;
  heading: ReactNode;
  /** False while a pop-up of the dialog's own is up (DKFDS shows one modal at a time). */
  open?: boolean;
  children: ReactNode;
  actions: ReactNode;
  /** Another modal took over the screen (the idle warning): the dialog is gone. */
  onDisplaced?: () => void;
}) {
  const close = useCloseDialog();
  const onClose = (reason: CloseReason) => {
    if (reason === 'displaced') onDisplaced?.();
    close();
  };
  return (
    <Modal id={id} open={open} guardedClose heading={heading} actions={actions} onClose={onClose}>
      {children}
    </Modal>
  );
}

/** Back to the grant page the dialog belongs to. */
export function useCloseDialog(): () => void {
  const navigate = useNavigate();
  const { citizenId = '' } = useParams();
  return () => void navigate(grantPath(citizenId));
}
