/**
 * Pure translations between the EventStore port and `@eventstore/db-client`: expected revisions, errors,
 * events and their metadata, and $all filters. No I/O here, so all of it is tested without a server.
 */
import {
  ANY,
  ErrorType,
  NO_STREAM,
  STREAM_EXISTS,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type AllStreamSubscription,
  type AppendExpectedRevision,
  type Filter,
  type JSONEventData,
  type JSONType,
} from '@eventstore/db-client';
import { UUID_PATTERN } from '../../../shared/ids.js';
import {
  WrongExpectedRevisionError,
  type AllFilter,
  type EventMetadataRecord,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from '../../../kernel/event-store.port.js';
import { encodePosition, type EsdbPosition } from './position.js';

// ---- expected revisions ----

export function toExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    case 'any':
      return ANY;
    default:
      if (!Number.isSafeInteger(expected) || expected < 0) throw new RangeError(`Invalid expected revision: ${String(expected)}`);
      return BigInt(expected);
  }
}

/** Whether a stream whose last revision is `current` (-1: no stream) satisfies the expectation. */
export function satisfiesExpectation(expected: ExpectedRevision, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current < 0;
    case 'stream_exists':
      return current >= 0;
    default:
      return expected === current;
  }
}

// ---- errors ----

interface ClientCommandError {
  readonly type?: unknown;
  readonly actualVersion?: unknown;
}

const isClientError = (error: unknown, type: ErrorType): boolean =>
  typeof error === 'object' && error !== null && (error as ClientCommandError).type === type;

/**
 * The client's WrongExpectedVersionError as the port's WrongExpectedRevisionError (with the expectation the
 * caller gave and the stream's actual revision, as the PostgreSQL adapter reports them); undefined for any other error.
 */
export function toWrongExpectedRevision(error: unknown, streamName: string, expected: ExpectedRevision): WrongExpectedRevisionError | undefined {
  if (!isClientError(error, ErrorType.WRONG_EXPECTED_VERSION)) return undefined;
  return new WrongExpectedRevisionError(streamName, expected, toActualRevision((error as ClientCommandError).actualVersion));
}

/** The client reports the actual revision as a bigint, or 'no_stream' (-1 on older code paths). */
export function toActualRevision(actual: unknown): number | 'no_stream' {
  if (typeof actual === 'bigint') return actual < 0n ? 'no_stream' : Number(actual);
  if (typeof actual === 'number') return actual < 0 ? 'no_stream' : actual;
  return 'no_stream';
}

/** A read of a stream that does not exist (or was soft-deleted): the port reads it as []. */
export const isStreamNotFound = (error: unknown): boolean => isClientError(error, ErrorType.STREAM_NOT_FOUND);

// ---- events ----

/**
 * EventStoreDB's own convention for correlation and causation ($correlationId, $causationId in the event's
 * metadata, read by its $by_correlation_id projection and its UI). Written beside the port's keys, dropped
 * again on reading when they only mirror them, so the metadata round-trips unchanged. Keys starting with `$`
 * belong to EventStoreDB, so the port's metadata may not use them (that keeps the round trip exact).
 */
const MIRRORED_METADATA: readonly (readonly [port: string, esdb: string])[] = [
  ['correlationId', '$correlationId'],
  ['causationId', '$causationId'],
];

export function encodeMetadata(metadata: EventMetadataRecord): EventMetadataRecord {
  const reserved = Object.keys(metadata).find((key) => key.startsWith('$'));
  if (reserved !== undefined) throw new RangeError(`Event metadata key ${JSON.stringify(reserved)}: keys starting with $ are EventStoreDB's`);
  const encoded: Record<string, unknown> = { ...metadata };
  for (const [port, esdb] of MIRRORED_METADATA) {
    if (typeof metadata[port] === 'string') encoded[esdb] = metadata[port];
  }
  return encoded;
}

/**
 * The client hands metadata back parsed from JSON, as raw bytes when it is not JSON, or undefined when empty.
 * Metadata that is not a JSON object (written by another client) is kept under `$raw` rather than dropped.
 */
export function decodeMetadata(raw: unknown): EventMetadataRecord {
  if (raw === undefined || raw === null) return {};
  if (raw instanceof Uint8Array) return { $raw: Buffer.from(raw).toString('base64') };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { $raw: raw };
  const decoded: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const [port, esdb] of MIRRORED_METADATA) {
    if (esdb in decoded && decoded[esdb] === decoded[port]) delete decoded[esdb];
  }
  return decoded;
}

/**
 * A port event as the client's JSON event. The event id goes to the server as is: it is what makes a
 * retried append idempotent (see EventStoreDbEventStore.appendToStream for what the server guarantees).
 */
export function toEventData(event: NewEvent): JSONEventData {
  if (typeof event.eventId !== 'string' || !UUID_PATTERN.test(event.eventId)) {
    throw new RangeError(`Event id must be a UUID (EventStoreDB stores ids as UUIDs), got ${JSON.stringify(event.eventId)}`);
  }
  if (typeof event.type !== 'string' || event.type.length === 0) throw new RangeError('Event type must be a non-empty string');
  return {
    id: event.eventId.toLowerCase(),
    contentType: 'application/json',
    type: event.type,
    // The client JSON.stringifies whatever it gets, scalars included; `undefined` has no JSON form.
    data: (event.data === undefined ? null : event.data) as JSONType,
    metadata: encodeMetadata(event.metadata ?? {}),
  };
}

/** The fields of the client's recorded event that the port needs (its types are wider unions). */
export interface ClientRecordedEvent {
  readonly streamId: string;
  readonly id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly created: Date;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position?: EsdbPosition;
}

/** Above 2^63 a position is a server's "no position" marker (older servers send 2^64-1 on stream reads). */
const NO_POSITION_MARKER = 1n << 63n;

export const hasPosition = (position: EsdbPosition | undefined): position is EsdbPosition =>
  position !== undefined && position.commit < NO_POSITION_MARKER && position.prepare < NO_POSITION_MARKER;

export function positionOf(event: ClientRecordedEvent): EsdbPosition {
  const position = event.position;
  if (!hasPosition(position)) {
    throw new Error(
      `EventStoreDB returned event ${event.id} of ${event.streamId} without its $all position: ` +
        'stream reads carry it from server version 22.6 on, which this adapter requires',
    );
  }
  return position;
}

export function toRecordedEvent(event: ClientRecordedEvent): RecordedEvent {
  return {
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata: decodeMetadata(event.metadata),
    streamName: event.streamId,
    revision: Number(event.revision),
    position: encodePosition(positionOf(event)),
    // The server's clock (`created`, in .NET ticks, which the client cuts to milliseconds).
    recordedAt: event.created,
  };
}

// ---- filters ----

/** System events: types and streams starting with `$` (stats, metadata, links of system projections, …). */
export const isSystemEvent = (streamName: string, type: string): boolean => type.startsWith('$') || streamName.startsWith('$');

export type EventPredicate = (streamName: string, type: string) => boolean;

/** The port's filter as a predicate over (stream, type); system events never match. */
export function compileFilter(filter: AllFilter | undefined): EventPredicate {
  const types = filter?.eventTypes ? new Set(filter.eventTypes) : undefined;
  const prefixes = filter?.streamPrefixes ? [...filter.streamPrefixes] : undefined;
  return (streamName, type) =>
    !isSystemEvent(streamName, type) &&
    (types === undefined || types.has(type)) &&
    (prefixes === undefined || prefixes.some((prefix) => streamName.startsWith(prefix)));
}

/** A .NET regular expression (the server's) that matches nothing: the filter of an empty list. */
export const MATCH_NOTHING = '(?!)';

/** Escapes the characters that are special in .NET regular expressions (a superset of JavaScript's). */
export const escapeRegex = (text: string): string => text.replace(/[\\^$.*+?()[\]{}|#\s]/g, (char) => `\\${char}`);

/** A regex that matches exactly these event types, no more (a prefix filter would also match `TypeV2`). */
export function exactTypesRegex(types: readonly string[]): string {
  const unique = [...new Set(types)];
  return unique.length === 0 ? MATCH_NOTHING : `^(?:${unique.map(escapeRegex).join('|')})$`;
}

export interface ServerFilterOptions {
  /** Multiplier of the server's search window (32 events): a checkpoint every `checkpointInterval * 32` events considered. */
  readonly checkpointInterval: number;
  readonly checkpointReached?: (subscription: AllStreamSubscription, position: EsdbPosition) => Promise<void> | void;
}

/**
 * The server-side filter of a subscription. The server takes one filter, on event type or on stream name, so
 * it gets the most selective part of the port's filter: exact event types, else stream prefixes, else
 * "no system events". Whatever it cannot express is checked again on the client (compileFilter), so the
 * server filter only has to be at least as wide as the port's.
 */
export function serverFilter(filter: AllFilter | undefined, options: ServerFilterOptions): Filter {
  const common = {
    checkpointInterval: options.checkpointInterval,
    ...(options.checkpointReached ? { checkpointReached: options.checkpointReached } : {}),
  };
  if (filter?.eventTypes !== undefined) return eventTypeFilter({ ...common, regex: exactTypesRegex(filter.eventTypes) });
  if (filter?.streamPrefixes !== undefined) {
    return filter.streamPrefixes.length === 0
      ? streamNameFilter({ ...common, regex: MATCH_NOTHING })
      : streamNameFilter({ ...common, prefixes: [...new Set(filter.streamPrefixes)] });
  }
  return excludeSystemEvents(common);
}

// ---- connection ----

/**
 * Client 6.x knows only `esdb://` and `esdb+discover://`; KurrentDB's `kurrentdb://` and `kdb://` (which the
 * service's config also accepts) are the same format under a new name.
 */
export function normalizeConnectionString(connectionString: string): string {
  return connectionString.replace(/^(?:kurrentdb|kdb)(\+discover)?:\/\//i, (_match, discover: string | undefined) => `esdb${discover ?? ''}://`);
}
