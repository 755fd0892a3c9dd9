import { maskCpr } from '../citizens/cpr.js';
import { isErased } from '../shared/personal-data.js';
import type { DomainEvent } from '../shared/decider.js';
import { comparePositions, type Position, type RecordedEvent } from '../kernel/event-store.port.js';

/**
 * A citizen's full history (DOMAIN §7, API.md "Audit"): the events of their citizen, grant and order streams
 * in the log's global order, each with who, when and the ids that tie it to its request. Pure: the query
 * handler reads the streams, everything else happens here.
 */

/** An event as read back: the stored record and its payload decoded (upcast to the current schema). */
export interface DecodedEvent {
  readonly recorded: RecordedEvent;
  readonly event: DomainEvent;
}

export interface HistoryActor {
  readonly userId: string | null;
  readonly role: string | null;
  readonly municipalityId: string | null;
  /** The user's name today (the users read model), for a person to read; null for the system and for citizens. */
  readonly name?: string | null;
}

export interface HistoryItem {
  readonly position: Position;
  /** When it happened (metadata.occurredAt: the command's clock). */
  readonly at: string | null;
  /** When the store wrote it (the store's clock). */
  readonly recordedAt: string;
  /** The stream's category: 'citizen', 'grant', 'order'. */
  readonly stream: string;
  /** The full stream name; it holds only ids (never a CPR number), so it may be shown. */
  readonly streamName: string;
  readonly type: string;
  readonly actor: HistoryActor;
  readonly correlationId: string | null;
  readonly causationId: string | null;
  readonly commandId: string | null;
  readonly data: unknown;
}

export interface Page<T> {
  readonly items: T[];
  readonly page: number;
  readonly pageSize: number;
  readonly total: number;
}

/** 'order-<uuid>' → 'order'. */
export const streamCategory = (streamName: string): string => streamName.split('-', 1)[0] ?? streamName;

/** The ids of every order counted on a grant (GrantOrderPlaced), each once, in the order they were placed. */
export function orderIdsPlaced(grantEvents: readonly DomainEvent[]): string[] {
  const ids = grantEvents
    .filter((event) => event.type === 'GrantOrderPlaced')
    .map((event) => (event.data as { orderId?: unknown }).orderId)
    .filter((orderId): orderId is string => typeof orderId === 'string');
  return [...new Set(ids)];
}

/** Several streams' events in the log's global order (positions compare as text; no two events share one). */
export function mergeInLogOrder(streams: readonly (readonly DecodedEvent[])[]): DecodedEvent[] {
  return streams.flat().sort((a, b) => comparePositions(a.recorded.position, b.recorded.position));
}

export function pageOf<T>(items: readonly T[], page: number, pageSize: number): Page<T> {
  const start = (page - 1) * pageSize;
  return { items: items.slice(start, start + pageSize), page, pageSize, total: items.length };
}

/** A key that holds a CPR number in some payload: `cpr`, and whatever a later event calls `previousCpr` or so. */
const CPR_KEY = /cpr/i;
const TEN_DIGITS = /^[0-9]{10}$/;
const FULLY_MASKED = 'XXXXXX-XXXX';

/** Every CPR number a payload names (under a CPR key, at any depth), in its stored 10-digit form. */
export function cprNumbersIn(values: readonly unknown[]): Set<string> {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (isRecord(value)) {
      for (const [key, inner] of Object.entries(value)) {
        if (CPR_KEY.test(key) && typeof inner === 'string') {
          const digits = inner.replace(/[- ]/g, '');
          if (TEN_DIGITS.test(digits)) found.add(digits);
        } else visit(inner);
      }
    }
  };
  values.forEach(visit);
  return found;
}

const maskCprField = (value: string): string => {
  // An erased citizen's number reads `slettet` (shared/personal-data.ts): shown as it is, it tells nothing.
  if (isErased(value)) return value;
  try {
    return maskCpr(value);
  } catch {
    // Not a CPR number after all: show nothing of it rather than guess.
    return FULLY_MASKED;
  }
};

/**
 * The payload with every CPR number masked (DDMMYY-XXXX). The history is not access-logged as a display of a full
 * CPR number (DOMAIN §7 requires every such display to be recorded with its purpose), so it must show none:
 * fields named for a CPR number are masked, and so is any of the citizen's known numbers wherever else it
 * appears as text (a webshop username defaults to the CPR number; free-text remarks and reasons may quote it).
 */
export function maskPersonalData(value: unknown, knownCprs: ReadonlySet<string>): unknown {
  if (typeof value === 'string') return maskKnownCprs(value, knownCprs);
  if (Array.isArray(value)) return value.map((inner) => maskPersonalData(inner, knownCprs));
  if (!isRecord(value)) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      CPR_KEY.test(key) && typeof inner === 'string' ? maskCprField(inner) : maskPersonalData(inner, knownCprs),
    ]),
  );
}

function maskKnownCprs(text: string, knownCprs: ReadonlySet<string>): string {
  let masked = text;
  for (const cpr of knownCprs) {
    const shown = `${cpr.slice(0, 6)}-XXXX`;
    masked = masked.replaceAll(cpr, shown).replaceAll(`${cpr.slice(0, 6)}-${cpr.slice(6)}`, shown).replaceAll(`${cpr.slice(0, 6)} ${cpr.slice(6)}`, shown);
  }
  return masked;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One history row. Metadata is read leniently: an old event missing a field shows null, never fails the history. */
export function historyItem({ recorded, event }: DecodedEvent, knownCprs: ReadonlySet<string>): HistoryItem {
  const metadata = recorded.metadata;
  const actor = isRecord(metadata.actor) ? metadata.actor : {};
  return {
    position: recorded.position,
    at: text(metadata.occurredAt),
    recordedAt: recorded.recordedAt.toISOString(),
    stream: streamCategory(recorded.streamName),
    streamName: recorded.streamName,
    type: recorded.type,
    actor: { userId: text(actor.userId), role: text(actor.role), municipalityId: text(actor.municipalityId) },
    correlationId: text(metadata.correlationId),
    causationId: text(metadata.causationId),
    commandId: text(metadata.commandId),
    data: maskPersonalData(event.data, knownCprs),
  };
}

/**
 * The streams' events merged in log order, one page of them, CPR numbers masked. The numbers to mask are
 * gathered from every event, not just the page's: a later page may quote a number an earlier event set.
 */
export function citizenHistory(streams: readonly (readonly DecodedEvent[])[], page: number, pageSize: number): Page<HistoryItem> {
  const knownCprs = cprNumbersIn(streams.flat().map(({ event }) => event.data));
  const { items, ...paging } = pageOf(mergeInLogOrder(streams), page, pageSize);
  return { ...paging, items: items.map((decoded) => historyItem(decoded, knownCprs)) };
}
