/**
 * The authorization matrix: every route × caller × scenario, the answer expected from the route's declared
 * policy and the record-scoping rules of DOMAIN §6 (never written down per cell), the answer got, and the table.
 */
import type { AccessPolicy } from '../../../src/http/auth.decorators.js';
import type { Role } from '../../../src/shared/actor.js';
import type { HttpResponse } from '../app.js';
import { GRANTED_AREA, MUNICIPAL_ROLES, NOT_GRANTED_AREA, OTHER_MUNICIPALITY, OWN_MUNICIPALITY, type Fixtures, type Session } from './fixtures.js';
import type { DiscoveredRoute } from './routes.js';

export type Caller = Role | 'anonymous';

/**
 * own: a record of the caller's municipality (København), in an area every municipal user has;
 * other: the same in another municipality (Aarhus); notGranted: a line or order of the caller's municipality in
 * an area not every municipal user was given (the nurse lacks it). A route without a municipal record has one
 * request, under `own`.
 */
export type Scenario = 'own' | 'other' | 'notGranted';
export const SCENARIOS: Readonly<Record<Scenario, { readonly municipalityId: string; readonly area: string }>> = {
  own: { municipalityId: OWN_MUNICIPALITY, area: GRANTED_AREA },
  other: { municipalityId: OTHER_MUNICIPALITY, area: GRANTED_AREA },
  notGranted: { municipalityId: OWN_MUNICIPALITY, area: NOT_GRANTED_AREA },
};

export interface BuildContext {
  readonly fx: Fixtures;
  readonly caller: Caller;
  readonly scenario: Scenario;
  /** The record's municipality and grant area (SCENARIOS). */
  readonly municipalityId: string;
  readonly area: string;
  /** The caller's session; undefined for anonymous. */
  readonly session: Session | undefined;
  /** Another session of the caller's own account (for routes that end the session they are called with). */
  newSession(): Promise<Session | undefined>;
  /** A session of a new account of the caller's role (for routes that change the account: its password). */
  spareSession(): Promise<Session | undefined>;
}

export interface RequestSpec {
  /** Path and query, e.g. `/api/v1/citizens/<id>?purpose=x`. */
  readonly url: string;
  readonly body?: unknown;
  readonly csv?: string;
  readonly headers?: Record<string, string>;
  /** Sent instead of the caller's session (one of newSession/spareSession); anonymous callers send none anyway. */
  readonly session?: Session | undefined;
}

/**
 * How to call one route. `records` says which scenarios it has:
 * - none: no municipal record (the catalogue, the caller's own account, administration);
 * - citizen: a record of a municipality (a citizen, their grant or orders, an order): own / other;
 * - area: a grant line or an order in a grant area as well: own / other / notGranted.
 * What a caller meets with a record they may not see (DOMAIN §6) is, per rule, `refuse` — another
 * municipality's record 404, a line or order outside their grant areas 403 GRANT_AREA_FORBIDDEN — or `hide`: the
 * answer succeeds with the record left out (searches; a grant's lines), which `check` verifies.
 */
export interface RouteBuilder {
  readonly records: 'none' | 'citizen' | 'area';
  /** Default refuse. */
  readonly municipalityRule?: 'refuse' | 'hide';
  /** For records: area; default refuse. */
  readonly areaRule?: 'refuse' | 'hide';
  /**
   * Whose record `own` is for the citizen role: `theCitizen` — the shared København citizen whose webshop login
   * the citizen role uses (their own data); `another` — a record made for the request (another citizen's).
   */
  readonly ownRecord?: 'theCitizen' | 'another';
  /** The code of this route's 404 for a record the caller may not see (default NOT_FOUND). */
  readonly notFoundCode?: string;
  /**
   * A policy the handler applies beyond the route's declared one (a query parameter only some roles may use):
   * only for variants, and shown in the row's name.
   */
  readonly narrowTo?: readonly Role[];
  build(ctx: BuildContext): Promise<RequestSpec>;
  /**
   * Checks a successful answer beyond its status: `visible` is whether the caller may see the scenario's record
   * (and its area), by the same rules as the expected status. A text is a mismatch.
   */
  check?(response: HttpResponse, ctx: BuildContext, visible: boolean): string | undefined;
}

export interface RouteEntry extends RouteBuilder {
  /** Further rows of the same route, e.g. with a query parameter that has its own policy; keyed by a suffix. */
  readonly variants?: Readonly<Record<string, RouteBuilder>>;
}

export type Expectation =
  | { readonly kind: 'success' }
  | { readonly kind: 'refused'; readonly status: 401 | 403 | 404; readonly code: string }
  | { readonly kind: 'na'; readonly why: string };

export interface CallerProfile {
  readonly caller: Caller;
  /** undefined: the caller cannot log in here (the column is n/a). */
  readonly session: Session | undefined;
  readonly naWhy?: string;
}

/** The rules, once: the declared policy first (as the guard), then the record's municipality, then its area. */
export function expectedAnswer(policy: AccessPolicy, builder: RouteBuilder, profile: CallerProfile, scenario: Scenario): Expectation {
  const { caller, session } = profile;
  if (caller !== 'anonymous' && !session) return { kind: 'na', why: profile.naWhy ?? 'no login' };
  if (policy.kind === 'public') return { kind: 'success' };
  if (caller === 'anonymous') return { kind: 'refused', status: 401, code: 'UNAUTHENTICATED' };
  const allowed = policy.roles.filter((role) => !builder.narrowTo || builder.narrowTo.includes(role));
  if (!allowed.includes(caller)) return { kind: 'refused', status: 403, code: 'FORBIDDEN' };
  if (builder.records === 'none') return { kind: 'success' };
  if (!maySeeMunicipality(builder, caller, session!, scenario) && builder.municipalityRule !== 'hide') {
    return { kind: 'refused', status: 404, code: builder.notFoundCode ?? 'NOT_FOUND' };
  }
  if (builder.records === 'area' && !mayActInArea(caller, session!, SCENARIOS[scenario].area) && builder.areaRule !== 'hide') {
    return { kind: 'refused', status: 403, code: 'GRANT_AREA_FORBIDDEN' };
  }
  return { kind: 'success' };
}

/** Whether the caller may see the scenario's record and, for area records, its area: what `check` verifies. */
export function recordVisible(builder: RouteBuilder, caller: Caller, session: Session, scenario: Scenario): boolean {
  return maySeeMunicipality(builder, caller, session, scenario) && (builder.records !== 'area' || mayActInArea(caller, session, SCENARIOS[scenario].area));
}

/** DOMAIN §6: a citizen sees their own data only; municipal users their own municipality; the supplier's staff all. */
function maySeeMunicipality(builder: RouteBuilder, caller: Caller, session: Session, scenario: Scenario): boolean {
  if (caller === 'citizen') return scenario !== 'other' && builder.ownRecord === 'theCitizen';
  if (MUNICIPAL_ROLES.includes(caller as Role)) return session.municipalityId === SCENARIOS[scenario].municipalityId;
  return true;
}

/** DOMAIN §6: municipal users act only within the grant areas they were given; other roles are not area-scoped. */
export const mayActInArea = (caller: Caller, session: Session, area: string): boolean =>
  !MUNICIPAL_ROLES.includes(caller as Role) || session.grantAreas.includes(area);

export interface Cell {
  readonly route: string;
  readonly caller: Caller;
  readonly scenario: Scenario;
  readonly expected: Expectation;
  readonly status?: number;
  readonly code?: string;
  /** Why the answer is not the expected one; undefined when it is. */
  readonly mismatch?: string;
}

export function judge(expected: Expectation, response: HttpResponse, extra: string | undefined): string | undefined {
  const code: string | undefined = response.body?.error?.code;
  const got = `${response.status}${code ? ` ${code}` : ''}`;
  if (expected.kind === 'success') {
    if (response.status < 200 || response.status > 299) return `expected success (2xx), got ${got}`;
    return extra;
  }
  if (expected.kind === 'refused' && (response.status !== expected.status || code !== expected.code)) {
    return `expected ${expected.status} ${expected.code}, got ${got}`;
  }
  return undefined;
}

/** A row of the table: a route, or a variant of one. */
export interface Row {
  readonly key: string;
  readonly route: DiscoveredRoute;
  readonly builder: RouteBuilder;
}

const SHORT: Record<string, string> = {
  anonymous: 'anon',
  caseworker: 'casewkr',
  nurse: 'nurse',
  orderer: 'orderer',
  citizen: 'citizen',
  customer_service: 'custsvc',
  auditor: 'auditor',
  admin: 'admin',
  integration: 'integr',
};
const SCENARIO_SHORT: Record<Scenario, string> = { own: 'own', other: 'oth', notGranted: '¬ar' };

/** The table: a row per route, per caller the columns own / oth / ¬ar (anonymous: one). */
export function renderTable(rows: readonly Row[], callers: readonly CallerProfile[], cells: readonly Cell[]): string {
  const byKey = new Map(cells.map((cell) => [`${cell.route}|${cell.caller}|${cell.scenario}`, cell]));
  const scenariosOf = (caller: Caller): readonly Scenario[] => (caller === 'anonymous' ? ['own'] : ['own', 'other', 'notGranted']);
  const text = (row: Row, caller: Caller, scenario: Scenario): string => {
    const cell = byKey.get(`${row.key}|${caller}|${scenario}`);
    if (!cell) return '—';
    if (cell.expected.kind === 'na') return 'n/a';
    return `${cell.status ?? '?'}${cell.mismatch ? '!' : ''}`;
  };
  const width = Math.max(...rows.map((row) => row.key.length), 'route'.length);
  const group = (caller: Caller, parts: (scenario: Scenario) => string) => scenariosOf(caller).map(parts).join(' ');
  const span = (caller: Caller) => scenariosOf(caller).length * 5 - 1;
  const lines = [
    `${''.padEnd(width)} │ ${callers.map(({ caller }) => SHORT[caller]!.padEnd(span(caller))).join(' │ ')}`,
    `${'route'.padEnd(width)} │ ${callers.map(({ caller }) => group(caller, (scenario) => (caller === 'anonymous' ? '' : SCENARIO_SHORT[scenario]).padEnd(4))).join(' │ ')}`,
    `${'─'.repeat(width)}─┼─${callers.map(({ caller }) => '─'.repeat(span(caller))).join('─┼─')}`,
    ...rows.map((row) => `${row.key.padEnd(width)} │ ${callers.map(({ caller }) => group(caller, (scenario) => text(row, caller, scenario).padEnd(4))).join(' │ ')}`),
  ];
  return lines.map((line) => line.trimEnd()).join('\n');
}
