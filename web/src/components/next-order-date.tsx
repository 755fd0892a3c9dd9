import { copenhagenToday, orderingBlocked } from '../lib/calendar';
import { formatDate } from '../lib/format';
import { Icon } from './icon';

/**
 * A next order date (user guide p. 7): in red with the bell while ordering is blocked (the date is after today),
 * plain otherwise. The bell carries its meaning in words for those who cannot see the colour or the icon.
 */
export function NextOrderDate({ date, today = copenhagenToday() }: { date: string | null | undefined; today?: string }) {
  if (!date) return <span className="form-hint">Ingen</span>;
  if (!orderingBlocked(date, today)) return <span>{formatDate(date)}</span>;
  return (
    <span className="next-order-date-blocked">
      <Icon name="notifications" />
      {formatDate(date)}
      <span className="sr-only"> (kan først bestilles denne dag)</span>
    </span>
  );
}
