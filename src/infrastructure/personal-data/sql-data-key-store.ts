import type { DataKeyStore, StoredDataKey } from '../../kernel/personal-data-keys.port.js';
import type { SqlDatabase } from '../sql/sql-database.js';

/**
 * The data keys in their own table of the SQL database (the server's or the embedded one), whatever store holds
 * the events. An erased subject keeps a row without its key: the tombstone that refuses a new key for them.
 */
const SCHEMA = `
create table if not exists personal_data_keys (
  subject text primary key,
  wrapped_key text,
  key_id text,
  created_at timestamptz not null default now(),
  erased_at timestamptz,
  check ((wrapped_key is null) = (erased_at is not null))
);
alter table personal_data_keys add column if not exists erasure_requested_at timestamptz;
create index if not exists personal_data_keys_erasure_requested on personal_data_keys (erasure_requested_at) where erasure_requested_at is not null and wrapped_key is not null;
`;

interface KeyRow {
  subject: string;
  wrapped_key: string | null;
  key_id: string | null;
  erased_at: Date | string | null;
}

const toStored = (row: KeyRow): StoredDataKey =>
  row.wrapped_key === null || row.key_id === null
    ? { state: 'erased', erasedAt: new Date(row.erased_at ?? 0) }
    : { state: 'active', wrapped: row.wrapped_key, keyId: row.key_id };

export class SqlDataKeyStore implements DataKeyStore {
  private constructor(private readonly db: SqlDatabase) {}

  static async open(db: SqlDatabase): Promise<SqlDataKeyStore> {
    await db.exec(SCHEMA);
    return new SqlDataKeyStore(db);
  }

  async find(subjects: readonly string[]): Promise<Map<string, StoredDataKey>> {
    const found = new Map<string, StoredDataKey>();
    if (subjects.length === 0) return found;
    const { rows } = await this.db.query<KeyRow>(
      `select subject, wrapped_key, key_id, erased_at from personal_data_keys where subject = any($1::text[])`,
      [subjects],
    );
    for (const row of rows) found.set(row.subject, toStored(row));
    return found;
  }

  async createIfAbsent(subject: string, wrapped: string, keyId: string): Promise<StoredDataKey> {
    const { rows } = await this.db.query<KeyRow>(
      `insert into personal_data_keys (subject, wrapped_key, key_id) values ($1, $2, $3) on conflict (subject) do nothing
       returning subject, wrapped_key, key_id, erased_at`,
      [subject, wrapped, keyId],
    );
    if (rows[0]) return toStored(rows[0]);
    // Another process made one first (or the subject was erased): what is stored is the key.
    const stored = (await this.find([subject])).get(subject);
    if (!stored) throw new Error('A data key was neither stored nor found');
    return stored;
  }

  async erase(subject: string, at: Date): Promise<'erased' | 'already-erased' | 'unknown'> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ wrapped_key: string | null }>(`select wrapped_key from personal_data_keys where subject = $1 for update`, [subject]);
      // The update leaves the old row version on disk until vacuum, and in the WAL: the README says what follows.
      await tx.query(
        `insert into personal_data_keys (subject, wrapped_key, key_id, erased_at) values ($1, null, null, $2)
         on conflict (subject) do update set wrapped_key = null, key_id = null, erased_at = coalesce(personal_data_keys.erased_at, excluded.erased_at)`,
        [subject, at],
      );
      if (rows.length === 0) return 'unknown';
      return rows[0]!.wrapped_key === null ? 'already-erased' : 'erased';
    });
  }

  async requestErasure(subject: string, at: Date): Promise<void> {
    await this.db.query(`update personal_data_keys set erasure_requested_at = coalesce(erasure_requested_at, $2) where subject = $1`, [subject, at]);
  }

  async withdrawErasure(subject: string): Promise<void> {
    await this.db.query(`update personal_data_keys set erasure_requested_at = null where subject = $1 and wrapped_key is not null`, [subject]);
  }

  async requestedErasures(limit: number): Promise<string[]> {
    const { rows } = await this.db.query<{ subject: string }>(
      `select subject from personal_data_keys where erasure_requested_at is not null and wrapped_key is not null order by erasure_requested_at, subject limit $1`,
      [limit],
    );
    return rows.map((row) => row.subject);
  }
}
