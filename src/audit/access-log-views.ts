import type { CitizenRecordOpened } from './access-log.js';
import type { RecordedEvent } from '../kernel/event-store.port.js';
import { copenhagenDate } from '../shared/time.js';

/**
 * Views of a citizen's access log (`citizenaccess-<id>`, DOMAIN §7): the auditors' list and the citizen's own
 * extract. Pure. Both are read from the event log itself, so nobody can have edited or removed a line.
 */

/** One opening of the record: who, when, why, and whether the full CPR number was shown. */
export interface AccessLogEntry {
  readonly at: string;
  /** Europe/Copenhagen date of `at`. */
  readonly date: string;
  readonly purpose: string;
  readonly role: string | null;
  readonly userId: string | null;
  readonly fullCprShown: boolean;
}

/** API.md's `{ at, purpose, role }`, with the user id and fullCprShown beside them for auditors. */
export interface AccessLogRow {
  readonly at: string;
  readonly purpose: string;
  readonly role: string | null;
  readonly userId: string | null;
  readonly fullCprShown: boolean;
  /** The user's name today (the users read model); null when unknown. Filled by the query handler. */
  readonly name?: string | null;
}

/** GDPR Art. 15 (DOMAIN §7): dates and purposes only, never who looked. */
export interface AccessLogExtract {
  readonly citizenId: string;
  readonly items: Array<{ readonly date: string; readonly purpose: string }>;
}

export interface DateRange {
  /** Inclusive Europe/Copenhagen dates, YYYY-MM-DD. */
  readonly from?: string;
  readonly to?: string;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/**
 * The log's openings in log order. The instant is the event's occurredAt (the request's clock), falling back
 * to when the store wrote it for an event that lacks one.
 */
export function accessLogEntries(events: readonly { readonly recorded: RecordedEvent; readonly event: CitizenRecordOpened }[]): AccessLogEntry[] {
  return events.map(({ recorded, event }) => {
    const actor = (recorded.metadata.actor ?? {}) as Record<string, unknown>;
    const at = text(recorded.metadata.occurredAt) ?? recorded.recordedAt.toISOString();
    return {
      at,
      date: copenhagenDate(new Date(at)),
      purpose: event.data.purpose,
      role: text(actor.role),
      userId: text(actor.userId),
      fullCprShown: event.data.fullCprShown,
    };
  });
}

/** The auditors' list: openings dated within the range, newest first. */
export function accessLogRows(entries: readonly AccessLogEntry[], range: DateRange): AccessLogRow[] {
  return entries
    .filter(({ date }) => (range.from === undefined || date >= range.from) && (range.to === undefined || date <= range.to))
    .reverse()
    .map(({ at, purpose, role, userId, fullCprShown }) => ({ at, purpose, role, userId, fullCprShown }));
}

/** The citizen's extract: every opening ever, oldest first, as date and purpose. */
export function accessLogExtract(citizenId: string, entries: readonly AccessLogEntry[]): AccessLogExtract {
  return { citizenId, items: entries.map(({ date, purpose }) => ({ date, purpose })) };
}
