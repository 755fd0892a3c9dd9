import type { InputHTMLAttributes, ReactNode } from 'react';

interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className' | 'type'> {
  readonly id: string;
  readonly label: ReactNode;
  readonly error?: string;
}

/** DKFDS checkbox ("Tjekboks") with its label and, in trouble, its error message. */
export function CheckboxField({ id, label, error, ...input }: CheckboxFieldProps) {
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      {error && (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="sr-only">Fejl: </span>
          {error}
        </span>
      )}
      <div className="form-group-checkbox">
        <input id={id} name={id} type="checkbox" className="form-checkbox" aria-describedby={error ? `${id}-error` : undefined} {...input} />
        <label htmlFor={id}>{label}</label>
      </div>
    </div>
  );
}
