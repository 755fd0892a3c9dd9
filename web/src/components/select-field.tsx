import type { ReactNode, SelectHTMLAttributes } from 'react';
import { RequiredMark } from './required-mark';

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'> {
  readonly id: string;
  readonly label: string;
  readonly options: ReadonlyArray<{ readonly value: string; readonly label: string }>;
  readonly error?: string;
  readonly hint?: ReactNode;
}

/** DKFDS dropdown ("Dropdown-menu"): a native select with its label, hint and error message. */
export function SelectField({ id, label, options, error, hint, ...select }: SelectFieldProps) {
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
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
