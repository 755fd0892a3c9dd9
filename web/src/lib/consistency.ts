/**
 * Read-your-writes (API.md): every command answers a `position`; a query sent with that position answers only
 * once its read model has caught up. The API client records the position of each command and sends the latest
 * with every query (as the `X-Consistent-With` header, the same as `?consistentWith=`), so a page shows the
 * user's own change right after it was made. Positions are opaque: the latest command's is the one to wait for.
 */
let latest: string | null = null;

export function recordPosition(answer: unknown): void {
  const position = (answer as { position?: unknown } | null)?.position;
  if (typeof position === 'string' && position !== '') latest = position;
}

export const latestPosition = (): string | null => latest;

/** For a call made outside the client (a download link, say): `?consistentWith=…` or nothing. */
export const consistentWithQuery = (): { consistentWith?: string } => (latest ? { consistentWith: latest } : {});

export function forgetPosition(): void {
  latest = null;
}

export const CONSISTENT_WITH_HEADER = 'X-Consistent-With';
