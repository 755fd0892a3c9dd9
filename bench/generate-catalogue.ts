/**
 * Writes a product file of N rows in the import format of API.md (`;`-separated, decimal comma), for
 * benchmarks of the catalogue import. Deterministic: the same N always gives the same file.
 *
 *   npx tsx bench/generate-catalogue.ts 50000 > catalogue-50k.csv
 *   npx tsx bench/generate-catalogue.ts 50000 --bom > catalogue-50k.csv   (with a byte-order mark, for spreadsheets)
 */
import { once } from 'node:events';
import { catalogueCsvHeader, catalogueCsvLine } from '../src/catalogue/catalogue-csv.js';
import { generateCatalogue } from '../src/seed/demo-catalogue.js';

const CHUNK_ROWS = 1000;

async function main(): Promise<void> {
  const [countArgument = '50000', ...flags] = process.argv.slice(2);
  const count = Number(countArgument);
  if (!/^[0-9]+$/.test(countArgument) || !Number.isSafeInteger(count)) {
    console.error('Usage: npx tsx bench/generate-catalogue.ts <rows> [--bom] > file.csv');
    process.exitCode = 2;
    return;
  }
  await write(`${flags.includes('--bom') ? '\uFEFF' : ''}${catalogueCsvHeader()}`);
  let chunk: string[] = [];
  for (const product of generateCatalogue(count)) {
    chunk.push(catalogueCsvLine(product));
    if (chunk.length === CHUNK_ROWS) {
      await write(chunk.join(''));
      chunk = [];
    }
  }
  await write(chunk.join(''));
}

/** Respects back-pressure, so a million rows piped into a slow consumer do not pile up in memory. */
async function write(text: string): Promise<void> {
  if (text !== '' && !process.stdout.write(text)) await once(process.stdout, 'drain');
}

await main();
