/**
 * A throwaway PostgreSQL 15 cluster that a suite owns, so it may stop and start it (the shared server of
 * TEST_DATABASE_URL must never be restarted). As .ci/postgres.sh makes one: initdb and pg_ctl from the
 * PostgreSQL 15 binaries, run as the postgres user when we are root (initdb refuses root), trust auth on
 * loopback, in a temporary directory removed afterwards.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './service-process.js';

const run = promisify(execFile);
const BIN = process.env.CI_POSTGRES_BIN ?? '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

export interface PrivateCluster {
  /** `postgres://<user>@127.0.0.1:<port>/postgres` */
  readonly url: string;
  readonly port: number;
  /** `pg_ctl stop -m fast`: every connection is ended at once, as in a restart of the server. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the cluster (if running) and removes its files. */
  destroy(): Promise<void>;
}

/** Why a private cluster cannot be made here, or undefined when it can. */
export function privateClusterSkipReason(): string | undefined {
  if (!existsSync(join(BIN, 'initdb')) || !existsSync(join(BIN, 'pg_ctl'))) return `no PostgreSQL 15 binaries in ${BIN}`;
  if (asRoot && !existsSync('/usr/sbin/runuser')) return 'running as root without runuser';
  return undefined;
}

const asOwner = (command: string, args: string[]) => (asRoot ? run('runuser', ['-u', 'postgres', '--', join(BIN, command), ...args]) : run(join(BIN, command), args));

export async function startPrivateCluster(): Promise<PrivateCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'egrants-cluster-'));
  // The cluster owner must own its directory, and reach it through its parents (tmpdir is world-traversable).
  await chmod(dir, 0o755);
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: group } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(group.trim()));
  }
  const data = join(dir, 'data');
  await asOwner('initdb', ['-D', data, '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const start = async () => {
    await asOwner('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '30', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir}`, 'start']);
  };
  const stop = async () => {
    await asOwner('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
  };
  await start();
  const user = asRoot ? 'postgres' : (await run('id', ['-un'])).stdout.trim();
  return {
    url: `postgres://${user}@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    async destroy() {
      await stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
