/**
 * The chaos harnesses' clients: a realistic mix of commands against the demo data (orders against the grants'
 * caps, citizens' phone and address changes, allowance changes), each sent with its own Idempotency-Key and
 * retried with the same key until the answer is definitive. Every command carries a value no other command has
 * (an order's number comes back in the answer), so the log can be searched for it afterwards: found once =
 * kept, never = lost, twice = duplicated.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { callService, loginDemoUser, type CallAnswer } from '../../test/support/service-process.js';
import { mixSeed, Random } from '../scale/random.js';

export type CommandKind = 'order' | 'phone' | 'address' | 'allowance';

/** One command as the client saw it end. */
export interface LedgerEntry {
  readonly kind: CommandKind;
  readonly key: string;
  readonly citizenId: string;
  readonly lineId?: string;
  /** The order number (from the answer), the phone number, the street, or the new grantedMax. */
  readonly value: string | number | undefined;
  readonly status: number;
  readonly code: string | undefined;
  readonly attempts: number;
  /** From the first attempt that was not definitive to the definitive answer; 0 when the first one was. */
  readonly retriedMs: number;
}

interface Line {
  readonly citizenId: string;
  readonly lineId: string;
  readonly periodMonths: number;
  /** The next grantedMax to ask for: allowance changes only raise, one at a time per line (see below). */
  nextMax: number;
  busy: boolean;
}

interface Citizen {
  readonly citizenId: string;
  readonly postalCode: string;
  readonly city: string;
}

/** A demo user and what it may touch: the citizens of its municipality and the lines in its grant areas. */
interface Actor {
  readonly username: string;
  readonly token: string;
  readonly mayChangeGrants: boolean;
  readonly citizens: readonly Citizen[];
  readonly lines: readonly Line[];
}

/** Client i acts as USERS[i % 4]: two municipalities, three roles, overlapping grant areas. */
const USERS = [
  { username: 'sagsbehandler.kbh', mayChangeGrants: true },
  { username: 'sygeplejerske.kbh', mayChangeGrants: true },
  { username: 'bestiller.kbh', mayChangeGrants: false },
  { username: 'sagsbehandler.aar', mayChangeGrants: true },
] as const;

export interface Workload {
  readonly actors: readonly Actor[];
  /** Every line any actor may order against, once (for the caps check). */
  readonly citizenIds: readonly string[];
}

/** Logs the demo users in and finds their citizens and grant lines (the demo data, SEED_DEMO=1). */
export async function discoverWorkload(baseUrl: string): Promise<Workload> {
  const lines = new Map<string, Line>();
  const actors: Actor[] = [];
  for (const user of USERS) {
    const token = await loginDemoUser(baseUrl, user.username);
    const found = await callService(baseUrl, 'GET', '/citizens?pageSize=100', { token });
    if (found.status !== 200) throw new Error(`citizen search answered ${found.status}`);
    const citizens: Citizen[] = [];
    const own: Line[] = [];
    for (const item of found.body.items as Array<{ citizenId: string; postalCode: string; city: string }>) {
      citizens.push({ citizenId: item.citizenId, postalCode: item.postalCode, city: item.city });
      const grant = await callService(baseUrl, 'GET', `/citizens/${item.citizenId}/grant`, { token });
      type LineView = { lineId: string; status: string; window: unknown; allowance: { grantedMax?: number; periodMonths: number } | null };
      for (const area of grant.body.areas as Array<{ lines: LineView[] }>) {
        for (const line of area.lines) {
          if (line.status !== 'ACTIVE' || line.window === null || !line.allowance?.grantedMax) continue;
          const { grantedMax, periodMonths } = line.allowance;
          const shared = lines.get(line.lineId) ?? {
            citizenId: item.citizenId,
            lineId: line.lineId,
            periodMonths,
            nextMax: grantedMax + 1,
            busy: false,
          };
          lines.set(line.lineId, shared);
          own.push(shared);
        }
      }
    }
    if (citizens.length === 0 || own.length === 0) throw new Error(`${user.username} finds no demo citizen with a grant line: is SEED_DEMO on?`);
    actors.push({ username: user.username, token, mayChangeGrants: user.mayChangeGrants, citizens, lines: own });
  }
  return { actors, citizenIds: [...new Set(actors.flatMap((actor) => actor.citizens.map((citizen) => citizen.citizenId)))] };
}

interface Command {
  readonly kind: CommandKind;
  readonly citizenId: string;
  readonly lineId?: string;
  readonly value?: string | number;
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly done?: () => void;
}

/** The next command of a client: half orders, the rest contact details and (for caseworkers and nurses) allowances. */
function nextCommand(actor: Actor, random: Random, client: number, n: number): Command {
  const roll = random.next();
  const citizen = random.pick(actor.citizens);
  if (roll < 0.2) {
    const phone = `+45 9${client} ${String(n).padStart(6, '0')}`;
    return { kind: 'phone', citizenId: citizen.citizenId, value: phone, method: 'PATCH', path: `/citizens/${citizen.citizenId}`, body: { phone } };
  }
  if (roll < 0.3) {
    // Inside the citizen's own municipality (same postal code), so the change is accepted.
    const street = `Kaosvej ${client}-${n}`;
    const address = { street, postalCode: citizen.postalCode, city: citizen.city };
    return { kind: 'address', citizenId: citizen.citizenId, value: street, method: 'PATCH', path: `/citizens/${citizen.citizenId}`, body: { address } };
  }
  const line = random.pick(actor.lines);
  // One allowance change in flight per line, each higher than the last: the caps only ever rise, so an order the
  // grant accepted can never end up over its window's max, and "over the max" in the read model is a real breach.
  if (roll < 0.5 && actor.mayChangeGrants && !line.busy && line.periodMonths === 3) {
    line.busy = true;
    const grantedMax = line.nextMax++;
    return {
      kind: 'allowance',
      citizenId: line.citizenId,
      lineId: line.lineId,
      value: grantedMax,
      method: 'PATCH',
      path: `/citizens/${line.citizenId}/grant/lines/${line.lineId}`,
      body: { allowance: { grantedMax, periodMonths: 3 } },
      done: () => (line.busy = false),
    };
  }
  const salesUnits = random.chance(0.8) ? 1 : 2;
  return { kind: 'order', citizenId: line.citizenId, lineId: line.lineId, method: 'POST', path: `/citizens/${line.citizenId}/orders`, body: { lines: [{ lineId: line.lineId, salesUnits }] } };
}

/** Not an answer to act on: the service is down, restarting, or still holds the key of a run a kill cut short. */
const retryable = (answer: CallAnswer): boolean =>
  answer.status >= 500 || (answer.status === 409 && answer.body?.error?.code === 'IDEMPOTENCY_KEY_IN_PROGRESS');

/** Sends one command until its answer is definitive, always with the same Idempotency-Key. */
async function settle(baseUrl: string, token: string, command: Command, key: string): Promise<Omit<LedgerEntry, 'kind' | 'key' | 'citizenId' | 'lineId' | 'value'> & { answer: CallAnswer }> {
  let firstFailure: number | undefined;
  for (let attempts = 1; ; attempts++) {
    let answer: CallAnswer | undefined;
    try {
      answer = await callService(baseUrl, command.method, command.path, { token, body: command.body, headers: { 'idempotency-key': key }, signal: AbortSignal.timeout(30_000) });
    } catch {
      // Connection refused or cut (the service was killed), or no answer in 30 s: send it again.
    }
    if (answer && !retryable(answer)) {
      const retriedMs = firstFailure === undefined ? 0 : Date.now() - firstFailure;
      return { status: answer.status, code: answer.body?.error?.code, attempts, retriedMs, answer };
    }
    firstFailure ??= Date.now();
    await sleep(100);
  }
}

export interface ClientRun {
  /** Resolves with every command the client ended, once `stop` aborts (the command under way is finished first). */
  readonly done: Promise<LedgerEntry[]>;
}

/** A client: commands one after another, each settled before the next, until stopped. */
export function runClient(baseUrl: string, workload: Workload, client: number, seed: number, stop: AbortSignal): ClientRun {
  const actor = workload.actors[client % workload.actors.length]!;
  const random = new Random(mixSeed(seed, client));
  const done = (async () => {
    const ledger: LedgerEntry[] = [];
    for (let n = 0; !stop.aborted; n++) {
      const command = nextCommand(actor, random, client, n);
      const key = `chaos-${seed}-${client}-${n}`;
      try {
        const { answer, ...outcome } = await settle(baseUrl, actor.token, command, key);
        const value = command.kind === 'order' ? (answer.body?.orderNumber as string | undefined) : command.value;
        ledger.push({ kind: command.kind, key, citizenId: command.citizenId, lineId: command.lineId, value, ...outcome });
      } finally {
        command.done?.();
      }
    }
    return ledger;
  })();
  return { done };
}
