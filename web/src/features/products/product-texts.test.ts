import { describe, expect, it } from '@jest/globals';
import { criteriaFromSearch, groupHref, productHref, searchesProducts, searchFromCriteria } from './product-criteria';
import { groupTrail, parentGroup, priceKind, salesUnitText } from './product-texts';

describe('Products as the guide words them (user guide p. 4)', () => {
  it('a sales unit reads with its pieces, and the price says whether it is the agreement\'s or the list\'s', () => {
    expect(salesUnitText({ name: 'æske', pieces: 30 })).toBe('æske á 30 stk.');
    expect(salesUnitText({ name: 'pose', pieces: 1 })).toBe('pose á 1 stk.');
    expect(priceKind(true)).toBe('aftalepris');
    expect(priceKind(false)).toBe('listepris');
  });

  it('a group path opens level by level', () => {
    expect(groupTrail('Stomi > Poser')).toEqual([
      { name: 'Stomi', group: 'Stomi' },
      { name: 'Poser', group: 'Stomi > Poser' },
    ]);
    expect(groupTrail('Sårpleje')).toEqual([{ name: 'Sårpleje', group: 'Sårpleje' }]);
    expect(parentGroup('Stomi > Poser')).toBe('Stomi');
    expect(parentGroup('Stomi')).toBeUndefined();
  });
});

describe('The product search in the address', () => {
  it('the header\'s search and a group\'s page are plain addresses; a search survives the round trip', () => {
    expect(criteriaFromSearch(new URLSearchParams('q=pose'))).toEqual({ q: 'pose', agreementOnly: false, page: 1 });
    expect(groupHref('Stomi > Poser')).toBe('/produkter?group=Stomi+%3E+Poser');
    expect(criteriaFromSearch(new URLSearchParams(groupHref('Stomi > Poser').split('?')[1]))).toEqual({ group: 'Stomi > Poser', agreementOnly: false, page: 1 });
    const criteria = { q: '3010', group: 'Kateter', agreementOnly: true, page: 2 };
    expect(criteriaFromSearch(searchFromCriteria(criteria))).toEqual(criteria);
  });

  it('without text, group or the agreement assortment there is nothing to search: the page offers the groups', () => {
    expect(searchesProducts(criteriaFromSearch(new URLSearchParams('q=%20%20')))).toBe(false);
    expect(searchesProducts(criteriaFromSearch(new URLSearchParams('agreementOnly=1')))).toBe(true);
  });

  it('a product\'s page is its item number under /produkter', () => {
    expect(productHref('201005')).toBe('/produkter/201005');
    expect(productHref('ZX-10.2_a')).toBe('/produkter/ZX-10.2_a');
  });
});
