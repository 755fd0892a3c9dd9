import type { ReactNode, Ref } from 'react';
import { RequiredMark } from './required-mark';

interface FormGroupProps {
  /** The control's id: the label points at it, and the hint and error take it as their ids' stem. */
  readonly id: string;
  readonly label: string;
  readonly required?: boolean;
  readonly hint?: ReactNode;
  readonly error?: string;
  /** The control itself; it takes `aria-describedby={describedBy(id, …)}` to be read with its hint and error. */
  readonly children: ReactNode;
  readonly ref?: Ref<HTMLDivElement>;
}

/**
 * A DKFDS form group: the label (with the guide's red star when required), the hint, the error message and the
 * control, the markup of designsystem.dk's "Inputfelter" that every field shares.
 */
export function FormGroup({ id, label, required, hint, error, children, ref }: FormGroupProps) {
  return (
    <div className={`form-group${error ? ' form-error' : ''}`} ref={ref}>
      <label className="form-label" htmlFor={id}>
        {label}
        {required && <RequiredMark />}
      </label>
      {hint && (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      {children}
    </div>
  );
}

/** The ids that describe a field: its hint and error when shown, and any more (e.g. a list of requirements). */
export const describedBy = (id: string, { hint, error, more }: { hint?: unknown; error?: unknown; more?: string }): string | undefined =>
  [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined, more].filter(Boolean).join(' ') || undefined;
