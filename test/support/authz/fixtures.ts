/**
 * The records the authorization matrix acts on, made through the API as a municipality's own users would make
 * them: citizens with fictitious CPR numbers in København (101, the callers' own municipality) and Aarhus (751,
 * another), grant lines in an area every municipal demo user has and in one the nurse lacks, orders on them.
 * Shared records serve the read-only routes; `fresh*` helpers make a new record for each request of a route
 * that changes its record for good (a status change, a cancel), so no request disturbs another.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_MUNICIPALITIES, DEMO_USERS } from '../../../src/seed/demo-seed.js';
import type { Role } from '../../../src/shared/actor.js';
import { fictitiousCpr } from '../../citizens/cpr-fixtures.js';
import { DEMO_PASSWORD, type HttpResponse, type RequestOptions, type TestApp } from '../app.js';

export const API = '/api/v1';
export const OWN_MUNICIPALITY = '101';
export const OTHER_MUNICIPALITY = '751';

/** DOMAIN §6: the municipal users, confined to their municipality and, within it, to their grant areas. */
export const MUNICIPAL_ROLES: readonly Role[] = ['caseworker', 'nurse', 'orderer'];

const municipality = (id: string) => {
  const found = DEMO_MUNICIPALITIES.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no demo municipality ${id}`);
  return found;
};
const municipalUsers = DEMO_USERS.filter((user) => user.municipalityId === OWN_MUNICIPALITY && MUNICIPAL_ROLES.includes(user.role));

/** An area every municipal demo user of København was given, and the first one some of them were not. */
export const GRANTED_AREA = municipality(OWN_MUNICIPALITY).grantAreas.find((area) => municipalUsers.every((user) => user.grantAreas.includes(area)))!;
export const NOT_GRANTED_AREA = municipality(OWN_MUNICIPALITY).grantAreas.find((area) => municipalUsers.some((user) => !user.grantAreas.includes(area)))!;

/** Who makes the fixtures: a role's demo user, or Aarhus's caseworker for Aarhus's records. */
export type Actor = Role | 'caseworker@751';

/** The demo user who plays each role: for municipal roles the one of København, else the only one. */
export const DEMO_LOGIN: Partial<Record<Role, (typeof DEMO_USERS)[number]>> = Object.fromEntries(
  [...new Set(DEMO_USERS.map((user) => user.role))].map((role) => [
    role,
    DEMO_USERS.find((user) => user.role === role && (user.municipalityId === OWN_MUNICIPALITY || user.municipalityId === null))!,
  ]),
);

const ITEMS: Record<string, { itemNumber: string; group: string }> = {
  [GRANTED_AREA]: { itemNumber: 'AZ-G1', group: `${GRANTED_AREA} > Matrix` },
  [NOT_GRANTED_AREA]: { itemNumber: 'AZ-N1', group: `${NOT_GRANTED_AREA} > Matrix` },
};
/** A product only the admin routes touch (discontinuing it). */
export const SPARE_ITEM = 'AZ-X1';
const HEADER = 'itemNumber;name;description;manufacturer;manufacturerRef;group;seriesId;salesUnitName;piecesPerSalesUnit;listPrice';
const csvRow = (itemNumber: string, name: string, group: string) => [itemNumber, name, '', 'Matrixfabrik', `MF-${itemNumber}`, group, '', 'æske', '10', '100,00'].join(';');
export const CATALOGUE_CSV = [
  HEADER,
  ...Object.values(ITEMS).map(({ itemNumber, group }) => csvRow(itemNumber, `Matrixvare ${itemNumber}`, group)),
  csvRow(SPARE_ITEM, 'Matrixvare reserve', `${GRANTED_AREA} > Matrix`),
].join('\n');
export const itemOf = (area: string): string => ITEMS[area]!.itemNumber;

export const ADDRESSES: Record<string, { street: string; postalCode: string; city: string }> = {
  [OWN_MUNICIPALITY]: { street: 'Matrixvej 1', postalCode: municipality(OWN_MUNICIPALITY).postalCodes[0]!, city: 'København' },
  [OTHER_MUNICIPALITY]: { street: 'Matrixgade 2', postalCode: municipality(OTHER_MUNICIPALITY).postalCodes[0]!, city: 'Aarhus' },
};

/** A line no test will run out of: 100,000 sales units a year, no per-order cap. */
export const ROOMY_ALLOWANCE = { grantedMax: 100_000, periodMonths: 12 };

export interface CitizenFixture {
  readonly citizenId: string;
  /** Unique among the fixtures: a name search finds this citizen and no other. */
  readonly lastName: string;
  readonly municipalityId: string;
  /** Grant area → line id. */
  readonly lines: Record<string, string>;
  /** Grant area → an order on that area's line only. */
  readonly orders: Record<string, string>;
}

export interface Session {
  readonly token: string;
  readonly userId: string;
  readonly username: string;
  readonly password: string;
  readonly municipalityId: string | null;
  readonly grantAreas: readonly string[];
}

export class Fixtures {
  /** The newest position any fixture command answered: every matrix request asks to be consistent with it. */
  position: string | undefined;
  private seq = 0;
  private municipalitySeq = 0;
  readonly sessions = new Map<Actor, Session>();
  /** The shared records: `own` (København; its webshop login is the citizen role's session) and `other` (Aarhus). */
  own!: CitizenFixture;
  other!: CitizenFixture;
  /** A municipality and a user that only the administration routes change. */
  spareMunicipalityId!: string;
  spareUserId!: string;
  /** Where the service drops its e-mail (MAIL_DIR). */
  mailDir!: string;
  /** After every shared record exists: the instant `?asOf=` asks about. */
  readyAt!: Date;

  private constructor(readonly t: TestApp) {}

  static async mailDirectory(): Promise<string> {
    return mkdtemp(join(tmpdir(), 'authz-matrix-mail-'));
  }

  static async create(t: TestApp, mailDir: string): Promise<Fixtures> {
    const fx = new Fixtures(t);
    fx.mailDir = mailDir;
    for (const [role, user] of Object.entries(DEMO_LOGIN) as Array<[Role, (typeof DEMO_USERS)[number]]>) {
      fx.sessions.set(role, await fx.login(user.username, DEMO_PASSWORD));
    }
    const aarhus = DEMO_USERS.find((user) => user.role === 'caseworker' && user.municipalityId === OTHER_MUNICIPALITY)!;
    fx.sessions.set('caseworker@751', await fx.login(aarhus.username, DEMO_PASSWORD));
    const imported = await fx.as('admin', 'POST', `${API}/catalogue/imports`, { csv: CATALOGUE_CSV });
    if (imported.status !== 200) throw new Error(`catalogue import: ${imported.status} ${JSON.stringify(imported.body)}`);
    await fx.waitFor(['products']);

    fx.own = await fx.citizenWithRecords(OWN_MUNICIPALITY, { lastName: 'Matrixfelles', webshopUsername: 'matrix.borger', email: 'matrix.borger@example.invalid' });
    fx.other = await fx.citizenWithRecords(OTHER_MUNICIPALITY, { lastName: 'Matrixaarhus', webshopUsername: 'matrix.aarhus', email: 'matrix.aarhus@example.invalid' });
    // The citizen role: the own citizen's webshop login (DOMAIN §1 webshopUsername), its password set as the seed sets one.
    await fx.waitFor(['citizens']);
    fx.sessions.set('citizen', await fx.sessionFor(fx.own.citizenId, 'matrix.borger'));

    fx.spareMunicipalityId = '990';
    await fx.ok('admin', 'POST', `${API}/municipalities`, { body: { id: fx.spareMunicipalityId, ...fx.spareMunicipalityDetails() } }, 201);
    fx.spareUserId = (await fx.ok('admin', 'POST', `${API}/users`, { body: fx.newUserBody('orderer') }, 201)).body.id;
    await fx.waitFor(['users', 'citizens', 'grants', 'orders', 'products']);
    fx.readyAt = new Date();
    return fx;
  }

  // ---- requests ---------------------------------------------------------------------------------------------

  token(actor: Actor): string {
    const session = this.sessions.get(actor);
    if (!session) throw new Error(`no session for ${actor}`);
    return session.token;
  }

  /** A request as the demo user of `role` (fixtures are made by those who may make them). */
  async as(actor: Actor, method: string, url: string, options: RequestOptions = {}): Promise<HttpResponse> {
    const response = await this.t.request(method, url, { ...options, token: this.token(actor) });
    if (typeof response.body?.position === 'string') this.position = response.body.position;
    return response;
  }

  async ok(actor: Actor, method: string, url: string, options: RequestOptions, status: number): Promise<HttpResponse> {
    const response = await this.as(actor, method, url, options);
    if (response.status !== status) throw new Error(`fixture ${method} ${url} as ${actor}: ${response.status} ${JSON.stringify(response.body)}`);
    return response;
  }

  /** Until every named read model has processed the newest fixture. */
  async waitFor(readModels: string[]): Promise<void> {
    if (this.position && !(await this.t.infra.projections.waitForPosition(readModels, this.position, 20_000))) {
      throw new Error(`read models ${readModels.join(', ')} did not reach ${this.position}`);
    }
  }

  // ---- accounts ---------------------------------------------------------------------------------------------

  async login(username: string, password: string): Promise<Session> {
    const response = await this.t.request('POST', `${API}/auth/login`, { body: { username, password, acceptTerms: true } });
    if (response.status !== 200) throw new Error(`login of ${username}: ${response.status} ${JSON.stringify(response.body)}`);
    const { id, municipalityId, grantAreas } = response.body.user;
    return { token: response.body.token, userId: id, username, password, municipalityId, grantAreas };
  }

  /** Sets an account's password the way the demo seed does (the credential store), then logs in. */
  async sessionFor(userId: string, username: string): Promise<Session> {
    const password = `Matrix-${randomBytes(12).toString('base64url')}`;
    await this.t.infra.credentials.setPassword(userId, await this.t.infra.hasher.hash(password), new Date());
    return this.login(username, password);
  }

  /**
   * A new account of the role with a session of its own, for the routes that end sessions or change
   * passwords: staff made by the admin like the demo users; a citizen as a new København citizen's webshop login.
   */
  async spareSession(role: Role): Promise<Session> {
    if (role === 'citizen') {
      const username = `matrix.borger.${++this.seq}`;
      const citizen = await this.freshCitizen(OWN_MUNICIPALITY, { webshopUsername: username, email: `${username}@example.invalid` });
      await this.waitFor(['citizens']);
      return this.sessionFor(citizen, username);
    }
    const created = await this.ok('admin', 'POST', `${API}/users`, { body: this.newUserBody(role) }, 201);
    await this.waitFor(['users']);
    return this.sessionFor(created.body.id, created.body.username);
  }

  newUserBody(role: Role) {
    const demo = DEMO_LOGIN[role];
    const username = `matrix.${role}.${++this.seq}`;
    return {
      username,
      name: `Matrix ${role} ${this.seq}`,
      email: `${username}@example.invalid`,
      role,
      municipalityId: demo?.municipalityId ?? null,
      grantAreas: demo?.grantAreas ?? [],
    };
  }

  spareMunicipalityDetails() {
    return { name: 'Matrixby', postalCodes: ['9990'], grantAreas: [GRANTED_AREA, NOT_GRANTED_AREA] };
  }

  /** A municipality not registered yet: ids 900–989 (990 is the spare one), postal codes 9000–9089. */
  nextMunicipality() {
    const n = this.municipalitySeq++;
    if (n >= 90) throw new Error('out of fixture municipality ids');
    return { id: String(900 + n), name: `Matrixkommune ${n}`, postalCodes: [String(9000 + n)], grantAreas: [GRANTED_AREA] };
  }

  // ---- citizens, lines, orders -------------------------------------------------------------------------------

  /** A fictitious CPR number no other fixture has (born 1958, so the serial's 7th digit 0–3 is the 1900s). */
  nextCpr(): string {
    const n = ++this.seq;
    const day = String((n % 28) + 1).padStart(2, '0');
    const month = String((Math.floor(n / 28) % 12) + 1).padStart(2, '0');
    return fictitiousCpr(`${day}${month}58`, String(Math.floor(n / 336) % 4), { checksum: 'valid' });
  }

  /** Who registers and changes a municipality's citizens in the fixtures: its own caseworker. */
  private caseworkerOf(municipalityId: string): Actor {
    return municipalityId === OWN_MUNICIPALITY ? 'caseworker' : 'caseworker@751';
  }

  async freshCitizen(municipalityId: string, extra: Record<string, unknown> = {}): Promise<string> {
    const n = this.seq + 1;
    const response = await this.ok(
      this.caseworkerOf(municipalityId),
      'POST',
      `${API}/citizens`,
      { body: { cpr: this.nextCpr(), firstName: 'Mads', lastName: `Matrixsen${n}`, address: ADDRESSES[municipalityId], ...extra } },
      201,
    );
    return response.body.citizenId;
  }

  async freshLine(citizenId: string, municipalityId: string, area: string): Promise<string> {
    const response = await this.ok(
      this.caseworkerOf(municipalityId),
      'POST',
      `${API}/citizens/${citizenId}/grant/lines`,
      { body: { itemNumber: itemOf(area), grantArea: area, kind: 'continuous', allowance: ROOMY_ALLOWANCE } },
      201,
    );
    return response.body.lineId;
  }

  async inactivateLine(citizenId: string, municipalityId: string, lineId: string): Promise<void> {
    await this.ok(this.caseworkerOf(municipalityId), 'PATCH', `${API}/citizens/${citizenId}/grant/lines/${lineId}`, { body: { status: 'INACTIVE' } }, 200);
  }

  async freshOrder(citizenId: string, municipalityId: string, lineId: string): Promise<string> {
    const response = await this.ok(
      this.caseworkerOf(municipalityId),
      'POST',
      `${API}/citizens/${citizenId}/orders`,
      { body: { lines: [{ lineId, salesUnits: 1 }] } },
      201,
    );
    return response.body.orderId;
  }

  async setStatus(citizenId: string, municipalityId: string, status: string): Promise<void> {
    await this.ok(this.caseworkerOf(municipalityId), 'POST', `${API}/citizens/${citizenId}/status`, { body: { status, reason: 'Matrix' } }, 200);
  }

  /** A citizen with a line and an order in each of the two areas. */
  async citizenWithRecords(municipalityId: string, extra: { lastName: string } & Record<string, unknown>): Promise<CitizenFixture> {
    const citizenId = await this.freshCitizen(municipalityId, extra);
    const lines: Record<string, string> = {};
    const orders: Record<string, string> = {};
    for (const area of [GRANTED_AREA, NOT_GRANTED_AREA]) {
      lines[area] = await this.freshLine(citizenId, municipalityId, area);
      orders[area] = await this.freshOrder(citizenId, municipalityId, lines[area]);
    }
    return { citizenId, lastName: extra.lastName, municipalityId, lines, orders };
  }

  /** The shared record of a scenario's municipality. */
  shared(municipalityId: string): CitizenFixture {
    return municipalityId === OWN_MUNICIPALITY ? this.own : this.other;
  }
}
