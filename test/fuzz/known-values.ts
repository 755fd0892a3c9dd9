/**
 * Real values of the seeded data and of what the run itself created, so that generated requests name citizens,
 * grant lines, orders and products that exist and reach the code behind validation, not just the validation.
 */
export type Kind =
  | 'citizen'
  | 'line'
  | 'order'
  | 'user'
  /** Users the run created: the only ones its commands may change (changing a demo user would end the run's own sessions). */
  | 'fuzzUser'
  | 'fuzzUsername'
  | 'municipality'
  | 'postalCode'
  | 'grantArea'
  | 'product'
  | 'projection'
  | 'position';

/** The most recent values of a kind that are kept (besides the seeded ones, which stay). */
const KEEP = 200;

export class KnownValues {
  private readonly seeded = new Map<Kind, string[]>();
  private readonly learned = new Map<Kind, string[]>();
  /** A citizen's grant lines: an order names lines of the citizen it is for, or it never gets past the grant. */
  private readonly linesByCitizen = new Map<string, string[]>();

  relateLine(citizenId: string, lineId: string): void {
    const lines = this.linesByCitizen.get(citizenId) ?? [];
    if (!lines.includes(lineId)) lines.push(lineId);
    this.linesByCitizen.set(citizenId, lines);
  }

  linesOf(citizenId: string): readonly string[] {
    return this.linesByCitizen.get(citizenId) ?? [];
  }

  seed(kind: Kind, values: Iterable<string>): void {
    const list = this.seeded.get(kind) ?? [];
    for (const value of values) if (!list.includes(value)) list.push(value);
    this.seeded.set(kind, list);
  }

  learn(kind: Kind, value: string): void {
    const list = this.learned.get(kind) ?? [];
    if (list.includes(value) || this.seeded.get(kind)?.includes(value)) return;
    list.push(value);
    if (list.length > KEEP) list.shift();
    this.learned.set(kind, list);
  }

  all(kind: Kind): readonly string[] {
    return [...(this.seeded.get(kind) ?? []), ...(this.learned.get(kind) ?? [])];
  }

  /** Ids and positions in a successful answer, found by their field names wherever they are. */
  learnFromAnswer(body: unknown): void {
    const stack: unknown[] = [body];
    for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
      if (next === null || typeof next !== 'object') continue;
      for (const [key, value] of Object.entries(next)) {
        if (typeof value === 'string' && KIND_BY_FIELD[key]) this.learn(KIND_BY_FIELD[key], value);
        else stack.push(value);
      }
    }
  }
}

const KIND_BY_FIELD: Record<string, Kind> = { citizenId: 'citizen', lineId: 'line', orderId: 'order', position: 'position' };
