import { describe, expect, it } from '@jest/globals';
import { criteriaFromUrl, criteriaToUrl, DEFAULT_CRITERIA, nextSort, searchQuery, sortDirection } from './search-criteria';

describe('The citizen search criteria in the address (user guide p. 2–3)', () => {
  it('a plain search has a plain address: the defaults (status Aktiv, sorted by name, page 1) are left out', () => {
    expect(criteriaToUrl(DEFAULT_CRITERIA).toString()).toBe('');
    expect(criteriaFromUrl(new URLSearchParams())).toEqual(DEFAULT_CRITERIA);
  });

  it('criteria survive the round trip through the address', () => {
    const criteria = { ...DEFAULT_CRITERIA, name: 'Ærø', place: '2100', grantArea: 'Stomi', status: 'GRANT_ENDED' as const, sort: '-city' as const, page: 3, pageSize: 10, cprRef: 'a1b2c3d4' };
    expect(criteriaFromUrl(criteriaToUrl(criteria))).toEqual(criteria);
  });

  it('the address never holds a CPR number: only the reference to one kept in memory', () => {
    const params = criteriaToUrl({ ...DEFAULT_CRITERIA, cprRef: 'a1b2c3d4' });
    expect(params.toString()).toBe('cprRef=a1b2c3d4');
    expect(searchQuery(criteriaFromUrl(params), '010190')).toMatchObject({ cpr: '010190' });
    expect(criteriaFromUrl(new URLSearchParams('cpr=0101901234'))).toEqual(DEFAULT_CRITERIA);
  });

  it('an address someone edited by hand falls back to the defaults', () => {
    expect(criteriaFromUrl(new URLSearchParams('status=DELETED&sort=cpr&page=-2&pageSize=100000'))).toEqual(DEFAULT_CRITERIA);
  });

  it('"Postnummer eller by": four digits ask for a postal code, anything else for part of a city name', () => {
    expect(searchQuery({ ...DEFAULT_CRITERIA, place: '2100' })).toEqual({ postalCode: '2100', status: 'ACTIVE', sort: 'name', page: 1, pageSize: 25 });
    expect(searchQuery({ ...DEFAULT_CRITERIA, place: 'Østerbro' })).toEqual({ city: 'Østerbro', status: 'ACTIVE', sort: 'name', page: 1, pageSize: 25 });
  });

  it('criteria left empty are not sent; the rest are combined', () => {
    expect(searchQuery({ ...DEFAULT_CRITERIA, name: 'jens', grantArea: 'Kateter', itemNumber: '301003' })).toEqual({
      name: 'jens',
      grantArea: 'Kateter',
      itemNumber: '301003',
      status: 'ACTIVE',
      sort: 'name',
      page: 1,
      pageSize: 25,
    });
  });

  it('a column sorts ascending on the first click and descending on the next', () => {
    expect(nextSort('name', 'city')).toBe('city');
    expect(nextSort('city', 'city')).toBe('-city');
    expect(nextSort('-city', 'city')).toBe('city');
    expect(sortDirection('-city', 'city')).toBe('descending');
    expect(sortDirection('city', 'city')).toBe('ascending');
    expect(sortDirection('name', 'city')).toBeUndefined();
  });
});
