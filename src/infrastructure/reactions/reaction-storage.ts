import type { Position } from '../../kernel/event-store.port.js';
import type { SqlDatabase } from '../sql/sql-database.js';

export interface ParkedReaction {
  readonly reaction: string;
  readonly position: Position;
  readonly eventId: string;
  readonly eventType: string;
  readonly streamName: string;
  readonly error: string;
  readonly attempts: number;
  readonly parkedAt: Date;
}

/** Checkpoints and parked events of the reactions, in the service's SQL database. */
export class ReactionStorage {
  private constructor(private readonly db: SqlDatabase) {}

  static async open(db: SqlDatabase): Promise<ReactionStorage> {
    await db.exec(`
      create table if not exists reaction_checkpoints (
        name text primary key,
        position text not null,
        updated_at timestamptz not null default now()
      );
      create table if not exists reaction_parked (
        name text not null,
        position text not null,
        event_id text not null,
        event_type text not null,
        stream_name text not null,
        error text not null,
        attempts integer not null,
        parked_at timestamptz not null default now(),
        primary key (name, position)
      );
    `);
    return new ReactionStorage(db);
  }

  async checkpoint(name: string): Promise<Position | undefined> {
    const { rows } = await this.db.query<{ position: Position }>('select position from reaction_checkpoints where name = $1', [name]);
    return rows[0]?.position;
  }

  /**
   * Never moves a checkpoint back: positions compare as text, and another instance may be further on.
   * The commit does not wait for the disk (synchronous_commit off): a checkpoint lost in a database crash only
   * runs the reaction again for the events after the older one — what reactions are built for (at least once,
   * with command ids derived from the event), and what a service crash between a reaction and its save does anyway.
   */
  async saveCheckpoint(name: string, position: Position): Promise<void> {
    await this.db.query(
      `with saved as (
         insert into reaction_checkpoints (name, position) values ($1, $2)
         on conflict (name) do update set position = excluded.position, updated_at = now()
         where reaction_checkpoints.position < excluded.position
         returning 1
       )
       select set_config('synchronous_commit', 'off', true) from saved`,
      [name, position],
    );
  }

  async park(parked: Omit<ParkedReaction, 'parkedAt'>): Promise<void> {
    await this.db.query(
      `insert into reaction_parked (name, position, event_id, event_type, stream_name, error, attempts) values ($1, $2, $3, $4, $5, $6, $7)
       on conflict (name, position) do update set error = excluded.error, attempts = reaction_parked.attempts + excluded.attempts, parked_at = now()`,
      [parked.reaction, parked.position, parked.eventId, parked.eventType, parked.streamName, parked.error, parked.attempts],
    );
  }

  /** Parked events per reaction (those with none are absent). */
  async parkedCounts(): Promise<Record<string, number>> {
    const { rows } = await this.db.query<{ name: string; count: string | number }>('select name, count(*) as count from reaction_parked group by name');
    return Object.fromEntries(rows.map((row) => [row.name, Number(row.count)]));
  }

  async parked(name: string): Promise<ParkedReaction[]> {
    const { rows } = await this.db.query<{
      position: Position;
      event_id: string;
      event_type: string;
      stream_name: string;
      error: string;
      attempts: number;
      parked_at: Date | string;
    }>('select position, event_id, event_type, stream_name, error, attempts, parked_at from reaction_parked where name = $1 order by position', [name]);
    return rows.map((row) => ({
      reaction: name,
      position: row.position,
      eventId: row.event_id,
      eventType: row.event_type,
      streamName: row.stream_name,
      error: row.error,
      attempts: row.attempts,
      parkedAt: new Date(row.parked_at),
    }));
  }
}
