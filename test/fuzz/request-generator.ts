/**
 * One request of a fuzz run, drawn from a seed: an operation of the OpenAPI document, a caller, and a
 * valid-looking request built from the operation's schemas and the run's known values, then (mostly) mutated.
 * The same seed, operations and known values give the same request.
 */
import fc from 'fast-check';
import { fictitiousCpr } from '../citizens/cpr-fixtures.js';
import {
  BAD_DATES,
  BAD_IDEMPOTENCY_KEYS,
  BAD_IDS,
  BAD_PATH_SEGMENTS,
  CONTENT_TYPES,
  HOSTILE_NUMBERS,
  HOSTILE_STRINGS,
  MALFORMED_POSITIONS,
  PROTOTYPE_KEYS,
  WELL_FORMED_FOREIGN_POSITIONS,
} from './hostile-values.js';
import type { Kind, KnownValues } from './known-values.js';
import { isCommand, type Operation, type Schema } from './operations.js';

/** The callers: a demo user of each role (and København's and Aarhus' caseworkers), a webshop citizen, and nobody. */
export const ROLES = ['caseworker', 'caseworker_aarhus', 'nurse', 'orderer', 'citizen', 'customer_service', 'auditor', 'admin', 'integration', 'anonymous'] as const;
export type Role = (typeof ROLES)[number];

export interface FuzzRequest {
  readonly operation: Operation;
  readonly role: Role;
  readonly method: string;
  /** Path and query string, as sent. */
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string | undefined;
  /** What was done to the valid-looking request, for the report. */
  readonly mutations: readonly string[];
  /** Whether the request asks for read-your-writes (query or header): the one documented 503. */
  readonly consistentWith: boolean;
}

export interface GeneratorContext {
  readonly known: KnownValues;
  /** Roles that got past authorization on this operation so far: preferred, so requests reach the handlers. */
  readonly admitted: (operation: Operation) => readonly Role[];
  /** Roles that were refused it (401, 403): tried again only now and then, once some role got through. */
  readonly refused: (operation: Operation) => readonly Role[];
}

/** Seeded choices: a thin layer over fast-check's `gen`, so every draw comes from the request's seed. */
class Draw {
  constructor(private readonly g: fc.GeneratorValue) {}
  /** Uniform: fast-check's default bias towards the bounds would make every rare choice common. */
  int(min: number, max: number): number {
    return this.g((low: number, high: number) => fc.noBias(fc.integer({ min: low, max: high })), min, max);
  }
  chance(probability: number): boolean {
    return this.int(0, 999) < probability * 1000;
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)]!;
  }
  from<T>(arbitrary: fc.Arbitrary<T>): T {
    return this.g(() => arbitrary);
  }
}

export function generateRequest(seed: number, operations: readonly Operation[], context: GeneratorContext): FuzzRequest {
  const [g] = fc.sample(fc.gen(), { seed, numRuns: 1 });
  return new RequestBuilder(new Draw(g!), context).build(operations);
}

const DATE_PATTERN_HINT = /date/i;

class RequestBuilder {
  private readonly mutations: string[] = [];
  /** The citizen the path names, if any: its own grant lines are preferred for lineId. */
  private citizen: string | undefined;

  constructor(
    private readonly d: Draw,
    private readonly context: GeneratorContext,
  ) {}

  build(operations: readonly Operation[]): FuzzRequest {
    const { d } = this;
    const operation = d.pick(operations);
    const admitted = this.context.admitted(operation);
    const untried = ROLES.filter((role) => !admitted.includes(role) && !this.context.refused(operation).includes(role));
    const role: Role = admitted.length > 0 && d.chance(0.8) ? d.pick(admitted) : untried.length > 0 && d.chance(0.8) ? d.pick(untried) : d.pick(ROLES);
    // Half the requests stay valid-looking: they are the ones that reach the decisions and the stores.
    const mutate = d.chance(0.5);
    // A third of those change one value and nothing else: a NUL or an unpaired surrogate in an otherwise valid
    // request is what gets past validation to the stores (the outside fuzzer's 500s), which a request broken in
    // several places never does.
    if (mutate && d.chance(0.35)) return this.subtle(operation, role);

    const path = this.path(operation, mutate);
    const query = this.query(operation, mutate);
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (operation.body || (isCommand(operation) && operation.method !== 'DELETE')) {
      const made = this.body(operation, mutate);
      body = made.body;
      if (made.contentType !== undefined) headers['content-type'] = made.contentType;
    } else if (mutate && d.chance(0.1)) {
      body = '{"unexpected":"body"}';
      headers['content-type'] = 'application/json';
      this.mutations.push('a body where none is taken');
    }
    if (isCommand(operation)) this.idempotencyKey(headers, mutate);
    const consistentWith = this.consistentWith(query, headers, mutate);
    if (mutate && d.chance(0.05)) {
      headers['x-correlation-id'] = d.pick(['', 'x'.repeat(5_000), '\u00e6\u00f8\u00e5', '../../x', 'a b c']);
      this.mutations.push('odd X-Correlation-Id');
    }
    if (mutate && d.chance(0.03)) {
      // The runner adds the caller's token only when the request has no Authorization of its own.
      headers.authorization = d.pick(['Bearer ', 'Bearer not-a-token', 'Basic YWRtaW46YWRtaW4=', 'bearer', `Bearer ${'a'.repeat(5_000)}`]);
      this.mutations.push('bad Authorization');
    }
    if (mutate && d.chance(0.03)) {
      headers.accept = d.pick(['text/html', 'application/xml', '*/*;q=0', 'nonsense']);
      this.mutations.push('odd Accept');
    }
    const search = query.map(([name, value]) => `${encodeAny(name)}=${encodeAny(value)}`).join('&');
    return { operation, role, method: operation.method, url: search ? `${path}?${search}` : path, headers, body, mutations: this.mutations, consistentWith };
  }

  /** A valid-looking request with one hostile value, in the body if it has one, else in the query. */
  private subtle(operation: Operation, role: Role): FuzzRequest {
    const { d } = this;
    const path = this.path(operation, false);
    const query = this.query(operation, false);
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (operation.body) {
      const value = this.valid(operation.body, '', operation);
      const strings = slotsOf(value).filter((slot) => typeof (slot.parent as Record<string | number, unknown>)[slot.key] === 'string');
      if (strings.length > 0) {
        const slot = d.pick(strings);
        (slot.parent as Record<string | number, unknown>)[slot.key] = this.hostileText();
        this.mutations.push(`hostile string at ${String(slot.key)}`);
      } else {
        this.mutations.push('one hostile value');
        body = JSON.stringify(this.mutateValue(value));
      }
      body ??= JSON.stringify(value);
      headers['content-type'] = 'application/json';
    } else if (query.length > 0) {
      const index = d.int(0, query.length - 1);
      query[index] = [query[index]![0], this.hostileText()];
      this.mutations.push(`hostile query value ${query[index]![0]}`);
    } else {
      query.push(['q', this.hostileText()]);
      this.mutations.push('hostile query value q');
    }
    if (isCommand(operation)) headers['idempotency-key'] = `fuzz-${d.from(UUID)}`;
    const search = query.map(([name, value]) => `${encodeAny(name)}=${encodeAny(value)}`).join('&');
    return { operation, role, method: operation.method, url: search ? `${path}?${search}` : path, headers, body, mutations: this.mutations, consistentWith: false };
  }

  private path(operation: Operation, mutate: boolean): string {
    return operation.path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const parameter = operation.parameters.find((p) => p.in === 'path' && p.name === name);
      if (mutate && this.d.chance(0.25)) {
        this.mutations.push(`bad path parameter ${name}`);
        return this.d.chance(0.5) ? this.d.pick(BAD_PATH_SEGMENTS) : encodeAny(this.d.pick([...BAD_IDS, ...HOSTILE_STRINGS]));
      }
      const value = String(this.knownFor(name, operation) ?? this.valid(parameter?.schema ?? { type: 'string' }, name, operation));
      if (kindOf(name, operation) === 'citizen') this.citizen = value;
      return encodeAny(value);
    });
  }

  private query(operation: Operation, mutate: boolean): Array<[string, string]> {
    const { d } = this;
    const pairs: Array<[string, string]> = [];
    for (const parameter of operation.parameters.filter((p) => p.in === 'query')) {
      if (!parameter.required && !d.chance(0.4)) continue;
      pairs.push([parameter.name, String(this.knownFor(parameter.name, operation) ?? this.valid(parameter.schema, parameter.name, operation))]);
    }
    if (!mutate) return pairs;
    if (pairs.length > 0 && d.chance(0.2)) {
      const [name] = d.pick(pairs);
      pairs.push([name, d.pick(['1', '', '-1', 'x', ...HOSTILE_STRINGS.slice(0, 12)])]);
      this.mutations.push(`duplicate query parameter ${name}`);
    }
    if (pairs.length > 0 && d.chance(0.2)) {
      const index = d.int(0, pairs.length - 1);
      pairs[index] = [pairs[index]![0], this.hostileText()];
      this.mutations.push(`hostile query value ${pairs[index]![0]}`);
    }
    if (d.chance(0.1)) {
      pairs.push([d.pick([...PROTOTYPE_KEYS, 'a[b]', 'page[]', 'x'.repeat(300), '']), d.pick(['1', 'x', '{"a":1}'])]);
      this.mutations.push('unknown query parameter');
    }
    if (d.chance(0.02)) {
      pairs.push(['q', 'q'.repeat(d.pick([5_000, 70_000]))]);
      this.mutations.push('huge query string');
    }
    return pairs;
  }

  private body(operation: Operation, mutate: boolean): { body: string | undefined; contentType: string | undefined } {
    const { d } = this;
    if (!operation.body) return this.bodyWithoutSchema(operation, mutate);
    let value = this.valid(operation.body, '', operation);
    if (!mutate) return { body: JSON.stringify(value), contentType: 'application/json' };
    const count = d.int(1, 3);
    for (let i = 0; i < count; i++) value = this.mutateValue(value);
    let text = JSON.stringify(value) ?? '';
    let contentType: string | undefined = 'application/json';
    if (d.chance(0.1)) {
      text = this.malformedJson(text);
    }
    if (d.chance(0.08)) {
      contentType = d.chance(0.15) ? undefined : d.pick(CONTENT_TYPES);
      this.mutations.push(`content type ${contentType ?? 'missing'}`);
    }
    if (d.chance(0.03)) {
      this.mutations.push('no body');
      return { body: undefined, contentType };
    }
    return { body: text, contentType };
  }

  /** The catalogue import takes CSV or JSON the document does not describe: a small product file, either way. */
  private bodyWithoutSchema(operation: Operation, mutate: boolean): { body: string | undefined; contentType: string | undefined } {
    const { d } = this;
    if (operation.method === 'POST' && operation.path.endsWith('/catalogue/imports')) {
      const rows = Array.from({ length: d.int(0, 3) }, () => this.productRow(mutate));
      if (d.chance(0.5)) {
        const header = 'itemNumber;name;description;manufacturer;manufacturerRef;group;seriesId;salesUnitName;piecesPerSalesUnit;listPrice';
        const csv = [mutate && d.chance(0.2) ? this.hostileText() : header, ...rows.map((row) => Object.values(row).join(';'))].join('\n');
        return { body: csv, contentType: 'text/csv; charset=utf-8' };
      }
      return { body: JSON.stringify(rows), contentType: 'application/json' };
    }
    // Commands without a body (logout, unlock, replay …): mostly none, sometimes one they do not expect.
    if (mutate && d.chance(0.2)) {
      this.mutations.push('a body where none is taken');
      return { body: JSON.stringify(this.hostileValue()), contentType: 'application/json' };
    }
    return { body: undefined, contentType: undefined };
  }

  private productRow(mutate: boolean): Record<string, string | number> {
    const { d } = this;
    const row: Record<string, string | number> = {
      itemNumber: d.chance(0.5) ? this.knownOr('product', '900001') : `9${d.int(10_000, 99_999)}`,
      name: d.pick(['Stomipose', 'Kateter Ø', 'Bleer 🙂']),
      description: 'Fuzz',
      manufacturer: 'Fuzz A/S',
      manufacturerRef: `F-${d.int(1, 999)}`,
      group: d.pick(['Stomi > Poser', 'Kateter', 'Fuzz > Under > Gruppe']),
      seriesId: `S${d.int(1, 20)}`,
      salesUnitName: 'Pakke',
      piecesPerSalesUnit: d.int(1, 100),
      listPrice: d.pick(['12,50', '1.299,50', '0,01']),
    };
    if (mutate && d.chance(0.5)) {
      const key = d.pick(Object.keys(row));
      row[key] = d.chance(0.5) ? this.hostileText() : d.pick(HOSTILE_NUMBERS);
      this.mutations.push(`hostile product field ${key}`);
    }
    return row;
  }

  private idempotencyKey(headers: Record<string, string>, mutate: boolean): void {
    const { d } = this;
    const roll = d.int(0, 99);
    if (roll < 55) headers['idempotency-key'] = `fuzz-${d.from(UUID)}`;
    // A few shared keys: repeats with the same body replay, with another body are refused.
    else if (roll < 75) headers['idempotency-key'] = `fuzz-shared-${d.int(1, 5)}`;
    else if (mutate && roll < 90) {
      headers['idempotency-key'] = d.pick(BAD_IDEMPOTENCY_KEYS);
      this.mutations.push('bad Idempotency-Key');
    }
  }

  private consistentWith(query: Array<[string, string]>, headers: Record<string, string>, mutate: boolean): boolean {
    const { d } = this;
    if (!d.chance(mutate ? 0.15 : 0.1)) return false;
    const positions = this.context.known.all('position');
    const roll = d.int(0, 99);
    let value: string;
    if (roll < 70 && positions.length > 0) value = d.pick(positions);
    // Each of these waits the full 5 s before its 503 (being made a 400 elsewhere), so they are rare.
    else if (roll < 73) value = d.pick(WELL_FORMED_FOREIGN_POSITIONS);
    else value = d.pick(MALFORMED_POSITIONS);
    if (d.chance(0.7)) query.push(['consistentWith', value]);
    else headers['x-consistent-with'] = value;
    if (mutate && d.chance(0.1)) {
      query.push(['consistentWith', d.pick([...MALFORMED_POSITIONS, ...positions.slice(-3)])]);
      this.mutations.push('consistentWith twice');
    }
    return true;
  }

  /** A real value for a field or parameter whose name says what it is; undefined when the name says nothing. */
  private knownFor(name: string, operation: Operation): string | undefined {
    const kind = kindOf(name, operation);
    if (!kind || !this.d.chance(0.85)) return undefined;
    if (kind === 'cpr') return this.cpr();
    const own = kind === 'line' && this.citizen ? this.context.known.linesOf(this.citizen) : [];
    if (own.length > 0 && this.d.chance(0.8)) return this.d.pick(own);
    const values = this.context.known.all(kind);
    return values.length > 0 ? this.d.pick(values) : undefined;
  }

  private knownOr(kind: Kind, fallback: string): string {
    const values = this.context.known.all(kind);
    return values.length > 0 ? this.d.pick(values) : fallback;
  }

  /**
   * A fictitious CPR number (test/citizens/cpr-fixtures.ts), mostly one that passes modulus 11. Half come from a
   * few birth dates, so the same numbers come back: a registration refused half-way and one of the same number
   * later is how a reservation left behind shows.
   */
  private cpr(): string {
    const { d } = this;
    const few = d.chance(0.5);
    const day = few ? `0101${60 + d.int(0, 7)}` : `${String(d.int(1, 28)).padStart(2, '0')}${String(d.int(1, 12)).padStart(2, '0')}${String(d.int(0, 99)).padStart(2, '0')}`;
    try {
      return fictitiousCpr(day, String(d.int(0, few ? 1 : 9)), { checksum: d.chance(0.85) ? 'valid' : 'invalid' });
    } catch {
      return `${day}0000`;
    }
  }

  /** A value the schema accepts (as far as the schema alone can say). */
  private valid(schema: Schema, name: string, operation: Operation, depth = 0): unknown {
    const { d } = this;
    if (schema.nullable && d.chance(0.05)) return null;
    if (schema.enum) return d.pick(schema.enum);
    const variants = schema.anyOf ?? schema.oneOf;
    if (variants) return this.valid(d.pick(variants), name, operation, depth);
    switch (schema.type) {
      case 'object': {
        const result: Record<string, unknown> = {};
        for (const [key, property] of Object.entries(schema.properties ?? {})) {
          if (!schema.required?.includes(key) && !d.chance(0.6)) continue;
          result[key] = this.knownFor(key, operation) ?? this.valid(property, key, operation, depth + 1);
        }
        return result;
      }
      case 'array': {
        // Mostly the fewest items allowed: one order line is what passes the caps; more come now and then.
        const min = schema.minItems ?? 0;
        const length = d.chance(0.7) ? Math.max(min, 1) : d.int(min, Math.min(schema.maxItems ?? min + 3, min + 3));
        const items = schema.items ?? {};
        return Array.from({ length }, () => this.knownFor(singular(name), operation) ?? this.valid(items, singular(name), operation, depth + 1));
      }
      case 'string':
        return this.validString(schema, name);
      case 'integer':
      case 'number': {
        const low = bound(schema.minimum, schema.exclusiveMinimum, 1) ?? 0;
        const high = bound(schema.maximum, schema.exclusiveMaximum, -1) ?? low + 50;
        // Mostly small: quantities of one or two pass the grants' caps and reach the write.
        const from = Math.max(low, -1e9);
        const value = d.int(from, Math.min(high, from + (d.chance(0.7) ? 2 : d.chance(0.9) ? 50 : 1e9)));
        return schema.type === 'number' && d.chance(0.05) ? value + 0.5 : value;
      }
      case 'boolean':
        return d.chance(0.5);
      default:
        return d.from(JSON_VALUE);
    }
  }

  private validString(schema: Schema, name: string): string {
    const { d } = this;
    if (schema.format === 'date' || (DATE_PATTERN_HINT.test(name) && schema.format !== 'date-time')) return isoDate(d.int(-800, 400));
    if (schema.format === 'date-time') return new Date(Date.now() + d.int(-800, 30) * 86_400_000).toISOString();
    if (schema.pattern) {
      const matching = patternArbitrary(schema.pattern, schema.minLength, schema.maxLength);
      if (matching) return d.from(matching);
    }
    const minLength = schema.minLength ?? 0;
    const maxLength = Math.min(schema.maxLength ?? 40, minLength + 40);
    const unit = d.chance(0.8) ? 'grapheme-ascii' : 'grapheme';
    const text = d.from(strings(unit, Math.max(minLength, 1), Math.max(maxLength, 1)));
    return schema.maxLength !== undefined ? [...text].slice(0, schema.maxLength).join('') : text;
  }

  /** Applies one mutation somewhere in a JSON value; returns the (possibly replaced) value. */
  private mutateValue(value: unknown): unknown {
    const { d } = this;
    const slots = slotsOf(value);
    const kind = d.pick(['wrong type', 'hostile string', 'missing field', 'extra field', 'huge value', 'deep value', 'bad date', 'bad id', 'whole body'] as const);
    this.mutations.push(kind);
    if (kind === 'whole body' || slots.length === 0) return this.hostileValue();
    const slot = d.pick(slots);
    const set = (replacement: unknown) => {
      (slot.parent as Record<string | number, unknown>)[slot.key] = replacement;
    };
    switch (kind) {
      case 'wrong type':
        set(this.hostileValue());
        break;
      case 'hostile string':
        set(this.hostileText());
        break;
      case 'missing field':
        if (Array.isArray(slot.parent)) slot.parent.splice(Number(slot.key), 1);
        else delete (slot.parent as Record<string, unknown>)[slot.key];
        break;
      case 'extra field': {
        const objects = [value, ...slots.map((s) => (s.parent as Record<string, unknown>)[s.key])].filter(isPlainObject);
        const target = objects.length > 0 ? d.pick(objects) : undefined;
        const key = d.chance(0.6) ? d.pick(PROTOTYPE_KEYS) : d.from(strings('grapheme', 1, 20));
        // defineProperty: a plain assignment to __proto__ would set the prototype, not add a field.
        if (target) Object.defineProperty(target, key, { value: this.hostileValue(), enumerable: true, writable: true, configurable: true });
        break;
      }
      case 'huge value':
        set(
          d.pick([
            () => 'x'.repeat(d.pick([10_000, 300_000, 1_100_000])),
            () => Array.from({ length: d.pick([1_000, 20_000]) }, (_, i) => i),
            () => d.pick(HOSTILE_NUMBERS),
          ])(),
        );
        break;
      case 'deep value':
        // Deeper than this JSON.stringify cannot write; the raw-text variant of malformedJson goes deeper.
        set(nested(d.pick([31, 33, 200, 1_000]), d.chance(0.5)));
        break;
      case 'bad date':
        set(d.pick(BAD_DATES));
        break;
      case 'bad id':
        set(d.chance(0.3) ? d.from(UUID) : d.pick(BAD_IDS));
        break;
    }
    return value;
  }

  private hostileText(): string {
    return this.d.chance(0.8) ? this.d.pick(HOSTILE_STRINGS) : this.d.from(strings('binary', 1, 30));
  }

  private hostileValue(): unknown {
    const { d } = this;
    return d.pick([
      () => null,
      () => d.chance(0.5),
      () => d.pick(HOSTILE_NUMBERS),
      () => this.hostileText(),
      () => [],
      () => ({}),
      () => [this.hostileText()],
      () => JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"polluted":1}}}'),
      () => d.from(JSON_VALUE),
    ])();
  }

  private malformedJson(text: string): string {
    const { d } = this;
    const variant = d.pick(['truncated', 'duplicate key', 'trailing comma', 'single quotes', 'BOM', 'NaN', 'raw deep', 'huge number'] as const);
    this.mutations.push(`malformed JSON: ${variant}`);
    switch (variant) {
      case 'truncated':
        return text.slice(0, d.int(0, Math.max(0, text.length - 1)));
      case 'duplicate key':
        return text.startsWith('{"') ? text.replace(/^\{("[^"]*"):/, '{$1:"first",$1:') : `{"a":1,"a":${text}}`;
      case 'trailing comma':
        return text.replace(/}$/, ',}');
      case 'single quotes':
        return text.replace(/"/g, "'");
      case 'BOM':
        return `\ufeff${text}`;
      case 'NaN':
        return '{"a":NaN}';
      case 'raw deep': {
        const depth = d.pick([33, 3_000, 100_000]);
        return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
      }
      case 'huge number':
        return text.startsWith('{"') ? text.replace(/^\{("[^"]*"):/, '{$1:1e400,"x":') : '1e400';
    }
  }
}

/** Which known values a field or parameter name stands for. */
function kindOf(name: string, operation: Operation): Kind | 'cpr' | undefined {
  if (name === 'id') {
    if (operation.path.startsWith('/api/v1/citizens')) return 'citizen';
    // Commands on users change only users the run created: changing a demo user would end the run's own sessions.
    if (operation.path.startsWith('/api/v1/users')) return isCommand(operation) ? 'fuzzUser' : 'user';
    if (operation.path.startsWith('/api/v1/municipalities')) return 'municipality';
  }
  if (name === 'name' && operation.path.includes('/projections/')) return 'projection';
  // Logins and reset requests name users the run created, never a demo user, whom wrong passwords would lock out.
  if (name === 'username' && operation.path.startsWith('/api/v1/auth')) return 'fuzzUsername';
  return KIND_BY_NAME[name];
}

const KIND_BY_NAME: Record<string, Kind | 'cpr'> = {
  citizenId: 'citizen',
  lineId: 'line',
  orderId: 'order',
  itemNumber: 'product',
  municipalityId: 'municipality',
  grantArea: 'grantArea',
  postalCode: 'postalCode',
  position: 'position',
  consistentWith: 'position',
  cpr: 'cpr',
};

/**
 * Percent-encoding that also writes an unpaired surrogate (which encodeURIComponent refuses), as the three bytes a
 * careless UTF-8 encoder makes of it: the service must refuse what it decodes to, not fail on it.
 */
function encodeAny(text: string): string {
  return text.replace(/[\s\S]/gu, (character) => {
    const unit = character.charCodeAt(0);
    if (character.length === 1 && unit >= 0xd800 && unit <= 0xdfff) {
      return [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 0x3f), 0x80 | (unit & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    }
    return encodeURIComponent(character);
  });
}

const singular = (name: string) => (name.endsWith('s') ? name.slice(0, -1) : name);

function bound(limit: number | undefined, exclusive: boolean | number | undefined, step: number): number | undefined {
  if (typeof exclusive === 'number') return exclusive + step;
  if (limit === undefined) return undefined;
  return exclusive ? limit + step : limit;
}

const isoDate = (daysFromToday: number) => new Date(Date.now() + daysFromToday * 86_400_000).toISOString().slice(0, 10);

/**
 * Arbitraries are built once: building one is the costly part (a `binary` string took seconds each time), and
 * fast-check's `gen` draws from a built one cheaply.
 */
const UUID = fc.uuid();
const JSON_VALUE = fc.jsonValue({ maxDepth: 2 });
/** Any code point, or any UTF-16 code unit alone (unpaired surrogates): fast-check's `binary` unit took seconds to start. */
const ANY_CHARACTER = fc.oneof(
  fc.integer({ min: 0, max: 0x10ffff }).map((codePoint) => String.fromCodePoint(codePoint)),
  fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
);
const texts = new Map<string, fc.Arbitrary<string>>();
function strings(unit: 'grapheme' | 'grapheme-ascii' | 'binary', minLength: number, maxLength: number): fc.Arbitrary<string> {
  const key = `${unit} ${minLength} ${maxLength}`;
  if (!texts.has(key)) texts.set(key, fc.string({ unit: unit === 'binary' ? ANY_CHARACTER : unit, minLength, maxLength }));
  return texts.get(key)!;
}

const patterns = new Map<string, fc.Arbitrary<string> | null>();
function patternArbitrary(pattern: string, minLength = 0, maxLength = Infinity): fc.Arbitrary<string> | null {
  const key = `${pattern}\u0001${minLength}\u0001${maxLength}`;
  if (!patterns.has(key)) {
    try {
      patterns.set(key, fc.stringMatching(new RegExp(pattern, 'u'), { size: 'xsmall' }).filter((s) => s.length >= minLength && s.length <= maxLength));
    } catch {
      patterns.set(key, null);
    }
  }
  return patterns.get(key)!;
}

interface Slot {
  readonly parent: object;
  readonly key: string | number;
}

/** Every place in a JSON value a mutation can hit. */
function slotsOf(value: unknown): Slot[] {
  const slots: Slot[] = [];
  const stack: unknown[] = [value];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    if (next === null || typeof next !== 'object') continue;
    for (const [key, child] of Object.entries(next)) {
      slots.push({ parent: next, key: Array.isArray(next) ? Number(key) : key });
      stack.push(child);
    }
  }
  return slots;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function nested(depth: number, asArrays: boolean): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = asArrays ? [value] : { a: value };
  return value;
}
