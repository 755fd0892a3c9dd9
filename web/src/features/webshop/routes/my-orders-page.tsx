import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { Alert } from '../../../components/alert';
import { PageHeading } from '../../../components/page-heading';
import { Pagination } from '../../../components/pagination';
import { Spinner } from '../../../components/spinner';
import { errorMessage } from '../../../lib/error-messages';
import { formatDate } from '../../../lib/format';
import { shownRange } from '../../../lib/paging';
import { criteriaFromSearch, HISTORY_PAGE_SIZE, HistorySearchForm, searchFromCriteria, useOrderHistory, type HistoryCriteria, type HistorySearch } from '../../orders/api';
import { useOwnCitizenId } from '../api';
import { OnlyForCitizens } from '../components/only-for-citizens';
import { OwnOrder } from '../components/own-order';

const TITLE = 'Mine ordrer';

/**
 * "Mine ordrer" (user guide p. 7, "Vis ordrehistorik" for the citizen): the citizen's own orders in a period (the
 * last month unless an earlier start is chosen), newest first, each opening in place with its products and their
 * delivery. The search lives in the address, as on the staff's history.
 */
export function MyOrdersPage() {
  const citizenId = useOwnCitizenId();
  if (!citizenId) return <OnlyForCitizens title={TITLE} />;
  return <OwnOrders citizenId={citizenId} />;
}

function OwnOrders({ citizenId }: { citizenId: string }) {
  const [search, setSearch] = useSearchParams();
  const criteria = useMemo(() => criteriaFromSearch(search), [search]);
  const history = useOrderHistory(citizenId, criteria);
  const go = (next: HistoryCriteria) => setSearch(searchFromCriteria(next));
  const answer = history.data;
  const shown: Partial<HistorySearch> = { from: answer?.from ?? criteria.from, to: answer?.to ?? criteria.to, q: criteria.q };

  return (
    <>
      <PageHeading title={TITLE}>{TITLE}</PageHeading>
      <HistorySearchForm shown={shown} onSearch={(next) => go({ ...criteria, ...next, q: next.q || undefined, page: 1 })} />
      {history.isPending && <Spinner status="Henter dine ordrer …" />}
      {history.isError && <Alert variant="error">{errorMessage(history.error)}</Alert>}
      {answer && (
        <section aria-labelledby="mine-ordrer-heading" aria-busy={history.isFetching} className="mt-7">
          <h2 id="mine-ordrer-heading">Ordrer</h2>
          <p role="status">{summary(answer.total, answer.page, answer.pageSize, `fra ${formatDate(answer.from)} til ${formatDate(answer.to)}`)}</p>
          {answer.items.length > 0 && (
            <ul className="nobullet-list webshop-orders">
              {answer.items.map((order) => (
                <OwnOrder key={order.orderId} order={order} />
              ))}
            </ul>
          )}
          <Pagination label="Sider med mine ordrer" page={answer.page} pageSize={HISTORY_PAGE_SIZE} total={answer.total} onPage={(page) => go({ ...criteria, page })} />
        </section>
      )}
    </>
  );
}

function summary(total: number, page: number, pageSize: number, period: string): string {
  if (total === 0) return `Du har ingen ordrer ${period}.`;
  const { first, last } = shownRange(page, pageSize, total);
  return `Viser ${first}–${last} af ${total} ${total === 1 ? 'ordre' : 'ordrer'} ${period}.`;
}
