import type { ReactNode, SelectHTMLAttributes } from 'react';
import { describedBy, FormGroup } from './form-group';

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
  return (
    <FormGroup id={id} label={label} required={select.required} hint={hint} error={error}>
      <select id={id} name={id} className="form-select" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, { hint, error })} {...select}>
        {options
          ? options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))
          : children}
      </select>
    </FormGroup>
  );
}
