import os from 'node:os';
import type { SqlDatabase } from '../src/infrastructure/sql/sql-database.js';

/** Small helpers for printing benchmark results (tables, percentiles, the machine). */

/** The nearest-rank percentile of ascending samples; NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** A plain-text table: a header, a rule, the lines; the columns in `rightAligned` are padded on the left. */
export function printTable(header: readonly string[], lines: readonly (readonly string[])[], rightAligned: ReadonlySet<number>): void {
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((line) => (line[i] ?? '').length)));
  const format = (cells: readonly string[]) =>
    cells.map((cell, i) => (rightAligned.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join('  ').trimEnd();
  console.log(format(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const line of lines) console.log(format(line));
}

/** The machine and the Node.js version, in a few words. */
export function describeHost(): string {
  const cpus = os.cpus();
  return `machine: ${cpus.length} cpus (${cpus[0]?.model.trim() ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.platform()} ${os.release()}; node ${process.version}`;
}

/** One line naming the machine, the Node.js version and the database server's version. */
export async function describeMachine(db: SqlDatabase): Promise<string> {
  const { rows } = await db.query<{ server_version: string }>('show server_version');
  return `${describeHost()}; PostgreSQL ${rows[0]?.server_version ?? 'unknown'}`;
}
