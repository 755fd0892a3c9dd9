/**
 * Once per jest run, before any worker starts: a folder for what the test files of this run share (the empty
 * PGlite template, test/support/databases.ts). Workers inherit the environment; global-teardown.ts removes it.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SHARED_DIR_VARIABLE = 'EGRANTS_TEST_SHARED_DIR';

export default function globalSetup(): void {
  process.env[SHARED_DIR_VARIABLE] ??= mkdtempSync(join(tmpdir(), 'egrants-test-run-'));
}
