/**
 * Paging of the API's lists (`page`, `pageSize`, `total`): how many pages, which numbers a pager shows, the
 * "1–25 af 40" of a result line, and a page number read from the address bar.
 */
export const pageCount = (total: number, pageSize: number): number => Math.max(1, Math.ceil(total / pageSize));

/** A page number to show, or a gap between them. */
export type PageItem = number | 'gap';

/**
 * The page numbers a pager shows (DKFDS "Paginering"): always the first and the last, the current one with its
 * neighbours, and a gap where pages are left out — but never a gap that hides a single page (show it instead).
 */
export function pageItems(current: number, pages: number): PageItem[] {
  if (pages <= 7) return Array.from({ length: pages }, (_, index) => index + 1);
  const wanted = new Set([1, pages, current - 1, current, current + 1].filter((page) => page >= 1 && page <= pages));
  // Near either end, show enough pages that the row keeps its length.
  if (current <= 4) [2, 3, 4, 5].forEach((page) => wanted.add(page));
  if (current >= pages - 3) [pages - 4, pages - 3, pages - 2, pages - 1].forEach((page) => wanted.add(page));
  const sorted = [...wanted].sort((a, b) => a - b);
  const items: PageItem[] = [];
  sorted.forEach((page, index) => {
    const previous = sorted[index - 1];
    if (previous !== undefined && page - previous === 2) items.push(previous + 1);
    else if (previous !== undefined && page - previous > 2) items.push('gap');
    items.push(page);
  });
  return items;
}

/** The rows a page shows, 1-based and inclusive: page 2 of 25 a page, 40 in all → 26–40. */
export function shownRange(page: number, pageSize: number, total: number): { first: number; last: number } {
  if (total === 0) return { first: 0, last: 0 };
  const first = Math.min((page - 1) * pageSize + 1, total);
  return { first, last: Math.min(page * pageSize, total) };
}

/** A page number from the address bar: a whole number ≥ 1, else the first page. */
export function pageParam(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page >= 1 && page <= 100_000 ? page : 1;
}
