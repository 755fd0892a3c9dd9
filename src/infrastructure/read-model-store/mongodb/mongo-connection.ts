import { MongoClient, type Db, type MongoClientOptions } from 'mongodb';

export interface MongoConnectionOptions {
  /** `mongodb://…` or `mongodb+srv://…`; its path names the database (else `defaultDatabase`). */
  readonly url: string;
  readonly defaultDatabase?: string;
  /** How long an operation waits for a server before failing. The driver's default is 30 s. */
  readonly serverSelectionTimeoutMS?: number;
  readonly client?: Omit<MongoClientOptions, 'serverSelectionTimeoutMS'>;
}

export interface MongoConnection {
  readonly client: MongoClient;
  /** The read models' database: registry, parked events and one collection per read model, version and build. */
  readonly db: Db;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The database named by the URL's path, if any: `mongodb://host/egrants?replicaSet=rs0` → `egrants`. */
export function databaseNameOf(url: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]*\/([^?]+)/.exec(url);
  const name = match?.[1] && decodeURIComponent(match[1]);
  return name || undefined;
}

/** Connects (fails when no server answers within serverSelectionTimeoutMS) and opens the database. */
export async function connectMongo(options: MongoConnectionOptions): Promise<MongoConnection> {
  const client = new MongoClient(options.url, {
    ...options.client,
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
  });
  await client.connect();
  const db = client.db(databaseNameOf(options.url) ?? options.defaultDatabase ?? 'egrants');
  return {
    client,
    db,
    ping: async () => void (await db.command({ ping: 1 })),
    close: () => client.close(),
  };
}
