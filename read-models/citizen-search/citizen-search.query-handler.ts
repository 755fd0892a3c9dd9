import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { maySeeRemovedCitizens, municipalityScope, visibleGrantAreas } from '../../src/kernel/access-policy.js';
import { isRemovalStatus } from '../../src/citizens/citizen.events.js';
import { SearchCitizens, type CitizenSearchCriteria, type CitizenSearchResult } from '../../src/citizens/citizen.queries.js';
import { isCprSearchPrefix } from '../../src/citizens/cpr.js';
import { normalizeForSearch } from '../../src/citizens/search-normalize.js';
import { READ_MODEL_STORE, type Condition, type ReadModelStore, type SortKey } from '../../src/kernel/read-model-store.port.js';
import type { Principal } from '../../src/kernel/principal.js';
import { areaItem, citizensReadModel, type CitizenDocument } from '../citizens/citizens.read-model.js';
import { grantsReadModel, type GrantDocument } from '../grants/grants.read-model.js';
import { AREA_SCOPED_ROLES, mayActInGrantArea } from '../../src/grants/grant-access.js';
import { lineNextOrderDate } from '../../src/grants/line-accounting.js';

/**
 * DOMAIN §2.2, "Find en eksisterende bevilling": the citizens read model, joined with the grants read model for
 * each row's next order date. It joins two read models, so it lives beside neither.
 */
/** The grant areas the caller is confined to, or null for roles that see every area. */
const areaScope = (principal: Principal): readonly string[] | null =>
  AREA_SCOPED_ROLES.includes(principal.role) ? principal.grantAreas : null;

const SORT_FIELDS: Record<string, string> = {
  name: 'sortName',
  city: 'citySearch',
  postalCode: 'address.postalCode',
};

/** DOMAIN §2.2 criteria as read-model conditions, always within the caller's municipality. */
export function searchConditions(principal: Principal, criteria: CitizenSearchCriteria): Condition[] {
  const where: Condition[] = [{ field: 'status', op: 'eq', value: criteria.status }];
  // An erased citizen is nobody any more: no search lists them (only removed citizens are ever erased).
  if (isRemovalStatus(criteria.status)) where.push({ field: 'erased', op: 'eq', value: false });
  const scope = municipalityScope(principal);
  if (scope !== null) where.push({ field: 'municipalityId', op: 'eq', value: scope });
  if (criteria.cpr) {
    const digits = criteria.cpr.replace(/[-\s]/, '');
    where.push(isCprSearchPrefix(criteria.cpr) ? { field: 'cprBirthPart', op: 'eq', value: digits.slice(0, 6) } : { field: 'cpr', op: 'eq', value: digits });
  }
  // Every word of the name must match part of the first or last name.
  for (const word of normalizeForSearch(criteria.name ?? '').split(' ').filter(Boolean)) {
    where.push({ field: 'nameSearch', op: 'contains', value: word });
  }
  if (criteria.address) where.push({ field: 'streetSearch', op: 'contains', value: normalizeForSearch(criteria.address) });
  if (criteria.city) where.push({ field: 'citySearch', op: 'contains', value: normalizeForSearch(criteria.city) });
  if (criteria.postalCode) where.push({ field: 'address.postalCode', op: 'eq', value: criteria.postalCode });
  // Municipal users search only by the grant areas they have been given (DOMAIN §6): finding a citizen by an
  // area or item of another area would tell them about a grant they may not see.
  const areas = areaScope(principal);
  if (criteria.grantArea) where.push({ field: 'grantAreas', op: 'has', value: criteria.grantArea });
  if (criteria.itemNumber) {
    where.push(
      areas === null
        ? { field: 'activeItemNumbers', op: 'has', value: criteria.itemNumber }
        : { field: 'activeAreaItems', op: 'hasAny', values: areas.map((area) => areaItem(area, criteria.itemNumber!)) },
    );
  }
  return where;
}

const sortKeys = (sort: string): SortKey[] => {
  const direction = sort.startsWith('-') ? 'desc' : 'asc';
  const field = SORT_FIELDS[sort.replace(/^-/, '')] ?? 'sortName';
  return field === 'sortName' ? [{ field, direction }] : [{ field, direction }, { field: 'sortName', direction: 'asc' }];
};

@QueryHandler(SearchCitizens)
export class SearchCitizensHandler implements IQueryHandler<SearchCitizens> {
  constructor(@Inject(READ_MODEL_STORE) private readonly store: ReadModelStore) {}

  async execute({ principal, criteria, today }: SearchCitizens): Promise<CitizenSearchResult> {
    // Removed citizens are gone from every municipal search (DOMAIN §2.3); customer service finds them to reopen.
    // An area the caller has not been given finds nothing (DOMAIN §6), nor does one with no areas at all.
    const areas = areaScope(principal);
    const outOfScope = (criteria.grantArea !== undefined && areas !== null && !areas.includes(criteria.grantArea)) || (criteria.itemNumber !== undefined && areas?.length === 0);
    if ((isRemovalStatus(criteria.status) && !maySeeRemovedCitizens(principal)) || outOfScope) {
      return { items: [], page: criteria.page, pageSize: criteria.pageSize, total: 0 };
    }
    const { items, total } = await this.store.find<CitizenDocument>(citizensReadModel.name, {
      where: searchConditions(principal, criteria),
      sort: sortKeys(criteria.sort),
      page: criteria.page,
      pageSize: criteria.pageSize,
    });
    const nextOrderDates = await nextOrderDatesOf(this.store, principal, items.map((doc) => doc.citizenId), today);
    return {
      items: items.map((doc) => ({
        citizenId: doc.citizenId,
        cprMasked: doc.cprMasked,
        name: `${doc.firstName} ${doc.lastName}`,
        address: doc.address.street,
        city: doc.address.city,
        postalCode: doc.address.postalCode,
        municipalityId: doc.municipalityId,
        status: doc.status,
        grantAreas: visibleGrantAreas(principal, doc.grantAreas),
        nextOrderDate: nextOrderDates.get(doc.citizenId) ?? null,
      })),
      page: criteria.page,
      pageSize: criteria.pageSize,
      total,
    };
  }
}

/**
 * The earliest next order date over the citizen's active lines that the caller may see. Computed from the
 * grant with today's date (not stored), because windows roll over by the calendar alone.
 */
async function nextOrderDatesOf(store: ReadModelStore, principal: Principal, citizenIds: readonly string[], today: string) {
  const dates = new Map<string, string>();
  if (citizenIds.length === 0) return dates;
  const { items } = await store.find<GrantDocument>(grantsReadModel.name, {
    where: [{ field: 'citizenId', op: 'in', values: [...citizenIds] }],
    sort: [],
    page: 1,
    pageSize: citizenIds.length,
  });
  const viewer = { role: principal.role, grantAreas: principal.grantAreas };
  for (const grant of items) {
    if (grant.state.status !== 'granted') continue;
    const candidates = grant.state.lines
      .filter((line) => line.status === 'ACTIVE' && mayActInGrantArea(viewer, line.grantArea))
      .map((line) => lineNextOrderDate(line, today))
      .filter((date): date is string => date !== null)
      .sort();
    if (candidates[0]) dates.set(grant.citizenId, candidates[0]);
  }
  return dates;
}
