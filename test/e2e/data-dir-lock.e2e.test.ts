import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from '@jest/globals';
import { LOCK_FILE } from '../../src/infrastructure/sql/data-dir-lock.js';
import { callService, killService, spawnService } from '../support/service-process.js';

/**
 * PGlite has no lock of its own: two processes on one data directory corrupt it. A second start on the
 * DATA_DIR of a running service must stop at once and say why, naming the directory and the process holding it.
 */
const cleanups: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

it('a second service on the same DATA_DIR exits 1 naming the directory and the holder, and the first one serves on', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'egrants-lock-'));
  cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
  const first = await spawnService({ DATA_DIR: dataDir, SEED_DEMO: '0' });
  cleanups.push(() => killService(first));

  const second = await spawnService({ DATA_DIR: dataDir, SEED_DEMO: '0' }, { waitUntilListening: false });
  cleanups.push(() => killService(second));
  expect(await second.exited).toEqual({ code: 1, signal: null });
  expect(second.stderr()).toContain(`${dataDir} is in use by process ${first.process.pid}`);
  expect(second.logs.some((line) => line.msg === 'listening')).toBe(false);

  expect((await readFile(join(dataDir, LOCK_FILE), 'utf8')).trim()).toBe(String(first.process.pid));
  expect((await callService(first.origin, 'GET', '/health/live')).status).toBe(200);
}, 180_000);
