import { ReactionStorage } from '../infrastructure/reactions/reaction-storage.js';
import type { ProjectionStorage } from '../infrastructure/projections/projection-storage.js';
import type { MongoConnection } from '../infrastructure/read-model-store/mongodb/mongo-connection.js';
import type { SqlDatabase } from '../infrastructure/sql/sql-database.js';
import type { EventStore, Position } from '../kernel/event-store.port.js';
import type { ReactionSubscription } from '../kernel/reaction.js';
import { READY_LAG_SECONDS } from '../operations/operations.controller.js';
import { allProjections } from './projections.js';

export interface StoreCheck {
  readonly store: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface ReadModelCheck {
  readonly name: string;
  /** The version the code projects, and the one queries read from now (null: no live table yet). */
  readonly codeVersion: number;
  readonly liveVersion: number | null;
  readonly lagSeconds: number;
  readonly parked: number;
  readonly ok: boolean;
  readonly problem: string | null;
}

export interface ReactionCheck {
  readonly name: string;
  readonly lagSeconds: number;
  readonly parked: number;
  readonly ok: boolean;
}

export interface InstallationReport {
  readonly stores: readonly StoreCheck[];
  readonly readModels: readonly ReadModelCheck[];
  readonly reactions: readonly ReactionCheck[];
  /** Everything reachable, every read model live at the code's version and caught up, nothing parked. */
  readonly ok: boolean;
}

export interface InstallationStores {
  readonly database: SqlDatabase;
  readonly eventStore: EventStore;
  readonly projectionStorage: ProjectionStorage;
  readonly mongo: MongoConnection | null;
  readonly eventStoreKind: string;
  readonly reactions: readonly ReactionSubscription[];
  readonly now: Date;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function probe(store: string, work: () => Promise<string>): Promise<StoreCheck> {
  try {
    return { store, ok: true, detail: await work() };
  } catch (error) {
    return { store, ok: false, detail: errorText(error) };
  }
}

/** How long the oldest event of these types after `after` has been waiting (0: nothing waits). */
async function lagSeconds(eventStore: EventStore, after: Position | undefined, eventTypes: readonly string[], now: Date, delayMs = 0): Promise<number> {
  const { events } = await eventStore.readAll({ after, maxCount: 1, filter: { eventTypes: [...eventTypes] } });
  const next = events[0];
  // Counted from when the event is due: a delayed reaction holding an event it must not handle yet is not behind.
  return next ? Math.max(0, Math.round((now.getTime() - next.recordedAt.getTime() - delayMs) / 1000)) : 0;
}

/**
 * What an operator asks of an installation (npm run admin -- check): are the stores reachable, are the read
 * models at the version this code projects and caught up, is anything parked. Reads only; safe beside a running
 * service.
 */
export async function checkInstallation(stores: InstallationStores): Promise<InstallationReport> {
  const { database, eventStore, projectionStorage, mongo, now } = stores;
  const storeChecks = [
    await probe('operational state (SQL)', async () => {
      const { rows } = await database.query<{ version: string }>('select version() as version');
      return rows[0]?.version.split(',')[0] ?? 'reachable';
    }),
    await probe(`events (${stores.eventStoreKind})`, async () => {
      const head = await eventStore.headPosition();
      return head ? `head at ${head}` : 'empty';
    }),
    await probe(`read models (${mongo ? 'MongoDB' : 'SQL'})`, async () => {
      await mongo?.ping();
      await projectionStorage.migrate();
      return 'reachable';
    }),
  ];
  if (!storeChecks.every((check) => check.ok)) return { stores: storeChecks, readModels: [], reactions: [], ok: false };

  const parkedProjections = await projectionStorage.parkedCounts();
  const readModels = await Promise.all(
    allProjections.map(async ({ readModel, handles }): Promise<ReadModelCheck> => {
      const live = (await projectionStorage.tables(readModel.name)).find((table) => table.state === 'live');
      const lag = await lagSeconds(eventStore, live?.checkpoint, handles, now);
      const parked = parkedProjections.get(readModel.name) ?? 0;
      const problem = !live
        ? 'no live table: start the service to build it'
        : live.version !== readModel.version
          ? `live version ${live.version}, code version ${readModel.version}: the service rebuilds it at start (or npm run projections -- rebuild ${readModel.name})`
          : lag > READY_LAG_SECONDS
            ? `${lag} s behind the log`
            : parked > 0
              ? `${parked} parked event(s): npm run projections -- parked ${readModel.name}`
              : null;
      return { name: readModel.name, codeVersion: readModel.version, liveVersion: live?.version ?? null, lagSeconds: lag, parked, ok: problem === null, problem };
    }),
  );

  const reactionStorage = await ReactionStorage.open(database);
  const parkedReactions = await reactionStorage.parkedCounts();
  const reactions = await Promise.all(
    stores.reactions.map(async ({ name, handles, delayMs }): Promise<ReactionCheck> => {
      const lag = await lagSeconds(eventStore, await reactionStorage.checkpoint(name), handles, now, delayMs);
      const parked = parkedReactions[name] ?? 0;
      return { name, lagSeconds: lag, parked, ok: parked === 0 && lag <= READY_LAG_SECONDS };
    }),
  );
  const ok = readModels.every((check) => check.ok) && reactions.every((check) => check.ok);
  return { stores: storeChecks, readModels, reactions, ok };
}
