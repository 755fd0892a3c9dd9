import { pageCountOf, pageItems } from '../lib/pagination';
import { Icon } from './icon';

const PAGE_SIZES = [10, 25, 50, 100];

/**
 * DKFDS table pagination ("Paginering" under a table): the page size and the pages. Pages are buttons (the list
 * is loaded in place); the current one says so (aria-current).
 */
export function TablePagination({ id, label, page, pageSize, total, onPage, onPageSize }: {
  id: string;
  /** What the pages are of, for screen readers: e.g. "Sider i søgeresultatet". */
  label: string;
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  onPageSize: (pageSize: number) => void;
}) {
  const pageCount = pageCountOf(total, pageSize);
  return (
    <div className="table-pagination-options">
      <div className="form-group">
        <label className="form-label" htmlFor={`${id}-page-size`}>
          Antal pr. side
        </label>
        <select id={`${id}-page-size`} className="form-select" value={pageSize} onChange={(event) => onPageSize(Number(event.target.value))}>
          {(PAGE_SIZES.includes(pageSize) ? PAGE_SIZES : [...PAGE_SIZES, pageSize].sort((a, b) => a - b)).map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
      {pageCount > 1 && (
        <nav className="table-pagination" aria-label={label}>
          <button type="button" className={`button button-arrow button-previous${page <= 1 ? ' hidden' : ''}`} onClick={() => onPage(page - 1)} aria-label="Forrige side">
            <Icon name="chevron-left" />
            <span className="pagination-nav-link">Forrige</span>
          </button>
          <span className="pagination-mobile">
            Side {page} af {pageCount}
          </span>
          <ul className="pagination__items">
            {pageItems(page, pageCount).map((item, index) =>
              item === 'gap' ? (
                <li key={`gap-${index}`} className="pagination-item pagination-overflow" aria-hidden="true">
                  <span>…</span>
                </li>
              ) : (
                <li key={item} className="pagination-item pagination-number">
                  <button
                    type="button"
                    className={`button${item === page ? ' current-page' : ''}`}
                    aria-current={item === page ? 'page' : undefined}
                    aria-label={`Side ${item}`}
                    onClick={() => onPage(item)}
                  >
                    {item}
                  </button>
                </li>
              ),
            )}
          </ul>
          <button type="button" className={`button button-arrow button-next${page >= pageCount ? ' hidden' : ''}`} onClick={() => onPage(page + 1)} aria-label="Næste side">
            <span className="pagination-nav-link">Næste</span>
            <Icon name="chevron-right" />
          </button>
        </nav>
      )}
    </div>
  );
}
