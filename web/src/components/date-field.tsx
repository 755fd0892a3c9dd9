import { useEffect, useRef } from 'react';
import datePicker from '@dkfds/src/js/components/date-picker.js';
import { describedBy, FormGroup } from './form-group';

interface DateFieldProps {
  readonly id: string;
  readonly label: string;
  /** The field's date: YYYY-MM-DD, or empty. The field shows it as dd.mm.åååå. */
  readonly defaultValue?: string;
  readonly min?: string;
  readonly max?: string;
  readonly error?: string;
  readonly hint?: string;
}

/**
 * DKFDS date picker ("Datovælger"): a text field for dd.mm.åååå with a calendar button. DKFDS's script enhances
 * the markup (a visible copy of the input takes the label's id; the original, hidden, keeps the name and holds
 * YYYY-MM-DD), so the field is uncontrolled: a form reads it by name (`dateFieldValue`). Give it a new `key` to
 * show another date.
 */
export function DateField({ id, label, defaultValue, min, max, error, hint = 'Skriv datoen som dd.mm.åååå, eller vælg den i kalenderen.' }: DateFieldProps) {
  const group = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // DKFDS enhances the `.date-picker` elements within what it is given, and listens there.
    const element = group.current;
    if (!element) return undefined;
    datePicker.on(element);
    return () => datePicker.off(element);
  }, []);
  return (
    <FormGroup id={id} label={label} hint={hint} error={error} ref={group}>
      <div className="date-picker" data-dateformat="DD.MM.YYYY" data-default-value={defaultValue || undefined} data-min-date={min} data-max-date={max}>
        <input className="form-input" id={id} name={id} type="text" autoComplete="off" aria-describedby={describedBy(id, { hint, error })} aria-invalid={error ? true : undefined} />
      </div>
    </FormGroup>
  );
}

/**
 * What a date field of the form holds: its date (YYYY-MM-DD), `''` when empty, or `null` when something was typed
 * that is not a date.
 */
export function dateFieldValue(form: HTMLFormElement, id: string): string | null {
  const typed = form.querySelector<HTMLInputElement>(`#${CSS.escape(id)}`)?.value.trim() ?? '';
  const date = String(new FormData(form).get(id) ?? '');
  if (typed === '') return '';
  return /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
}
