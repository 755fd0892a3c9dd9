import { describe, expect, it } from '@jest/globals';
import { pageCount, pageItems, pageParam, shownRange } from './paging';

describe('Paging the API\'s lists', () => {
  it.each([
    [0, 25, 1],
    [25, 25, 1],
    [26, 25, 2],
    [257, 25, 11],
  ])('%s rows at %s a page make %s pages (an empty list still has its one page)', (total, pageSize, pages) => {
    expect(pageCount(total, pageSize)).toBe(pages);
  });

  it.each([
    [1, 25, 40, { first: 1, last: 25 }],
    [2, 25, 40, { first: 26, last: 40 }],
    [1, 25, 0, { first: 0, last: 0 }],
    [9, 25, 40, { first: 40, last: 40 }],
  ])('page %s at %s a page of %s rows shows %j', (page, pageSize, total, range) => {
    expect(shownRange(page, pageSize, total)).toEqual(range);
  });

  it.each([
    ['3', 3],
    [null, 1],
    ['0', 1],
    ['-2', 1],
    ['2.5', 1],
    ['abc', 1],
    ['999999999', 1],
  ])('the address bar\'s page %j is page %s', (value, page) => {
    expect(pageParam(value)).toBe(page);
  });
});

describe('The pager shows the first, the last and the pages around the current one', () => {
  it.each([
    [1, 1, [1]],
    [2, 5, [1, 2, 3, 4, 5]],
    [4, 7, [1, 2, 3, 4, 5, 6, 7]],
    [1, 10, [1, 2, 3, 4, 5, 'gap', 10]],
    [4, 10, [1, 2, 3, 4, 5, 'gap', 10]],
    [5, 10, [1, 'gap', 4, 5, 6, 'gap', 10]],
    [7, 10, [1, 'gap', 6, 7, 8, 9, 10]],
    [10, 10, [1, 'gap', 6, 7, 8, 9, 10]],
    [50, 100, [1, 'gap', 49, 50, 51, 'gap', 100]],
  ])('page %s of %s: %j', (current, count, shown) => {
    expect(pageItems(current, count)).toEqual(shown);
  });

  it('a gap never stands for a single page', () => {
    for (let count = 8; count <= 30; count++) {
      for (let current = 1; current <= count; current++) {
        const items = pageItems(current, count);
        items.forEach((item, index) => {
          if (item !== 'gap') return;
          const before = items[index - 1] as number;
          const after = items[index + 1] as number;
          expect(after - before).toBeGreaterThan(2);
        });
        expect(items).toContain(current);
      }
    }
  });
});
