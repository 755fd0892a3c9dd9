/** The EventStoreDB adapter's translations, checked without a server: the client's own error classes and filters. */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { WrongExpectedRevisionError, type ExpectedRevision } from '../../src/kernel/event-store.port.js';
import {
  MATCH_NOTHING,
  compileFilter,
  decodeMetadata,
  encodeMetadata,
  exactTypesRegex,
  isStreamNotFound,
  isSystemEvent,
  normalizeConnectionString,
  satisfiesExpectation,
  serverFilter,
  toActualRevision,
  toEventData,
  toExpectedRevision,
  toRecordedEvent,
  toWrongExpectedRevision,
  type ClientRecordedEvent,
} from '../../src/infrastructure/event-store/eventstoredb/mapping.js';
import { encodePosition } from '../../src/infrastructure/event-store/eventstoredb/position.js';

const uuid = '3f2c8a4e-9b1d-4c6e-8f0a-1b2c3d4e5f60';

describe('expected revisions map one to one', () => {
  it.each<[ExpectedRevision, unknown]>([
    ['no_stream', NO_STREAM],
    ['stream_exists', STREAM_EXISTS],
    ['any', ANY],
    [0, 0n],
    [41, 41n],
    [Number.MAX_SAFE_INTEGER, BigInt(Number.MAX_SAFE_INTEGER)],
  ])('%s → %s', (expected, client) => {
    expect(toExpectedRevision(expected)).toBe(client);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53])('refuses %s as an exact revision', (expected) => {
    expect(() => toExpectedRevision(expected)).toThrow(RangeError);
  });

  it.each<[ExpectedRevision, number, boolean]>([
    ['any', -1, true],
    ['any', 3, true],
    ['no_stream', -1, true],
    ['no_stream', 0, false],
    ['stream_exists', -1, false],
    ['stream_exists', 0, true],
    [2, 2, true],
    [2, 1, false],
    [0, -1, false],
  ])('an empty append expecting %s on a stream at %s is %s', (expected, current, ok) => {
    expect(satisfiesExpectation(expected, current)).toBe(ok);
  });
});

describe("the client's errors as the port's", () => {
  it.each<[ExpectedRevision, bigint | 'no_stream', number | 'no_stream']>([
    [3, 5n, 5],
    ['no_stream', 0n, 0],
    ['stream_exists', 'no_stream', 'no_stream'],
    [0, 'no_stream', 'no_stream'],
    ['any', 7n, 7],
  ])('WrongExpectedVersionError (expected %s, current %s) → WrongExpectedRevisionError with actual %s', (expected, current, actual) => {
    const clientError = new WrongExpectedVersionError(undefined, {
      streamName: 'grant-1',
      expected: toExpectedRevision(expected),
      current,
    });
    const error = toWrongExpectedRevision(clientError, 'grant-1', expected);
    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    // The same fields, name and message as the PostgreSQL adapter gives.
    expect(error).toMatchObject({ name: 'WrongExpectedRevisionError', streamName: 'grant-1', expected, actual });
    expect(error?.message).toBe(`Wrong expected revision on stream grant-1: expected ${String(expected)}, actual ${String(actual)}`);
  });

  it('a negative actual version (older code paths) is no_stream', () => {
    expect(toActualRevision(-1n)).toBe('no_stream');
    expect(toActualRevision(-1)).toBe('no_stream');
    expect(toActualRevision(undefined)).toBe('no_stream');
  });

  it.each([
    ['StreamNotFoundError', new StreamNotFoundError(undefined, 'grant-1')],
    ['StreamDeletedError', StreamDeletedError.fromStreamName('grant-1')],
    ['UnavailableError', new UnavailableError()],
    ['a plain Error', new Error('wrong expected version')],
    ['not an error', 'wrong-expected-version'],
  ])('%s is not a conflict', (_name, error) => {
    expect(toWrongExpectedRevision(error, 'grant-1', 0)).toBeUndefined();
  });

  it('StreamNotFoundError is a missing stream (read as []); nothing else is', () => {
    expect(isStreamNotFound(new StreamNotFoundError(undefined, 'grant-1'))).toBe(true);
    expect(isStreamNotFound(StreamDeletedError.fromStreamName('grant-1'))).toBe(false);
    expect(isStreamNotFound(new WrongExpectedVersionError(undefined, { streamName: 's', expected: ANY, current: 1n }))).toBe(false);
    expect(isStreamNotFound(new Error('stream-not-found'))).toBe(false);
    expect(isStreamNotFound(undefined)).toBe(false);
  });
});

describe('events and metadata', () => {
  it('sends the port event id as the event id (lower case), JSON content, the metadata with its ESDB mirrors', () => {
    const data = toEventData({
      eventId: uuid.toUpperCase(),
      type: 'GrantLineAdded',
      data: { units: 3 },
      metadata: { correlationId: 'c-1', causationId: 'k-1', schemaVersion: 2 },
    });
    expect(data).toEqual({
      id: uuid,
      contentType: 'application/json',
      type: 'GrantLineAdded',
      data: { units: 3 },
      metadata: { correlationId: 'c-1', causationId: 'k-1', schemaVersion: 2, $correlationId: 'c-1', $causationId: 'k-1' },
    });
  });

  it('scalar data is JSON too; undefined data is null', () => {
    expect(toEventData({ eventId: uuid, type: 'T', data: 42, metadata: {} }).data).toBe(42);
    expect(toEventData({ eventId: uuid, type: 'T', data: 'text', metadata: {} }).data).toBe('text');
    expect(toEventData({ eventId: uuid, type: 'T', data: undefined, metadata: {} }).data).toBeNull();
  });

  it.each(['', 'not-a-uuid', `${uuid}0`, 42])('refuses an event id that is not a UUID: %s', (eventId) => {
    expect(() => toEventData({ eventId: eventId as string, type: 'T', data: {}, metadata: {} })).toThrow(/Event id must be a UUID/);
  });

  it('refuses an empty event type', () => {
    expect(() => toEventData({ eventId: uuid, type: '', data: {}, metadata: {} })).toThrow(/Event type/);
  });

  it('metadata round-trips through JSON unchanged, whatever it holds', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string().filter((key) => !key.startsWith('$')), fc.jsonValue()), fc.option(fc.string()), fc.option(fc.string()), (extra, correlationId, causationId) => {
        const metadata: Record<string, unknown> = { ...extra };
        if (correlationId !== null) metadata.correlationId = correlationId;
        if (causationId !== null) metadata.causationId = causationId;
        const original = JSON.parse(JSON.stringify(metadata)) as Record<string, unknown>;
        const wire = JSON.parse(JSON.stringify(encodeMetadata(original))) as unknown;
        expect(decodeMetadata(wire)).toEqual(original);
      }),
    );
  });

  it("keeps ESDB's own $correlationId (another client's) when it is not a mirror", () => {
    expect(decodeMetadata({ $correlationId: 'x', correlationId: 'y' })).toEqual({ $correlationId: 'x', correlationId: 'y' });
    expect(decodeMetadata({ $correlationId: 'x' })).toEqual({ $correlationId: 'x' });
  });

  it.each(['$correlationId', '$raw', '$'])("refuses the port's metadata key %s: keys starting with $ are EventStoreDB's", (key) => {
    expect(() => encodeMetadata({ [key]: 'x' })).toThrow(/keys starting with \$ are EventStoreDB's/);
    expect(() => toEventData({ eventId: uuid, type: 'T', data: {}, metadata: { [key]: 'x' } })).toThrow(RangeError);
  });

  it('metadata another client wrote that is not a JSON object is kept under $raw', () => {
    expect(decodeMetadata(undefined)).toEqual({});
    expect(decodeMetadata([1, 2])).toEqual({ $raw: [1, 2] });
    expect(decodeMetadata('text')).toEqual({ $raw: 'text' });
    expect(decodeMetadata(new Uint8Array([0xff, 0x00]))).toEqual({ $raw: '/wA=' });
  });

  const recorded = (overrides: Partial<ClientRecordedEvent> = {}): ClientRecordedEvent => ({
    streamId: 'grant-1',
    id: uuid,
    revision: 4n,
    type: 'GrantLineAdded',
    created: new Date('2026-11-26T07:00:00.123Z'),
    data: { units: 3 },
    metadata: { correlationId: 'c-1', $correlationId: 'c-1' },
    position: { commit: 5000n, prepare: 5000n },
    ...overrides,
  });

  it('a recorded event: revision as a number, position encoded, created as recordedAt, metadata without mirrors', () => {
    expect(toRecordedEvent(recorded())).toEqual({
      eventId: uuid,
      type: 'GrantLineAdded',
      data: { units: 3 },
      metadata: { correlationId: 'c-1' },
      streamName: 'grant-1',
      revision: 4,
      position: encodePosition({ commit: 5000n, prepare: 5000n }),
      recordedAt: new Date('2026-11-26T07:00:00.123Z'),
    });
  });

  it.each([
    ['missing (servers before 22.6)', undefined],
    ['the 2^64-1 marker', { commit: (1n << 64n) - 1n, prepare: (1n << 64n) - 1n }],
  ])('a recorded event without its $all position is refused with the reason: %s', (_name, position) => {
    expect(() => toRecordedEvent(recorded({ position }))).toThrow(/without its \$all position.*22\.6/);
  });
});

describe('filters', () => {
  it.each<[string, string, boolean]>([
    ['grant-1', 'GrantLineAdded', false],
    ['$stats-127.0.0.1:2113', '$statsCollected', true],
    ['$ce-grant', '$>', true],
    ['grant-1', '$>', true],
    ['$projections-x-result', 'Result', true],
  ])('system event: %s / %s → %s', (stream, type, system) => {
    expect(isSystemEvent(stream, type)).toBe(system);
  });

  it.each<[string, Parameters<typeof compileFilter>[0], string, string, boolean]>([
    ['no filter, a user event', undefined, 'grant-1', 'A', true],
    ['no filter, a system event', undefined, '$ce-grant', '$>', false],
    ['types, listed', { eventTypes: ['A', 'B'] }, 'grant-1', 'B', true],
    ['types, not listed', { eventTypes: ['A'] }, 'grant-1', 'AB', false],
    ['types, empty list', { eventTypes: [] }, 'grant-1', 'A', false],
    ['types, a listed system type', { eventTypes: ['$>'] }, 'grant-1', '$>', false],
    ['prefix, matching', { streamPrefixes: ['grant-'] }, 'grant-1', 'A', true],
    ['prefix, not matching', { streamPrefixes: ['grant-'] }, 'grants-1', 'A', false],
    ['prefix, literal (no wildcards)', { streamPrefixes: ['gr%'] }, 'grant-1', 'A', false],
    ['prefixes, empty list', { streamPrefixes: [] }, 'grant-1', 'A', false],
    ['both, both match', { eventTypes: ['A'], streamPrefixes: ['grant-'] }, 'grant-1', 'A', true],
    ['both, type misses', { eventTypes: ['B'], streamPrefixes: ['grant-'] }, 'grant-1', 'A', false],
    ['both, prefix misses', { eventTypes: ['A'], streamPrefixes: ['order-'] }, 'grant-1', 'A', false],
  ])('client side: %s', (_name, filter, stream, type, matches) => {
    expect(compileFilter(filter)(stream, type)).toBe(matches);
  });

  it('event types become one exact regex (the server has no exact-name filter; a prefix would also take TypeV2)', () => {
    expect(exactTypesRegex(['GrantLineAdded', 'OrderPlaced'])).toBe('^(?:GrantLineAdded|OrderPlaced)$');
    expect(exactTypesRegex(['A', 'A'])).toBe('^(?:A)$');
    expect(exactTypesRegex([])).toBe(MATCH_NOTHING);
  });

  it('the regex matches exactly the listed types, special characters included', () => {
    const types = fc.array(fc.string({ minLength: 1, maxLength: 6, unit: fc.constantFrom('a', 'B', '.', '*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '^', '$', '\\', '#', ' ', '-') }), {
      minLength: 1,
      maxLength: 4,
    });
    fc.assert(
      fc.property(types, fc.string({ maxLength: 6, unit: fc.constantFrom('a', 'B', '.', '*', '(', ')', '|', '\\', '$') }), (listed, candidate) => {
        const regex = new RegExp(exactTypesRegex(listed));
        for (const type of listed) expect(regex.test(type)).toBe(true);
        expect(regex.test(candidate)).toBe(listed.includes(candidate));
      }),
    );
    expect(new RegExp(MATCH_NOTHING).test('')).toBe(false);
  });

  it('server side, by event type when the port filter has types (the stream prefixes are checked on the client)', () => {
    expect(serverFilter({ eventTypes: ['A'], streamPrefixes: ['grant-'] }, { checkpointInterval: 3 })).toMatchObject({
      filterOn: 'eventType',
      regex: '^(?:A)$',
      checkpointInterval: 3,
    });
  });

  it('server side, by stream prefixes when there are no types', () => {
    const filter = serverFilter({ streamPrefixes: ['grant-', 'order-', 'grant-'] }, { checkpointInterval: 1 });
    expect(filter).toMatchObject({ filterOn: 'streamName', prefixes: ['grant-', 'order-'], checkpointInterval: 1 });
    expect(serverFilter({ streamPrefixes: [] }, { checkpointInterval: 1 })).toMatchObject({ filterOn: 'streamName', regex: MATCH_NOTHING });
  });

  it('server side, without a port filter: system events excluded (the client’s excludeSystemEvents)', () => {
    expect(serverFilter(undefined, { checkpointInterval: 1 })).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
    expect(serverFilter({}, { checkpointInterval: 1 })).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
  });

  it('server side, the checkpoint callback is passed on', () => {
    const checkpointReached = () => undefined;
    expect(serverFilter({ eventTypes: ['A'] }, { checkpointInterval: 1, checkpointReached }).checkpointReached).toBe(checkpointReached);
  });
});

describe('connection strings', () => {
  it.each([
    ['esdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
    ['esdb+discover://cluster.local:2113', 'esdb+discover://cluster.local:2113'],
    ['kurrentdb://localhost:2113?tls=false', 'esdb://localhost:2113?tls=false'],
    ['kdb://localhost:2113', 'esdb://localhost:2113'],
    ['kurrentdb+discover://cluster.local:2113', 'esdb+discover://cluster.local:2113'],
    ['KurrentDB://localhost:2113', 'esdb://localhost:2113'],
  ])('%s → %s', (given, normalized) => {
    expect(normalizeConnectionString(given)).toBe(normalized);
  });
});
