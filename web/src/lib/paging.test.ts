import { describe, expect, it } from '@jest/globals';
import { pageCount, pageNumbers, pageParam, shownRange } from './paging';

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
    [1, 1, [1]],
    [1, 3, [1, 2, 3]],
    [1, 10, [1, 2, null, 10]],
    [5, 10, [1, null, 4, 5, 6, null, 10]],
    [3, 10, [1, 2, 3, 4, null, 10]],
    [10, 10, [1, null, 9, 10]],
  ])('page %s of %s shows %j: first, last and the neighbours, gaps as null', (current, pages, shown) => {
    expect(pageNumbers(current, pages)).toEqual(shown);
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
