/**
 * The portal's first load (PORTAL.md "Speed": at most 250 KB of compressed JavaScript): from the build's manifest
 * (dist/web/.vite/manifest.json), the entry chunk and every chunk it imports statically — what a browser must
 * fetch before the first page shows — each gzip'd at level 9; the lazily loaded pages are listed apart.
 *   npm run build:web && npm run bench:portal
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

interface Chunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

const BUDGET_KB = 250;
const dir = join(process.cwd(), 'dist', 'web');
const manifest = JSON.parse(readFileSync(join(dir, '.vite', 'manifest.json'), 'utf8')) as Record<string, Chunk>;
const gzipKb = (file: string) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length / 1024;

const firstLoad = new Set<string>();
const visit = (key: string) => {
  if (firstLoad.has(key)) return;
  firstLoad.add(key);
  for (const imported of manifest[key]?.imports ?? []) visit(imported);
};
for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);

const rows = [...firstLoad].map((key) => ({ file: manifest[key]!.file, kb: gzipKb(manifest[key]!.file) }));
const js = rows.reduce((sum, row) => sum + row.kb, 0);
const css = [...new Set([...firstLoad].flatMap((key) => manifest[key]!.css ?? []))].reduce((sum, file) => sum + gzipKb(file), 0);
const lazy = Object.values(manifest).filter((chunk) => chunk.file.endsWith('.js') && ![...firstLoad].some((key) => manifest[key]!.file === chunk.file));

console.log('First load (entry and its static imports), gzip -9:');
for (const row of rows) console.log(`  ${row.file.padEnd(40)} ${row.kb.toFixed(1).padStart(7)} KB`);
console.log(`  JavaScript ${js.toFixed(1)} KB of ${BUDGET_KB} KB ${js <= BUDGET_KB ? '(within budget)' : '(OVER BUDGET)'}; CSS ${css.toFixed(1)} KB`);
console.log(`Loaded when their page opens: ${lazy.length} chunks, ${lazy.reduce((sum, chunk) => sum + gzipKb(chunk.file), 0).toFixed(1)} KB in all`);
process.exitCode = js <= BUDGET_KB ? 0 : 1;
