import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { CitizenLifecycle, systemContextFor } from '../../src/processes/citizen-lifecycle/citizen-lifecycle.js';
import { citizenDecider, citizenStream, type CitizenCommand } from '../../src/citizens/citizen.decider.js';
import type { CitizenEvent } from '../../src/citizens/citizen.events.js';
import { cprRegistryDecider, cprRegistryStream } from '../../src/citizens/cpr-registry.decider.js';
import { createEventRegistry } from '../../src/composition/event-registry.js';
import { grantDecider, grantStream, type GrantCommand } from '../../src/grants/grant.decider.js';
import type { CommandContext } from '../../src/kernel/command-context.js';
import { CommandRunner } from '../../src/kernel/command-runner.js';
import type { EventStore, RecordedEvent } from '../../src/kernel/event-store.port.js';
import { PostgresEventStore } from '../../src/infrastructure/event-store/postgres/postgres-event-store.js';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import { OrderWorkflow } from '../../src/processes/orders/order-workflow.js';
import { orderDecider, orderStream, type OrderCommand } from '../../src/orders/order.decider.js';
import type { Actor } from '../../src/shared/actor.js';
import { deterministicUuid } from '../../src/shared/ids.js';
import { Pseudonymizer } from '../../src/shared/pseudonym.js';
import { pgliteDatabase } from '../support/databases.js';
import { InMemoryEventStore } from '../support/in-memory-event-store.js';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';

/**
 * CitizenLifecycle.applyEffects over a real CommandRunner and event store (DOMAIN §2.3, §2.1 rule 5): the
 * citizen's event is appended directly, then its effects on the grant, the orders and the CPR registry are
 * carried over and checked on those streams.
 */

const MUNICIPALITY_ID = '101';
const CITIZEN_ID = '6e2a9c41-3d7b-4f05-8a6e-2c1b9d0f4a37';
const CPR = fictitiousCpr('240367', '2', { checksum: 'valid' });
const NEW_CPR = fictitiousCpr('250367', '2', { checksum: 'valid' });
const ORDER_DAY = new Date('2026-03-02T09:00:00Z');
const REMOVAL_TIME = new Date('2026-03-10T09:00:00Z');
const REOPEN_TIME = new Date('2026-03-20T09:00:00Z');
const CASEWORKER: Actor = { userId: 'user-caseworker', role: 'caseworker', municipalityId: MUNICIPALITY_ID };
const CUSTOMER_SERVICE: Actor = { userId: 'user-cs', role: 'customer_service', municipalityId: null };
const GRANT_AREAS = ['Stomi', 'Kateter', 'Inkontinens'];

interface Backend {
  readonly name: string;
  open(): Promise<{ store: EventStore; close(): Promise<void> }>;
}

const BACKENDS: Backend[] = [
  { name: 'in-memory', open: async () => ({ store: new InMemoryEventStore(), close: async () => undefined }) },
  {
    name: 'pglite',
    open: async () => {
      const db: SqlDatabase = await pgliteDatabase();
      const store = await PostgresEventStore.open(db);
      return {
        store,
        close: async () => {
          await store.close();
          await db.close();
        },
      };
    },
  },
];

describe.each(BACKENDS)('The citizen lifecycle’s effects on other streams [$name]', (backend) => {
  let store: EventStore;
  let close: () => Promise<void>;
  let runner: CommandRunner;
  let pseudonyms: Pseudonymizer;
  let lifecycle: CitizenLifecycle;
  let seq = 0;

  beforeEach(async () => {
    ({ store, close } = await backend.open());
    runner = new CommandRunner(store, createEventRegistry());
    pseudonyms = new Pseudonymizer('a-test-key-of-at-least-thirty-two-characters');
    lifecycle = new CitizenLifecycle(runner, pseudonyms, new OrderWorkflow(runner));
  });
  afterEach(async () => close());

  const context = (actor: Actor = CASEWORKER, now = ORDER_DAY): CommandContext => {
    seq++;
    return { commandId: deterministicUuid('test', String(seq)), correlationId: `corr-${seq}`, causationId: `cause-${seq}`, actor, now };
  };
  const cprStreamOf = (cpr: string) => cprRegistryStream(pseudonyms.hash('cpr', cpr));
  const types = async (streamName: string) => (await store.readStream(streamName)).map((event) => event.type);
  const decoded = async (streamName: string) => (await store.readStream(streamName)).map((event) => runner.decode(event));
  const ofType = async (streamName: string, type: string) => (await decoded(streamName)).filter((event) => event.type === type);

  /** Every event in the store, so an effect that wrote to an unexpected stream is seen too. */
  async function everything(): Promise<RecordedEvent[]> {
    const events: RecordedEvent[] = [];
    let after: RecordedEvent['position'] | undefined;
    for (;;) {
      const slice = await store.readAll({ after, maxCount: 500 });
      events.push(...slice.events);
      after = slice.next ?? after;
      if (slice.isEnd || slice.events.length === 0) return events;
    }
  }

  const runCitizen = (command: CitizenCommand, ctx = context()) =>
    runner.run({ streamName: citizenStream(CITIZEN_ID), decider: citizenDecider, command, context: ctx });
  const runGrant = (command: GrantCommand, ctx = context()) =>
    runner.run({ streamName: grantStream(CITIZEN_ID), decider: grantDecider, command, context: ctx });
  const runOrder = (orderId: string, command: OrderCommand, ctx = context()) =>
    runner.run({ streamName: orderStream(orderId), decider: orderDecider, command, context: ctx });

  /** The CPR reserved, then the citizen registered, as the application does it. */
  async function registerCitizen(): Promise<void> {
    await runner.run({
      streamName: cprStreamOf(CPR),
      decider: cprRegistryDecider,
      command: { type: 'ReserveCpr', data: { citizenId: CITIZEN_ID, municipalityId: MUNICIPALITY_ID, now: ORDER_DAY.toISOString(), holderClaims: true } },
      context: context(),
    });
    await runCitizen({
      type: 'RegisterCitizen',
      data: {
        citizenId: CITIZEN_ID,
        municipalityId: MUNICIPALITY_ID,
        municipalityPostalCodes: ['2300'],
        cpr: CPR,
        firstName: 'Lise',
        lastName: 'Livsen',
        address: { street: 'Livsvej 1', postalCode: '2300', city: 'København S' },
        today: '2026-03-02',
      },
    });
  }

  async function addLine(lineId: string, itemNumber: string, grantArea: string): Promise<void> {
    await runGrant({
      type: 'AddGrantLine',
      data: {
        citizenId: CITIZEN_ID,
        actor: { role: 'caseworker', grantAreas: GRANT_AREAS },
        citizenActive: true,
        today: '2026-01-05',
        lineId,
        product: { itemNumber, name: `Produkt ${itemNumber}`, piecesPerSalesUnit: 10 },
        grantArea,
        kind: 'continuous',
        allowance: { grantedMax: 20, periodMonths: 3 },
      },
    });
  }

  /** Counted on the grant (PlaceGrantOrder); the order's own stream is created only when `createStream`. */
  async function placeOrder(orderId: string, lines: Array<[lineId: string, salesUnits: number]>, createStream = true): Promise<void> {
    const ctx = context();
    const counted = await runGrant(
      {
        type: 'PlaceGrantOrder',
        data: {
          citizenId: CITIZEN_ID,
          actor: { role: 'caseworker', grantAreas: GRANT_AREAS },
          citizenActive: true,
          today: '2026-03-02',
          orderId,
          lines: lines.map(([lineId, salesUnits]) => ({ lineId, salesUnits })),
        },
      },
      ctx,
    );
    if (!createStream) return;
    const orderNumber = await new OrderWorkflow(runner).reserveOrderNumber(orderId, '2026-03-02', ctx);
    const grantLines = counted.state.status === 'granted' ? counted.state.lines : [];
    await runOrder(
      orderId,
      {
        type: 'PlaceOrder',
        data: {
          orderId,
          citizenId: CITIZEN_ID,
          municipalityId: MUNICIPALITY_ID,
          orderNumber,
          orderDate: '2026-03-02',
          placedAt: ORDER_DAY.toISOString(),
          placedBy: { userId: CASEWORKER.userId, role: 'caseworker', name: 'Sagsbehandler', channel: 'municipality' },
          remarks: null,
          deliveryAddress: { street: 'Livsvej 1', postalCode: '2300', city: 'København S' },
          lines: lines.map(([lineId, salesUnits]) => {
            const line = grantLines.find((candidate) => candidate.lineId === lineId)!;
            return { lineId, itemNumber: line.itemNumber, productName: line.productName, grantArea: line.grantArea, salesUnits };
          }),
        },
      },
      ctx,
    );
  }

  /** Appends a lifecycle event on the citizen stream; returns it with its revision and the reaction's context. */
  async function citizenEvent(command: CitizenCommand, actor: Actor, now: Date) {
    const result = await runCitizen(command, context(actor, now));
    expect(result.events).toHaveLength(1);
    const recorded = (await store.readStream(citizenStream(CITIZEN_ID))).at(-1)!;
    return {
      event: result.events[0] as CitizenEvent,
      revision: result.revision,
      context: systemContextFor(recorded.eventId, String(recorded.metadata.correlationId), now),
      eventId: recorded.eventId,
    };
  }

  const remove = (status: 'DECEASED' | 'MOVED_AWAY' = 'DECEASED') =>
    citizenEvent({ type: 'ChangeCitizenStatus', data: { citizenId: CITIZEN_ID, role: 'caseworker', status } }, CASEWORKER, REMOVAL_TIME);
  const reopen = () => citizenEvent({ type: 'ReopenCitizen', data: { citizenId: CITIZEN_ID, role: 'customer_service', reason: 'Fejlagtigt meldt død' } }, CUSTOMER_SERVICE, REOPEN_TIME);

  /** Two lines, and one open order on them (5 of line-1, 2 of line-2). */
  async function citizenWithAnOpenOrder(): Promise<void> {
    await registerCitizen();
    await addLine('line-1', '301004', 'Stomi');
    await addLine('line-2', '201001', 'Kateter');
    await placeOrder('order-1', [['line-1', 5], ['line-2', 2]]);
  }

  describe('a removal (CitizenRemoved)', () => {
    it('inactivates every active line in one event, cancels the open order on its stream and the grant, and releases the CPR', async () => {
      await citizenWithAnOpenOrder();
      const { event, revision, context: ctx, eventId } = await remove();

      await lifecycle.applyEffects(event, revision, ctx);

      const inactivated = await ofType(grantStream(CITIZEN_ID), 'GrantLinesInactivatedForStatus');
      expect(inactivated).toEqual([
        { type: 'GrantLinesInactivatedForStatus', data: { citizenId: CITIZEN_ID, status: 'DECEASED', lineIds: ['line-1', 'line-2'], effectiveDate: '2026-03-10' } },
      ]);
      expect(await ofType(orderStream('order-1'), 'OrderCancelled')).toEqual([
        {
          type: 'OrderCancelled',
          data: {
            orderId: 'order-1',
            citizenId: CITIZEN_ID,
            lines: [
              { lineId: 'line-1', itemNumber: '301004', salesUnits: 5 },
              { lineId: 'line-2', itemNumber: '201001', salesUnits: 2 },
            ],
            reason: 'Annulleret automatisk: borgeren er død',
          },
        },
      ]);
      expect(await ofType(grantStream(CITIZEN_ID), 'GrantOrderLinesGivenBack')).toEqual([
        {
          type: 'GrantOrderLinesGivenBack',
          data: { citizenId: CITIZEN_ID, orderId: 'order-1', lines: [{ lineId: 'line-1', salesUnits: 5 }, { lineId: 'line-2', salesUnits: 2 }], reason: 'cancelled' },
        },
      ]);
      expect(await ofType(cprStreamOf(CPR), 'CprReleased')).toEqual([{ type: 'CprReleased', data: { citizenId: CITIZEN_ID, releasedAt: REMOVAL_TIME.toISOString() } }]);
      expect((await runner.load(cprStreamOf(CPR), cprRegistryDecider)).state).toEqual({ status: 'free' });

      // Every effect is the system's, caused by the removal.
      const effects = (await everything()).filter((recorded) => recorded.metadata.causationId === eventId);
      expect(effects.map((recorded) => recorded.type).sort()).toEqual(['CprReleased', 'GrantLinesInactivatedForStatus', 'GrantOrderLinesGivenBack', 'OrderCancelled']);
      for (const recorded of effects) expect(recorded.metadata.actor).toMatchObject({ role: 'system' });
    });

    it('MOVED_AWAY cancels with its own reason', async () => {
      await citizenWithAnOpenOrder();
      const { event, revision, context: ctx } = await remove('MOVED_AWAY');
      await lifecycle.applyEffects(event, revision, ctx);
      const [cancelled] = await ofType(orderStream('order-1'), 'OrderCancelled');
      expect(cancelled?.data).toMatchObject({ reason: 'Annulleret automatisk: borgeren er fraflyttet' });
    });

    it('applied again with the same event and revision, it appends nothing more (idempotent)', async () => {
      await citizenWithAnOpenOrder();
      const { event, revision, context: ctx } = await remove();
      await lifecycle.applyEffects(event, revision, ctx);
      const streams = [citizenStream(CITIZEN_ID), grantStream(CITIZEN_ID), orderStream('order-1'), cprStreamOf(CPR)];
      const lengths = await Promise.all(streams.map(async (name) => (await store.readStream(name)).length));
      const total = (await everything()).length;

      await lifecycle.applyEffects(event, revision, ctx);
      // The reaction's run comes with its own context (another command id at the top): the steps' ids still match.
      await lifecycle.applyEffects(event, revision, { ...ctx, commandId: deterministicUuid('another') });

      expect(await Promise.all(streams.map(async (name) => (await store.readStream(name)).length))).toEqual(lengths);
      expect((await everything()).length).toBe(total);
    });

    it('an order counted on the grant whose stream does not exist yet makes it throw (retried later); abandoned, it is skipped', async () => {
      await registerCitizen();
      await addLine('line-1', '301004', 'Stomi');
      await placeOrder('order-2', [['line-1', 3]], false);
      const { event, revision, context: ctx } = await remove();

      await expect(lifecycle.applyEffects(event, revision, ctx)).rejects.toThrow(/still being placed/);
      expect(await types(orderStream('order-2'))).toEqual([]);
      // The CPR is released only once the orders are settled.
      expect(await ofType(cprStreamOf(CPR), 'CprReleased')).toEqual([]);

      // The reconciliation abandons the order that was never created.
      await runOrder('order-2', { type: 'AbandonOrder', data: { orderId: 'order-2', citizenId: CITIZEN_ID, lines: [{ lineId: 'line-1', salesUnits: 3 }] } });
      await lifecycle.applyEffects(event, revision, ctx);

      expect(await types(orderStream('order-2'))).toEqual(['OrderAbandoned']);
      expect(await ofType(grantStream(CITIZEN_ID), 'GrantLinesInactivatedForStatus')).toHaveLength(1);
      expect(await ofType(cprStreamOf(CPR), 'CprReleased')).toHaveLength(1);
    });

    it('an abandoned order already given back on the grant is not open: nothing to cancel', async () => {
      await registerCitizen();
      await addLine('line-1', '301004', 'Stomi');
      await placeOrder('order-2', [['line-1', 3]], false);
      const abandoned = await runOrder('order-2', { type: 'AbandonOrder', data: { orderId: 'order-2', citizenId: CITIZEN_ID, lines: [{ lineId: 'line-1', salesUnits: 3 }] } });
      await new OrderWorkflow(runner).applyToGrant(abandoned.events[0]!, abandoned.revision, context());
      const { event, revision, context: ctx } = await remove();

      await lifecycle.applyEffects(event, revision, ctx);

      expect(await types(orderStream('order-2'))).toEqual(['OrderAbandoned']);
      expect(await ofType(grantStream(CITIZEN_ID), 'GrantOrderLinesGivenBack')).toHaveLength(1);
      expect(await ofType(cprStreamOf(CPR), 'CprReleased')).toHaveLength(1);
    });

    it('an order the ERP shipped in full (not yet carried to the grant) is left as it is', async () => {
      await citizenWithAnOpenOrder();
      await runOrder('order-1', {
        type: 'ReportFulfilment',
        data: {
          orderId: 'order-1',
          actor: { role: 'integration', grantAreas: [] },
          report: { type: 'shipped', lines: [{ itemNumber: '301004', salesUnits: 5 }, { itemNumber: '201001', salesUnits: 2 }], at: '2026-03-05T08:00:00.000Z' },
        },
      }, context({ userId: 'erp', role: 'integration', municipalityId: null }));
      const { event, revision, context: ctx } = await remove();

      await lifecycle.applyEffects(event, revision, ctx);

      expect(await types(orderStream('order-1'))).toEqual(['OrderPlaced', 'OrderLinesShipped']);
      expect(await ofType(cprStreamOf(CPR), 'CprReleased')).toHaveLength(1);
    });

    it('a citizen without a grant: only the CPR is released', async () => {
      await registerCitizen();
      const { event, revision, context: ctx } = await remove();
      await lifecycle.applyEffects(event, revision, ctx);
      expect(await types(grantStream(CITIZEN_ID))).toEqual([]);
      expect(await types(cprStreamOf(CPR))).toEqual(['CprReserved', 'CprReleased']);
    });
  });

  describe('the other lifecycle events', () => {
    it('GRANT_ENDED inactivates the lines, but cancels no order and keeps the CPR; back to ACTIVE changes nothing elsewhere', async () => {
      await citizenWithAnOpenOrder();
      const ended = await citizenEvent({ type: 'ChangeCitizenStatus', data: { citizenId: CITIZEN_ID, role: 'nurse', status: 'GRANT_ENDED' } }, CASEWORKER, REMOVAL_TIME);
      await lifecycle.applyEffects(ended.event, ended.revision, ended.context);

      expect(await ofType(grantStream(CITIZEN_ID), 'GrantLinesInactivatedForStatus')).toEqual([
        { type: 'GrantLinesInactivatedForStatus', data: { citizenId: CITIZEN_ID, status: 'GRANT_ENDED', lineIds: ['line-1', 'line-2'], effectiveDate: '2026-03-10' } },
      ]);
      expect(await types(orderStream('order-1'))).toEqual(['OrderPlaced']);
      expect(await types(cprStreamOf(CPR))).toEqual(['CprReserved']);

      const total = (await everything()).length;
      const active = await citizenEvent({ type: 'ChangeCitizenStatus', data: { citizenId: CITIZEN_ID, role: 'caseworker', status: 'ACTIVE' } }, CASEWORKER, REOPEN_TIME);
      expect(await lifecycle.applyEffects(active.event, active.revision, active.context)).toBeNull();
      expect((await everything()).length).toBe(total + 1); // the CitizenStatusChanged itself
    });

    it('a reopening restores the lines the removal inactivated; cancelled orders stay cancelled', async () => {
      await citizenWithAnOpenOrder();
      const removal = await remove();
      await lifecycle.applyEffects(removal.event, removal.revision, removal.context);
      const reopening = await reopen();

      await lifecycle.applyEffects(reopening.event, reopening.revision, reopening.context);
      await lifecycle.applyEffects(reopening.event, reopening.revision, reopening.context);

      expect(await ofType(grantStream(CITIZEN_ID), 'GrantLinesRestored')).toEqual([
        { type: 'GrantLinesRestored', data: { citizenId: CITIZEN_ID, lineIds: ['line-1', 'line-2'], effectiveDate: '2026-03-20' } },
      ]);
      expect(await types(orderStream('order-1'))).toEqual(['OrderPlaced', 'OrderCancelled']);
    });

    it('a CPR change releases the old number’s reservation, once', async () => {
      await registerCitizen();
      await runner.run({
        streamName: cprStreamOf(NEW_CPR),
        decider: cprRegistryDecider,
        command: { type: 'ReserveCpr', data: { citizenId: CITIZEN_ID, municipalityId: MUNICIPALITY_ID, now: REMOVAL_TIME.toISOString(), holderClaims: true } },
        context: context(),
      });
      const changed = await citizenEvent(
        { type: 'ChangeCitizenCpr', data: { citizenId: CITIZEN_ID, role: 'caseworker', cpr: NEW_CPR, reason: 'Nyt nummer', today: '2026-03-10' } },
        CASEWORKER,
        REMOVAL_TIME,
      );
      await lifecycle.applyEffects(changed.event, changed.revision, changed.context);
      await lifecycle.applyEffects(changed.event, changed.revision, changed.context);

      expect(await types(cprStreamOf(CPR))).toEqual(['CprReserved', 'CprReleased']);
      expect(await types(cprStreamOf(NEW_CPR))).toEqual(['CprReserved']);
    });
  });

  describe('found and fixed', () => {
    it('a removal’s effects retried after the citizen was reopened do not release the CPR the reopened citizen holds', async () => {
      await registerCitizen();
      await addLine('line-1', '301004', 'Stomi');
      // An order being placed right now: counted on the grant, its stream not written yet.
      await placeOrder('order-2', [['line-1', 3]], false);
      const removal = await remove();
      // The HTTP command's run stops at the order still being placed (deferred to the reaction): the CPR stays held.
      await expect(lifecycle.applyEffects(removal.event, removal.revision, removal.context)).rejects.toThrow();

      // Customer service reopens: the reservation is found held by this citizen already (nothing to reserve again).
      await runner.run({
        streamName: cprStreamOf(CPR),
        decider: cprRegistryDecider,
        command: { type: 'ReserveCpr', data: { citizenId: CITIZEN_ID, municipalityId: MUNICIPALITY_ID, now: REOPEN_TIME.toISOString(), holderClaims: true } },
        context: context(CUSTOMER_SERVICE, REOPEN_TIME),
      });
      const reopening = await reopen();
      await lifecycle.applyEffects(reopening.event, reopening.revision, reopening.context);

      // The order is abandoned, and the reaction retries the removal's effects.
      await runOrder('order-2', { type: 'AbandonOrder', data: { orderId: 'order-2', citizenId: CITIZEN_ID, lines: [{ lineId: 'line-1', salesUnits: 3 }] } });
      await lifecycle.applyEffects(removal.event, removal.revision, removal.context);

      // The citizen is ACTIVE again and must still hold its CPR number (DOMAIN §2.1: one non-removed citizen per CPR).
      expect((await runner.load(citizenStream(CITIZEN_ID), citizenDecider)).state).toMatchObject({ citizenStatus: 'ACTIVE' });
      expect((await runner.load(cprStreamOf(CPR), cprRegistryDecider)).state).toMatchObject({ status: 'held', citizenId: CITIZEN_ID });
    });
  });
});
