import { rmSync } from 'node:fs';

/** Removes the folder global-setup.ts made (its variable, spelt out: jest loads this file outside its module map). */
export default function globalTeardown(): void {
  const dir = process.env.EGRANTS_TEST_SHARED_DIR;
  if (dir) rmSync(dir, { recursive: true, force: true });
}
