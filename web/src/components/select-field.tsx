import type { ReactNode, SelectHTMLAttributes } from 'react';
import { RequiredMark } from './required-mark';

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'> {
  readonly id: string;
  readonly label: string;
  readonly error?: string;
  readonly hint?: ReactNode;
  /** The choices as value and label; or, for anything more (groups, a disabled choice), `<option>`s as children. */
  readonly options?: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  readonly children?: ReactNode;
}

/** DKFDS dropdown ("Dropdown-menu") with its label, hint and error message; a required field shows the red star. */
export function SelectField({ id, label, error, hint, options, children, ...select }: SelectFieldProps) {
  const described = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
        {select.required && <RequiredMark />}
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
      <select id={id} name={id} className="form-select" aria-invalid={error ? true : undefined} aria-describedby={described || undefined} {...select}>
        {options
          ? options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))
          : children}
      </select>
    </div>
  );
}
