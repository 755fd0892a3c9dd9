import type { ReactNode, SelectHTMLAttributes } from 'react';

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'> {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly children: ReactNode;
}

/** DKFDS dropdown ("Dropdown-liste"): a native select with its label and hint. */
export function SelectField({ id, label, hint, children, ...select }: SelectFieldProps) {
  return (
    <div className="form-group">
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      <select id={id} name={id} className="form-select" aria-describedby={hint ? `${id}-hint` : undefined} {...select}>
        {children}
      </select>
    </div>
  );
}
