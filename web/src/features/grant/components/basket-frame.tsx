import type { ReactNode } from 'react';
import { ErrorSummary } from '../../../components/error-summary';
import { Modal } from '../../../components/modal';
import { TextareaField } from '../../../components/textarea-field';
import type { GrantCitizen } from '../types';
import type { useBasketOrder } from '../use-basket-order';

const REMARKS_MAX = 1000;

interface Props {
  readonly id: string;
  readonly open: boolean;
  readonly citizen: GrantCitizen;
  readonly empty: boolean;
  /** The way back, in the words of the page it returns to. */
  readonly backLabel: string;
  readonly ordering: ReturnType<typeof useBasketOrder>;
  /** The basket's lines, as the page shows them (a table for staff, a list that fits a phone for the citizen). */
  readonly children: ReactNode;
}

/**
 * "Indkøbskurv" (user guide p. 7) around its lines, the same for staff and for the citizen: the refusal summary,
 * the delivery address (the citizen's), "Bemærkninger" and the green "Bestil varer".
 */
export function BasketFrame({ id, open, citizen, empty, backLabel, ordering, children }: Props) {
  const { remarks, setRemarks, attempt, summary, order, close, pending } = ordering;
  return (
    <Modal
      id={id}
      open={open}
      heading="Indkøbskurv"
      onClose={close}
      actions={
        <>
          <button type="submit" form={`${id}-form`} className="button button-primary button-accept" disabled={pending || empty}>
            Bestil varer
          </button>
          <button type="button" className="button button-secondary" onClick={close}>
            {backLabel}
          </button>
        </>
      }
    >
      <form id={`${id}-form`} onSubmit={order} noValidate>
        <ErrorSummary items={summary} attempt={attempt} heading="Bestillingen blev afvist" />
        {children}
        <h3 className="h5">Leveringsadresse</h3>
        <p className="mt-0">
          {citizen.name}
          <br />
          {citizen.address.street}
          <br />
          {citizen.address.postalCode} {citizen.address.city}
        </p>
        <TextareaField
          id={`${id}-bemaerkninger`}
          label="Bemærkninger"
          hint="Valgfrit. F.eks. hvor pakken må stilles."
          maxLength={REMARKS_MAX}
          value={remarks}
          onChange={(event) => setRemarks(event.target.value)}
        />
      </form>
    </Modal>
  );
}

/** A refusal told at the line it concerns. */
export function LineRefusal({ text }: { readonly text: string | null }) {
  if (!text) return null;
  return (
    <span className="form-error-message d-block">
      <span className="sr-only">Fejl: </span>
      {text}
    </span>
  );
}
