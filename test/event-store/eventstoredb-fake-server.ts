/**
 * An in-process stand-in for an EventStoreDB node, at the gRPC level: the real `@eventstore/db-client`
 * connects to it over a socket, so everything between the adapter and the wire (encoding, errors, read
 * streams, subscriptions, cancellation) is the real client's code.
 *
 * The server side is a model, written from KurrentDB's source (IndexWriter.CheckCommit for expected versions
 * and idempotence, AllReader for $all positions and inclusive reads, Enumerator.AllSubscriptionFiltered for
 * exclusive subscription starts, checkpoints and caught-up notices, Streams.Append for the answers). It is not
 * EventStoreDB: what it shows is that the adapter is right about a server that behaves as modelled.
 *
 * Events are written as single-prepare implicit transactions, as the gRPC append does: each event's position
 * is (p, p) with p its log position, and an append answers with its last event's (p, p).
 */
import { randomUUID } from 'node:crypto';
import grpc from '@grpc/grpc-js';
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';

const { ReadReq, ReadResp, AppendResp, BatchAppendResp } = streamsPb;
type ReadRequest = InstanceType<typeof ReadReq>;
type AppendRequest = InstanceType<typeof streamsPb.AppendReq>;
type BatchAppendRequest = InstanceType<typeof streamsPb.BatchAppendReq>;
type ProposedMessage = InstanceType<typeof streamsPb.AppendReq.ProposedMessage> | InstanceType<typeof streamsPb.BatchAppendReq.ProposedMessage>;

export interface FakeServerOptions {
  /** Advertise BatchAppend (servers 21.10 on; the client then appends through it). Default true. */
  readonly batchAppend?: boolean;
  /** Send CaughtUp / FellBehind on subscriptions (servers 23.10 on). Default true. */
  readonly caughtUpNotices?: boolean;
  /** Answer an idempotent retry with the original last event's position (newer servers) or without one. Default true. */
  readonly idempotentRetryPosition?: boolean;
  /** After every user event, write a link to it in `$ce-<category>`, as the system projections do. Default true. */
  readonly systemProjections?: boolean;
}

interface StoredEvent {
  readonly streamName: string;
  readonly revision: number;
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
  readonly created: bigint;
  readonly position: bigint;
}

type Expected = 'any' | 'no_stream' | 'stream_exists' | number;
type AppendOutcome =
  | { readonly ok: true; readonly lastRevision: number; readonly position: bigint | undefined }
  | { readonly ok: false; readonly current: number };

const NO_STREAM = -1;
const CHECKPOINT_WINDOW = 32;
const empty = () => new sharedPb.Empty();

/** (commit, prepare) compared as the log does; every event here has commit = prepare. */
const comparePos = (a: readonly [bigint, bigint], b: readonly [bigint, bigint]) =>
  a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] === b[1] ? 0 : a[1] < b[1] ? -1 : 1;

export class FakeEventStoreDb {
  readonly log: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  /** The server's bounded cache of recently committed event ids (what `any` idempotence relies on). */
  private readonly recentIds = new Map<string, StoredEvent>();
  private readonly live = new Set<(event: StoredEvent) => void>();
  private nextPosition = 1_000n;
  private ticks = 0n;
  /** Append requests the server received (unary and batch). */
  appendRequests = 0;

  private constructor(
    private readonly server: grpc.Server,
    readonly url: string,
    private readonly options: Required<FakeServerOptions>,
  ) {}

  static async start(options: FakeServerOptions = {}): Promise<FakeEventStoreDb> {
    const server = new grpc.Server();
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    const fake = new FakeEventStoreDb(server, `esdb://127.0.0.1:${port}?tls=false`, {
      batchAppend: options.batchAppend ?? true,
      caughtUpNotices: options.caughtUpNotices ?? true,
      idempotentRetryPosition: options.idempotentRetryPosition ?? true,
      systemProjections: options.systemProjections ?? true,
    });
    server.addService(streamsGrpc.StreamsService, {
      read: (call: grpc.ServerWritableStream<ReadRequest, unknown>) => fake.read(call),
      append: (call: grpc.ServerReadableStream<AppendRequest, unknown>, callback: grpc.sendUnaryData<unknown>) => fake.unaryAppend(call, callback),
      batchAppend: (call: grpc.ServerDuplexStream<BatchAppendRequest, unknown>) => fake.batchAppend(call),
    });
    server.addService(serverFeaturesGrpc.ServerFeaturesService, {
      getSupportedMethods: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => {
        if (!fake.options.batchAppend) return callback({ code: grpc.status.UNIMPLEMENTED, details: 'not here' });
        const methods = new serverFeaturesPb.SupportedMethods();
        const method = new serverFeaturesPb.SupportedMethod();
        method.setServiceName('event_store.client.streams.Streams');
        method.setMethodName('BatchAppend');
        methods.addMethods(method);
        methods.setEventStoreServerVersion('24.10.0-fake');
        callback(null, methods);
      },
    });
    // A node is never empty: it starts with system events of its own.
    fake.write('$settings', [{ id: randomUUID(), type: '$settings', contentType: 'application/json', data: json({}), metadata: new Uint8Array() }]);
    fake.writeSystemEvent('$stats-127.0.0.1:2113', '$statsCollected');
    return fake;
  }

  async stop(): Promise<void> {
    this.live.clear();
    this.server.forceShutdown();
  }

  /** A system event, as the node writes them ($stats, $scavenges, …). */
  writeSystemEvent(streamName: string, type: string): void {
    this.write(streamName, [{ id: randomUUID(), type, contentType: 'application/json', data: json({}), metadata: new Uint8Array() }]);
  }

  /** A node restart: the cache of recent event ids is gone (the log and index are not). */
  forgetRecentIds(): void {
    this.recentIds.clear();
  }

  /** Subscriptions the node is serving live (a cancelled one is gone). */
  get liveSubscriptions(): number {
    return this.live.size;
  }

  streamIds(streamName: string): string[] {
    return (this.streams.get(streamName) ?? []).map((event) => event.id);
  }

  // ---- appends (IndexWriter.CheckCommit, reduced to one stream) ----

  append(streamName: string, expected: Expected, proposed: readonly Proposed[]): AppendOutcome {
    this.appendRequests++;
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length - 1;
    if (expected === 'stream_exists' && current === NO_STREAM) return { ok: false, current };
    if (expected === 'any' || expected === 'stream_exists') {
      // Weak idempotence: only ids still in the cache of recent writes count.
      const found = proposed.map((event) => this.recentIds.get(event.id)).map((event) => (event?.streamName === streamName ? event : undefined));
      if (found[0] === undefined) return this.write(streamName, proposed);
      if (found.some((event) => event === undefined)) return { ok: false, current }; // corrupted idempotency
      return this.idempotent(found.at(-1) as StoredEvent);
    }
    const expectedVersion = expected === 'no_stream' ? NO_STREAM : expected;
    if (expectedVersion < current) {
      // Strong idempotence: the events must sit at the revisions the expectation implies.
      for (let i = 0; i < proposed.length; i++) {
        if (stream[expectedVersion + 1 + i]?.id !== proposed[i]?.id) return { ok: false, current };
      }
      if (proposed.length === 0) return { ok: false, current };
      return this.idempotent(stream[expectedVersion + proposed.length] as StoredEvent);
    }
    if (expectedVersion > current) return { ok: false, current };
    return this.write(streamName, proposed);
  }

  private idempotent(last: StoredEvent): AppendOutcome {
    return { ok: true, lastRevision: last.revision, position: this.options.idempotentRetryPosition ? last.position : undefined };
  }

  private write(streamName: string, proposed: readonly Proposed[]): AppendOutcome {
    const stream = this.streams.get(streamName) ?? [];
    this.streams.set(streamName, stream);
    let last: StoredEvent | undefined;
    for (const event of proposed) {
      this.ticks += 1n;
      last = {
        streamName,
        revision: stream.length,
        id: event.id,
        type: event.type,
        contentType: event.contentType,
        data: event.data,
        metadata: event.metadata,
        created: BigInt(Date.now()) * 10_000n + (this.ticks % 10_000n),
        position: this.nextPosition,
      };
      this.nextPosition += 100n + BigInt(event.data.length);
      stream.push(last);
      this.log.push(last);
      this.recentIds.set(event.id, last);
    }
    for (const event of stream.slice(stream.length - proposed.length)) {
      for (const listener of this.live) listener(event);
    }
    if (this.options.systemProjections && !streamName.startsWith('$')) {
      for (const event of stream.slice(stream.length - proposed.length)) {
        const category = streamName.split('-')[0] ?? streamName;
        const link = json(`${event.revision}@${streamName}`);
        this.write(`$ce-${category}`, [{ id: randomUUID(), type: '$>', contentType: 'application/octet-stream', data: link, metadata: new Uint8Array() }]);
      }
    }
    return { ok: true, lastRevision: (last as StoredEvent).revision, position: (last as StoredEvent).position };
  }

  private unaryAppend(call: grpc.ServerReadableStream<AppendRequest, unknown>, callback: grpc.sendUnaryData<unknown>): void {
    let streamName = '';
    let expected: Expected = 'any';
    const proposed: Proposed[] = [];
    call.on('data', (request: AppendRequest) => {
      const options = request.getOptions();
      if (options) {
        streamName = streamNameOf(options.getStreamIdentifier());
        expected = options.hasRevision() ? Number(options.getRevision()) : options.hasNoStream() ? 'no_stream' : options.hasStreamExists() ? 'stream_exists' : 'any';
      }
      const message = request.getProposedMessage();
      if (message) proposed.push(toProposed(message));
    });
    call.on('end', () => {
      const outcome = this.append(streamName, expected, proposed);
      const response = new AppendResp();
      if (outcome.ok) {
        const success = new AppendResp.Success();
        success.setCurrentRevision(String(outcome.lastRevision));
        if (outcome.position === undefined) success.setNoPosition(empty());
        else {
          const position = new AppendResp.Position();
          position.setCommitPosition(String(outcome.position));
          position.setPreparePosition(String(outcome.position));
          success.setPosition(position);
        }
        response.setSuccess(success);
      } else {
        const wrong = new AppendResp.WrongExpectedVersion();
        if (outcome.current === NO_STREAM) wrong.setCurrentNoStream(empty());
        else wrong.setCurrentRevision(String(outcome.current));
        if (typeof expected === 'number') wrong.setExpectedRevision(String(expected));
        else if (expected === 'no_stream') wrong.setExpectedNoStream(empty());
        else if (expected === 'stream_exists') wrong.setExpectedStreamExists(empty());
        else wrong.setExpectedAny(empty());
        response.setWrongExpectedVersion(wrong);
      }
      callback(null, response);
    });
  }

  private batchAppend(call: grpc.ServerDuplexStream<BatchAppendRequest, unknown>): void {
    const pending = new Map<string, { streamName: string; expected: Expected; proposed: Proposed[] }>();
    call.on('data', (request: BatchAppendRequest) => {
      const correlation = request.getCorrelationId()?.getString() ?? '';
      const options = request.getOptions();
      const batch = pending.get(correlation) ?? { streamName: '', expected: 'any' as Expected, proposed: [] };
      pending.set(correlation, batch);
      if (options) {
        batch.streamName = streamNameOf(options.getStreamIdentifier());
        batch.expected = options.hasStreamPosition()
          ? Number(options.getStreamPosition())
          : options.hasNoStream()
            ? 'no_stream'
            : options.hasStreamExists()
              ? 'stream_exists'
              : 'any';
      }
      batch.proposed.push(...request.getProposedMessagesList().map(toProposed));
      if (!request.getIsFinal()) return;
      pending.delete(correlation);
      const outcome = this.append(batch.streamName, batch.expected, batch.proposed);
      const response = new BatchAppendResp();
      response.setCorrelationId(request.getCorrelationId());
      const identifier = new sharedPb.StreamIdentifier();
      identifier.setStreamName(Buffer.from(batch.streamName, 'utf8'));
      response.setStreamIdentifier(identifier);
      if (outcome.ok) {
        const success = new BatchAppendResp.Success();
        success.setCurrentRevision(String(outcome.lastRevision));
        if (outcome.position === undefined) success.setNoPosition(new emptyPb.Empty());
        else {
          const position = new sharedPb.AllStreamPosition();
          position.setCommitPosition(String(outcome.position));
          position.setPreparePosition(String(outcome.position));
          success.setPosition(position);
        }
        response.setSuccess(success);
      } else {
        const wrong = new sharedPb.WrongExpectedVersion();
        if (outcome.current === NO_STREAM) wrong.setCurrentNoStream(new emptyPb.Empty());
        else wrong.setCurrentStreamRevision(String(outcome.current));
        const expected = batch.expected;
        if (typeof expected === 'number') wrong.setExpectedStreamPosition(String(expected));
        else if (expected === 'no_stream') wrong.setExpectedNoStream(new emptyPb.Empty());
        else if (expected === 'stream_exists') wrong.setExpectedStreamExists(new emptyPb.Empty());
        else wrong.setExpectedAny(new emptyPb.Empty());
        const details = new anyPb.Any();
        details.pack(wrong.serializeBinary(), 'event_store.client.WrongExpectedVersion');
        const status = new statusPb.Status();
        status.setCode(9);
        status.setMessage('Wrong expected version.');
        status.setDetails(details);
        response.setError(status);
      }
      call.write(response);
    });
    call.on('end', () => call.end());
  }

  // ---- reads and subscriptions ----

  private read(call: grpc.ServerWritableStream<ReadRequest, unknown>): void {
    const options = call.request.getOptions();
    if (!options) {
      call.destroy(new Error('no options'));
      return;
    }
    const count = options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const stream = options.getStream();
    if (stream) {
      const streamName = streamNameOf(stream.getStreamIdentifier());
      const events = this.streams.get(streamName);
      if (!events) {
        const notFound = new ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(stream.getStreamIdentifier());
        const response = new ReadResp();
        response.setStreamNotFound(notFound);
        call.write(response);
        call.end();
        return;
      }
      const from = stream.hasRevision() ? Number(stream.getRevision()) : stream.hasEnd() ? events.length - 1 : backwards ? events.length - 1 : 0;
      const selected = backwards ? events.filter((e) => e.revision <= from).reverse() : events.filter((e) => e.revision >= from);
      for (const event of selected.slice(0, count)) call.write(eventResponse(event));
      call.end();
      return;
    }
    const all = options.getAll();
    if (!all) {
      call.destroy(new Error('neither stream nor $all'));
      return;
    }
    const position = all.getPosition();
    const from: [bigint, bigint] | 'start' | 'end' = position
      ? [BigInt(position.getCommitPosition()), BigInt(position.getPreparePosition())]
      : all.hasEnd()
        ? 'end'
        : 'start';
    if (options.hasSubscription()) return this.subscribe(call, from, options.getFilter());
    const at = (event: StoredEvent): [bigint, bigint] => [event.position, event.position];
    // Reads include the event at the start position (forwards); backwards they stop before it.
    const selected = backwards
      ? this.log.filter((e) => from === 'end' || from === 'start' || comparePos(at(e), from) < 0).reverse()
      : this.log.filter((e) => from === 'start' || (from !== 'end' && comparePos(at(e), from) >= 0));
    for (const event of selected.slice(0, count)) call.write(eventResponse(event));
    call.end();
  }

  private subscribe(
    call: grpc.ServerWritableStream<ReadRequest, unknown>,
    from: [bigint, bigint] | 'start' | 'end',
    filterOptions: InstanceType<typeof ReadReq.Options.FilterOptions> | undefined,
  ): void {
    const confirmation = new ReadResp.SubscriptionConfirmation();
    confirmation.setSubscriptionId(randomUUID());
    call.write(new ReadResp().setConfirmation(confirmation));
    const allowed = compileServerFilter(filterOptions);
    const interval = filterOptions ? Math.max(1, filterOptions.getCheckpointintervalmultiplier()) * CHECKPOINT_WINDOW : Infinity;
    let considered = 0;
    const checkpoint = (position: bigint) => {
      const message = new ReadResp.Checkpoint();
      message.setCommitPosition(String(position));
      message.setPreparePosition(String(position));
      call.write(new ReadResp().setCheckpoint(message));
    };
    const consider = (event: StoredEvent) => {
      considered++;
      if (allowed(event)) call.write(eventResponse(event));
      if (filterOptions && considered % interval === 0) checkpoint(event.position);
    };
    // Catch-up and the switch to live happen in one turn of the event loop: no append can fall between.
    const start = from === 'start' ? undefined : from === 'end' ? this.log.at(-1)?.position : from;
    const after = (event: StoredEvent) =>
      start === undefined || (typeof start === 'bigint' ? event.position > start : comparePos([event.position, event.position], start) > 0);
    const backlog = this.log.filter(after);
    for (const event of backlog) consider(event);
    if (filterOptions && backlog.length > 0) checkpoint((backlog.at(-1) as StoredEvent).position);
    if (this.options.caughtUpNotices) call.write(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
    const listener = (event: StoredEvent) => consider(event);
    this.live.add(listener);
    const stop = () => this.live.delete(listener);
    call.on('cancelled', stop);
    call.on('close', stop);
    call.on('error', stop);
  }
}

interface Proposed {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

const json = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value), 'utf8'));

function streamNameOf(identifier: InstanceType<typeof sharedPb.StreamIdentifier> | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

function toProposed(message: ProposedMessage): Proposed {
  const metadata = message.getMetadataMap();
  return {
    id: message.getId()?.getString() ?? '',
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    metadata: message.getCustomMetadata_asU8(),
  };
}

function eventResponse(event: StoredEvent): InstanceType<typeof ReadResp> {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  const id = new sharedPb.UUID();
  id.setString(event.id);
  recorded.setId(id);
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(Buffer.from(event.streamName, 'utf8'));
  recorded.setStreamIdentifier(identifier);
  recorded.setStreamRevision(String(event.revision));
  recorded.setCommitPosition(String(event.position));
  recorded.setPreparePosition(String(event.position));
  recorded.getMetadataMap().set('type', event.type);
  recorded.getMetadataMap().set('content-type', event.contentType);
  recorded.getMetadataMap().set('created', String(event.created));
  recorded.setData(event.data);
  recorded.setCustomMetadata(event.metadata);
  const read = new ReadResp.ReadEvent();
  read.setEvent(recorded);
  read.setCommitPosition(String(event.position));
  return new ReadResp().setEvent(read);
}

/** The server's filter: a regex (.NET there; the adapter's regexes mean the same in JavaScript) or prefixes. */
function compileServerFilter(options: InstanceType<typeof ReadReq.Options.FilterOptions> | undefined): (event: StoredEvent) => boolean {
  if (!options) return () => true;
  const byType = options.hasEventType();
  const expression = byType ? options.getEventType() : options.getStreamIdentifier();
  const field = (event: StoredEvent) => (byType ? event.type : event.streamName);
  const prefixes = expression?.getPrefixList() ?? [];
  if (prefixes.length > 0) return (event) => prefixes.some((prefix) => field(event).startsWith(prefix));
  const regex = new RegExp(expression?.getRegex() ?? '');
  return (event) => regex.test(field(event));
}
