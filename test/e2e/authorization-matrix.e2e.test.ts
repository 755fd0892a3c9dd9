/**
 * The authorization matrix (DOMAIN §6, API.md "Conventions"): every route of the running application × every
 * caller (anonymous and each role) × own / other municipality × granted / not-granted grant area, answered as the
 * route's declared policy and the record-scoping rules say. Routes are read from the application itself (the
 * controllers' metadata, cross-checked with the HTTP server's route table); expectations are computed
 * (test/support/authz/matrix.ts), never written per cell; requests come from one builder per route
 * (test/support/authz/builders.ts). A route without a declared policy, or without a builder, fails the suite
 * naming it. The matrix is printed as a table.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { rm } from 'node:fs/promises';
import { API_PREFIX } from '../../src/bootstrap.js';
import { ROLES } from '../../src/shared/actor.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { backends } from '../support/databases.js';
import { BUILDERS, builderRows } from '../support/authz/builders.js';
import { Fixtures, NOT_GRANTED_AREA, OTHER_MUNICIPALITY, OWN_MUNICIPALITY, type Session } from '../support/authz/fixtures.js';
import {
  expectedAnswer,
  judge,
  recordVisible,
  renderTable,
  SCENARIOS,
  type BuildContext,
  type Caller,
  type CallerProfile,
  type Cell,
  type Row,
  type Scenario,
} from '../support/authz/matrix.js';
import { inventory, type OutsideRoute, type RouteInventory } from '../support/authz/routes.js';

/** Routes the server has beside the Nest controllers, with the policy they have and why. */
const OUTSIDE_CONTROLLERS: Readonly<Record<string, OutsideRoute>> = {
  'GET /api/docs-json': { policy: { kind: 'public' }, why: 'the OpenAPI document (SwaggerModule, bootstrap.ts)' },
  'GET /api/docs-yaml': { policy: { kind: 'public' }, why: 'the OpenAPI document as YAML (SwaggerModule, bootstrap.ts)' },
};

const SCENARIOS_OF: Record<'none' | 'citizen' | 'area', readonly Scenario[]> = {
  none: ['own'],
  citizen: ['own', 'other'],
  area: ['own', 'other', 'notGranted'],
};

const pglite = backends().find((backend) => backend.name === 'pglite')!;

describe('Authorization matrix: every route × caller × own/other municipality × granted/not-granted area [pglite]', () => {
  let t: TestApp;
  let fx: Fixtures;
  let mailDir: string;
  let routes: RouteInventory;
  let callers: CallerProfile[];

  beforeAll(async () => {
    mailDir = await Fixtures.mailDirectory();
    t = await startTestApp(pglite, { MAIL_DIR: mailDir });
    routes = inventory(t.app, API_PREFIX, OUTSIDE_CONTROLLERS);
    fx = await Fixtures.create(t, mailDir);
    callers = [
      { caller: 'anonymous', session: undefined },
      ...ROLES.filter((role) => role !== 'system').map((role) => ({ caller: role, session: fx.sessions.get(role), naWhy: 'no login for this role' })),
    ];
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    if (mailDir) await rm(mailDir, { recursive: true, force: true });
  });

  it('every route of the server is known with its declared access policy (@Public() or @Allow(...roles))', () => {
    expect(routes.routes.length).toBeGreaterThan(40);
    expect(routes.problems).toEqual([]);
  });

  it('every route has a request builder, and every builder a route', () => {
    const known = new Set(routes.routes.map((route) => route.key));
    expect({
      routesWithoutBuilder: routes.routes.filter((route) => !BUILDERS[route.key]).map((route) => `${route.key} (${route.source})`),
      buildersWithoutRoute: Object.keys(BUILDERS).filter((key) => !known.has(key)),
    }).toEqual({ routesWithoutBuilder: [], buildersWithoutRoute: [] });
  });

  it('every route answers every caller as its declared policy and the record rules say', async () => {
    const started = Date.now();
    const rows: Row[] = routes.routes.flatMap((route) =>
      BUILDERS[route.key] && route.policy ? builderRows(route.key, BUILDERS[route.key]!).map(({ key, builder }) => ({ key, route, builder })) : [],
    );
    const cells: Cell[] = [];
    for (const row of rows) {
      for (const profile of callers) {
        for (const scenario of SCENARIOS_OF[row.builder.records]) {
          cells.push(await runCell(row, profile, scenario));
        }
      }
    }
    const mismatches = cells.filter((cell) => cell.mismatch).map((cell) => `${cell.route} · ${cell.caller} · ${cell.scenario}: ${cell.mismatch}`);
    console.log(
      [
        `Authorization matrix (${rows.length} rows, ${cells.length} requests, ${((Date.now() - started) / 1000).toFixed(1)} s).`,
        `Columns per caller: own = a record of the caller's municipality (${OWN_MUNICIPALITY}) in an area all its users have; ` +
          `oth = another municipality's (${OTHER_MUNICIPALITY}); ¬ar = a line/order in ${NOT_GRANTED_AREA} (not granted to the nurse).`,
        'Routes without a municipal record have one request, under own. — no such scenario; n/a the caller cannot log in; ! not the expected answer.',
        '',
        renderTable(rows, callers, cells),
        '',
        mismatches.length === 0 ? 'Every cell as expected.' : `Mismatches:\n${mismatches.join('\n')}`,
      ].join('\n'),
    );
    expect(mismatches).toEqual([]);
  }, 300_000);

  it("a GET route's HEAD twin (Fastify's exposeHeadRoutes) is guarded like the GET: anonymous callers get 401", async () => {
    const guarded = routes.routes.filter((route) => route.method === 'GET' && route.policy?.kind === 'roles' && BUILDERS[route.key]);
    const answers = await Promise.all(
      guarded.map(async (route) => {
        const spec = await BUILDERS[route.key]!.build(contextFor('anonymous', undefined, 'own'));
        return `HEAD ${route.path}: ${(await t.request('HEAD', spec.url)).status}`;
      }),
    );
    expect(guarded.length).toBeGreaterThan(10);
    expect(answers).toEqual(guarded.map((route) => `HEAD ${route.path}: 401`));
  });

  async function runCell(row: Row, profile: CallerProfile, scenario: Scenario): Promise<Cell> {
    const base = { route: row.key, caller: profile.caller, scenario };
    const expected = expectedAnswer(row.route.policy!, row.builder, profile, scenario);
    if (expected.kind === 'na') return { ...base, expected };
    const ctx = contextFor(profile.caller, profile.session, scenario);
    let spec;
    try {
      spec = await row.builder.build(ctx);
    } catch (error) {
      return { ...base, expected, mismatch: `the builder failed: ${error instanceof Error ? error.message : String(error)}` };
    }
    const session = profile.caller === 'anonymous' ? undefined : (spec.session ?? profile.session);
    const response = await t.request(row.route.method, spec.url, {
      token: session?.token,
      body: spec.body,
      csv: spec.csv,
      headers: { ...(fx.position ? { 'x-consistent-with': fx.position } : {}), ...spec.headers },
    });
    const visible = session ? recordVisible(row.builder, profile.caller, profile.session!, scenario) : true;
    const extra = response.status >= 200 && response.status < 300 ? row.builder.check?.(response, ctx, visible) : undefined;
    return { ...base, expected, status: response.status, code: response.body?.error?.code, mismatch: judge(expected, response, extra) };
  }

  function contextFor(caller: Caller, session: Session | undefined, scenario: Scenario): BuildContext {
    return {
      fx,
      caller,
      scenario,
      ...SCENARIOS[scenario],
      session,
      newSession: async () => (session ? fx.login(session.username, session.password) : undefined),
      spareSession: async () => (caller === 'anonymous' ? undefined : fx.spareSession(caller)),
    };
  }
});
