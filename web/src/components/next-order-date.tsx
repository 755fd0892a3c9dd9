import { formatDate } from '../lib/format';
import { Icon } from './icon';

/**
 * "Næste bestillingsdato" (user guide p. 7): the date in red with the little bell while ordering is blocked until
 * then, so the caseworker and the citizen see the same red date; plain otherwise. `blocked` is the caller's to
 * decide (`orderingBlocked` in lib/dates.ts). The bell carries its meaning in words for those who cannot see the
 * colour or the icon.
 */
export function NextOrderDate({ date, blocked }: { date: string | null | undefined; blocked: boolean }) {
  if (!date) return <span>–</span>;
  if (!blocked) return <span className="next-order-date">{formatDate(date)}</span>;
  return (
    <span className="next-order-date next-order-date-blocked">
      <Icon name="notifications" />
      <span className="sr-only">Spærret for bestilling indtil </span>
      {formatDate(date)}
    </span>
  );
}
