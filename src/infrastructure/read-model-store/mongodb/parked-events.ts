import type { ClientSession, Db, WithId } from 'mongodb';
import type { Position } from '../../../kernel/event-store.port.js';
import type { ParkedEvent, ParkedEventInput } from '../../projections/projection-storage.js';
import { parkedEvents, registry, type ParkedDocument } from './schema.js';

const toParked = (row: WithId<ParkedDocument> | ParkedDocument): ParkedEvent => ({
  table: row.table,
  projection: row.projection,
  position: row.position as Position,
  eventId: row.eventId,
  eventType: row.eventType,
  streamName: row.streamName,
  revision: Number(row.revision),
  error: row.error,
  attempts: Number(row.attempts),
  parkedAt: new Date(row.parkedAt),
});

/**
 * Parking the same event again updates the entry instead of failing: the error and time are replaced, the
 * attempts added up (PostgreSQL's `on conflict … do update`). One upsert per event, keyed by the unique
 * (table, position). Without transactions, two runners committing the same batch both park its events:
 * there `attempts: 'highest'` keeps the larger count rather than adding the second runner's tries.
 */
export async function insertParked(
  db: Db,
  table: string,
  projection: string,
  events: readonly ParkedEventInput[],
  options: { readonly session?: ClientSession; readonly attempts: 'add' | 'highest' },
): Promise<void> {
  if (events.length === 0) return;
  const parkedAt = new Date();
  await parkedEvents(db).bulkWrite(
    events.map((event) => ({
      updateOne: {
        filter: { table, position: event.position },
        update: {
          $setOnInsert: { projection, eventId: event.eventId, eventType: event.eventType, streamName: event.streamName, revision: event.revision },
          $set: { error: event.error, parkedAt },
          ...(options.attempts === 'add' ? { $inc: { attempts: event.attempts } } : { $max: { attempts: event.attempts } }),
        },
        upsert: true,
      },
    })),
    { ordered: true, session: options.session },
  );
}

export async function listParked(db: Db, projection: string): Promise<ParkedEvent[]> {
  const rows = await parkedEvents(db).find({ projection }).sort({ position: 1, table: 1 }).toArray();
  return rows.map(toParked);
}

/** The entry of the live table first: that is the one a replay is for when a build parked the same event. */
export async function findParked(db: Db, projection: string, position: Position): Promise<ParkedEvent | undefined> {
  const rows = await parkedEvents(db).find({ projection, position }).sort({ table: 1 }).toArray();
  if (rows.length <= 1) return rows[0] && toParked(rows[0]);
  const live = await registry(db).findOne({ _id: { $in: rows.map((row) => row.table) }, state: 'live' });
  return toParked(rows.find((row) => row.table === live?._id) ?? rows[0]!);
}

export async function deleteParked(db: Db, table: string, position: Position, session?: ClientSession): Promise<void> {
  await parkedEvents(db).deleteOne({ table, position }, { session });
}

export async function recordReplayFailure(db: Db, table: string, position: Position, error: string): Promise<void> {
  await parkedEvents(db).updateOne({ table, position }, { $set: { error, parkedAt: new Date() }, $inc: { attempts: 1 } });
}

/** Parked events of live tables, per projection. */
export async function parkedCounts(db: Db): Promise<Map<string, number>> {
  const live = await registry(db).find({ state: 'live' }, { projection: { _id: 1 } }).toArray();
  if (live.length === 0) return new Map();
  const counts = await parkedEvents(db)
    .aggregate<{ _id: string; parked: number }>([
      { $match: { table: { $in: live.map((row) => row._id) } } },
      { $group: { _id: '$projection', parked: { $sum: 1 } } },
    ])
    .toArray();
  return new Map(counts.map((row) => [row._id, Number(row.parked)]));
}
