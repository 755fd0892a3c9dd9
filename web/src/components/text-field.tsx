import type { InputHTMLAttributes, ReactNode } from 'react';
import { RequiredMark } from './required-mark';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'> {
  readonly id: string;
  readonly label: string;
  readonly error?: string;
  readonly hint?: ReactNode;
  /** Ids of more text that describes the field (e.g. a list of password requirements). */
  readonly describedBy?: string;
  /** DKFDS's input widths: a short field for a short value (a number, a date). */
  readonly width?: 'xxs' | 'xs' | 's' | 'm' | 'l';
}

/**
 * DKFDS text input with its label, hint and error message (markup as designsystem.dk's "Inputfelter"); a required
 * field shows the guide's red star.
 */
export function TextField({ id, label, error, hint, describedBy, width, ...input }: TextFieldProps) {
  const described = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined, describedBy].filter(Boolean).join(' ');
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
        {input.required && <RequiredMark />}
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
      <input id={id} name={id} className={width ? `form-input input-width-${width}` : 'form-input'} aria-invalid={error ? true : undefined} aria-describedby={described || undefined} {...input} />
    </div>
  );
}
