import type { ReactNode } from 'react';
import { Icon } from './icon';

type Variant = 'info' | 'success' | 'warning' | 'error';

const ICON_LABEL: Record<Variant, string> = { info: 'Information', success: 'Succes', warning: 'Advarsel', error: 'Fejl' };

/** DKFDS alert. Warnings and errors are announced (role="alert"), as DKFDS does. */
export function Alert({ variant, heading, children, id }: { variant: Variant; heading?: string; children?: ReactNode; id?: string }) {
  const announced = variant === 'warning' || variant === 'error';
  return (
    <div className={`alert alert-${variant}`} role={announced ? 'alert' : 'status'} id={id}>
      <Icon name={variant} label={ICON_LABEL[variant]} className="alert-icon" />
      <div className="alert-body">
        {heading && <h2 className="alert-heading">{heading}</h2>}
        {children && <div className="alert-text">{children}</div>}
      </div>
    </div>
  );
}
