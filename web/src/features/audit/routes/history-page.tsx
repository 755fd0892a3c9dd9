import { useSearchParams } from 'react-router';
import { Alert } from '../../../components/alert';
import { Pagination } from '../../../components/pagination';
import { Spinner } from '../../../components/spinner';
import { errorMessage } from '../../../lib/error-messages';
import { formatDateTime } from '../../../lib/format';
import { pageParam, shownRange } from '../../../lib/paging';
import { useCitizenHistory, type HistoryItem } from '../api';
import { AuditFrame } from '../components/audit-frame';
import { actorText, eventText } from '../event-texts';

const STREAM_NAMES: Readonly<Record<string, string>> = { citizen: 'Borger', grant: 'Bevilling', order: 'Ordre' };

/**
 * "Hændelseshistorik" (PORTAL.md, auditor): everything that happened to the citizen, their grant and their orders,
 * oldest first: when, who (name and role), what, in words; CPR numbers masked by the service. Reading it is
 * recorded in the citizen's access log. The page number lives in the address.
 */
export function HistoryPage() {
  return <AuditFrame title="Hændelseshistorik">{(citizenId) => <History citizenId={citizenId} />}</AuditFrame>;
}

function History({ citizenId }: { citizenId: string }) {
  const [search, setSearch] = useSearchParams();
  const page = pageParam(search.get('side'));
  const history = useCitizenHistory(citizenId, page);
  if (history.isPending) return <Spinner status="Henter hændelseshistorikken …" />;
  if (history.isError) return <Alert variant="error">{errorMessage(history.error)}</Alert>;
  const { items, total, pageSize } = history.data;
  const { first, last } = shownRange(page, pageSize, total);
  return (
    <section aria-labelledby="history-heading" aria-busy={history.isFetching}>
      <h2 id="history-heading">Tidslinje</h2>
      <p>
        {total === 0 ? 'Ingen hændelser.' : `Hændelse ${first}–${last} af ${total}, ældste først.`} CPR-numre vises maskeret. Dit opslag er registreret i
        borgerens adgangslog.
      </p>
      <ol className="audit-timeline nobullet-list" start={first}>
        {items.map((item) => (
          <TimelineEntry key={item.position} item={item} />
        ))}
      </ol>
      <Pagination label="Sider i hændelseshistorikken" page={page} pageSize={pageSize} total={total} onPage={(next) => setSearch({ side: String(next) })} />
    </section>
  );
}

function TimelineEntry({ item }: { item: HistoryItem }) {
  const { what, details } = eventText(item.type, item.data);
  return (
    <li className="audit-event" data-event-type={item.type}>
      <h3 className="h5 mt-0 mb-1">{what}</h3>
      <p className="mt-0 mb-1">
        <time dateTime={item.at ?? item.recordedAt}>{formatDateTime(item.at ?? item.recordedAt)}</time> · {actorText(item.actor)} ·{' '}
        <span className="audit-stream">{STREAM_NAMES[item.stream] ?? item.stream}</span>
      </p>
      {details.length > 0 && (
        <ul className="mt-0 mb-0">
          {details.map((detail) => (
            <li key={detail}>{detail}</li>
          ))}
        </ul>
      )}
    </li>
  );
}
