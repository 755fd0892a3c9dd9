import type { InputHTMLAttributes, ReactNode } from 'react';
import { describedBy, FormGroup } from './form-group';

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
export function TextField({ id, label, error, hint, describedBy: more, width, ...input }: TextFieldProps) {
  return (
    <FormGroup id={id} label={label} required={input.required} hint={hint} error={error}>
      <input id={id} name={id} className={width ? `form-input input-width-${width}` : 'form-input'} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, { hint, error, more })} {...input} />
    </FormGroup>
  );
}
