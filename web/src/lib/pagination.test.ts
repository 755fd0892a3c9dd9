import { describe, expect, it } from '@jest/globals';
import { pageCountOf, pageItems } from './pagination';

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

  it('counts pages, with at least one for an empty result', () => {
    expect(pageCountOf(0, 25)).toBe(1);
    expect(pageCountOf(25, 25)).toBe(1);
    expect(pageCountOf(26, 25)).toBe(2);
  });
});
