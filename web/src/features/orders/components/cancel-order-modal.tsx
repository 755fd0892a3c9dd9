import { useState, type FormEvent } from 'react';
import { ErrorSummary } from '../../../components/error-summary';
import { Modal } from '../../../components/modal';
import { TextareaField } from '../../../components/textarea-field';
import { fieldErrors, formErrorsFrom, hasErrors, NO_ERRORS } from '../../../lib/form-errors';
import { useCancelOrder, type OrderDetail } from '../api';

/**
 * "Annullér ordre": the reason, and the confirmation that the unshipped units go. A refusal (the order shipped
 * meanwhile: ORDER_ALREADY_SHIPPED) is told in the summary, and the order behind is shown afresh.
 */
export function CancelOrderModal({ order, onClose, onCancelled }: { order: OrderDetail; onClose: () => void; onCancelled: () => void }) {
  const cancel = useCancelOrder(order);
  const [errors, setErrors] = useState(NO_ERRORS);
  const [attempt, setAttempt] = useState(0);
  const formId = `cancel-order-${order.orderId}`;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    setAttempt((n) => n + 1);
    const missing = fieldErrors({ reason: reason ? undefined : 'Skriv, hvorfor ordren annulleres.' });
    setErrors(missing);
    if (hasErrors(missing)) return;
    cancel.mutate(reason, { onSuccess: onCancelled, onError: (error) => setErrors(formErrorsFrom(error, ['reason'])) });
  };

  return (
    <Modal
      id={`${formId}-modal`}
      open
      onClose={onClose}
      heading={`Annullér ordre ${order.orderNumber}`}
      actions={
        <>
          <button type="submit" form={formId} className="button button-primary" disabled={cancel.isPending}>
            Annullér ordre
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            Fortryd
          </button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate>
        <ErrorSummary items={errors.summary} attempt={attempt} />
        <p>
          Varer, der endnu ikke er afsendt, bliver annulleret, og antallet bliver ført tilbage på borgerens bevilling. Annulleringen kan ikke
          fortrydes.
        </p>
        <TextareaField id="reason" label="Årsag" hint="Årsagen gemmes på ordren og vises i ordrehistorikken." maxLength={500} error={errors.fields.reason} />
      </form>
    </Modal>
  );
}
