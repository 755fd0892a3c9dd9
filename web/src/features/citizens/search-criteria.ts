import type { paths } from '../../api/schema';
import { isCitizenStatus, type CitizenStatus } from '../../lib/citizen-status';
import type { SortDirection } from '../../components/sort-header';

/**
 * "Find en eksisterende bevilling" (user guide p. 2–3): the criteria, combined, kept in the page's address so that
 * they survive going to a citizen and back — all but the CPR number, which never goes into an address or the
 * browser's history (a number kept in memory stands in for it: see remembered-cpr.ts).
 */
export type SearchQuery = NonNullable<paths['/api/v1/citizens']['get']['parameters']['query']>;
export type CitizenSort = NonNullable<SearchQuery['sort']>;
export type SortColumn = 'name' | 'city' | 'postalCode';

export interface SearchCriteria {
  readonly name: string;
  readonly address: string;
  /** "Postnummer eller by": four digits are a postal code, anything else part of a city's name. */
  readonly place: string;
  readonly grantArea: string;
  readonly status: CitizenStatus;
  readonly itemNumber: string;
  readonly sort: CitizenSort;
  readonly page: number;
  readonly pageSize: number;
  /** Stands for a CPR number kept in this tab's memory; empty when the search has none. */
  readonly cprRef: string;
}

/** What a page that sends the user back to the search may say (no personal data: it stays in the browser's history). */
export interface SearchPageState {
  readonly notice?: string;
}

export const DEFAULT_CRITERIA: SearchCriteria = {
  name: '',
  address: '',
  place: '',
  grantArea: '',
  status: 'ACTIVE',
  itemNumber: '',
  sort: 'name',
  page: 1,
  pageSize: 25,
  cprRef: '',
};

const SORTS: readonly CitizenSort[] = ['name', '-name', 'city', '-city', 'postalCode', '-postalCode'];
const TEXT_FIELDS = ['name', 'address', 'place', 'grantArea', 'itemNumber', 'cprRef'] as const;

const whole = (value: string | null, fallback: number, max: number): number => {
  const number = Number(value);
  return Number.isInteger(number) && number >= 1 && number <= max ? number : fallback;
};

/** The criteria in an address's query; anything missing or malformed is the default. */
export function criteriaFromUrl(params: URLSearchParams): SearchCriteria {
  const text = Object.fromEntries(TEXT_FIELDS.map((field) => [field, (params.get(field) ?? '').trim().slice(0, 100)]));
  const status = params.get('status');
  const sort = params.get('sort');
  return {
    ...DEFAULT_CRITERIA,
    ...text,
    status: isCitizenStatus(status) ? status : DEFAULT_CRITERIA.status,
    sort: SORTS.includes(sort as CitizenSort) ? (sort as CitizenSort) : DEFAULT_CRITERIA.sort,
    page: whole(params.get('page'), 1, 100_000),
    pageSize: whole(params.get('pageSize'), DEFAULT_CRITERIA.pageSize, 200),
  };
}

/** The criteria as an address's query: only what differs from the defaults, so a plain search reads plainly. */
export function criteriaToUrl(criteria: SearchCriteria): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of TEXT_FIELDS) if (criteria[field]) params.set(field, criteria[field]);
  if (criteria.status !== DEFAULT_CRITERIA.status) params.set('status', criteria.status);
  if (criteria.sort !== DEFAULT_CRITERIA.sort) params.set('sort', criteria.sort);
  if (criteria.page !== 1) params.set('page', String(criteria.page));
  if (criteria.pageSize !== DEFAULT_CRITERIA.pageSize) params.set('pageSize', String(criteria.pageSize));
  return params;
}

/** What GET /citizens is asked: the criteria, with the CPR number from memory. */
export function searchQuery(criteria: SearchCriteria, cpr?: string): SearchQuery {
  const place = criteria.place ? (/^\d{4}$/.test(criteria.place) ? { postalCode: criteria.place } : { city: criteria.place }) : {};
  const given = (value: string) => value || undefined;
  const query: SearchQuery = {
    name: given(criteria.name),
    address: given(criteria.address),
    ...place,
    grantArea: given(criteria.grantArea),
    itemNumber: given(criteria.itemNumber),
    cpr: cpr || undefined,
    status: criteria.status,
    sort: criteria.sort,
    page: criteria.page,
    pageSize: criteria.pageSize,
  };
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined)) as SearchQuery;
}

/** A click on a column's header: ascending first, then the other way round. */
export const nextSort = (current: CitizenSort, column: SortColumn): CitizenSort => (current === column ? `-${column}` : column);

export function sortDirection(current: CitizenSort, column: SortColumn): SortDirection | undefined {
  if (current === column) return 'ascending';
  if (current === `-${column}`) return 'descending';
  return undefined;
}
