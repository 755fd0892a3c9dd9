import { Icon } from './icon';
import { pageCount, pageNumbers } from '../lib/paging';

/**
 * DKFDS pagination ("Sidenavigation") of a list of `total` rows. Buttons, not links: the page changes the list's
 * query (its address included), and `label` tells a screen reader which list this pager belongs to.
 */
export function Pagination({ page, pageSize, total, onPage, label }: { page: number; pageSize: number; total: number; onPage: (page: number) => void; label: string }) {
  const pages = pageCount(total, pageSize);
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={label}>
      <button type="button" className={`button button-arrow button-previous${page <= 1 ? ' hidden' : ''}`} onClick={() => onPage(page - 1)} disabled={page <= 1}>
        <Icon name="chevron-left" />
        <span className="pagination-nav-link">Forrige</span>
        <span className="sr-only"> side</span>
      </button>
      <span className="pagination-mobile">
        Side {page} af {pages}
      </span>
      <ul className="pagination__items">
        {pageNumbers(page, pages).map((number, index) =>
          number === null ? (
            <li key={`gap-${index}`} className="pagination-item pagination-overflow" aria-hidden="true">
              <span>…</span>
            </li>
          ) : (
            <li key={number} className="pagination-item pagination-number">
              <button
                type="button"
                className={`button${number === page ? ' current-page' : ''}`}
                aria-current={number === page ? 'page' : undefined}
                aria-label={`Side ${number}`}
                onClick={() => onPage(number)}
              >
                {number}
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
