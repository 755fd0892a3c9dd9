import { randomBytes } from 'node:crypto';
import { MongoClient, type Db } from 'mongodb';

/** A database of its own on the TEST_MONGODB_URL server, dropped on close (the MongoDB suites' harness). */
export interface TestDatabase {
  readonly db: Db;
  close(): Promise<void>;
}

export async function freshDatabase(serverUrl: string): Promise<TestDatabase> {
  const client = new MongoClient(serverUrl, { serverSelectionTimeoutMS: 5_000 });
  await client.connect();
  const db = client.db(`test_${process.pid}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`);
  return {
    db,
    async close() {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
    },
  };
}
