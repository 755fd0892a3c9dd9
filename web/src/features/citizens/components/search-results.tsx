import { Link } from 'react-router';
import { Alert } from '../../../components/alert';
import { NextOrderDate } from '../../../components/next-order-date';
import { TablePagination } from '../../../components/pagination';
import { SortHeader } from '../../../components/sort-header';
import { Spinner } from '../../../components/spinner';
import { copenhagenToday, orderingBlocked } from '../../../lib/dates';
import { CITIZEN_STATUS_NAMES } from '../../../lib/citizen-status';
import { errorMessage } from '../../../lib/error-messages';
import { formatNumber } from '../../../lib/format';
import type { CitizenSearchAnswer } from '../api';
import { citizenDataPath, grantPath } from '../paths';
import { nextSort, sortDirection, type SearchCriteria, type SortColumn } from '../search-criteria';

/**
 * The search's result as a DKFDS table (user guide p. 2: "systemet viser alle aktive borgere i listevisningen"):
 * masked CPR number, name, address, areas, status, the next order date with the bell; sorted by name, city or
 * postal code; paged. The supplier's staff also see each citizen's municipality.
 */
export function SearchResults({ answer, isPending, error, criteria, showMunicipality, searchPath, onChange }: {
  answer: CitizenSearchAnswer | undefined;
  isPending: boolean;
  error: unknown;
  criteria: SearchCriteria;
  showMunicipality: boolean;
  /** The search's own address, so that "Brugerdata" can lead back to it. */
  searchPath: string;
  onChange: (criteria: SearchCriteria) => void;
}) {
  if (error) return <Alert variant="error">{errorMessage(error)}</Alert>;
  if (!answer) return isPending ? <Spinner status="Søger …" /> : null;
  if (answer.total === 0) {
    return (
      <Alert variant="info" heading="Ingen borgere fundet">
        Ingen borgere passer på søgningen. Prøv med færre eller andre søgekriterier.
      </Alert>
    );
  }
  const today = copenhagenToday();
  const first = (answer.page - 1) * answer.pageSize + 1;
  const last = first + answer.items.length - 1;
  const sortBy = (column: SortColumn) => onChange({ ...criteria, sort: nextSort(criteria.sort, column), page: 1 });
  return (
    <>
      <p className="rows-message" role="status">
        {answer.total === 1 ? '1 borger fundet.' : `${formatNumber(answer.total)} borgere fundet.`} Viser {formatNumber(first)}–{formatNumber(last)}.
      </p>
      <div className="table--responsive-scroll">
        <table className="table table--zebra table--compact">
          <caption className="sr-only">Søgeresultat, side {answer.page}</caption>
          <thead>
            <tr>
              <th scope="col">CPR-nummer</th>
              <SortHeader label="Navn" direction={sortDirection(criteria.sort, 'name')} onSort={() => sortBy('name')} />
              <th scope="col">Adresse</th>
              <SortHeader label="Postnr." direction={sortDirection(criteria.sort, 'postalCode')} onSort={() => sortBy('postalCode')} />
              <SortHeader label="By" direction={sortDirection(criteria.sort, 'city')} onSort={() => sortBy('city')} />
              {showMunicipality && <th scope="col">Kommune</th>}
              <th scope="col">Bevillingsområder</th>
              <th scope="col">Status</th>
              <th scope="col">Næste bestillingsdato</th>
              <th scope="col">
                <span className="sr-only">Handlinger</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {answer.items.map((row) => (
              <tr key={row.citizenId}>
                <td className="text-nowrap">{row.cprMasked}</td>
                <td>{row.name}</td>
                <td>{row.address}</td>
                <td>{row.postalCode}</td>
                <td>{row.city}</td>
                {showMunicipality && <td>{row.municipalityId}</td>}
                <td>{row.grantAreas.length > 0 ? row.grantAreas.join(', ') : <span className="form-hint">Ingen</span>}</td>
                <td>{CITIZEN_STATUS_NAMES[row.status]}</td>
                <td>
                  <NextOrderDate date={row.nextOrderDate} blocked={orderingBlocked(row.nextOrderDate, today)} />
                </td>
                <td>
                  <div className="citizen-row-actions">
                    <Link to={grantPath(row.citizenId)} className="button button-secondary">
                      Se bevilling<span className="sr-only"> for {row.name}</span>
                    </Link>
                    <Link to={citizenDataPath(row.citizenId)} state={{ from: searchPath }} className="function-link">
                      Brugerdata<span className="sr-only"> for {row.name}</span>
                    </Link>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <TablePagination
        id="search-results"
        label="Sider i søgeresultatet"
        page={answer.page}
        pageSize={answer.pageSize}
        total={answer.total}
        onPage={(page) => onChange({ ...criteria, page })}
        onPageSize={(pageSize) => onChange({ ...criteria, pageSize, page: 1 })}
      />
    </>
  );
}
