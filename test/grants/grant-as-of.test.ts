import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { grantsProjection } from '../../projections/grants.projection.js';
import { citizensProjection } from '../../projections/citizens.projection.js';
import { citizensReadModel } from '../../read-models/citizens/citizens.read-model.js';
import { GetGrantAsOfHandler } from '../../read-models/grants/grant-as-of-query-handler.js';
import { GetGrantHandler } from '../../read-models/grants/grant-query-handlers.js';
import { grantsReadModel } from '../../read-models/grants/grants.read-model.js';
import { OPEN_ENDED, productsReadModel, type ProductDocument } from '../../read-models/products/products.read-model.js';
import { createEventRegistry } from '../../src/composition/event-registry.js';
import { decodeEvent } from '../../src/composition/projections.js';
import type { AllowanceInput } from '../../src/grants/allowance.js';
import type { GrantActor } from '../../src/grants/grant-access.js';
import { loadGrantAsOf, recordedUpTo } from '../../src/grants/grant-as-of.js';
import { grantDecider, grantStream, type GrantCommand } from '../../src/grants/grant.decider.js';
import { GetGrant, GetGrantAsOf } from '../../src/grants/grant.queries.js';
import type { GrantState } from '../../src/grants/grant.state.js';
import type { Principal } from '../../src/kernel/principal.js';
import { CommandRunner } from '../../src/kernel/command-runner.js';
import type { CommandContext } from '../../src/kernel/command-context.js';
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  Position,
  PositionCheck,
  ReadAllOptions,
  ReadAllSlice,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
} from '../../src/kernel/event-store.port.js';
import { applyBatch, decodeEvents, type AnyProjection } from '../../src/infrastructure/projections/apply-batch.js';
import type { StoredDocument } from '../../src/infrastructure/projections/projection-storage.js';
import { writeDocuments } from '../../src/infrastructure/read-model-store/postgres/documents.js';
import { PostgresProjectionStorage } from '../../src/infrastructure/read-model-store/postgres/postgres-projection-storage.js';
import { PostgresReadModelStore } from '../../src/infrastructure/read-model-store/postgres/postgres-read-model-store.js';
import type { ReadModelDefinition } from '../../src/kernel/read-model-store.port.js';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import type { Role } from '../../src/shared/actor.js';
import { DomainError } from '../../src/shared/domain-error.js';
import { deterministicUuid } from '../../src/shared/ids.js';
import { copenhagenDate } from '../../src/shared/time.js';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import { pgliteDatabase } from '../support/databases.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';

/**
 * The grant as of an instant (DOMAIN §7, GET /citizens/:id/grant?asOf=): folded from the events recorded up to
 * the instant, never from the read model. Random histories of grant commands run through the real command runner
 * and decider; the as-of view must equal the overview the read model gives, at the end and for the read model as
 * it was at every instant in between (the grants projection over the events recorded by then). All people and
 * products are fictitious.
 */

const DAY = 86_400_000;
const MUNICIPALITY = '101';

/**
 * The in-memory event store with a clock the test sets: every event appended is recorded at `now`, so a history
 * can span months, and an instant's Copenhagen date is the day its events were decided on.
 */
class ClockedEventStore implements EventStore {
  now = new Date(0);
  private readonly inner = new InMemoryEventStore();
  private readonly stamps = new Map<string, Date>();

  async appendToStream(streamName: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const before = this.inner.all().length;
    const result = await this.inner.appendToStream(streamName, events, expected);
    for (const event of this.inner.all().slice(before)) this.stamps.set(event.eventId, this.now);
    return result;
  }

  async readStream(streamName: string, { until, ...options }: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const events = (await this.inner.readStream(streamName, options)).map(this.stamped);
    return until ? events.filter((event) => event.recordedAt <= until) : events;
  }

  async readAll(options: ReadAllOptions): Promise<ReadAllSlice> {
    const slice = await this.inner.readAll(options);
    return { ...slice, events: slice.events.map(this.stamped) };
  }

  subscribeToAll(options: SubscribeOptions): AsyncIterable<ReadAllSlice> {
    return this.inner.subscribeToAll(options);
  }

  headPosition(): Promise<Position | undefined> {
    return this.inner.headPosition();
  }

  checkPosition(candidate: string): Promise<PositionCheck> {
    return this.inner.checkPosition(candidate);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private readonly stamped = (event: RecordedEvent): RecordedEvent => ({ ...event, recordedAt: this.stamps.get(event.eventId) ?? event.recordedAt });
}

const PRODUCTS = [
  { itemNumber: 'AO-S30', name: 'Stomipose Prøve', grantArea: 'Stomi', pieces: 30 },
  { itemNumber: 'AO-I25', name: 'Ble Prøve', grantArea: 'Inkontinens', pieces: 25 },
  { itemNumber: 'AO-K10', name: 'Kateter Prøve', grantArea: 'Kateter', pieces: 10 },
  { itemNumber: 'AO-D1', name: 'Kanyle Prøve', grantArea: 'Diabetes', pieces: 1 },
] as const;

/** Catalogue documents as the products projection keeps them; two on an open-ended agreement, two at list price. */
const productDocument = (product: (typeof PRODUCTS)[number], index: number): ProductDocument => ({
  itemNumber: product.itemNumber,
  listed: true,
  discontinued: false,
  searchable: true,
  name: product.name,
  description: '',
  manufacturer: 'Prøvefabrik',
  manufacturerRef: `PF-${product.itemNumber}`,
  group: [product.grantArea],
  groupKey: product.grantArea,
  groupPaths: [product.grantArea.toLowerCase()],
  seriesId: null,
  salesUnit: { name: 'æske', pieces: product.pieces },
  listPrice: 10_000 + index * 2_500,
  datasheetUrls: [],
  searchText: product.name.toLowerCase(),
  title: product.name.toLowerCase(),
  keys: [product.itemNumber.toLowerCase()],
  agreements: index % 2 === 0 ? [{ municipalityId: MUNICIPALITY, pricePerSalesUnit: 8_000 + index * 1_000, validFrom: '2000-01-01', validTo: OPEN_ENDED }] : [],
  agreementMunicipalities: index % 2 === 0 ? [MUNICIPALITY] : [],
});

const principal = (role: Role, municipalityId: string | null, grantAreas: readonly string[] = []): Principal => ({
  userId: `user-${role}`,
  role,
  municipalityId,
  name: 'Prøve Bruger',
  username: `user-${role}`,
  grantAreas,
  sessionTokenHash: 'x',
  mustChangePassword: false,
});
const AUDITOR = principal('auditor', null);
const CUSTOMER_SERVICE = principal('customer_service', null);
/** Sees only some areas: the as-of view leaves out the others, as the overview does. */
const NURSE = principal('nurse', MUNICIPALITY, ['Stomi', 'Kateter']);

const CASEWORKER_ACTOR: GrantActor = { role: 'caseworker', grantAreas: PRODUCTS.map((product) => product.grantArea) };
const ERP_ACTOR: GrantActor = { role: 'integration', grantAreas: [] };

const addDays = (date: string, days: number): string => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

// ---- random histories -------------------------------------------------------------------------------------

const allowanceArb: fc.Arbitrary<AllowanceInput | null> = fc.oneof(
  fc.constant(null),
  fc.record({ grantedMax: fc.integer({ min: 1, max: 20 }), periodMonths: fc.constant(3 as const) }),
  fc.record({ grantedMax: fc.integer({ min: 2, max: 30 }), periodMonths: fc.constant(12 as const), salesUnitsPerOrder: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }) }),
  fc.record({ quantity: fc.integer({ min: 1, max: 6 }), per: fc.constantFrom('day' as const, 'week' as const, 'month' as const), periodMonths: fc.constantFrom(3 as const, 12 as const) }),
);

type Step =
  | { kind: 'add'; item: number; oneTime: boolean; startOffset: number; endAfter: number; allowance: AllowanceInput | null }
  | { kind: 'allowance'; line: number; allowance: AllowanceInput | null }
  | { kind: 'endDate'; line: number; endAfter: number }
  | { kind: 'inactivate'; line: number }
  | { kind: 'reactivate'; line: number; allowance: AllowanceInput | null | undefined }
  | { kind: 'order'; lines: Array<{ line: number; salesUnits: number }> }
  | { kind: 'cancel' | 'credit' | 'deliver'; entry: number; salesUnits: number }
  | { kind: 'status'; status: 'GRANT_ENDED' | 'DECEASED' }
  | { kind: 'restore' };

const line = fc.nat(7);
const addArb = fc.record({ kind: fc.constant('add' as const), item: fc.nat(3), oneTime: fc.boolean(), startOffset: fc.integer({ min: -40, max: 20 }), endAfter: fc.integer({ min: 0, max: 200 }), allowance: allowanceArb });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: addArb },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('allowance' as const), line, allowance: allowanceArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('endDate' as const), line, endAfter: fc.integer({ min: 0, max: 200 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('inactivate' as const), line }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reactivate' as const), line, allowance: fc.option(allowanceArb, { nil: undefined }) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('order' as const), lines: fc.array(fc.record({ line, salesUnits: fc.integer({ min: 1, max: 8 }) }), { minLength: 1, maxLength: 2 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('cancel' as const, 'credit' as const, 'deliver' as const), entry: fc.nat(15), salesUnits: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('status' as const), status: fc.constantFrom('GRANT_ENDED' as const, 'DECEASED' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const) }) },
);
/** A few lines added first, then anything; each step on a day 0–20 days after the step before. */
const historyArb = fc
  .tuple(fc.array(addArb, { minLength: 1, maxLength: 3 }), fc.array(stepArb, { minLength: 8, maxLength: 24 }))
  .chain(([adds, rest]) => fc.tuple(...[...adds, ...rest].map((step) => fc.record({ days: fc.nat(20), step: fc.constant<Step>(step) }))));

/** The command a step stands for on the grant as it is (indices pick among its lines and orders); null: nothing to do. */
function commandFor(step: Step, state: GrantState, citizenId: string, today: string, id: string): GrantCommand | null {
  const lines = state.status === 'granted' ? state.lines : [];
  const entries = lines.flatMap((candidate) => candidate.orders.map((order) => ({ line: candidate, order })));
  const base = { citizenId, actor: CASEWORKER_ACTOR, citizenActive: true, today };
  const lineAt = (index: number) => lines[index % Math.max(1, lines.length)];
  switch (step.kind) {
    case 'add': {
      const product = PRODUCTS[step.item % PRODUCTS.length];
      if (!product) return null;
      const startDate = addDays(today, step.startOffset);
      return {
        type: 'AddGrantLine',
        data: {
          ...base,
          lineId: deterministicUuid(id, 'line'),
          product: { itemNumber: product.itemNumber, name: product.name, piecesPerSalesUnit: product.pieces },
          grantArea: product.grantArea,
          kind: step.oneTime ? 'one_time' : 'continuous',
          startDate,
          endDate: step.oneTime ? addDays(startDate, step.endAfter) : null,
          allowance: step.allowance,
        },
      };
    }
    case 'allowance': {
      const target = lineAt(step.line);
      return target ? { type: 'ChangeGrantLineAllowance', data: { ...base, lineId: target.lineId, piecesPerSalesUnit: target.piecesPerSalesUnit, allowance: step.allowance } } : null;
    }
    case 'endDate': {
      const target = lineAt(step.line);
      return target ? { type: 'ChangeGrantLineEndDate', data: { ...base, lineId: target.lineId, endDate: addDays(target.startDate, step.endAfter) } } : null;
    }
    case 'inactivate': {
      const target = lineAt(step.line);
      return target ? { type: 'InactivateGrantLine', data: { ...base, lineId: target.lineId, reason: 'Prøve' } } : null;
    }
    case 'reactivate': {
      const target = lineAt(step.line);
      if (!target) return null;
      const allowance = step.allowance === undefined ? {} : { allowance: step.allowance };
      return { type: 'ReactivateGrantLine', data: { ...base, lineId: target.lineId, piecesPerSalesUnit: target.piecesPerSalesUnit, ...allowance } };
    }
    case 'order': {
      const ordered = step.lines.flatMap(({ line: index, salesUnits }) => {
        const target = lineAt(index);
        return target ? [{ lineId: target.lineId, salesUnits }] : [];
      });
      return ordered.length === 0 ? null : { type: 'PlaceGrantOrder', data: { ...base, orderId: deterministicUuid(id, 'order'), lines: ordered } };
    }
    case 'cancel':
    case 'credit':
    case 'deliver': {
      const entry = entries[step.entry % Math.max(1, entries.length)];
      if (!entry) return null;
      const accounting = { citizenId, orderId: entry.order.orderId, lines: [{ lineId: entry.line.lineId, salesUnits: step.salesUnits }] };
      if (step.kind === 'deliver') return { type: 'RecordGrantOrderDelivery', data: { ...accounting, actor: ERP_ACTOR } };
      const reason = step.kind === 'cancel' ? 'cancelled' : 'credited';
      return { type: 'GiveBackGrantOrderLines', data: { ...accounting, actor: step.kind === 'cancel' ? CASEWORKER_ACTOR : ERP_ACTOR, reason } };
    }
    case 'status':
      return { type: 'InactivateLinesForStatus', data: { citizenId, status: step.status, today } };
    case 'restore':
      return { type: 'RestoreRemovedLines', data: { citizenId, today } };
  }
}

// ---- the read model side ----------------------------------------------------------------------------------

/** Documents a projection leaves from these events, as the projection runtime would write them. */
function project(projection: AnyProjection, events: readonly RecordedEvent[]): ReadonlyMap<string, StoredDocument | null> {
  const outcome = applyBatch(projection, decodeEvents(projection, decodeEvent, events, 1), new Map(), { attempts: 1 });
  expect(outcome.parked).toEqual([]);
  return outcome.documents;
}

describe('The grant as of an instant (DOMAIN §7)', () => {
  let db: SqlDatabase;
  const tables = new Map<string, string>();
  let readModels: PostgresReadModelStore;

  beforeAll(async () => {
    db = await pgliteDatabase();
    const storage = new PostgresProjectionStorage(db);
    await storage.migrate();
    const definitions: ReadModelDefinition[] = [citizensReadModel, grantsReadModel, productsReadModel];
    for (const definition of definitions) {
      const table = await storage.createTable(definition, 'live');
      if (!table) throw new Error(`${definition.name} has a live table already`);
      tables.set(definition.name, table.table);
    }
    const products = new Map(PRODUCTS.map((product, index) => [product.itemNumber, { json: JSON.stringify(productDocument(product, index)), position: '0' as Position }]));
    await writeDocuments(db, tables.get(productsReadModel.name) ?? '', products);
    readModels = new PostgresReadModelStore(db);
  });
  afterAll(() => db?.close());

  /** The read model as it stood once these events were projected: the grant's document, or none. */
  async function readModelHolds(citizenId: string, events: readonly RecordedEvent[]) {
    const documents = events.length === 0 ? new Map([[citizenId, null]]) : project(grantsProjection as unknown as AnyProjection, events);
    await writeDocuments(db, tables.get(grantsReadModel.name) ?? '', documents);
  }

  /** A citizen of København registered at `at` (with the clock set there), through the command runner. */
  async function register(store: ClockedEventStore, runner: CommandRunner, citizenId: string, at: Date, serial = 1) {
    store.now = at;
    const context: CommandContext = { commandId: deterministicUuid(citizenId, 'register'), correlationId: 'c', causationId: 'c', actor: { userId: 'cw', role: 'caseworker', municipalityId: MUNICIPALITY }, now: at };
    await runner.append(
      `citizen-${citizenId}`,
      [
        {
          type: 'CitizenRegistered',
          data: {
            citizenId,
            municipalityId: MUNICIPALITY,
            cpr: fictitiousCpr('110472', String(serial % 10), { checksum: 'valid' }),
            birthDate: '1972-04-11',
            gender: 'female',
            firstName: 'Asta',
            lastName: 'Tidsrejse',
            address: { street: 'Prøvevej 3', postalCode: '2300', city: 'København S' },
            webshopUsername: `web-${citizenId}`,
            status: 'ACTIVE',
          },
        },
      ],
      context,
      'no_stream',
    );
    await writeDocuments(db, tables.get(citizensReadModel.name) ?? '', project(citizensProjection as unknown as AnyProjection, await store.readStream(`citizen-${citizenId}`)));
  }

  describe('which events count', () => {
    const at = (iso: string) => new Date(iso);
    const recorded = (revision: number, iso: string): RecordedEvent => ({
      eventId: `e${revision}`,
      type: 'X',
      data: {},
      metadata: {},
      streamName: 's',
      revision,
      position: String(revision) as Position,
      recordedAt: at(iso),
    });
    const stream = [recorded(0, '2026-03-01T10:00:00.000Z'), recorded(1, '2026-03-01T10:00:00.005Z'), recorded(2, '2026-03-02T08:00:00.000Z')];

    it('those recorded at or before the instant: the boundary is inclusive, to the millisecond', () => {
      expect(recordedUpTo(stream, at('2026-03-01T10:00:00.005Z')).map((event) => event.revision)).toEqual([0, 1]);
      expect(recordedUpTo(stream, at('2026-03-01T10:00:00.004Z')).map((event) => event.revision)).toEqual([0]);
      expect(recordedUpTo(stream, at('2026-03-01T09:59:59.999Z'))).toEqual([]);
      expect(recordedUpTo(stream, at('2026-03-05T00:00:00.000Z'))).toHaveLength(3);
    });

    it('always a prefix of the stream: an event after a later-recorded one does not count (a clock stepped back)', () => {
      const stepped = [stream[0], recorded(1, '2026-03-01T12:00:00.000Z'), recorded(2, '2026-03-01T11:00:00.000Z')] as RecordedEvent[];
      expect(recordedUpTo(stepped, at('2026-03-01T11:30:00.000Z')).map((event) => event.revision)).toEqual([0]);
    });
  });

  describe('the citizen as of then', () => {
    const store = new ClockedEventStore();
    const runner = new CommandRunner(store, createEventRegistry());
    const citizenId = deterministicUuid('grant-as-of', 'citizen-lifecycle');
    const registered = new Date('2026-02-02T09:00:00Z');
    const removed = new Date('2026-03-02T09:00:00Z');

    beforeAll(async () => {
      await register(store, runner, citizenId, registered, 7);
      store.now = new Date('2026-02-03T09:00:00Z');
      const context: CommandContext = { commandId: 'add-line', correlationId: 'c', causationId: 'c', actor: { userId: 'cw', role: 'caseworker', municipalityId: MUNICIPALITY }, now: store.now };
      const product = PRODUCTS[0];
      await runner.run({
        streamName: grantStream(citizenId),
        decider: grantDecider,
        context,
        command: {
          type: 'AddGrantLine',
          data: {
            citizenId,
            actor: CASEWORKER_ACTOR,
            citizenActive: true,
            today: '2026-02-03',
            lineId: 'line-1',
            product: { itemNumber: product.itemNumber, name: product.name, piecesPerSalesUnit: product.pieces },
            grantArea: product.grantArea,
            kind: 'continuous',
            allowance: { grantedMax: 6, periodMonths: 3 },
          },
        },
      });
      store.now = removed;
      await runner.append(`citizen-${citizenId}`, [{ type: 'CitizenRemoved', data: { citizenId, from: 'ACTIVE', status: 'DECEASED' } }], { ...context, commandId: 'remove', now: removed });
    });

    it('before the citizen was registered there is nothing to show (the route answers 404)', async () => {
      expect(await loadGrantAsOf(store, runner, citizenId, new Date(registered.getTime() - 1))).toBeNull();
      expect(await new GetGrantAsOfHandler(store, runner, readModels).execute(new GetGrantAsOf(AUDITOR, citizenId, false, new Date(registered.getTime() - 1)))).toBeNull();
      expect(await loadGrantAsOf(store, runner, citizenId, registered)).toMatchObject({ grant: { status: 'none' } });
      expect(await loadGrantAsOf(store, runner, deterministicUuid('grant-as-of', 'nobody'), new Date())).toBeNull();
    });

    it('registered but nothing granted yet: an empty grant, with the instant asked for, headed by the citizen', async () => {
      const view = await new GetGrantAsOfHandler(store, runner, readModels).execute(new GetGrantAsOf(AUDITOR, citizenId, true, new Date('2026-02-02T18:30:00+01:00')));
      expect(view).toEqual({ citizenId, asOf: '2026-02-02T17:30:00.000Z', citizen: expect.objectContaining({ name: 'Asta Tidsrejse', cprMasked: '110472-XXXX' }), areas: [], restoredOnReopen: [] });
    });

    it('who may see the record is decided today: a citizen removed since is hidden from a nurse in the past too, not from auditors', async () => {
      const before = new Date('2026-02-10T12:00:00Z');
      const handler = new GetGrantAsOfHandler(store, runner, readModels);
      expect(await handler.execute(new GetGrantAsOf(NURSE, citizenId, false, before))).toBeNull();
      const audited = await handler.execute(new GetGrantAsOf(AUDITOR, citizenId, false, before));
      expect(audited?.areas).toEqual([{ grantArea: 'Stomi', lines: [expect.objectContaining({ lineId: 'line-1', status: 'ACTIVE', window: expect.objectContaining({ start: '2026-02-03' }) })] }]);
      expect(await loadGrantAsOf(store, runner, citizenId, before)).toMatchObject({ citizen: { citizenId, municipalityId: MUNICIPALITY, status: 'DECEASED' } });
    });

    it('names, stars and prices are today’s catalogue', async () => {
      const audited = await new GetGrantAsOfHandler(store, runner, readModels).execute(new GetGrantAsOf(AUDITOR, citizenId, false, new Date('2026-02-10T12:00:00Z')));
      expect(audited?.areas[0]?.lines[0]).toMatchObject({ productName: 'Stomipose Prøve', onAgreement: true, pricePerSalesUnit: 8_000, pricePerPiece: 267 });
    });
  });

  it('random histories: the as-of view equals the read model’s overview, at the end and as the read model stood at every instant between', async () => {
    let run = 0;
    let decided = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(historyArb, fc.constantFrom(AUDITOR, CUSTOMER_SERVICE, NURSE), fc.boolean(), async (history, viewer, includeInactive) => {
        run++;
        const store = new ClockedEventStore();
        const runner = new CommandRunner(store, createEventRegistry());
        const citizenId = deterministicUuid('grant-as-of', 'property', String(run));
        const start = Date.parse('2026-01-05T09:00:00Z');
        await register(store, runner, citizenId, new Date(start - 3_600_000), run);

        let day = 0;
        for (const [index, { days, step }] of history.entries()) {
          day += days;
          // One minute apart within the day (at most 27 steps: still the same Copenhagen date).
          store.now = new Date(start + day * DAY + (index + 1) * 60_000);
          const today = copenhagenDate(store.now);
          const commandId = deterministicUuid(citizenId, 'step', String(index));
          const { state } = await runner.load(grantStream(citizenId), grantDecider);
          const command = commandFor(step, state, citizenId, today, commandId);
          if (command === null) continue;
          const actor = { userId: 'u', role: command.type === 'RecordGrantOrderDelivery' ? ('integration' as const) : ('caseworker' as const), municipalityId: MUNICIPALITY };
          try {
            await runner.run({ streamName: grantStream(citizenId), decider: grantDecider, command, context: { commandId, correlationId: commandId, causationId: commandId, actor, now: store.now } });
            decided++;
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            refused++;
          }
        }

        const events = await store.readStream(grantStream(citizenId));
        const asOf = new GetGrantAsOfHandler(store, runner, readModels);
        const overview = new GetGrantHandler(readModels);
        // Every instant an event was recorded, the moment before it, and "now", three days after the last step.
        const instants = [
          ...new Set(events.flatMap((event) => [event.recordedAt.getTime() - 1, event.recordedAt.getTime()])),
          start + (day + 3) * DAY,
        ].sort((a, b) => a - b);
        for (const instant of instants) {
          const at = new Date(instant);
          await readModelHolds(citizenId, events.filter((event) => event.recordedAt <= at));
          const expected = await overview.execute(new GetGrant(viewer, citizenId, includeInactive, copenhagenDate(at)));
          const actual = await asOf.execute(new GetGrantAsOf(viewer, citizenId, includeInactive, at));
          // restoredOnReopen is the fold's own (the overview has no such field): compared in the e2e suite.
          expect(actual && { ...actual, restoredOnReopen: undefined }).toEqual(expected && { citizenId: expected.citizenId, asOf: at.toISOString(), citizen: expected.citizen, areas: expected.areas });
        }
      }),
      { numRuns: 30 },
    );
    // The histories did something: most steps were decided, and some refused (the caps, inactive lines …).
    expect(decided).toBeGreaterThan(refused);
    expect(refused).toBeGreaterThan(0);
  });
});
