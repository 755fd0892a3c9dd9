import type { TextareaHTMLAttributes } from 'react';
import { describedBy, FormGroup } from './form-group';

interface TextareaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'> {
  readonly id: string;
  readonly label: string;
  readonly error?: string;
  readonly hint?: string;
}

/** DKFDS textarea ("Tekstområde") with its label, hint and error message. */
export function TextareaField({ id, label, error, hint, ...textarea }: TextareaFieldProps) {
  return (
    <FormGroup id={id} label={label} required={textarea.required} hint={hint} error={error}>
      <textarea id={id} name={id} className="form-input" rows={3} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, { hint, error })} {...textarea} />
    </FormGroup>
  );
}
