import { describe, expect, it } from '@jest/globals';
import { criteriaFromSearch, DEFAULT_SORT, searchFromCriteria } from './history-criteria';

describe('The order history\'s search in the address (user guide p. 7)', () => {
  it('the plain address is the default view: the API\'s last month, newest first, the first page', () => {
    expect(criteriaFromSearch(new URLSearchParams(''))).toEqual({ sort: '-orderDate', page: 1 });
    expect(searchFromCriteria({ sort: DEFAULT_SORT, page: 1 }).toString()).toBe('');
  });

  it('a search survives the round trip through the address', () => {
    const criteria = { from: '2026-01-01', to: '2026-06-30', q: 'Skagen 30 mm', sort: 'orderNumber' as const, page: 3 };
    expect(criteriaFromSearch(searchFromCriteria(criteria))).toEqual(criteria);
  });

  it('what is malformed in the address is left out instead of being sent to be refused', () => {
    expect(criteriaFromSearch(new URLSearchParams('from=05.11.2026&to=2026-13&sort=price&page=-1&q=%20%20'))).toEqual({ sort: '-orderDate', page: 1 });
  });
});
