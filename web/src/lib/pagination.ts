/** A page number to show, or a gap between them. */
export type PageItem = number | 'gap';

/**
 * The page numbers a pager shows (DKFDS "Paginering"): always the first and the last, the current one with its
 * neighbours, and a gap where pages are left out — but never a gap that hides a single page (show it instead).
 */
export function pageItems(current: number, pageCount: number): PageItem[] {
  if (pageCount <= 7) return Array.from({ length: pageCount }, (_, index) => index + 1);
  const wanted = new Set([1, pageCount, current - 1, current, current + 1].filter((page) => page >= 1 && page <= pageCount));
  // Near either end, show enough pages that the row keeps its length.
  if (current <= 4) [2, 3, 4, 5].forEach((page) => wanted.add(page));
  if (current >= pageCount - 3) [pageCount - 4, pageCount - 3, pageCount - 2, pageCount - 1].forEach((page) => wanted.add(page));
  const pages = [...wanted].sort((a, b) => a - b);
  const items: PageItem[] = [];
  pages.forEach((page, index) => {
    const previous = pages[index - 1];
    if (previous !== undefined && page - previous === 2) items.push(previous + 1);
    else if (previous !== undefined && page - previous > 2) items.push('gap');
    items.push(page);
  });
  return items;
}

export const pageCountOf = (total: number, pageSize: number): number => Math.max(1, Math.ceil(total / pageSize));
