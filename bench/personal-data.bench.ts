/**
 * The cost of crypto-shredding: the append rate and the rebuild rate of a realistic history with the personal
 * fields sealed (PersonalDataProtection over the event store) against the bare store, in one run.
 *
 *   npm run bench:personal-data                                   PGlite (in memory)
 *   DATABASE_URL=postgres://… npm run bench:personal-data          the server, in scratch databases created and dropped here
 *     --citizens 600      citizens of the generated history (bench/scale/history.ts; about 42 events each, with the setup)
 *     --seed 1            the generator's seed
 *     --years 5           how far back the histories reach
 *     --rounds 3          rounds of both modes; the median per mode is reported
 *     --sample 200        citizens whose names the checks look for
 *
 * The history is generated once and encoded as CommandRunner encodes (createEventRegistry().encode). Then, per
 * round and mode, in a database of its own (a PGlite instance, or a scratch database on the server; both modes' open
 * at once):
 *   1. append: the whole history through the store, one appendToStream per command and stream with its exact
 *      expected revision, one command after the other (the store's cost per command, not the server's concurrency);
 *      `on` is protectPersonalData(bare store, keys), the keys in the same database (SqlDataKeyStore); the modes take
 *      the history in slices of SLICE_APPENDS appends in turn (A B B A …), each slice timed;
 *   2. rebuild: every read model at once from the start of the log, through rebuildReadModel (the CLI's rebuild,
 *      as bench:scale does it), from a store opened anew; `on` with a new PersonalDataKeys, so every key is fetched
 *      and unwrapped again as in a freshly started process.
 * Before the rounds, both modes run once on the first WARMUP_APPENDS appends (not reported), so that neither mode
 * pays for the JIT's warm-up. The slices, and the rebuilds' order from round to round (off on, on off, …), alternate
 * so that the machine's background load weighs on both alike: on a shared machine a whole history appended in one
 * mode, then in the other, met loads apart by 2× between runs of one mode.
 *
 * Checks (the run exits 1 when one fails): the `on` log, read with the bare store, holds none of the sample's last
 * names or CPR numbers in the events about them (while the `off` log does); the citizens read model rebuilt from
 * the `on` log holds the same names as the one rebuilt from the `off` log.
 */
import { parseArgs } from 'node:util';
import { allProjections, decodeEvent } from '../src/composition/projections.js';
import { createEventRegistry } from '../src/composition/event-registry.js';
import { protectPersonalData } from '../src/composition/personal-data.js';
import { PostgresEventStore } from '../src/infrastructure/event-store/postgres/postgres-event-store.js';
import { LocalKeyEncryption } from '../src/infrastructure/personal-data/local-key-encryption.js';
import { PersonalDataKeys } from '../src/infrastructure/personal-data/personal-data-keys.js';
import { SEALED_MEMBER } from '../src/infrastructure/personal-data/sealed-fields.js';
import { SqlDataKeyStore } from '../src/infrastructure/personal-data/sql-data-key-store.js';
import { rebuildReadModel } from '../src/infrastructure/projections/rebuild-read-model.js';
import { PostgresProjectionStorage } from '../src/infrastructure/read-model-store/postgres/postgres-projection-storage.js';
import { liveTables } from '../src/infrastructure/read-model-store/postgres/read-model-registry.js';
import { quoted } from '../src/infrastructure/read-model-store/postgres/read-model-schema.js';
import { openPgliteDatabase } from '../src/infrastructure/sql/pglite-database.js';
import type { SqlDatabase } from '../src/infrastructure/sql/sql-database.js';
import type { EventStore, ExpectedRevision, NewEvent, Position } from '../src/kernel/event-store.port.js';
import { describeMachine, percentile, printTable } from './report.js';
import { withScratchDatabase } from './scratch-database.js';
import { generateHistory, newHistoryStats } from './scale/history.js';

const { values: args } = parseArgs({
  options: {
    citizens: { type: 'string', default: '600' },
    seed: { type: 'string', default: '1' },
    years: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    sample: { type: 'string', default: '200' },
  },
});
const CITIZENS = Number(args.citizens);
const SEED = Number(args.seed);
const YEARS = Number(args.years);
const ROUNDS = Number(args.rounds);
const SAMPLE = Number(args.sample);
for (const [name, value] of Object.entries({ citizens: CITIZENS, rounds: ROUNDS, sample: SAMPLE })) {
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`--${name} must be a positive whole number\n`);
    process.exit(2);
  }
}
/** The history ends here for every run of one seed (as in bench:scale), so two runs append the same events. */
const NOW = new Date('2026-12-01T09:00:00Z');
const TARGET = 0.8;
/** The warm-up: the setup and a hundred-odd citizens. */
const WARMUP_APPENDS = 5000;
/** Any 32 bytes: the master key's strength is not what is measured. */
const MASTER_KEY = Buffer.alloc(32, 1);

const say = (text: string) => process.stderr.write(`${text}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

type Mode = 'off' | 'on';

/** One appendToStream of a command: its events on one stream, with the revision the stream is expected at. */
interface Append {
  readonly stream: string;
  readonly expected: ExpectedRevision;
  readonly events: readonly NewEvent[];
}

interface Citizen {
  readonly citizenId: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly cpr: string;
}

interface History {
  readonly appends: readonly Append[];
  readonly events: number;
  readonly citizens: readonly Citizen[];
}

// --- the history -----------------------------------------------------------------------------------------

/** The generated history, encoded as CommandRunner encodes it, cut into the appends its commands make. */
function prepareHistory(): History {
  const registry = createEventRegistry();
  const appends: Append[] = [];
  const citizens: Citizen[] = [];
  let events = 0;
  let current: { stream: string; commandId: unknown; expected: ExpectedRevision; events: NewEvent[] } | undefined;
  for (const batch of generateHistory({ citizens: CITIZENS, seed: SEED, now: NOW, years: YEARS }, newHistoryStats())) {
    for (const generated of batch) {
      const { data, schemaVersion } = registry.encode({ type: generated.type, data: generated.data });
      const event: NewEvent = { eventId: generated.eventId, type: generated.type, data, metadata: { ...generated.metadata, schemaVersion } };
      events += 1;
      if (generated.type === 'CitizenRegistered') {
        const { citizenId, firstName, lastName, cpr } = data as Citizen;
        citizens.push({ citizenId, firstName, lastName, cpr });
      }
      if (current?.stream === generated.streamName && current.commandId === generated.metadata.commandId) {
        current.events.push(event);
        continue;
      }
      current = {
        stream: generated.streamName,
        commandId: generated.metadata.commandId,
        expected: generated.revision === 0 ? 'no_stream' : generated.revision - 1,
        events: [event],
      };
      appends.push(current);
    }
  }
  return { appends, events, citizens };
}

/** Every `step`-th citizen, up to `SAMPLE` of them: spread over the whole history. */
function sampleOf(citizens: readonly Citizen[]): Citizen[] {
  const step = Math.max(1, Math.floor(citizens.length / SAMPLE));
  return citizens.filter((_, i) => i % step === 0).slice(0, SAMPLE);
}

// --- one round of one mode -------------------------------------------------------------------------------

interface Measured {
  readonly mode: Mode;
  readonly round: number;
  readonly appendSeconds: number;
  readonly rebuildSeconds: number;
  readonly dataKeys: number;
  /** citizenId → "first last", from the rebuilt citizens read model. */
  readonly names: Map<string, string>;
  /** Events about the sample that hold one of their last names or CPR numbers in the raw log. */
  readonly plaintextHits: number;
}

const openKeys = async (db: SqlDatabase) => new PersonalDataKeys(await SqlDataKeyStore.open(db), new LocalKeyEncryption(MASTER_KEY));

async function appendAll(store: EventStore, history: Pick<History, 'appends'>): Promise<number> {
  const started = performance.now();
  for (const append of history.appends) await store.appendToStream(append.stream, append.events, append.expected);
  return (performance.now() - started) / 1000;
}

async function rebuildAll(db: SqlDatabase, eventStore: EventStore): Promise<number> {
  const storage = new PostgresProjectionStorage(db);
  await storage.migrate();
  const signal = new AbortController().signal;
  const started = performance.now();
  const exits = await Promise.all(allProjections.map((projection) => rebuildReadModel({ projection, eventStore, storage, decode: decodeEvent, signal })));
  const seconds = (performance.now() - started) / 1000;
  if (exits.some((exit) => exit !== 'swapped')) throw new Error(`rebuild: ${exits.join(', ')}`);
  return seconds;
}

async function citizenNames(db: SqlDatabase): Promise<Map<string, string>> {
  const [live] = await liveTables(db, ['citizens']);
  if (!live) throw new Error('no live citizens read model');
  const { rows } = await db.query<{ id: string; first: string; last: string }>(
    `select id, doc->>'firstName' as first, doc->>'lastName' as last from ${quoted(live.table)}`,
  );
  return new Map(rows.map((row) => [row.id, `${row.first} ${row.last}`]));
}

/**
 * The events about the sample, as stored (the bare store reads what is in the table), that hold their last name or
 * CPR number anywhere but in a sealed member's ciphertext.
 */
async function plaintextHits(db: SqlDatabase, sample: readonly Citizen[]): Promise<number> {
  const bySubject = new Map(sample.map((citizen) => [citizen.citizenId, citizen]));
  const raw = await PostgresEventStore.open(db);
  let hits = 0;
  let after: Position | undefined;
  for (;;) {
    const slice = await raw.readAll({ after, maxCount: 1000 });
    for (const event of slice.events) {
      const citizenId = (event.data as { citizenId?: unknown } | null)?.citizenId;
      const citizen = typeof citizenId === 'string' ? bySubject.get(citizenId) : undefined;
      if (!citizen) continue;
      // All but the sealed member's ciphertext and IV: their base64 spells a short name now and then by chance.
      const { [SEALED_MEMBER]: member, ...rest } = event.data as Record<string, unknown>;
      const { sealed: _sealed, iv: _iv, ...described } = (member ?? {}) as Record<string, unknown>;
      const text = JSON.stringify([rest, described]);
      if (text.includes(citizen.lastName) || text.includes(citizen.cpr)) hits += 1;
    }
    after = slice.next;
    if (slice.isEnd) break;
  }
  return hits;
}

/** Appends per slice: both modes take each slice in turn, so a change in the machine's load meets both within a second or so. */
const SLICE_APPENDS = 500;

/**
 * Appends `history` to both databases, slice by slice, alternating which mode goes first (A B B A …), then rebuilds
 * every read model in each (`order` first): the seconds of each, per mode.
 */
async function appendAndRebuild(
  dbs: Readonly<Record<Mode, SqlDatabase>>,
  order: readonly Mode[],
  history: Pick<History, 'appends' | 'events'>,
): Promise<Record<Mode, { appendSeconds: number; rebuildSeconds: number }>> {
  const stores = {} as Record<Mode, EventStore>;
  for (const mode of order) {
    const bare = await PostgresEventStore.open(dbs[mode]);
    stores[mode] = mode === 'on' ? protectPersonalData(bare, await openKeys(dbs[mode])) : bare;
  }
  const seconds = { off: { appendSeconds: 0, rebuildSeconds: 0 }, on: { appendSeconds: 0, rebuildSeconds: 0 } };
  for (let from = 0, slice = 0; from < history.appends.length; from += SLICE_APPENDS, slice++) {
    const appends = history.appends.slice(from, from + SLICE_APPENDS);
    for (const mode of slice % 2 === 0 ? order : [...order].reverse()) seconds[mode].appendSeconds += await appendAll(stores[mode], { appends });
  }
  for (const mode of order) {
    say(`    ${mode}: appended in ${seconds[mode].appendSeconds.toFixed(1)} s (${fmt(history.events / seconds[mode].appendSeconds)} events/s)`);
    await stores[mode].close();
    await dbs[mode].exec('vacuum analyze es_events');
  }
  for (const mode of order) {
    // A store opened anew for the rebuild, and for `on` new keys: nothing the appends cached helps the rebuild.
    const reader = await PostgresEventStore.open(dbs[mode]);
    const rebuildStore = mode === 'on' ? protectPersonalData(reader, await openKeys(dbs[mode])) : reader;
    seconds[mode].rebuildSeconds = await rebuildAll(dbs[mode], rebuildStore);
    say(`    ${mode}: rebuilt in ${seconds[mode].rebuildSeconds.toFixed(1)} s (${fmt(history.events / seconds[mode].rebuildSeconds)} log events/s)`);
    await rebuildStore.close();
  }
  return seconds;
}

async function runRound(dbs: Readonly<Record<Mode, SqlDatabase>>, order: readonly Mode[], round: number, history: History, sample: readonly Citizen[]): Promise<Measured[]> {
  const seconds = await appendAndRebuild(dbs, order, history);
  const results: Measured[] = [];
  for (const mode of order) {
    const db = dbs[mode];
    // The key table is there only where the keys were opened.
    const { rows } = await db.query<{ n: string }>(mode === 'on' ? 'select count(*)::text as n from personal_data_keys' : `select '0' as n`);
    results.push({
      mode,
      round,
      ...seconds[mode],
      dataKeys: Number(rows[0]!.n),
      names: await citizenNames(db),
      plaintextHits: await plaintextHits(db, sample),
    });
  }
  return results;
}

// --- the run ---------------------------------------------------------------------------------------------

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL;
  const kind = serverUrl ? 'postgres' : 'pglite';
  /** A database of its own for each round and mode. */
  const withDatabase = <T>(work: (db: SqlDatabase) => Promise<T>): Promise<T> =>
    serverUrl
      ? withScratchDatabase(serverUrl, 'bench_personal', work)
      : openPgliteDatabase().then(async (db) => {
          try {
            return await work(db);
          } finally {
            await db.close();
          }
        });

  say(`bench:personal-data: ${fmt(CITIZENS)} citizens, seed ${SEED}, ${YEARS} years, ${ROUNDS} round(s), ${kind}`);
  let started = performance.now();
  const history = prepareHistory();
  const sample = sampleOf(history.citizens);
  say(`  generated and encoded ${fmt(history.events)} events in ${fmt(history.appends.length)} appends in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  let machine = '';
  const warmUp = history.appends.slice(0, WARMUP_APPENDS);
  /** Both modes' databases, open at once for the round. */
  const withDatabases = <T>(work: (dbs: Record<Mode, SqlDatabase>) => Promise<T>): Promise<T> =>
    withDatabase((off) => withDatabase((on) => work({ off, on })));
  say(`  warm-up: ${fmt(warmUp.length)} appends, off and on`);
  await withDatabases(async (dbs) => {
    machine = await describeMachine(dbs.off);
    await appendAndRebuild(dbs, ['off', 'on'], { appends: warmUp, events: warmUp.reduce((sum, append) => sum + append.events.length, 0) });
  });

  started = performance.now();
  const results: Measured[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const order: Mode[] = round % 2 === 1 ? ['off', 'on'] : ['on', 'off'];
    say(`  round ${round}: ${order.join(', ')}`);
    results.push(...(await withDatabases((dbs) => runRound(dbs, order, round, history, sample))));
  }
  const totalSeconds = (performance.now() - started) / 1000;

  // --- checks ---
  const failures: string[] = [];
  const offs = results.filter((r) => r.mode === 'off');
  const ons = results.filter((r) => r.mode === 'on');
  const reference = offs[0]!.names;
  if (reference.size !== history.citizens.length) failures.push(`the off citizens read model holds ${reference.size} citizens, the history ${history.citizens.length}`);
  for (const result of results) {
    const differing = [...reference].filter(([id, name]) => result.names.get(id) !== name).length + Math.abs(result.names.size - reference.size);
    if (differing > 0) failures.push(`round ${result.round} ${result.mode}: ${differing} citizens' names differ from the off read model's`);
    if (result.mode === 'on' && result.plaintextHits > 0) failures.push(`round ${result.round} on: ${result.plaintextHits} stored events hold a sampled citizen's last name or CPR number in plaintext`);
    if (result.mode === 'off' && result.plaintextHits === 0) failures.push(`round ${result.round} off: no stored event holds a sampled name: the plaintext check finds nothing even where it should`);
  }

  // --- report ---
  const appendRate = (r: Measured) => history.events / r.appendSeconds;
  const rebuildRate = (r: Measured) => history.events / r.rebuildSeconds;
  console.log(`\nbench:personal-data — ${fmt(CITIZENS)} citizens, ${fmt(history.events)} events in ${fmt(history.appends.length)} appends, seed ${SEED}; ${ROUNDS} round(s) in ${totalSeconds.toFixed(0)} s`);
  console.log(machine);
  console.log(`store: ${kind === 'postgres' ? 'PostgreSQL server (a scratch database per round and mode)' : 'PGlite in memory (an instance per round and mode)'}; ${allProjections.length} read models rebuilt at once`);
  console.log();
  printTable(
    ['round', 'mode', 'append s', 'append events/s', 'rebuild s', 'rebuild events/s', 'data keys', 'sample events with plaintext'],
    results.map((r) => [String(r.round), r.mode, r.appendSeconds.toFixed(1), fmt(appendRate(r)), r.rebuildSeconds.toFixed(1), fmt(rebuildRate(r)), fmt(r.dataKeys), fmt(r.plaintextHits)]),
    new Set([0, 2, 3, 4, 5, 6, 7]),
  );
  console.log();
  const summary = (what: string, rate: (r: Measured) => number) => {
    const off = median(offs.map(rate));
    const on = median(ons.map(rate));
    const ratio = on / off;
    return [what, fmt(off), fmt(on), `${ratio.toFixed(2)}x`, `>= ${TARGET}x`, ratio >= TARGET ? 'yes' : 'NO'];
  };
  printTable(['median', 'off events/s', 'on events/s', 'on/off', 'target', 'met'], [summary('append', appendRate), summary('rebuild', rebuildRate)], new Set([1, 2, 3]));
  const spread = (rate: (r: Measured) => number, of: readonly Measured[]) => {
    const sorted = of.map(rate).sort((a, b) => a - b);
    return `${fmt(percentile(sorted, 0))}–${fmt(percentile(sorted, 100))}`;
  };
  console.log(
    `\n(events/s = events of the log / seconds; append: one appendToStream per command and stream, one at a time, the modes taking slices of ${SLICE_APPENDS} appends in turn; rebuild: every read model from` +
      ` the start of the log at once, on a store opened anew (on: with no key cached); ranges: append off ${spread(appendRate, offs)}, on ${spread(appendRate, ons)};` +
      ` rebuild off ${spread(rebuildRate, offs)}, on ${spread(rebuildRate, ons)})`,
  );
  console.log(`data keys (on): ${[...new Set(ons.map((r) => r.dataKeys))].map(fmt).join(', ')} for ${fmt(history.citizens.length)} citizens and the staff users`);
  console.log(
    `checks: ${sample.length} sampled citizens' last names and CPR numbers absent from the on log (read with the bare store), present in the off log;` +
      ` the citizens read model rebuilt from the on log holds the off one's names (${fmt(reference.size)} citizens compared)`,
  );
  if (failures.length > 0) {
    console.log(`\nFAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log('checks passed');
  }
}

await main();
