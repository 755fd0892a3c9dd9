import { Alert } from '../../../components/alert';
import { Spinner } from '../../../components/spinner';
import { errorMessage } from '../../../lib/error-messages';
import { formatDateTime } from '../../../lib/format';
import { roleName } from '../../../lib/roles';
import { useAccessLog } from '../api';
import { AuditFrame } from '../components/audit-frame';

/**
 * "Adgangslog" (DOMAIN §7): every opening of the citizen's record, newest first — when, who, in which role, the
 * purpose given, and whether the full CPR number was shown. Read from the event log; reading it opens no record.
 */
export function AccessLogPage() {
  return <AuditFrame title="Adgangslog">{(citizenId) => <AccessLog citizenId={citizenId} />}</AuditFrame>;
}

function AccessLog({ citizenId }: { citizenId: string }) {
  const log = useAccessLog(citizenId);
  if (log.isPending) return <Spinner status="Henter adgangsloggen …" />;
  if (log.isError) return <Alert variant="error">{errorMessage(log.error)}</Alert>;
  if (log.data.length === 0) return <p>Ingen har slået borgeren op.</p>;
  return (
    <div className="table--responsive-scroll">
      <table className="table table--zebra">
        <caption>Opslag på borgeren, nyeste først ({log.data.length})</caption>
        <thead>
          <tr>
            <th scope="col">Tidspunkt</th>
            <th scope="col">Bruger</th>
            <th scope="col">Rolle</th>
            <th scope="col">Formål</th>
            <th scope="col">Fuldt CPR-nr. vist</th>
          </tr>
        </thead>
        <tbody>
          {log.data.map((row, index) => (
            <tr key={`${row.at}-${index}`}>
              <td>{formatDateTime(row.at)}</td>
              <td>{row.name ?? (row.role === 'citizen' ? 'Borgeren selv' : 'Ukendt bruger')}</td>
              <td>{row.role ? roleName(row.role) : '–'}</td>
              <td>{row.purpose}</td>
              <td>{row.fullCprShown ? 'Ja' : 'Nej'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
