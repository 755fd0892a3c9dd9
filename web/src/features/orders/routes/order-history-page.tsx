import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert } from '../../../components/alert';
import { PageHeading } from '../../../components/page-heading';
import { Pagination } from '../../../components/pagination';
import { SelectField } from '../../../components/select-field';
import { Spinner } from '../../../components/spinner';
import { isApiError } from '../../../lib/api-error';
import { errorMessage } from '../../../lib/error-messages';
import { formatDate, maskCpr } from '../../../lib/format';
import { shownRange } from '../../../lib/paging';
import { HISTORY_PAGE_SIZE, useOrderHistory, type OrderHistory } from '../api';
import { HistorySearchForm, type HistorySearch } from '../components/history-search-form';
import { OrderTable } from '../components/order-table';
import { criteriaFromSearch, HISTORY_SORTS, searchFromCriteria, type HistoryCriteria, type HistorySort } from '../history-criteria';

const TITLE = 'Ordrehistorik';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * "Vis ordrehistorik" (user guide p. 7): a citizen's orders in a period (the last month unless an earlier start is
 * chosen), narrowed by free text, sorted and paged; each order opens in place. The search lives in the address,
 * so the browser's back button and a bookmark return to it.
 */
export function OrderHistoryPage() {
  const { citizenId = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const criteria = useMemo(() => criteriaFromSearch(search), [search]);
  const history = useOrderHistory(citizenId, criteria);
  const go = (next: HistoryCriteria) => setSearch(searchFromCriteria(next));

  const backLink = (
    <Link className="back-link" to={`/borgere/${citizenId}/bevilling`}>
      Tilbage til borgers bevilling
    </Link>
  );

  if (!UUID.test(citizenId) || (history.isError && isApiError(history.error) && history.error.status === 404)) {
    return (
      <>
        <PageHeading title={TITLE}>{TITLE}</PageHeading>
        <Alert variant="error" heading="Borgeren findes ikke">
          Borgeren findes ikke, eller du har ikke adgang til borgerens oplysninger.
        </Alert>
        <p>
          <Link to="/borgere">Til Brugere</Link>
        </p>
      </>
    );
  }
  if (history.isPending) {
    return (
      <>
        {backLink}
        <PageHeading title={TITLE}>{TITLE}</PageHeading>
        <Spinner status="Henter ordrehistorikken …" />
      </>
    );
  }

  const answer = history.data;
  const shown: Partial<HistorySearch> = { from: answer?.from ?? criteria.from, to: answer?.to ?? criteria.to, q: criteria.q };
  return (
    <>
      {backLink}
      <PageHeading title={TITLE}>{TITLE}</PageHeading>
      {answer && (
        <p className="font-lead">
          {answer.citizen.name}, CPR-nr. {maskCpr(answer.citizen.cprMasked)}
        </p>
      )}
      <HistorySearchForm shown={shown} onSearch={(next) => go({ ...criteria, ...next, q: next.q || undefined, page: 1 })} />
      {history.isError && <Alert variant="error">{errorMessage(history.error)}</Alert>}
      {answer && <Results answer={answer} criteria={criteria} onChange={go} busy={history.isFetching} />}
    </>
  );
}

function Results({ answer, criteria, onChange, busy }: { answer: OrderHistory; criteria: HistoryCriteria; onChange: (next: HistoryCriteria) => void; busy: boolean }) {
  const { first, last } = shownRange(answer.page, answer.pageSize, answer.total);
  const period = `fra ${formatDate(answer.from)} til ${formatDate(answer.to)}`;
  return (
    <section aria-labelledby="orders-heading" aria-busy={busy} className="mt-7">
      <h2 id="orders-heading">Ordrer</h2>
      <div className="row align-items-end">
        <div className="col-12 col-md-7">
          <p role="status">
            {answer.total === 0
              ? `Der er ingen ordrer ${period}${criteria.q ? `, der passer på "${criteria.q}"` : ''}.`
              : `Viser ${first}–${last} af ${answer.total} ${answer.total === 1 ? 'ordre' : 'ordrer'} ${period}.`}
          </p>
        </div>
        <div className="col-12 col-md-5">
          <SelectField id="sort" label="Sortér efter" value={criteria.sort} onChange={(event) => onChange({ ...criteria, sort: event.target.value as HistorySort, page: 1 })}>
            {HISTORY_SORTS.map((sort) => (
              <option key={sort.value} value={sort.value}>
                {sort.label}
              </option>
            ))}
          </SelectField>
        </div>
      </div>
      {answer.items.length > 0 && <OrderTable key={`${criteria.sort}-${answer.page}`} orders={answer.items} />}
      <Pagination label="Sider i ordrehistorikken" page={answer.page} pageSize={HISTORY_PAGE_SIZE} total={answer.total} onPage={(page) => onChange({ ...criteria, page })} />
    </section>
  );
}
