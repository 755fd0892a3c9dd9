import type { TextareaHTMLAttributes } from 'react';

interface TextareaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'> {
  readonly id: string;
  readonly label: string;
  readonly error?: string;
  readonly hint?: string;
}

/** DKFDS textarea ("Tekstområde") with its label, hint and error message. */
export function TextareaField({ id, label, error, hint, ...textarea }: TextareaFieldProps) {
  const described = [hint ? `${id}-hint` : undefined, error ? `${id}-error` : undefined].filter(Boolean).join(' ');
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
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
      <textarea id={id} name={id} className="form-input" rows={3} aria-invalid={error ? true : undefined} aria-describedby={described || undefined} {...textarea} />
    </div>
  );
}
