import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const LOCK_FILE = 'pglite.lock';

/**
 * PGlite has no lock of its own: a second process opening the same data directory succeeds and corrupts
 * it. A lock file holding the owner's pid stands in for one. A lock whose process is gone is taken over.
 * Every process that opens DATA_DIR with PGlite must take it (the service included) for it to protect.
 */
export async function acquireDataDirLock(dataDir: string): Promise<() => Promise<void>> {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(path, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (owner && isAlive(owner)) throw new DataDirInUseError(dataDir, owner);
      await rm(path, { force: true });
    }
  }
  throw new DataDirInUseError(dataDir, undefined);
}

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number | undefined,
  ) {
    super(
      `${dataDir} is in use${pid ? ` by process ${pid}` : ''}. PGlite cannot be opened while the service holds it: ` +
        `stop the service first (or point DATABASE_URL at a PostgreSQL server, which the service and this tool can share).`,
    );
    this.name = 'DataDirInUseError';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
