import { useEffect, useRef } from 'react';
import DkfdsErrorSummary from '@dkfds/src/js/components/error-summary.js';
import type { SummaryItem } from '../lib/form-errors';
import { Icon } from './icon';

/**
 * DKFDS error summary: shown at the top of a form after a failed submit, focused (DKFDS's script does that,
 * and moves focus to a field when its link is followed). Give a new `attempt` on every submit, so that a
 * repeated failure takes the focus again.
 */
export function ErrorSummary({ items, attempt, heading = 'Der er et problem' }: { items: readonly SummaryItem[]; attempt: number; heading?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (ref.current && items.length > 0) new DkfdsErrorSummary(ref.current).init();
  }, [attempt, items.length]);
  if (items.length === 0) return null;
  return (
    <div className="alert alert-error" role="alert" aria-labelledby="error-summary-title" data-module="error-summary" tabIndex={-1} ref={ref} key={attempt}>
      <Icon name="error" label="Fejl" className="alert-icon" />
      <div className="alert-body">
        <h2 className="alert-heading" id="error-summary-title">
          {heading}
        </h2>
        <ul className="alert-text nobullet-list">
          {items.map((item, index) => (
            <li key={`${item.field ?? ''}-${index}`}>{item.field ? <a href={`#${item.field}`} className="function-link">{item.message}</a> : item.message}</li>
          ))}
        </ul>
      </div>
    </div>
  );
}
