/**
 * Paging of the API's lists (`page`, `pageSize`, `total`): how many pages, which numbers a pager shows, and the
 * "1–25 af 40" of a result line.
 */
export const pageCount = (total: number, pageSize: number): number => Math.max(1, Math.ceil(total / pageSize));

/**
 * The page numbers a pager shows around the current one: the first, the last, and up to `around` on each side;
 * a gap is `null` (shown as "…").
 */
export function pageNumbers(current: number, pages: number, around = 1): (number | null)[] {
  const shown = new Set([1, pages]);
  for (let page = current - around; page <= current + around; page++) if (page >= 1 && page <= pages) shown.add(page);
  const sorted = [...shown].sort((a, b) => a - b);
  return sorted.flatMap((page, index) => (index > 0 && page - sorted[index - 1]! > 1 ? [null, page] : [page]));
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
