import { randomBytes, randomUUID } from 'node:crypto';
import type { Credential, CredentialStore, PasswordTokenPurpose, PasswordTokenStore, SessionStore, SourceThrottle, StoredSession } from '../../kernel/accounts.port.js';
import type { IdempotencyRecord, IdempotencyStore } from '../../kernel/idempotency.port.js';
import type { SqlDatabase } from '../sql/sql-database.js';

const SCHEMA = `
create table if not exists credentials (
  user_id text primary key,
  password_hash text not null,
  password_changed_at timestamptz not null,
  failed_attempts int not null default 0,
  locked_until timestamptz
);
alter table credentials add column if not exists must_change boolean not null default false;
create table if not exists sessions (
  token_hash text primary key,
  user_id text not null,
  created_at timestamptz not null,
  last_seen_at timestamptz not null,
  must_change_password boolean not null default false
);
create index if not exists sessions_user_id on sessions (user_id);
create table if not exists idempotency_keys (
  scope_key text primary key,
  request_hash text not null,
  state text not null,
  response_status int,
  response_body jsonb,
  created_at timestamptz not null default now()
);
alter table idempotency_keys add column if not exists owner text;
create table if not exists service_instances (
  instance_id text primary key,
  started_at timestamptz not null default now(),
  seen_at timestamptz not null default now()
);
create table if not exists password_tokens (
  token_hash text primary key,
  user_id text not null,
  purpose text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index if not exists password_tokens_user_id on password_tokens (user_id);
create table if not exists source_failures (
  source_key text primary key,
  window_start timestamptz not null,
  failures int not null
);
create table if not exists service_settings (
  name text primary key,
  value text not null
);
`;

export async function migrateOperationalStore(db: SqlDatabase): Promise<void> {
  await db.exec(SCHEMA);
}

/** A per-installation secret, created once: the key for the keyed hashes in stream names when none is configured. */
export async function loadOrCreateSecret(db: SqlDatabase, name: string): Promise<string> {
  await db.query(`insert into service_settings (name, value) values ($1, $2) on conflict (name) do nothing`, [
    name,
    randomBytes(32).toString('base64url'),
  ]);
  const { rows } = await db.query<{ value: string }>(`select value from service_settings where name = $1`, [name]);
  return rows[0]!.value;
}

export class SqlCredentialStore implements CredentialStore {
  constructor(private readonly db: SqlDatabase) {}

  async get(userId: string): Promise<Credential | null> {
    const { rows } = await this.db.query<{
      password_hash: string;
      password_changed_at: Date;
      failed_attempts: number;
      locked_until: Date | null;
      must_change: boolean;
    }>(`select password_hash, password_changed_at, failed_attempts, locked_until, must_change from credentials where user_id = $1`, [userId]);
    const row = rows[0];
    if (!row) return null;
    return {
      userId,
      passwordHash: row.password_hash,
      passwordChangedAt: new Date(row.password_changed_at),
      failedAttempts: row.failed_attempts,
      lockedUntil: row.locked_until ? new Date(row.locked_until) : null,
      mustChange: row.must_change === true,
    };
  }

  async setPassword(userId: string, passwordHash: string, changedAt: Date, options?: { mustChange?: boolean }): Promise<void> {
    await this.db.query(
      `insert into credentials (user_id, password_hash, password_changed_at, must_change) values ($1, $2, $3, $4)
       on conflict (user_id) do update set password_hash = excluded.password_hash,
         password_changed_at = excluded.password_changed_at, must_change = excluded.must_change, failed_attempts = 0, locked_until = null`,
      [userId, passwordHash, changedAt.toISOString(), options?.mustChange === true],
    );
  }

  async recordFailure(userId: string, lockAfter: number, lockUntil: Date): Promise<Date | null> {
    // One statement, so concurrent failures are all counted.
    const { rows } = await this.db.query<{ locked_until: Date | null }>(
      `update credentials set
         failed_attempts = case when failed_attempts + 1 >= $2 then 0 else failed_attempts + 1 end,
         locked_until = case when failed_attempts + 1 >= $2 then $3::timestamptz else locked_until end
       where user_id = $1 returning locked_until`,
      [userId, lockAfter, lockUntil.toISOString()],
    );
    const lockedUntil = rows[0]?.locked_until;
    return lockedUntil ? new Date(lockedUntil) : null;
  }

  async clearFailures(userId: string): Promise<void> {
    await this.db.query(`update credentials set failed_attempts = 0, locked_until = null where user_id = $1`, [userId]);
  }
}

export class SqlSessionStore implements SessionStore {
  constructor(private readonly db: SqlDatabase) {}

  async create(session: StoredSession): Promise<void> {
    await this.db.query(
      `insert into sessions (token_hash, user_id, created_at, last_seen_at, must_change_password) values ($1, $2, $3, $4, $5)`,
      [session.tokenHash, session.userId, session.createdAt.toISOString(), session.lastSeenAt.toISOString(), session.mustChangePassword],
    );
  }

  async find(tokenHash: string): Promise<StoredSession | null> {
    const { rows } = await this.db.query<{ user_id: string; created_at: Date; last_seen_at: Date; must_change_password: boolean }>(
      `select user_id, created_at, last_seen_at, must_change_password from sessions where token_hash = $1`,
      [tokenHash],
    );
    const row = rows[0];
    return row
      ? {
          tokenHash,
          userId: row.user_id,
          createdAt: new Date(row.created_at),
          lastSeenAt: new Date(row.last_seen_at),
          mustChangePassword: row.must_change_password,
        }
      : null;
  }

  async touch(tokenHash: string, at: Date): Promise<void> {
    await this.db.query(`update sessions set last_seen_at = greatest(last_seen_at, $2::timestamptz) where token_hash = $1`, [
      tokenHash,
      at.toISOString(),
    ]);
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.query(`delete from sessions where token_hash = $1`, [tokenHash]);
  }

  async deleteForUser(userId: string): Promise<void> {
    await this.db.query(`delete from sessions where user_id = $1`, [userId]);
  }
}

export class SqlPasswordTokenStore implements PasswordTokenStore {
  constructor(private readonly db: SqlDatabase) {}

  async create(token: { tokenHash: string; userId: string; purpose: PasswordTokenPurpose; createdAt: Date; expiresAt: Date }): Promise<void> {
    await this.db.query(`insert into password_tokens (token_hash, user_id, purpose, created_at, expires_at) values ($1, $2, $3, $4, $5)`, [
      token.tokenHash,
      token.userId,
      token.purpose,
      token.createdAt.toISOString(),
      token.expiresAt.toISOString(),
    ]);
  }

  /** One statement: of two simultaneous uses of a token, exactly one gets it. */
  async consume(tokenHash: string, now: Date): Promise<{ userId: string; purpose: PasswordTokenPurpose } | null> {
    const { rows } = await this.db.query<{ user_id: string; purpose: PasswordTokenPurpose }>(
      `update password_tokens set used_at = $2 where token_hash = $1 and used_at is null and expires_at > $2 returning user_id, purpose`,
      [tokenHash, now.toISOString()],
    );
    return rows[0] ? { userId: rows[0].user_id, purpose: rows[0].purpose } : null;
  }

  async peek(tokenHash: string, now: Date): Promise<{ userId: string; purpose: PasswordTokenPurpose } | null> {
    const { rows } = await this.db.query<{ user_id: string; purpose: PasswordTokenPurpose }>(
      `select user_id, purpose from password_tokens where token_hash = $1 and used_at is null and expires_at > $2`,
      [tokenHash, now.toISOString()],
    );
    return rows[0] ? { userId: rows[0].user_id, purpose: rows[0].purpose } : null;
  }

  async revokeForUser(userId: string, now: Date): Promise<void> {
    await this.db.query(`update password_tokens set used_at = $2 where user_id = $1 and used_at is null`, [userId, now.toISOString()]);
  }
}

export class SqlSourceThrottle implements SourceThrottle {
  constructor(private readonly db: SqlDatabase) {}

  async recordFailure(sourceKey: string, now: Date, windowSeconds: number): Promise<number> {
    // A fixed window per source, restarted by the first failure after it ends; one statement, so concurrent
    // failures are all counted.
    const { rows } = await this.db.query<{ failures: number }>(
      `insert into source_failures (source_key, window_start, failures) values ($1, $2, 1)
       on conflict (source_key) do update set
         failures = case when source_failures.window_start <= $2::timestamptz - make_interval(secs => $3) then 1 else source_failures.failures + 1 end,
         window_start = case when source_failures.window_start <= $2::timestamptz - make_interval(secs => $3) then $2::timestamptz else source_failures.window_start end
       returning failures`,
      [sourceKey, now.toISOString(), windowSeconds],
    );
    return rows[0]?.failures ?? 1;
  }

  async failures(sourceKey: string, now: Date, windowSeconds: number): Promise<number> {
    const { rows } = await this.db.query<{ failures: number }>(
      `select failures from source_failures where source_key = $1 and window_start > $2::timestamptz - make_interval(secs => $3)`,
      [sourceKey, now.toISOString(), windowSeconds],
    );
    return rows[0]?.failures ?? 0;
  }
}

/**
 * In a statement of its own (its own transaction): the commit need not wait for the disk. For the idempotency
 * record that is safe because the command's effect is its events, appended durably and with ids derived from the
 * key: a record lost in a database crash (the last fraction of a second before it) is the same case as a service
 * that died between the append and `complete` — the retry claims again and the command runner answers it with the
 * first run's events. Commands whose answer cannot be rebuilt so (a one-time password) store no record at all.
 */
const NO_DISK_WAIT = `set_config('synchronous_commit', 'off', true)`;

/** How long a service instance counts as alive after its last heartbeat; it beats LEASE_SECONDS / 4 apart. */
export const LEASE_SECONDS = 4;

/**
 * This process's lease among the service instances sharing the operational store. A pending Idempotency-Key
 * whose owner's lease has run out belongs to a process that died mid-request (kill -9, a lost machine), so a
 * retry takes it over at once rather than waiting out the stale-claim time. Taking over from a live instance
 * whose heartbeat is merely late loses nothing: the command id derives from the key, so two runs of one command
 * append its events once.
 *
 * The lease only matters while this instance holds pending keys, so it is renewed by every claim (in the claim's
 * own statement) and by a heartbeat only while claims are in flight: an idle service writes nothing.
 */
export class ServiceInstanceLease {
  readonly instanceId = randomUUID();
  private held = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: SqlDatabase,
    private readonly onBeatFailed: (error: unknown) => void,
  ) {}

  /** A key was claimed: keep the lease fresh until every claim is settled. */
  hold(): void {
    if (this.held++ > 0) return;
    this.timer = setInterval(() => void this.beat(), (LEASE_SECONDS * 1000) / 4);
    this.timer.unref();
  }

  release(): void {
    this.held = Math.max(0, this.held - 1);
    if (this.held === 0) clearInterval(this.timer);
  }

  private async beat(): Promise<void> {
    try {
      await this.db.query(`update service_instances set seen_at = now() where instance_id = $1`, [this.instanceId]);
    } catch (error) {
      this.onBeatFailed(error);
    }
  }

  /** Gives the lease up: this instance's pending keys (none, after a graceful stop) become takeable at once. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.db.query(`delete from service_instances where instance_id = $1 or seen_at < now() - interval '1 day'`, [this.instanceId]);
  }
}

export class SqlIdempotencyStore implements IdempotencyStore {
  constructor(
    private readonly db: SqlDatabase,
    /** The instance whose requests claim keys here. */
    private readonly lease: ServiceInstanceLease,
  ) {}

  async claim(scopeKey: string, requestHash: string, staleBefore: Date): Promise<'claimed' | IdempotencyRecord> {
    // A pending claim is taken over when it is old (a request that hung), or when its owner's lease has run out
    // (the process died). Claims from before owners were recorded wait for the first rule only. A successful
    // claim renews this instance's lease in the same statement (creating the row after a restart or a day idle).
    const inserted = await this.db.query(
      `with claimed as (
         insert into idempotency_keys (scope_key, request_hash, state, owner) values ($1, $2, 'pending', $4)
         on conflict (scope_key) do update set request_hash = excluded.request_hash, created_at = now(), owner = excluded.owner
           where idempotency_keys.state = 'pending' and idempotency_keys.request_hash = excluded.request_hash
             and (idempotency_keys.created_at < $3::timestamptz
                  or (idempotency_keys.owner is not null and idempotency_keys.owner <> excluded.owner
                      and not exists (select 1 from service_instances i
                                       where i.instance_id = idempotency_keys.owner
                                         and i.seen_at > now() - make_interval(secs => $5))))
         returning scope_key
       ), alive as (
         insert into service_instances (instance_id) select $4 from claimed
         on conflict (instance_id) do update set seen_at = now()
       )
       select scope_key, ${NO_DISK_WAIT} from claimed`,
      [scopeKey, requestHash, staleBefore.toISOString(), this.lease.instanceId, LEASE_SECONDS],
    );
    if (inserted.rows.length > 0) {
      this.lease.hold();
      return 'claimed';
    }
    const { rows } = await this.db.query<{ request_hash: string; state: string; response_status: number | null; response_body: unknown }>(
      `select request_hash, state, response_status, response_body from idempotency_keys where scope_key = $1`,
      [scopeKey],
    );
    const row = rows[0];
    if (!row) return this.claim(scopeKey, requestHash, staleBefore);
    return row.state === 'done'
      ? { requestHash: row.request_hash, state: 'done', status: row.response_status ?? 200, body: row.response_body }
      : { requestHash: row.request_hash, state: 'pending' };
  }

  async complete(scopeKey: string, status: number, body: unknown): Promise<void> {
    await this.settled(this.db.query(
      `with done as (
         update idempotency_keys set state = 'done', response_status = $2, response_body = $3::jsonb where scope_key = $1
         returning 1
       )
       select ${NO_DISK_WAIT} from done`,
      [scopeKey, status, JSON.stringify(body ?? null)],
    ));
  }

  async abandon(scopeKey: string): Promise<void> {
    await this.settled(this.db.query(`delete from idempotency_keys where scope_key = $1 and state = 'pending'`, [scopeKey]));
  }

  async forgetAnswersBefore(instant: Date): Promise<number> {
    const { rows } = await this.db.query<{ forgotten: number }>(
      `with forgotten as (delete from idempotency_keys where state = 'done' and created_at < $1 returning 1) select count(*)::int as forgotten from forgotten`,
      [instant],
    );
    return rows[0]?.forgotten ?? 0;
  }

  /** A claim is settled once its answer is stored or it is forgotten, or if that fails: the request is over. */
  private async settled(write: Promise<unknown>): Promise<void> {
    try {
      await write;
    } finally {
      this.lease.release();
    }
  }
}
