import { performance } from 'node:perf_hooks';
import { generateHistory, newHistoryStats, totalRefusals } from './history.js';

/**
 * How fast the history is generated, on one core, without writing it anywhere:
 * `npx tsx bench/scale/generation-rate.ts --citizens 10000 --seed 1`. Prints events/s, events per citizen, the
 * mix per event type and the refusals.
 */

const argument = (name: string, fallback: number): number => {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};

const citizens = argument('citizens', 10_000);
const seed = argument('seed', 1);
const years = argument('years', 5);
const now = new Date('2026-12-01T12:00:00.000Z');
const stats = newHistoryStats();
const started = performance.now();
let batches = 0;
let streams = 0;
for (const batch of generateHistory({ citizens, seed, now, years }, stats)) {
  batches += 1;
  for (const event of batch) if (event.revision === 0) streams += 1;
}
const seconds = (performance.now() - started) / 1000;
const memory = process.memoryUsage();

console.log(`${citizens} citizens, seed ${seed}, ${years} years: ${stats.events} events in ${batches} batches, ${streams} streams`);
console.log(`${seconds.toFixed(1)} s, ${Math.round(stats.events / seconds)} events/s, ${(stats.events / citizens).toFixed(1)} events per citizen`);
console.log(`heap ${Math.round(memory.heapUsed / 2 ** 20)} MB, rss ${Math.round(memory.rss / 2 ** 20)} MB`);
console.log(`refusals: ${totalRefusals(stats)}`, stats.refusals);
for (const [type, count] of Object.entries(stats.eventsByType).sort(([, a], [, b]) => b - a)) console.log(`${type.padEnd(32)} ${count}`);
