import type { Position } from '../../../kernel/event-store.port.js';
import type { StoredDocument } from '../../projections/projection-storage.js';
import type { SqlClient } from '../../sql/sql-database.js';
import { quoted } from './read-model-schema.js';

/** One query for all documents a batch touches. doc::text keeps the JSON as text: the runner works on text. */
export async function loadDocuments(client: SqlClient, table: string, ids: readonly string[]): Promise<Map<string, StoredDocument>> {
  const documents = new Map<string, StoredDocument>();
  if (ids.length === 0) return documents;
  const { rows } = await client.query<{ id: string; json: string; position: Position }>(
    `select id, doc::text as json, position from ${quoted(table)} where id = any($1::text[])`,
    [ids],
  );
  for (const row of rows) documents.set(row.id, { json: row.json, position: row.position });
  return documents;
}

/**
 * A batch's writes as two parameters: the upserts as one JSON array (spliced in as text, so documents are not
 * parsed and re-serialized on the way) and the ids to delete.
 */
export function documentRows(documents: ReadonlyMap<string, StoredDocument | null>): { upserts: string; deletes: string[] } {
  const upserts: string[] = [];
  const deletes: string[] = [];
  for (const [id, document] of documents) {
    if (document === null) deletes.push(id);
    else upserts.push(`{"id":${JSON.stringify(id)},"position":${JSON.stringify(document.position)},"doc":${document.json}}`);
  }
  return { upserts: `[${upserts.join(',')}]`, deletes };
}

/** Upserts and deletes in two statements at most, whatever the batch size. */
export async function writeDocuments(
  client: SqlClient,
  table: string,
  documents: ReadonlyMap<string, StoredDocument | null>,
): Promise<void> {
  const { upserts, deletes } = documentRows(documents);
  if (upserts !== '[]') {
    await client.query(
      `insert into ${quoted(table)} (id, doc, position)
       select id, doc, position from jsonb_to_recordset($1::jsonb) as x(id text, doc jsonb, position text)
       on conflict (id) do update set doc = excluded.doc, position = excluded.position`,
      [upserts],
    );
  }
  if (deletes.length > 0) await client.query(`delete from ${quoted(table)} where id = any($1::text[])`, [deletes]);
}
