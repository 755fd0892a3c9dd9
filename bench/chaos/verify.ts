/**
 * What must hold after a chaos run, checked against the log itself, the read models and the service's own
 * operations routes: every acknowledged command's effect recorded exactly once, nothing refused recorded, no grant
 * line over its max, no projection or reaction parked or failing, and a blue-green rebuild of every read model
 * equal to the live one.
 */
import { isDeepStrictEqual } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { allProjections, decodeEvent } from '../../src/composition/projections.js';
import { openEventStore } from '../../src/composition/stores.js';
import { rebuildReadModel } from '../../src/infrastructure/projections/rebuild-read-model.js';
import { PostgresProjectionStorage } from '../../src/infrastructure/read-model-store/postgres/postgres-projection-storage.js';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import type { Position } from '../../src/kernel/event-store.port.js';
import { liveDocuments } from '../../test/support/read-model-documents.js';
import { callService, loginDemoUser } from '../../test/support/service-process.js';
import type { LedgerEntry } from './workload.js';

export interface Tally {
  readonly acknowledged: number;
  readonly refused: number;
  /** Acknowledged, but their effect is not in the log or the read models. */
  readonly lost: readonly string[];
  /** Recorded more than once. */
  readonly duplicated: readonly string[];
  /** Refused (a definitive 4xx), yet recorded. */
  readonly refusedButRecorded: readonly string[];
  readonly byKind: Readonly<Record<string, number>>;
  readonly refusals: Readonly<Record<string, number>>;
}

/** The fields of the events searched here that identify a command's effect. */
interface LoggedEvent {
  readonly type: string;
  readonly stream_name: string;
  readonly data: {
    readonly orderNumber?: string;
    readonly orderId?: string;
    readonly lineId?: string;
    readonly phone?: string | null;
    readonly address?: { readonly street?: string };
    readonly allowance?: { readonly grantedMax?: number } | null;
  };
}

/** A grant line as GET /citizens/:id/grant answers it (grant.answers.ts), as far as the caps check reads it. */
interface GrantLineView {
  readonly lineId: string;
  readonly allowance: { readonly grantedMax?: number } | null;
  readonly window: { readonly ordered: number } | null;
  readonly remaining: number | null;
  readonly history: ReadonlyArray<{ readonly ordered: number; readonly grantedMax: number | null; readonly start: string }>;
}

const describe = (entry: LedgerEntry) => `${entry.kind} ${entry.key}`;

/** Every event of these types, read as the service reads them: the phone numbers and addresses are sealed in the log. */
async function loggedEvents(db: SqlDatabase, eventTypes: readonly string[]): Promise<LoggedEvent[]> {
  const store = await openEventStore({}, db);
  const events: LoggedEvent[] = [];
  try {
    for (let after: Position | undefined, isEnd = false; !isEnd; ) {
      const slice = await store.readAll({ after, maxCount: 2_000, filter: { eventTypes } });
      for (const event of slice.events) events.push({ type: event.type, stream_name: event.streamName, data: event.data as LoggedEvent['data'] });
      ({ isEnd } = slice);
      after = slice.next;
    }
  } finally {
    await store.close();
  }
  return events;
}

/** Counts how often each command's effect is in the log and (orders) in the orders read model. */
export async function tallyLedger(db: SqlDatabase, ledger: readonly LedgerEntry[]): Promise<Tally> {
  const events = await loggedEvents(db, ['OrderPlaced', 'GrantOrderPlaced', 'CitizenContactDetailsChanged', 'GrantLineAllowanceChanged']);
  const orders = (await liveDocuments(db)).get('orders') ?? new Map();
  const orderDocsByNumber = new Map<string, number>();
  for (const doc of orders.values()) {
    const number = (doc as { orderNumber: string }).orderNumber;
    orderDocsByNumber.set(number, (orderDocsByNumber.get(number) ?? 0) + 1);
  }
  const count = (match: (event: LoggedEvent) => boolean) => events.filter(match).length;

  const lost: string[] = [];
  const duplicated: string[] = [];
  const refusedButRecorded: string[] = [];
  const byKind: Record<string, number> = {};
  const refusals: Record<string, number> = {};
  let acknowledged = 0;
  for (const entry of ledger) {
    const ok = entry.status >= 200 && entry.status < 300;
    if (!ok) refusals[`${entry.status} ${entry.code ?? ''}`.trim()] = (refusals[`${entry.status} ${entry.code ?? ''}`.trim()] ?? 0) + 1;
    let recorded: number[];
    switch (entry.kind) {
      case 'order': {
        // A refused order has no number to look for; its line is covered by the caps check instead.
        if (!ok) continue;
        const placed = events.filter((event) => event.type === 'OrderPlaced' && event.data.orderNumber === entry.value);
        const orderId = placed[0]?.data.orderId;
        // The order, its count on the grant (what the caps see), and its row in the order history.
        recorded = [placed.length, count((event) => event.type === 'GrantOrderPlaced' && event.data.orderId === orderId), orderDocsByNumber.get(String(entry.value)) ?? 0];
        break;
      }
      case 'phone':
      case 'address':
        recorded = [
          count(
            (event) =>
              event.type === 'CitizenContactDetailsChanged' &&
              event.stream_name === `citizen-${entry.citizenId}` &&
              (entry.kind === 'phone' ? event.data.phone === entry.value : event.data.address?.street === entry.value),
          ),
        ];
        break;
      case 'allowance':
        recorded = [count((event) => event.type === 'GrantLineAllowanceChanged' && event.data.lineId === entry.lineId && event.data.allowance?.grantedMax === entry.value)];
        break;
    }
    if (!ok) {
      if (recorded.some((n) => n > 0)) refusedButRecorded.push(describe(entry));
      continue;
    }
    acknowledged++;
    byKind[entry.kind] = (byKind[entry.kind] ?? 0) + 1;
    if (recorded.some((n) => n === 0)) lost.push(describe(entry));
    if (recorded.some((n) => n > 1)) duplicated.push(describe(entry));
  }
  return { acknowledged, refused: ledger.length - acknowledged, lost, duplicated, refusedButRecorded, byKind, refusals };
}

/** Grant lines over their max: the current window (remaining < 0) and every past one, as the grant page shows them. */
export async function capBreaches(baseUrl: string, citizenIds: readonly string[]): Promise<string[]> {
  // Customer service sees every municipality's citizens and every grant area.
  const token = await loginDemoUser(baseUrl, 'kundeservice');
  const breaches: string[] = [];
  for (const citizenId of citizenIds) {
    const grant = await callService(baseUrl, 'GET', `/citizens/${citizenId}/grant`, { token });
    if (grant.status !== 200) throw new Error(`grant of a demo citizen answered ${grant.status}`);
    for (const line of (grant.body.areas as Array<{ lines: GrantLineView[] }>).flatMap((area) => area.lines)) {
      const max = line.allowance?.grantedMax as number | undefined;
      if (max !== undefined && line.window && (line.window.ordered > max || (line.remaining !== null && line.remaining < 0))) {
        breaches.push(`line ${line.lineId}: ${line.window.ordered} ordered of ${max} in the current window`);
      }
      for (const past of line.history) {
        if (past.grantedMax !== null && past.ordered > past.grantedMax) breaches.push(`line ${line.lineId}: ${past.ordered} ordered of ${past.grantedMax} from ${past.start}`);
      }
    }
  }
  return breaches;
}

export interface OperationsState {
  readonly projectionsCaughtUp: boolean;
  /** Projections parked, failing, or with an error: `name: what`. */
  readonly projectionProblems: readonly string[];
  readonly reactionsParked: number;
  readonly ready: boolean;
}

/**
 * Waits (up to timeoutMs) until every projection says it is caught up and /health/ready answers 200, then reports
 * what the admin route and the metrics say about parked or failing projections and reactions.
 */
export async function operationsState(origin: string, timeoutMs = 60_000): Promise<OperationsState> {
  const token = await loginDemoUser(`${origin}/api/v1`, 'admin');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const projections = await callService(`${origin}/api/v1`, 'GET', '/admin/projections', { token });
    const ready = await callService(origin, 'GET', '/health/ready');
    const items = (projections.body?.items ?? []) as Array<{ name: string; caughtUp: boolean; parked: number; healthy: boolean }>;
    const caughtUp = items.length > 0 && items.every((item) => item.caughtUp);
    if ((caughtUp && ready.status === 200) || Date.now() > deadline) {
      const metrics = await fetch(`${origin}/metrics`).then((response) => response.text());
      const reactionsParked = metrics
        .split('\n')
        .filter((line) => line.startsWith('reaction_parked_events{'))
        .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
      const projectionProblems = items.flatMap((item) => [
        ...(item.parked > 0 ? [`${item.name}: ${item.parked} parked`] : []),
        ...(!item.healthy ? [`${item.name}: failing`] : []),
      ]);
      return { projectionsCaughtUp: caughtUp, projectionProblems, reactionsParked, ready: ready.status === 200 };
    }
    await sleep(200);
  }
}

/**
 * Rebuilds every read model blue-green from the start of the log (as `npm run projections -- rebuild` does) and
 * names the documents that differ from the live ones before the rebuild. Run with the service stopped, so the log
 * does not move under the comparison.
 */
export async function rebuildDifferences(db: SqlDatabase): Promise<string[]> {
  const live = await liveDocuments(db);
  // Opened as the service opens it: with the personal fields' keys (the master key kept in this database).
  const eventStore = await openEventStore({}, db);
  const storage = new PostgresProjectionStorage(db);
  try {
    for (const projection of allProjections) {
      const exit = await rebuildReadModel({ projection, eventStore, storage, decode: decodeEvent, signal: new AbortController().signal, runner: { batchSize: 500 } });
      if (exit !== 'swapped') return [`${projection.readModel.name}: rebuild ended ${exit}`];
    }
  } finally {
    await eventStore.close();
  }
  const rebuilt = await liveDocuments(db);
  const differences: string[] = [];
  for (const name of new Set([...live.keys(), ...rebuilt.keys()])) {
    const before = live.get(name) ?? new Map();
    const after = rebuilt.get(name) ?? new Map();
    for (const id of new Set([...before.keys(), ...after.keys()])) {
      if (!isDeepStrictEqual(before.get(id), after.get(id))) differences.push(`${name}/${id}`);
    }
  }
  return differences;
}
