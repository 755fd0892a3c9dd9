import { pageParam } from '../../lib/paging';

/**
 * The order history's search (user guide p. 7) as the page's address holds it: `?from=&to=&q=&sort=&page=`.
 * A missing period is the API's default (the last month); the answer says which dates that was.
 */
export const HISTORY_SORTS = [
  { value: '-orderDate', label: 'Ordredato, nyeste først' },
  { value: 'orderDate', label: 'Ordredato, ældste først' },
  { value: '-orderNumber', label: 'Ordrenummer, højeste først' },
  { value: 'orderNumber', label: 'Ordrenummer, laveste først' },
  { value: 'status', label: 'Status, fra bestilt til annulleret' },
  { value: '-status', label: 'Status, fra annulleret til bestilt' },
] as const;

export type HistorySort = (typeof HISTORY_SORTS)[number]['value'];
export const DEFAULT_SORT: HistorySort = '-orderDate';

export interface HistoryCriteria {
  readonly from?: string;
  readonly to?: string;
  readonly q?: string;
  readonly sort: HistorySort;
  readonly page: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isSort = (value: string | null): value is HistorySort => HISTORY_SORTS.some((sort) => sort.value === value);

/** What the address asks for; anything malformed there is left out rather than sent to be refused. */
export function criteriaFromSearch(search: URLSearchParams): HistoryCriteria {
  const date = (name: string) => {
    const value = search.get(name);
    return value && ISO_DATE.test(value) ? value : undefined;
  };
  const sort = search.get('sort');
  const q = search.get('q')?.trim();
  return { from: date('from'), to: date('to'), q: q || undefined, sort: isSort(sort) ? sort : DEFAULT_SORT, page: pageParam(search.get('page')) };
}

/** The address of a search: defaults are left out, so the plain address is the guide's default view. */
export function searchFromCriteria(criteria: HistoryCriteria): URLSearchParams {
  const search = new URLSearchParams();
  if (criteria.from) search.set('from', criteria.from);
  if (criteria.to) search.set('to', criteria.to);
  if (criteria.q) search.set('q', criteria.q);
  if (criteria.sort !== DEFAULT_SORT) search.set('sort', criteria.sort);
  if (criteria.page > 1) search.set('page', String(criteria.page));
  return search;
}
