import { agreementDecider, agreementStream, type AgreementItemInput } from '../../src/catalogue/agreement.decider.js';
import { productDecider, productStream } from '../../src/catalogue/product.decider.js';
import type { ProductRow } from '../../src/catalogue/product.events.js';
import { citizenDecider, citizenStream, type CitizenState } from '../../src/citizens/citizen.decider.js';
import { cprRegistryDecider, cprRegistryStream, type CprRegistryState } from '../../src/citizens/cpr-registry.decider.js';
import { createEventRegistry } from '../../src/composition/event-registry.js';
import type { GrantActor } from '../../src/grants/grant-access.js';
import { grantDecider, grantStream, type OrderLineRequest } from '../../src/grants/grant.decider.js';
import type { GrantState } from '../../src/grants/grant.state.js';
import { lineWindowOn, orderedIn } from '../../src/grants/line-accounting.js';
import { municipalityDecider, municipalityStream } from '../../src/identity/municipality.decider.js';
import { userDecider, userStream, type StaffRole } from '../../src/identity/user.decider.js';
import { normalizeUsername, usernameRegistryDecider, usernameStream, type UsernameState } from '../../src/identity/username-registry.decider.js';
import { orderNumberCandidate, orderNumberDecider, orderNumberStream } from '../../src/orders/order-number.js';
import { orderDecider, orderStream, type OrderCommand } from '../../src/orders/order.decider.js';
import type { OrderChannel, OrderEvent } from '../../src/orders/order.events.js';
import { creditedUnits, openUnits, type OrderState } from '../../src/orders/order.state.js';
import { grantAccountingFor, orderLinesOf } from '../../src/processes/orders/order-accounting.js';
import { demoCatalogue } from '../../src/seed/demo-catalogue.js';
import { SYSTEM_ACTOR, type Actor, type Role } from '../../src/shared/actor.js';
import type { Decider, DomainEvent } from '../../src/shared/decider.js';
import { DomainError } from '../../src/shared/domain-error.js';
import type { EventMetadata } from '../../src/shared/event-metadata.js';
import { deterministicUuid } from '../../src/shared/ids.js';
import { Pseudonymizer } from '../../src/shared/pseudonym.js';
import { FEMALE_FIRST_NAMES, LAST_NAMES, MALE_FIRST_NAMES, SCALE_GRANT_AREAS, SCALE_MUNICIPALITIES, STREET_NAMES } from './denmark.js';
import { businessInstant, catalogueByArea, citizenProfile, historyStart, startOfDay, type CitizenProfile, type ProfileOptions } from './profile.js';
import { mixSeed, Random } from './random.js';

export { citizenProfile, isFictitiousCpr, type CitizenProfile, type CitizenFate, type PlannedLine } from './profile.js';

/**
 * A national-scale history (issue 16), every event decided by the real deciders in process: for each command
 * the stream's state (kept in memory while its citizen is generated) is decided on and evolved, on the streams
 * and in the order the real handlers and reactions use — registration (CPR and username reservations, then the
 * citizen), grant lines, orders (the grant counts it, an order number is reserved, the order is created), the
 * ERP's fulfilment reports with what they change on the grant, cancellations, credits, status changes with their
 * effects on the grant, orders and reservations, removals and reopenings. Nothing is appended here: the caller
 * writes the batches (with recordedAt as the store's clock), so "as of" reads work on the history.
 *
 * For whoever loads it:
 * - the service must run with PSEUDONYM_KEY = options.pseudonymKey (default SCALE_PSEUDONYM_KEY): the CPR and
 *   username reservation streams are named by keyed hashes, and a later CPR change or reopening looks them up;
 * - every effect a reaction would carry over (grant accounting, lifecycle effects) is in the history already,
 *   under the command ids the reactions use, so a reaction that runs over the history again finds each step
 *   done and appends nothing; it costs a pass over the log, though, so set the reactions' checkpoints to the end;
 * - staff users exist as events only (scaleStaff(seed)); a benchmark that logs in sets their passwords itself;
 * - a batch's events are in time order (a stable sort by recordedAt, so a stream's events and the steps of one
 *   command keep their order), so that a projection's batch meets many citizens' documents a few events each, as
 *   in production; across batches the log goes back in time: each batch is its citizens' whole history;
 * - size: about 37 events per citizen with the default meanActiveMonths (6); 2 → about 25, 12 → about 52, 21 → about 66.
 */

export interface GeneratedEvent {
  readonly streamName: string;
  /** 0-based, contiguous per stream across all batches. */
  readonly revision: number;
  /** deterministicUuid(seed, stream, revision). */
  readonly eventId: string;
  readonly type: string;
  /** Exactly what the real command path appends: the decider's event data. */
  readonly data: unknown;
  /** As CommandRunner writes it. */
  readonly metadata: EventMetadata;
  /** The business instant of the command (== metadata.occurredAt). */
  readonly recordedAt: Date;
}

export interface HistoryOptions {
  readonly citizens: number;
  readonly seed: number;
  readonly now: Date;
  /** How far back the history goes. Default 5. */
  readonly years?: number;
  /** Citizens per batch. Default 200. */
  readonly batchCitizens?: number;
  /** Mean time a citizen stays active before the grant ends or they are removed (exponential). Default 6. */
  readonly meanActiveMonths?: number;
  /**
   * The key of the keyed hashes in CPR and username reservation streams: the service that reads the history must
   * run with the same PSEUDONYM_KEY. Default SCALE_PSEUDONYM_KEY.
   */
  readonly pseudonymKey?: string;
}

export const SCALE_PSEUDONYM_KEY = 'scale-history-pseudonym-key-0123456789abcdef';
export const SCALE_TERMS_VERSION = '2026-01';

/** Filled while the generator runs. */
export interface HistoryStats {
  citizens: number;
  events: number;
  readonly eventsByType: Record<string, number>;
  /** Commands a decider refused (DomainError), by code: each was skipped or replaced by an alternative. */
  readonly refusals: Record<string, number>;
}

export const newHistoryStats = (): HistoryStats => ({ citizens: 0, events: 0, eventsByType: {}, refusals: {} });

export const totalRefusals = (stats: HistoryStats): number => Object.values(stats.refusals).reduce((sum, count) => sum + count, 0);

/** A staff user of the history (no password is set: the credential store is not part of the event log). */
export interface ScaleUser {
  readonly userId: string;
  readonly username: string;
  readonly name: string;
}

/** The staff the history's commands are made by: a caseworker per municipality (all six areas), customer service, the ERP. */
export interface ScaleStaff {
  /** By municipality id; usernames `sagsbehandler.<municipality id>`. */
  readonly caseworkers: ReadonlyMap<string, ScaleUser>;
  readonly erp: ScaleUser;
  readonly customerService: ScaleUser;
}

/** The setup first (municipalities, staff users, catalogue, agreements), then the citizens, a batch at a time, in append order. */
export function* generateHistory(options: HistoryOptions, stats: HistoryStats = newHistoryStats()): Generator<GeneratedEvent[]> {
  const generator = new HistoryGenerator(options, stats);
  yield generator.setup();
  const batch = options.batchCitizens ?? 200;
  for (let first = 0; first < options.citizens; first += batch) {
    yield inTimeOrder(generator.citizens(first, Math.min(options.citizens, first + batch)));
  }
}

/** Array.prototype.sort is stable: events of one instant keep the order they were decided in. */
const inTimeOrder = (events: GeneratedEvent[]): GeneratedEvent[] => events.sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime());

/** The profile options the generator uses for `options`, for citizenProfile(…) from a benchmark. */
export const profileOptions = (options: HistoryOptions): ProfileOptions => ({
  seed: options.seed,
  now: options.now,
  years: options.years ?? 5,
  meanActiveMonths: options.meanActiveMonths ?? 6,
});

/** Citizen i of the history generated with `options`. */
export const scaleCitizen = (options: HistoryOptions, index: number): CitizenProfile => citizenProfile(profileOptions(options), index);

/** The staff users' ids for a seed (the same as the setup writes). */
export function scaleStaff(seed: number): ScaleStaff {
  const caseworkers = new Map<string, ScaleUser>();
  const user = (username: string, name: string): ScaleUser => ({ userId: staffUserId(seed, username), username, name });
  SCALE_MUNICIPALITIES.forEach((municipality, index) => {
    const first = index % 2 === 0 ? FEMALE_FIRST_NAMES[index % FEMALE_FIRST_NAMES.length]! : MALE_FIRST_NAMES[index % MALE_FIRST_NAMES.length]!;
    caseworkers.set(municipality.id, user(`sagsbehandler.${municipality.id}`, `${first} ${LAST_NAMES[(index * 7) % LAST_NAMES.length]!}`));
  });
  return { caseworkers, erp: user('erp', 'ERP-integration'), customerService: user('kundeservice', 'Kim Kundeservice') };
}

/**
 * The first `count` citizens (by index, from `from`) registered at the start of the history and active ever
 * since: each has orders every 1–3 months over all `years` (for the order history and "as of" benchmarks).
 */
export function longStandingCitizens(options: HistoryOptions, count: number, from = 0): CitizenProfile[] {
  const found: CitizenProfile[] = [];
  for (let index = from; index < options.citizens && found.length < count; index++) {
    const profile = scaleCitizen(options, index);
    if (profile.longStanding) found.push(profile);
  }
  return found;
}

const setupCommandId = (seed: number, name: string): string => deterministicUuid('scale-history', String(seed), 'setup', name);
/** As CreateUserHandler derives it from the command id. */
const staffUserId = (seed: number, username: string): string => deterministicUuid(setupCommandId(seed, `user ${username}`), 'user');

// --- the generator -------------------------------------------------------------------------------------

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

interface Stream<S> {
  readonly name: string;
  state: S;
  revision: number;
}

interface Context {
  readonly commandId: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly actor: Actor;
  /** Epoch ms of the command. */
  readonly at: number;
}

/** A context with its instant written out once, shared by the events of its command. */
interface Timed extends Context {
  readonly date: Date;
  readonly occurredAt: string;
}

const timed = (context: Context): Timed => {
  if ('occurredAt' in context) return context as Timed;
  const date = new Date(context.at);
  const { commandId, correlationId, causationId, actor, at } = context;
  return { commandId, correlationId, causationId, actor: { userId: actor.userId, role: actor.role, municipalityId: actor.municipalityId }, at, date, occurredAt: date.toISOString() };
};

const REMOVAL_REASONS = { DECEASED: 'Annulleret automatisk: borgeren er død', MOVED_AWAY: 'Annulleret automatisk: borgeren er fraflyttet' } as const;
const SETTLED_CANCELLATION = ['ORDER_ALREADY_SHIPPED', 'ORDER_ALREADY_CANCELLED', 'ORDER_NOT_FOUND'];
const REMARKS = [
  'Stil pakken ved døren, hvis borgeren ikke åbner.',
  'Leveres til hjemmeplejen.',
  'Ring venligst før levering.',
  'Må gerne lægges i pakkeboksen.',
  'Haster: borgeren har kun få dage tilbage.',
];
const CANCEL_REASONS = ['Borgeren er indlagt; der bestilles igen efter udskrivelsen.', 'Bestilt ved en fejl.', 'Dobbeltbestilling.', 'Borgeren har stadig varer nok.'];
const STATUS_REASONS = { GRANT_ENDED: 'Bevillingen er ophørt', OTHER_SUPPLIER: 'Borgeren har valgt anden leverandør', DECEASED: 'Borgeren er afgået ved døden', MOVED_AWAY: 'Borgeren er fraflyttet kommunen' } as const;

class HistoryGenerator {
  private readonly seedText: string;
  /** The schema version each event is written at, as CommandRunner writes it. */
  private readonly registry = createEventRegistry();
  private readonly pseudonyms: Pseudonymizer;
  private readonly staff: ScaleStaff;
  private readonly profiles: ProfileOptions;
  private readonly takenNumbers = new TakenOrderNumbers();
  private readonly products = new Map(demoCatalogue().map((product) => [product.itemNumber, product]));
  /** As the municipality's stream holds them (sorted), which is what the handlers pass on. */
  private readonly postalCodes = new Map(SCALE_MUNICIPALITIES.map((municipality) => [municipality.id, [...new Set(municipality.postalCodes.map(([code]) => code))].sort()]));
  private out: GeneratedEvent[] = [];

  constructor(
    private readonly options: HistoryOptions,
    private readonly stats: HistoryStats,
  ) {
    this.seedText = `scale-${options.seed}`;
    this.pseudonyms = new Pseudonymizer(options.pseudonymKey ?? SCALE_PSEUDONYM_KEY);
    this.staff = scaleStaff(options.seed);
    this.profiles = profileOptions(options);
  }

  // --- writing ---

  private emit(stream: Stream<unknown>, event: DomainEvent, context: Timed): void {
    stream.revision += 1;
    const schemaVersion = this.registry.versionOf(event.type);
    this.out.push({
      streamName: stream.name,
      revision: stream.revision,
      eventId: deterministicUuid(this.seedText, stream.name, String(stream.revision)),
      type: event.type,
      data: event.data,
      metadata: {
        commandId: context.commandId,
        correlationId: context.correlationId,
        causationId: context.causationId,
        actor: context.actor,
        occurredAt: context.occurredAt,
        schemaVersion,
      },
      recordedAt: context.date,
    });
    this.stats.events += 1;
    this.stats.eventsByType[event.type] = (this.stats.eventsByType[event.type] ?? 0) + 1;
  }

  /** Decide on the stream's state, evolve it, emit: the command path of CommandRunner, in memory. */
  private run<C, E extends DomainEvent, S>(stream: Stream<S>, decider: Decider<C, E, S>, command: C, context: Context): E[] {
    const events = decider.decide(command, stream.state);
    const at = events.length > 0 ? timed(context) : null;
    for (const event of events) {
      stream.state = decider.evolve(stream.state, event);
      this.emit(stream as Stream<unknown>, event, at!);
    }
    return events;
  }

  /** run, with a refusal counted and answered by null (the caller skips the step or picks another). */
  private attempt<C, E extends DomainEvent, S>(stream: Stream<S>, decider: Decider<C, E, S>, command: C, context: Context): E[] | null {
    try {
      return this.run(stream, decider, command, context);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.refused(error.code);
      return null;
    }
  }

  private refused(code: string): void {
    this.stats.refusals[code] = (this.stats.refusals[code] ?? 0) + 1;
  }

  private take(): GeneratedEvent[] {
    const batch = this.out;
    this.out = [];
    return batch;
  }

  // --- setup ---

  setup(): GeneratedEvent[] {
    const seed = this.options.seed;
    const at = startOfDay(historyStart(this.options.now, this.profiles.years) - 2 * DAY_MS) + 7 * HOUR_MS;
    const context = (name: string, offsetMs: number): Context => {
      const commandId = setupCommandId(seed, name);
      return { commandId, correlationId: commandId, causationId: commandId, actor: SYSTEM_ACTOR, at: at + offsetMs };
    };
    const grantAreas = [...SCALE_GRANT_AREAS];
    for (const municipality of SCALE_MUNICIPALITIES) {
      const details = { name: municipality.name, postalCodes: municipality.postalCodes.map(([code]) => code), grantAreas };
      this.run(fresh(municipalityStream(municipality.id), municipalityDecider), municipalityDecider, { type: 'RegisterMunicipality', municipalityId: municipality.id, details }, context(`municipality ${municipality.id}`, 0));
    }
    const users: Array<{ username: string; name: string; role: StaffRole; municipalityId: string | null; grantAreas: string[] }> = [
      ...SCALE_MUNICIPALITIES.map((municipality) => ({
        username: this.staff.caseworkers.get(municipality.id)!.username,
        name: this.staff.caseworkers.get(municipality.id)!.name,
        role: 'caseworker' as const,
        municipalityId: municipality.id,
        grantAreas,
      })),
      { username: this.staff.customerService.username, name: this.staff.customerService.name, role: 'customer_service', municipalityId: null, grantAreas: [] },
      { username: this.staff.erp.username, name: this.staff.erp.name, role: 'integration', municipalityId: null, grantAreas: [] },
    ];
    for (const user of users) {
      // CreateUserHandler (processes/staff-users): the username reserved first, then the user's stream.
      const userContext = context(`user ${user.username}`, 10 * 60_000);
      const userId = deterministicUuid(userContext.commandId, 'user');
      const usernameHash = this.pseudonyms.hash('username', normalizeUsername(user.username));
      this.run(fresh(usernameStream(usernameHash), usernameRegistryDecider), usernameRegistryDecider, { type: 'ReserveUsername', ownerId: userId, now: new Date(userContext.at).toISOString(), holderClaims: true }, userContext);
      const profile = { ...user, email: `${user.username}@scale.invalid` };
      const municipality = user.municipalityId === null ? null : { grantAreas };
      this.run(fresh(userStream(userId), userDecider), userDecider, { type: 'CreateUser', userId, profile, municipality }, userContext);
    }
    // The catalogue import: one command over every product row.
    const catalogueContext = context('catalogue', 20 * 60_000);
    for (const row of this.products.values()) {
      this.run(fresh(productStream(row.itemNumber), productDecider), productDecider, { type: 'ImportProduct', data: { row } }, catalogueContext);
    }
    const validFrom = new Date(at).toISOString().slice(0, 10);
    SCALE_MUNICIPALITIES.forEach((municipality, index) => {
      const items = agreementItems(new Random(mixSeed(seed, index, 0xa9)), [...this.products.values()], validFrom);
      this.run(fresh(agreementStream(municipality.id), agreementDecider), agreementDecider, { type: 'SetAgreementAssortment', data: { municipalityId: municipality.id, items } }, context(`agreement ${municipality.id}`, 30 * 60_000));
    });
    return this.take();
  }

  // --- citizens ---

  citizens(from: number, to: number): GeneratedEvent[] {
    for (let index = from; index < to; index++) {
      new CitizenHistory(this, citizenProfile(this.profiles, index)).generate();
      this.stats.citizens += 1;
    }
    return this.take();
  }

  // Access for CitizenHistory (one class per citizen keeps the per-citizen state apart).
  get now(): number {
    return this.options.now.getTime();
  }
  get seed(): number {
    return this.options.seed;
  }
  get people(): ScaleStaff {
    return this.staff;
  }
  municipalityPostalCodes(municipalityId: string): readonly string[] {
    return this.postalCodes.get(municipalityId) ?? [];
  }
  piecesPerSalesUnit(itemNumber: string): number {
    return this.product(itemNumber).salesUnit.pieces;
  }
  product(itemNumber: string): ProductRow {
    return this.products.get(itemNumber)!;
  }
  productsOf(grantArea: string): readonly ProductRow[] {
    return catalogueByArea().get(grantArea) ?? [];
  }
  hash(purpose: string, value: string): string {
    return this.pseudonyms.hash(purpose, value);
  }
  isNumberTaken(orderNumber: string): boolean {
    return this.takenNumbers.has(orderNumber);
  }
  takeNumber(orderNumber: string): void {
    this.takenNumbers.add(orderNumber);
  }
  decide<C, E extends DomainEvent, S>(stream: Stream<S>, decider: Decider<C, E, S>, command: C, context: Context): E[] {
    return this.run(stream, decider, command, context);
  }
  tryDecide<C, E extends DomainEvent, S>(stream: Stream<S>, decider: Decider<C, E, S>, command: C, context: Context): E[] | null {
    return this.attempt(stream, decider, command, context);
  }
  countRefusal(code: string): void {
    this.refused(code);
  }
}

const fresh = <S>(name: string, decider: { readonly initialState: S }): Stream<S> => ({ name, state: decider.initialState, revision: -1 });

/** An agreement like the demo's: about a dozen series at 75–92 % of the list price, whole kroner. */
function agreementItems(random: Random, products: readonly { itemNumber: string; seriesId: string | null; listPrice: number }[], validFrom: string): AgreementItemInput[] {
  const series = [...new Set(products.map((product) => product.seriesId).filter((id): id is string => id !== null))].sort();
  const chosen = series.filter(() => random.chance(0.25));
  return chosen.flatMap((seriesId) => {
    const percent = random.int(75, 92);
    return products
      .filter((product) => product.seriesId === seriesId)
      .map((product) => {
        const share = product.listPrice * percent;
        return { itemNumber: product.itemNumber, pricePerSalesUnit: ((share - (share % 10_000)) / 10_000) * 100, validFrom, validTo: null };
      });
  });
}

/**
 * Order numbers are reserved per number (`ordernumber-<n>`), so the history must know every number taken: per
 * order date, a set while small, a bitmap of the day's million numbers once large.
 */
class TakenOrderNumbers {
  private readonly days = new Map<string, Set<number> | Uint8Array>();

  has(orderNumber: string): boolean {
    const taken = this.days.get(orderNumber.slice(0, 6));
    const digits = Number(orderNumber.slice(7));
    if (!taken) return false;
    return taken instanceof Set ? taken.has(digits) : (taken[digits >>> 3]! & (1 << (digits & 7))) !== 0;
  }

  add(orderNumber: string): void {
    const day = orderNumber.slice(0, 6);
    const digits = Number(orderNumber.slice(7));
    let taken = this.days.get(day);
    if (!taken) this.days.set(day, (taken = new Set()));
    if (taken instanceof Set) {
      taken.add(digits);
      if (taken.size > 4096) {
        const bits = new Uint8Array(125_000);
        for (const value of taken) bits[value >>> 3]! |= 1 << (value & 7);
        this.days.set(day, bits);
      }
      return;
    }
    taken[digits >>> 3]! |= 1 << (digits & 7);
  }
}

// --- one citizen's history -----------------------------------------------------------------------------

interface Action {
  readonly at: number;
  readonly sequence: number;
  readonly run: (at: number) => void;
}

interface OrderInFlight {
  readonly stream: Stream<OrderState>;
  readonly orderId: string;
  readonly orderNumber: string;
  readonly number: number;
}

class CitizenHistory {
  private readonly random: Random;
  private readonly citizen: Stream<CitizenState>;
  private readonly grant: Stream<GrantState>;
  private readonly cpr: Stream<CprRegistryState>;
  private readonly username: Stream<UsernameState>;
  private readonly queue: Action[] = [];
  private sequence = 0;
  private orders = 0;
  private ordering = false;
  private termsAccepted = false;
  /** Every order placed, by id, for the cancellations of a removal. */
  private readonly inFlight = new Map<string, OrderInFlight>();
  private readonly caseworker: Actor & { readonly name: string };
  private readonly areaActor: GrantActor;

  constructor(
    private readonly generator: HistoryGenerator,
    private readonly profile: CitizenProfile,
  ) {
    this.random = new Random(mixSeed(generator.seed, profile.index, 0x0bd3));
    this.citizen = fresh(citizenStream(profile.citizenId), citizenDecider);
    this.grant = fresh(grantStream(profile.citizenId), grantDecider);
    this.cpr = fresh(cprRegistryStream(generator.hash('cpr', profile.cpr)), cprRegistryDecider);
    this.username = fresh(usernameStream(generator.hash('username', normalizeUsername(profile.cpr))), usernameRegistryDecider);
    const caseworker = generator.people.caseworkers.get(profile.municipalityId)!;
    this.caseworker = { userId: caseworker.userId, role: 'caseworker', municipalityId: profile.municipalityId, name: caseworker.name };
    this.areaActor = { role: 'caseworker', grantAreas: [...SCALE_GRANT_AREAS] };
  }

  generate(): void {
    const { profile } = this;
    const registeredAt = profile.registeredAt.getTime();
    this.schedule(registeredAt, (at) => this.register(at));
    this.schedule(registeredAt + 5 * 60_000, (at) => this.addLines(at));
    this.startOrdering(registeredAt + this.random.int(1, 10) * DAY_MS);
    const { fate } = profile;
    if (fate.kind === 'removed') {
      this.schedule(fate.at.getTime(), (at) => this.remove(fate.status, at));
      if (fate.reopenedAt) this.schedule(fate.reopenedAt.getTime(), (at) => this.reopen(at));
    } else if (fate.kind === 'ended') {
      this.schedule(fate.at.getTime(), (at) => this.endGrant(fate.status, at));
      if (fate.activeAgainAt) this.schedule(fate.activeAgainAt.getTime(), (at) => this.activeAgain(at));
    }
    if (fate.kind !== 'active' && fate.deceasedAt) this.schedule(fate.deceasedAt.getTime(), (at) => this.remove('DECEASED', at));
    const span = Math.max(DAY_MS, (fate.kind === 'active' ? this.generator.now : fate.at.getTime()) - registeredAt);
    if (this.random.chance(0.1)) this.schedule(businessInstant(registeredAt + Math.floor(this.random.next() * span), this.random), (at) => this.move(at));
    if (this.random.chance(0.1)) this.schedule(businessInstant(registeredAt + Math.floor(this.random.next() * span), this.random), (at) => this.changeAllowance(at));
    if (this.random.chance(0.08)) this.schedule(businessInstant(registeredAt + Math.floor(this.random.next() * span), this.random), (at) => this.switchProduct(at));

    for (let action = this.nextAction(); action; action = this.nextAction()) {
      if (action.at > this.generator.now) break;
      action.run(action.at);
    }
  }

  // --- the timeline: a small binary heap by (at, sequence) ---

  private schedule(at: number, run: (at: number) => void): void {
    const heap = this.queue;
    heap.push({ at, sequence: this.sequence++, run });
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >>> 1;
      if (!before(heap[index]!, heap[parent]!)) break;
      [heap[index], heap[parent]] = [heap[parent]!, heap[index]!];
      index = parent;
    }
  }

  private nextAction(): Action | undefined {
    const heap = this.queue;
    const top = heap[0];
    const last = heap.pop();
    if (heap.length > 0 && last) {
      heap[0] = last;
      let index = 0;
      for (;;) {
        const left = 2 * index + 1;
        const right = left + 1;
        let smallest = index;
        if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
        if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
        if (smallest === index) break;
        [heap[index], heap[smallest]] = [heap[smallest]!, heap[index]!];
        index = smallest;
      }
    }
    return top;
  }

  // --- contexts ---

  /** A request's context: its own command id, correlated with itself (request-context.ts). */
  private request(name: string, actor: Actor, at: number): Context {
    const commandId = deterministicUuid('scale-history', String(this.generator.seed), this.profile.citizenId, name);
    return { commandId, correlationId: commandId, causationId: commandId, actor: { userId: actor.userId, role: actor.role, municipalityId: actor.municipalityId }, at };
  }

  /** A lifecycle effect's context (citizen-lifecycle.ts): the request's, with a command id from the causing event. */
  private lifecycleStep(context: Context, revision: number, name: string): Context {
    return { ...context, commandId: deterministicUuid(this.profile.citizenId, String(revision), name) };
  }

  private get removed(): boolean {
    return this.citizen.state.status === 'registered' && (this.citizen.state.citizenStatus === 'DECEASED' || this.citizen.state.citizenStatus === 'MOVED_AWAY');
  }

  private get active(): boolean {
    return this.citizen.state.status === 'registered' && this.citizen.state.citizenStatus === 'ACTIVE';
  }

  private today(at: number): string {
    return new Date(at).toISOString().slice(0, 10);
  }

  // --- registration and grant (register-citizen.handler.ts, grant.handlers.ts) ---

  private register(at: number): void {
    const { profile } = this;
    const context = { ...this.request('register', this.caseworker, at), commandId: profile.registrationCommandId, correlationId: profile.registrationCommandId, causationId: profile.registrationCommandId };
    const iso = new Date(at).toISOString();
    this.generator.decide(this.cpr, cprRegistryDecider, { type: 'ReserveCpr', data: { citizenId: profile.citizenId, municipalityId: profile.municipalityId, now: iso, holderClaims: true } }, context);
    this.generator.decide(this.username, usernameRegistryDecider, { type: 'ReserveUsername', ownerId: profile.citizenId, now: iso, holderClaims: true }, context);
    this.generator.decide(
      this.citizen,
      citizenDecider,
      {
        type: 'RegisterCitizen',
        data: {
          citizenId: profile.citizenId,
          municipalityId: profile.municipalityId,
          municipalityPostalCodes: this.generator.municipalityPostalCodes(profile.municipalityId),
          cpr: profile.cpr,
          confirmUnusualCpr: true,
          firstName: profile.firstName,
          lastName: profile.lastName,
          address: profile.address,
          email: profile.email,
          today: this.today(at),
        },
      },
      context,
    );
  }

  private addLines(at: number): void {
    this.profile.lines.forEach((line, index) => {
      const context = this.request(`add-line ${index}`, this.caseworker, at + index * 60_000);
      this.generator.tryDecide(this.grant, grantDecider, {
        type: 'AddGrantLine',
        data: {
          citizenId: this.profile.citizenId,
          actor: this.areaActor,
          citizenActive: this.active,
          today: this.today(context.at),
          lineId: deterministicUuid(context.commandId, 'grant-line'),
          product: { itemNumber: line.itemNumber, name: line.productName, piecesPerSalesUnit: line.piecesPerSalesUnit },
          grantArea: line.grantArea,
          kind: 'continuous',
          ...(line.allowance === null ? {} : { allowance: line.allowance }),
        },
      }, context);
    });
  }

  /**
   * Another size or variant of the same area: the line inactivated ("Redigér", status INACTIVE) and the new
   * product added with the same kind of allowance (ChangeGrantLineHandler, then AddGrantLineHandler).
   */
  private switchProduct(at: number): void {
    if (!this.active || this.grant.state.status !== 'granted') return;
    const lines = this.grant.state.lines;
    const line = lines.find((candidate) => candidate.status === 'ACTIVE');
    if (!line) return;
    const current = this.generator.product(line.itemNumber);
    const candidates = this.generator.productsOf(line.grantArea).filter((product) => !lines.some((other) => other.itemNumber === product.itemNumber && other.status === 'ACTIVE'));
    const sameSeries = candidates.filter((product) => product.seriesId !== null && product.seriesId === current.seriesId);
    const replacement = sameSeries.length > 0 ? this.random.pick(sameSeries) : candidates.length > 0 ? this.random.pick(candidates) : null;
    if (!replacement) return;
    const change = this.request(`switch ${line.lineId}`, this.caseworker, at);
    const base = { citizenId: this.profile.citizenId, actor: this.areaActor, citizenActive: true, today: this.today(at) };
    const inactivated = this.generator.tryDecide(this.grant, grantDecider, {
      type: 'InactivateGrantLine',
      data: { ...base, lineId: line.lineId, reason: 'Skiftet til en anden størrelse' },
    }, { ...change, commandId: deterministicUuid(change.commandId, 'inactivate') });
    if (!inactivated) return;
    const add = this.request(`switch ${line.lineId} add`, this.caseworker, at + 2 * 60_000);
    const allowance = line.allowance === null ? null : line.allowance.quantity !== null && line.allowance.per !== null
      ? { quantity: line.allowance.quantity, per: line.allowance.per, periodMonths: line.allowance.periodMonths }
      : { grantedMax: line.allowance.grantedMax, periodMonths: line.allowance.periodMonths };
    this.generator.tryDecide(this.grant, grantDecider, {
      type: 'AddGrantLine',
      data: {
        ...base,
        today: this.today(add.at),
        lineId: deterministicUuid(add.commandId, 'grant-line'),
        product: { itemNumber: replacement.itemNumber, name: replacement.name, piecesPerSalesUnit: replacement.salesUnit.pieces },
        grantArea: line.grantArea,
        kind: 'continuous',
        ...(allowance === null ? {} : { allowance }),
      },
    }, add);
  }

  private changeAllowance(at: number): void {
    if (!this.active || this.grant.state.status !== 'granted') return;
    const line = this.grant.state.lines.find((candidate) => candidate.status === 'ACTIVE');
    if (!line) return;
    const context = this.request(`change-allowance ${line.lineId}`, this.caseworker, at);
    const allowance = this.random.chance(0.5)
      ? { quantity: this.random.int(1, 6), per: 'day' as const, periodMonths: 3 as const }
      : { grantedMax: this.random.int(2, 14), periodMonths: 3 as const };
    this.generator.tryDecide(this.grant, grantDecider, {
      type: 'ChangeGrantLineAllowance',
      data: { citizenId: this.profile.citizenId, actor: this.areaActor, citizenActive: true, today: this.today(at), lineId: line.lineId, piecesPerSalesUnit: this.generator.piecesPerSalesUnit(line.itemNumber), allowance },
    }, context);
  }

  private move(at: number): void {
    if (this.citizen.state.status !== 'registered' || this.removed) return;
    const municipality = { id: this.profile.municipalityId, postalCodes: this.generator.municipalityPostalCodes(this.profile.municipalityId) };
    const postalCode = this.random.pick(municipality.postalCodes);
    const city = this.citizen.state.address.postalCode === postalCode ? this.citizen.state.address.city : cityOf(this.profile.municipalityId, postalCode);
    const street = `${this.random.pick(STREET_NAMES)} ${this.random.int(1, 140)}${this.random.chance(0.4) ? `, ${this.random.int(1, 4)}. th.` : ''}`;
    const context = this.request(`move ${at}`, this.caseworker, at);
    this.generator.tryDecide(this.citizen, citizenDecider, {
      type: 'ChangeCitizenContactDetails',
      data: { citizenId: this.profile.citizenId, municipalityPostalCodes: municipality.postalCodes, address: { street, postalCode, city } },
    }, context);
  }

  // --- orders (place-order.handler.ts, order-steps.handlers.ts, order-workflow.ts) ---

  private startOrdering(at: number): void {
    if (this.ordering) return;
    this.ordering = true;
    this.schedule(businessInstant(at, this.random), (when) => this.orderRound(when));
  }

  private orderRound(at: number): void {
    if (!this.active) {
      this.ordering = false;
      return;
    }
    const gapDays = this.random.int(30, 91);
    this.placeOrder(at, gapDays);
    this.schedule(businessInstant(at + gapDays * DAY_MS, this.random), (when) => this.orderRound(when));
  }

  private placeOrder(at: number, gapDays: number): void {
    const grant = this.grant.state;
    if (grant.status !== 'granted') return;
    const today = this.today(at);
    const lines: OrderLineRequest[] = [];
    for (const line of grant.lines) {
      if (line.status !== 'ACTIVE' || today < line.startDate) continue;
      if (lines.length > 0 && this.random.chance(0.15)) continue;
      const window = lineWindowOn(line, today);
      if (window === null) {
        lines.push({ lineId: line.lineId, salesUnits: this.random.int(1, 4) });
        continue;
      }
      const { grantedMax, salesUnitsPerOrder, periodMonths } = window.allowance;
      const remaining = grantedMax - orderedIn(line, window);
      const need = Math.max(1, Math.ceil((grantedMax * gapDays) / (periodMonths * 30.4)) - this.random.int(0, 1));
      const units = Math.min(remaining, salesUnitsPerOrder ?? remaining, need);
      if (units >= 1) lines.push({ lineId: line.lineId, salesUnits: units });
    }
    if (lines.length === 0) return;

    const number = this.orders++;
    const draw = this.random.next();
    const placer = draw < 0.55 ? 'municipality' : draw < 0.8 ? 'citizen' : 'customer_service';
    const actor = this.placer(placer);
    if (placer === 'citizen' && !this.termsAccepted) {
      // The webshop login before the first order of their own: the terms accepted.
      this.termsAccepted = true;
      const login = this.request('webshop-login', actor, at - 2 * 60_000);
      this.generator.tryDecide(this.citizen, citizenDecider, { type: 'AcceptWebshopTerms', data: { citizenId: this.profile.citizenId, termsVersion: SCALE_TERMS_VERSION } }, login);
    }
    const context = this.request(`order ${number}`, actor, at);
    const orderId = deterministicUuid(context.commandId, 'order');
    const counted = this.generator.tryDecide(this.grant, grantDecider, {
      type: 'PlaceGrantOrder',
      data: { citizenId: this.profile.citizenId, actor: { role: actor.role, grantAreas: actor.role === 'caseworker' ? this.areaActor.grantAreas : [] }, citizenActive: this.active, today, orderId, lines },
    }, context);
    if (!counted) return;

    let orderNumber: string | null = null;
    for (let attempt = 0; attempt < 20 && orderNumber === null; attempt++) {
      const candidate = orderNumberCandidate(orderId, today, attempt);
      if (this.generator.isNumberTaken(candidate)) {
        // The reservation stream exists: the decider refuses there (ORDER_NUMBER_TAKEN) and the next candidate is tried.
        this.generator.countRefusal('ORDER_NUMBER_TAKEN');
        continue;
      }
      const reservation = fresh(orderNumberStream(candidate), orderNumberDecider);
      this.generator.decide(reservation, orderNumberDecider, { type: 'ReserveOrderNumber', data: { orderNumber: candidate, orderId } }, { ...context, commandId: deterministicUuid(orderId, 'order-number', String(attempt)) });
      this.generator.takeNumber(candidate);
      orderNumber = candidate;
    }
    if (orderNumber === null) throw new Error('No free order number found');

    const order = fresh(orderStream(orderId), orderDecider);
    this.generator.decide(order, orderDecider, {
      type: 'PlaceOrder',
      data: {
        orderId,
        citizenId: this.profile.citizenId,
        municipalityId: this.profile.municipalityId,
        orderNumber,
        orderDate: today,
        placedAt: new Date(at).toISOString(),
        placedBy: { userId: actor.userId, role: actor.role, name: actor.name, channel: CHANNELS[placer] },
        remarks: this.random.chance(0.1) ? this.random.pick(REMARKS) : null,
        deliveryAddress: this.citizen.state.status === 'registered' ? this.citizen.state.address : this.profile.address,
        lines: orderLinesOf(lines, this.grant.state),
      },
    }, context);
    const inFlight = { stream: order, orderId, orderNumber, number };
    this.inFlight.set(orderId, inFlight);
    this.fulfil(inFlight, at);
  }

  private placer(channel: 'municipality' | 'citizen' | 'customer_service'): Actor & { readonly name: string } {
    if (channel === 'municipality') return this.caseworker;
    if (channel === 'citizen') {
      return { userId: this.profile.citizenId, role: 'citizen', municipalityId: this.profile.municipalityId, name: `${this.profile.firstName} ${this.profile.lastName}` };
    }
    const { userId, name } = this.generator.people.customerService;
    return { userId, role: 'customer_service', municipalityId: null, name };
  }

  /** The ERP's reports, and now and then a cancellation: scheduled after the order, each applied when its time comes. */
  private fulfil(order: OrderInFlight, placedAt: number): void {
    const random = this.random;
    if (random.chance(0.04)) {
      this.schedule(placedAt + random.int(2, 20) * HOUR_MS, (at) => this.cancel(order, at));
      return;
    }
    let at = placedAt;
    if (random.chance(0.6)) this.schedule((at += random.int(1, 6) * HOUR_MS), (when) => this.report(order, when, 'accepted'));
    if (random.chance(0.07)) {
      this.schedule((at += random.int(18, 30) * HOUR_MS), (when) => this.report(order, when, 'backordered'));
      this.schedule((at += HOUR_MS), (when) => this.report(order, when, 'shipped-available'));
      this.schedule((at += random.int(5, 14) * DAY_MS), (when) => this.report(order, when, 'shipped'));
    } else {
      this.schedule((at += random.int(1, 3) * DAY_MS), (when) => this.report(order, when, 'shipped'));
    }
    this.schedule((at += random.int(1, 4) * DAY_MS), (when) => this.report(order, when, 'invoiced'));
    if (random.chance(0.04)) this.schedule((at += random.int(5, 20) * DAY_MS), (when) => this.report(order, when, 'credited'));
  }

  private report(order: OrderInFlight, at: number, step: 'accepted' | 'backordered' | 'shipped-available' | 'shipped' | 'invoiced' | 'credited'): void {
    // A removed citizen's orders are hidden from the ERP's integration user too (access-policy.ts): no reports.
    if (order.stream.state.status !== 'placed' || this.removed) return;
    const current = order.stream.state.order;
    const fullyCancelled = current.lines.every((line) => line.cancelled === line.salesUnits);
    if (fullyCancelled && step !== 'invoiced' && step !== 'credited') return;
    const iso = new Date(at).toISOString();
    const open = current.lines.filter((line) => openUnits(line) > 0);
    let report: Extract<OrderCommand, { type: 'ReportFulfilment' }>['data']['report'] | null = null;
    switch (step) {
      case 'accepted':
        report = { type: 'accepted', at: iso };
        break;
      case 'backordered': {
        const line = open[0];
        if (line) report = { type: 'backordered', lines: [{ itemNumber: line.itemNumber, salesUnits: openUnits(line) }], at: iso };
        break;
      }
      case 'shipped-available': {
        const available = open.filter((line) => line.backordered === 0);
        if (available.length > 0) report = { type: 'shipped', lines: available.map((line) => ({ itemNumber: line.itemNumber, salesUnits: openUnits(line) })), at: iso };
        break;
      }
      case 'shipped':
        if (open.length > 0) report = { type: 'shipped', lines: open.map((line) => ({ itemNumber: line.itemNumber, salesUnits: openUnits(line) })), at: iso };
        break;
      case 'invoiced':
        if (current.lines.some((line) => line.shipped > 0)) report = { type: 'invoiced', invoiceNumber: `F${order.orderNumber.replace('-', '')}`, at: iso };
        break;
      case 'credited': {
        const creditable = current.lines.filter((line) => line.shipped - creditedUnits(line) > 0);
        const line = creditable.length > 0 ? this.random.pick(creditable) : null;
        if (line) {
          const units = this.random.int(1, line.shipped - creditedUnits(line));
          report = { type: 'credited', lines: [{ itemNumber: line.itemNumber, salesUnits: units }], creditNoteNumber: `K${order.orderNumber.replace('-', '')}`, at: iso };
        }
        break;
      }
    }
    if (!report) return;
    const { userId } = this.generator.people.erp;
    const context = this.request(`order ${order.number} ${step}`, { userId, role: 'integration', municipalityId: null }, at);
    this.orderStep(order, { type: 'ReportFulfilment', data: { orderId: order.orderId, actor: { role: 'integration', grantAreas: [] }, report } }, context);
  }

  private cancel(order: OrderInFlight, at: number): void {
    if (this.removed) return;
    const context = this.request(`order ${order.number} cancel`, this.caseworker, at);
    this.orderStep(order, { type: 'CancelOrder', data: { orderId: order.orderId, actor: this.areaActor, reason: this.random.pick(CANCEL_REASONS) } }, context);
  }

  /** OrderStepHandler: decided on the order stream, then each event carried over to the grant at once. */
  private orderStep(order: OrderInFlight, command: OrderCommand, context: Context): OrderEvent[] | null {
    const events = this.generator.tryDecide(order.stream, orderDecider, command, context);
    if (!events) return null;
    const first = order.stream.revision - events.length + 1;
    events.forEach((event, index) => this.applyToGrant(event, first + index, context));
    return events;
  }

  /** OrderWorkflow.applyToGrant. */
  private applyToGrant(event: OrderEvent, revision: number, context: Context): void {
    const command = grantAccountingFor(event);
    if (!command) return;
    this.generator.tryDecide(this.grant, grantDecider, command, { ...context, commandId: deterministicUuid(event.data.orderId, String(revision), 'grant-accounting') });
  }

  // --- status changes (citizen-lifecycle.handlers.ts, citizen-lifecycle.ts) ---

  private endGrant(status: 'GRANT_ENDED' | 'OTHER_SUPPLIER', at: number): void {
    const context = this.request(`status ${status} ${at}`, this.caseworker, at);
    const events = this.generator.tryDecide(this.citizen, citizenDecider, { type: 'ChangeCitizenStatus', data: { citizenId: this.profile.citizenId, role: 'caseworker', status, reason: STATUS_REASONS[status] } }, context);
    if (!events || events.length === 0) return;
    const step = this.lifecycleStep(context, this.citizen.revision, 'inactivate-lines');
    this.generator.decide(this.grant, grantDecider, { type: 'InactivateLinesForStatus', data: { citizenId: this.profile.citizenId, status, today: this.today(at) } }, step);
  }

  /** Back to ACTIVE (same roles); the lines come back one by one ("Gør varen aktiv"). */
  private activeAgain(at: number): void {
    const context = this.request('status ACTIVE', this.caseworker, at);
    const events = this.generator.tryDecide(this.citizen, citizenDecider, { type: 'ChangeCitizenStatus', data: { citizenId: this.profile.citizenId, role: 'caseworker', status: 'ACTIVE', reason: 'Borgeren er vendt tilbage' } }, context);
    if (!events || events.length === 0 || this.grant.state.status !== 'granted') return;
    const inactive = this.grant.state.lines.filter((line) => line.status === 'INACTIVE');
    inactive.forEach((line, index) => {
      const lineContext = this.request(`reactivate ${line.lineId} ${at}`, this.caseworker, at + (index + 1) * 60_000);
      this.generator.tryDecide(this.grant, grantDecider, {
        type: 'ReactivateGrantLine',
        data: { citizenId: this.profile.citizenId, actor: this.areaActor, citizenActive: this.active, today: this.today(lineContext.at), lineId: line.lineId, piecesPerSalesUnit: this.generator.piecesPerSalesUnit(line.itemNumber) },
      }, lineContext);
    });
    this.startOrdering(at + this.random.int(1, 7) * DAY_MS);
  }

  /** DECEASED / MOVED_AWAY: lines inactive, open orders cancelled, CPR and webshop username released. */
  private remove(status: 'DECEASED' | 'MOVED_AWAY', at: number): void {
    const context = this.request(`status ${status} ${at}`, this.caseworker, at);
    const events = this.generator.tryDecide(this.citizen, citizenDecider, { type: 'ChangeCitizenStatus', data: { citizenId: this.profile.citizenId, role: 'caseworker', status, reason: STATUS_REASONS[status] } }, context);
    if (!events || events.length === 0) return;
    const revision = this.citizen.revision;
    const step = (name: string) => this.lifecycleStep(context, revision, name);
    const today = this.today(at);
    this.generator.decide(this.grant, grantDecider, { type: 'InactivateLinesForStatus', data: { citizenId: this.profile.citizenId, status, today } }, step('inactivate-lines'));
    if (this.grant.state.status === 'granted') {
      const open = new Set(this.grant.state.lines.flatMap((line) => line.orders.filter((order) => order.salesUnits - order.givenBack - order.delivered > 0).map((order) => order.orderId)));
      for (const orderId of open) {
        const order = this.inFlight.get(orderId);
        if (!order) continue;
        const cancelContext = step(`cancel-order-${orderId}`);
        try {
          const cancelled = this.generator.decide(order.stream, orderDecider, { type: 'CancelOrder', data: { orderId, actor: { role: 'system', grantAreas: [] }, reason: REMOVAL_REASONS[status] } }, cancelContext);
          const first = order.stream.revision - cancelled.length + 1;
          cancelled.forEach((event, index) => this.applyToGrant(event, first + index, cancelContext));
        } catch (error) {
          if (!(error instanceof DomainError && SETTLED_CANCELLATION.includes(error.code))) throw error;
          this.generator.countRefusal(error.code);
        }
      }
    }
    const cpr = this.citizen.state.status === 'registered' ? this.citizen.state.cpr : this.profile.cpr;
    const webshopUsername = this.citizen.state.status === 'registered' ? this.citizen.state.webshopUsername : cpr;
    this.generator.decide(this.cpr, cprRegistryDecider, { type: 'ReleaseCpr', data: { citizenId: this.profile.citizenId, now: new Date(at).toISOString() } }, step('release-cpr'));
    if (normalizeUsername(webshopUsername) === normalizeUsername(this.profile.cpr)) {
      this.generator.decide(this.username, usernameRegistryDecider, { type: 'ReleaseUsername', ownerId: this.profile.citizenId }, step('release-webshop-username'));
    }
  }

  /** "Genåbne" by customer service: the CPR and username reserved again, CitizenReopened, the removal's lines restored. */
  private reopen(at: number): void {
    const { userId } = this.generator.people.customerService;
    const actor: Actor = { userId, role: 'customer_service', municipalityId: null };
    const context = this.request('reopen', actor, at);
    const command = { type: 'ReopenCitizen' as const, data: { citizenId: this.profile.citizenId, role: 'customer_service' as Role, reason: 'Fejlagtigt registreret; borgeren modtager fortsat hjælpemidler' } };
    try {
      citizenDecider.decide(command, this.citizen.state);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      this.generator.countRefusal(error.code);
      return;
    }
    const iso = new Date(at).toISOString();
    if (!this.generator.tryDecide(this.cpr, cprRegistryDecider, { type: 'ReserveCpr', data: { citizenId: this.profile.citizenId, municipalityId: this.profile.municipalityId, now: iso, holderClaims: true } }, context)) return;
    if (!this.generator.tryDecide(this.username, usernameRegistryDecider, { type: 'ReserveUsername', ownerId: this.profile.citizenId, now: iso, holderClaims: true }, context)) return;
    const events = this.generator.tryDecide(this.citizen, citizenDecider, command, context);
    if (!events || events.length === 0) return;
    const step = this.lifecycleStep(context, this.citizen.revision, 'restore-lines');
    this.generator.decide(this.grant, grantDecider, { type: 'RestoreRemovedLines', data: { citizenId: this.profile.citizenId, today: this.today(at) } }, step);
    this.startOrdering(at + this.random.int(3, 14) * DAY_MS);
  }

}

const before = (a: Action, b: Action): boolean => a.at < b.at || (a.at === b.at && a.sequence < b.sequence);

const CHANNELS: Record<'municipality' | 'citizen' | 'customer_service', OrderChannel> = { municipality: 'municipality', citizen: 'citizen', customer_service: 'customer_service' };

function cityOf(municipalityId: string, postalCode: string): string {
  const municipality = SCALE_MUNICIPALITIES.find((candidate) => candidate.id === municipalityId);
  return municipality?.postalCodes.find(([code]) => code === postalCode)?.[1] ?? 'Ukendt';
}
