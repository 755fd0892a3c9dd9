import { pageCount, pageItems } from '../lib/paging';
import { Icon } from './icon';

const PAGE_SIZES = [10, 25, 50, 100];

/**
 * DKFDS pagination ("Paginering") of a list of `total` rows. Buttons, not links: the page changes the list's
 * query (its address included); the current page says so (aria-current), and `label` tells a screen reader which
 * list this pager belongs to.
 */
export function Pagination({ label, page, pageSize, total, onPage, className = 'pagination' }: {
  /** What the pages are of: e.g. "Sider i søgeresultatet". */
  label: string;
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  /** DKFDS styles a pager under a table (`table-pagination`) apart from one on its own. */
  className?: 'pagination' | 'table-pagination';
}) {
  const pages = pageCount(total, pageSize);
  if (pages <= 1) return null;
  return (
    <nav className={className} aria-label={label}>
      <button type="button" className={`button button-arrow button-previous${page <= 1 ? ' hidden' : ''}`} onClick={() => onPage(page - 1)} disabled={page <= 1}>
        <Icon name="chevron-left" />
        <span className="pagination-nav-link">Forrige</span>
        <span className="sr-only"> side</span>
      </button>
      <span className="pagination-mobile">
        Side {page} af {pages}
      </span>
      <ul className="pagination__items">
        {pageItems(page, pages).map((item, index) =>
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
      <button type="button" className={`button button-arrow button-next${page >= pages ? ' hidden' : ''}`} onClick={() => onPage(page + 1)} disabled={page >= pages}>
        <span className="pagination-nav-link">Næste</span>
        <span className="sr-only"> side</span>
        <Icon name="chevron-right" />
      </button>
    </nav>
  );
}

/** DKFDS table pagination: "Antal pr. side" beside the pages. */
export function TablePagination({ id, onPageSize, ...pager }: Parameters<typeof Pagination>[0] & { id: string; onPageSize: (pageSize: number) => void }) {
  const sizes = PAGE_SIZES.includes(pager.pageSize) ? PAGE_SIZES : [...PAGE_SIZES, pager.pageSize].sort((a, b) => a - b);
  return (
    <div className="table-pagination-options">
      <div className="form-group">
        <label className="form-label" htmlFor={`${id}-page-size`}>
          Antal pr. side
        </label>
        <select id={`${id}-page-size`} className="form-select" value={pager.pageSize} onChange={(event) => onPageSize(Number(event.target.value))}>
          {sizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </div>
      <Pagination {...pager} className="table-pagination" />
    </div>
  );
}
