import { formatDate } from '../lib/format';
import { Icon } from './icon';

/**
 * "Næste bestillingsdato" (user guide p. 7): the date in red with the little bell when ordering is blocked until
 * then, so the caseworker and the citizen see the same red date. `blocked` is the caller's to decide (the date is
 * after today).
 */
export function NextOrderDate({ date, blocked }: { date: string | null; blocked: boolean }) {
  if (date === null) return <span>–</span>;
  if (!blocked) return <span className="next-order-date">{formatDate(date)}</span>;
  return (
    <span className="next-order-date next-order-date-blocked">
      <Icon name="notifications" />
      <span className="sr-only">Spærret for bestilling indtil </span>
      {formatDate(date)}
    </span>
  );
}
