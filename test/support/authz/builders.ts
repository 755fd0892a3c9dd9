/**
 * One request builder per route, keyed "METHOD /full/path" exactly as the route inventory names it. A builder
 * makes a request that would succeed for a caller allowed to make it — valid body, a record that exists, made
 * fresh where the request changes it for good — so that any refusal the matrix sees is about who asks.
 *
 * A new route gets its entry here (the matrix fails naming a route without one): say which records it acts on
 * (`records`), whose record `own` is for the citizen role (`ownRecord`), its 404 code if not NOT_FOUND, and build
 * a request for `ctx.scenario` (`ctx.municipalityId`, `ctx.area`). Never write an expected answer here: it is
 * computed from the route's declared policy (matrix.ts, expectedAnswer).
 */
import { randomBytes } from 'node:crypto';
import type { HttpResponse } from '../app.js';
import { readDroppedMail } from '../mail.js';
import { ADDRESSES, API, CATALOGUE_CSV, GRANTED_AREA, itemOf, OWN_MUNICIPALITY, ROOMY_ALLOWANCE, SPARE_ITEM, type Fixtures } from './fixtures.js';
import { type BuildContext, type RequestSpec, type RouteBuilder, type RouteEntry } from './matrix.js';

const none = (build: (ctx: BuildContext) => RequestSpec | Promise<RequestSpec>): RouteEntry => ({ records: 'none', build: async (ctx) => build(ctx) });

/** A password the policy accepts (12+ characters, not common, not the username). */
const newPassword = () => `Kq7-${randomBytes(12).toString('base64url')}`;

/** A one-time set-password token, as a user would find it in their e-mail: the admin re-sends the spare user's invitation. */
async function setPasswordToken(fx: Fixtures): Promise<string> {
  const before = new Set((await readDroppedMail(fx.mailDir)).map((mail) => mail.file));
  await fx.ok('admin', 'POST', `${API}/users/${fx.spareUserId}/invitation`, {}, 202);
  const mail = (await readDroppedMail(fx.mailDir)).find((candidate) => !before.has(candidate.file));
  const token = mail && /[#?&]token=([A-Za-z0-9_-]+)/.exec(mail.text)?.[1];
  if (!token) throw new Error('no set-password link in the invitation e-mail');
  return token;
}

/** An event of the users projection, entered as parked (the table the runtime parks in), so that a replay has one to replay. */
async function parkAnEvent(fx: Fixtures): Promise<string> {
  const { database, eventStore } = fx.t.infra;
  const [event] = await eventStore.readStream(`user-${fx.spareUserId}`, { maxCount: 1 });
  const { rows } = await database.query<{ table_name: string }>(`select table_name from read_model_registry where read_model = 'users' and state = 'live'`);
  if (!event || !rows[0]) throw new Error('no users event or live users table to park');
  await database.query(
    `insert into parked_events (table_name, projection, position, event_id, event_type, stream_name, revision, error, attempts)
     values ($1, 'users', $2, $3, $4, $5, $6, 'parked by the authorization matrix', 1) on conflict do nothing`,
    [rows[0].table_name, event.position, event.eventId, event.type, event.streamName, event.revision],
  );
  return event.position;
}

/** A grant as the caller sees it: the scenario's line is shown exactly when the caller may see its area. */
function lineShownIffVisible(response: HttpResponse, ctx: BuildContext, visible: boolean): string | undefined {
  const lineId = ctx.fx.shared(ctx.municipalityId).lines[ctx.area];
  const shown = (response.body?.areas ?? []).some((area: { lines: Array<{ lineId: string }> }) => area.lines.some((line) => line.lineId === lineId));
  return shown === visible ? undefined : `the ${ctx.area} line is ${shown ? 'shown' : 'left out'}, but the caller may ${visible ? '' : 'not '}see it`;
}

/** A citizen's profile: the scenario's area is among its grant areas exactly when the caller may see that area. */
function areaListedIffVisible(response: HttpResponse, ctx: BuildContext, visible: boolean): string | undefined {
  const listed = (response.body?.grantAreas ?? []).includes(ctx.area);
  return listed === visible ? undefined : `grantAreas ${listed ? 'lists' : 'leaves out'} ${ctx.area}, but the caller may ${visible ? '' : 'not '}see it`;
}

/**
 * A search for the scenario's citizen by a criterion about its area: found exactly when the caller may see the
 * citizen and the area — a match on an area the caller may not see would tell that the citizen has it.
 */
function foundIffVisible(response: HttpResponse, ctx: BuildContext, visible: boolean): string | undefined {
  const { citizenId } = ctx.fx.shared(ctx.municipalityId);
  const row = (response.body?.items ?? []).find((item: { citizenId: string }) => item.citizenId === citizenId);
  if (Boolean(row) !== visible) return `the citizen is ${row ? 'found' : 'not found'}, but the caller may ${visible ? '' : 'not '}see them and their ${ctx.area} grant`;
  if (row && !row.grantAreas.includes(ctx.area)) return `the row leaves out ${ctx.area}, which the caller may see`;
  return undefined;
}

const shared = (ctx: BuildContext) => ctx.fx.shared(ctx.municipalityId);
let allowanceSeq = 0;

export const BUILDERS: Readonly<Record<string, RouteEntry>> = {
  // ---- operations: outside /api/v1, public ------------------------------------------------------------------
  'GET /health/live': none(() => ({ url: '/health/live' })),
  'GET /health/ready': none(() => ({ url: '/health/ready' })),
  'GET /metrics': none(() => ({ url: '/metrics' })),
  'GET /api/docs-json': none(() => ({ url: '/api/docs-json' })),
  'GET /api/docs-yaml': none(() => ({ url: '/api/docs-yaml' })),

  // ---- the caller's own account -----------------------------------------------------------------------------
  'POST /api/v1/auth/login': none((ctx) => {
    // Each caller logs in as themselves; anonymous with the admin's credentials.
    const session = ctx.session ?? ctx.fx.sessions.get('admin')!;
    return { url: `${API}/auth/login`, body: { username: session.username, password: session.password, acceptTerms: true } };
  }),
  'POST /api/v1/auth/logout': none(async (ctx) => ({ url: `${API}/auth/logout`, session: await ctx.newSession() })),
  'POST /api/v1/auth/password': none(async (ctx) => {
    const session = await ctx.spareSession();
    return { url: `${API}/auth/password`, session, body: { currentPassword: session?.password ?? newPassword(), newPassword: newPassword() } };
  }),
  'POST /api/v1/auth/password-reset-requests': none(() => ({ url: `${API}/auth/password-reset-requests`, body: { username: 'matrix.nobody' } })),
  'POST /api/v1/auth/password-resets': none(async (ctx) => ({
    url: `${API}/auth/password-resets`,
    body: { token: await setPasswordToken(ctx.fx), newPassword: newPassword() },
  })),
  'GET /api/v1/me': none(() => ({ url: `${API}/me` })),
  'GET /api/v1/terms': none(() => ({ url: `${API}/terms` })),

  // ---- administration (a spare municipality and user, never the demo ones) -----------------------------------
  'POST /api/v1/municipalities': none((ctx) => ({ url: `${API}/municipalities`, body: ctx.fx.nextMunicipality() })),
  'PUT /api/v1/municipalities/:id': none((ctx) => ({ url: `${API}/municipalities/${ctx.fx.spareMunicipalityId}`, body: ctx.fx.spareMunicipalityDetails() })),
  'PUT /api/v1/municipalities/:id/agreement': none((ctx) => ({
    url: `${API}/municipalities/${ctx.fx.spareMunicipalityId}/agreement`,
    body: { items: [{ itemNumber: SPARE_ITEM, pricePerSalesUnit: 5_000, validFrom: '2026-01-01' }] },
  })),
  'GET /api/v1/municipalities/:id/agreement': none((ctx) => ({ url: `${API}/municipalities/${ctx.fx.spareMunicipalityId}/agreement` })),
  'PUT /api/v1/municipalities/:id/agreement/items/:itemNumber': none((ctx) => ({
    url: `${API}/municipalities/${ctx.fx.spareMunicipalityId}/agreement/items/${SPARE_ITEM}`,
    body: { periods: [{ pricePerSalesUnit: 5_000, validFrom: '2026-01-01' }] },
  })),
  'DELETE /api/v1/municipalities/:id/agreement/items/:itemNumber': none((ctx) => ({
    url: `${API}/municipalities/${ctx.fx.spareMunicipalityId}/agreement/items/${SPARE_ITEM}`,
  })),
  'GET /api/v1/users': none(() => ({ url: `${API}/users` })),
  'POST /api/v1/users': none((ctx) => ({ url: `${API}/users`, body: ctx.fx.newUserBody('orderer') })),
  'GET /api/v1/users/:id': none((ctx) => ({ url: `${API}/users/${ctx.fx.spareUserId}` })),
  'PATCH /api/v1/users/:id': none((ctx) => ({ url: `${API}/users/${ctx.fx.spareUserId}`, body: { name: 'Matrix Reserve' } })),
  'POST /api/v1/users/:id/invitation': none((ctx) => ({ url: `${API}/users/${ctx.fx.spareUserId}/invitation` })),
  'POST /api/v1/users/:id/unlock': none((ctx) => ({ url: `${API}/users/${ctx.fx.spareUserId}/unlock` })),
  'GET /api/v1/municipalities': none(() => ({ url: `${API}/municipalities?q=1` })),
  'GET /api/v1/municipalities/:id': none((ctx) => ({ url: `${API}/municipalities/${ctx.fx.spareMunicipalityId}` })),
  'GET /api/v1/admin/projections': none(() => ({ url: `${API}/admin/projections` })),
  'GET /api/v1/admin/projections/:name/parked': none(() => ({ url: `${API}/admin/projections/users/parked` })),
  'POST /api/v1/admin/projections/:name/parked/:position/replay': none(async (ctx) => ({
    url: `${API}/admin/projections/users/parked/${await parkAnEvent(ctx.fx)}/replay`,
  })),

  // ---- catalogue --------------------------------------------------------------------------------------------
  'POST /api/v1/catalogue/imports': none(() => ({ url: `${API}/catalogue/imports`, csv: CATALOGUE_CSV })),
  'GET /api/v1/products': none(() => ({ url: `${API}/products?q=Matrixvare` })),
  'GET /api/v1/product-groups': none(() => ({ url: `${API}/product-groups` })),
  'GET /api/v1/products/:itemNumber': none(() => ({ url: `${API}/products/${SPARE_ITEM}` })),
  'PATCH /api/v1/products/:itemNumber': none(() => ({ url: `${API}/products/${SPARE_ITEM}`, body: { discontinued: true, reason: 'Matrix' } })),

  // ---- citizens ---------------------------------------------------------------------------------------------
  // A new citizen is registered in the caller's own municipality: there is no other municipality's record yet.
  'POST /api/v1/citizens': none((ctx) => ({
    url: `${API}/citizens`,
    body: { cpr: ctx.fx.nextCpr(), firstName: 'Nina', lastName: 'Matrixdatter', address: ADDRESSES[ctx.session?.municipalityId ?? OWN_MUNICIPALITY] },
  })),
  // A search leaves out what the caller may not see (DOMAIN §6) instead of refusing: searched by name and area.
  'GET /api/v1/citizens': {
    records: 'area',
    municipalityRule: 'hide',
    areaRule: 'hide',
    ownRecord: 'theCitizen',
    build: async (ctx) => ({ url: `${API}/citizens?name=${shared(ctx).lastName}&grantArea=${encodeURIComponent(ctx.area)}` }),
    check: foundIffVisible,
    variants: {
      '?itemNumber': {
        records: 'area',
        municipalityRule: 'hide',
        areaRule: 'hide',
        ownRecord: 'theCitizen',
        build: async (ctx) => ({ url: `${API}/citizens?name=${shared(ctx).lastName}&itemNumber=${itemOf(ctx.area)}` }),
        check: foundIffVisible,
      },
    },
  },
  'GET /api/v1/citizens/:id': {
    records: 'area',
    areaRule: 'hide',
    ownRecord: 'theCitizen',
    build: async (ctx) => ({ url: `${API}/citizens/${shared(ctx).citizenId}?purpose=Autorisationsmatrix` }),
    check: areaListedIffVisible,
  },
  'PATCH /api/v1/citizens/:id': {
    records: 'citizen',
    ownRecord: 'theCitizen',
    build: async (ctx) => ({ url: `${API}/citizens/${shared(ctx).citizenId}`, body: { phone: '+45 70 10 20 30' } }),
  },
  // A citizen of its own: the matrix's own citizen logs in with its username.
  'PUT /api/v1/citizens/:id/webshop-username': {
    records: 'citizen',
    ownRecord: 'another',
    build: async (ctx) => ({
      url: `${API}/citizens/${await ctx.fx.freshCitizen(ctx.municipalityId)}/webshop-username`,
      body: { webshopUsername: `matrix.${randomBytes(6).toString('hex')}` },
    }),
  },
  'PUT /api/v1/citizens/:id/cpr': {
    records: 'citizen',
    ownRecord: 'another',
    build: async (ctx) => ({
      url: `${API}/citizens/${await ctx.fx.freshCitizen(ctx.municipalityId)}/cpr`,
      body: { cpr: ctx.fx.nextCpr(), reason: 'Matrix: forkert CPR-nummer' },
    }),
  },
  'POST /api/v1/citizens/:id/status': {
    records: 'citizen',
    ownRecord: 'another',
    build: async (ctx) => ({ url: `${API}/citizens/${await ctx.fx.freshCitizen(ctx.municipalityId)}/status`, body: { status: 'OTHER_SUPPLIER', reason: 'Matrix' } }),
  },
  'POST /api/v1/citizens/:id/reopen': {
    records: 'citizen',
    ownRecord: 'another',
    build: async (ctx) => {
      const citizenId = await ctx.fx.freshCitizen(ctx.municipalityId);
      await ctx.fx.setStatus(citizenId, ctx.municipalityId, 'MOVED_AWAY');
      return { url: `${API}/citizens/${citizenId}/reopen`, body: { reason: 'Matrix: flyttet tilbage' } };
    },
  },
  'POST /api/v1/citizens/:id/webshop-password-reset': {
    records: 'citizen',
    ownRecord: 'theCitizen',
    build: async (ctx) => ({ url: `${API}/citizens/${shared(ctx).citizenId}/webshop-password-reset` }),
  },
  // A citizen of its own: a one-time password ends every session of the citizen, the matrix's own citizen's too.
  'POST /api/v1/citizens/:id/webshop-one-time-password': {
    records: 'citizen',
    ownRecord: 'another',
    build: async (ctx) => ({ url: `${API}/citizens/${await ctx.fx.freshCitizen(ctx.municipalityId)}/webshop-one-time-password` }),
  },

  // ---- audit ------------------------------------------------------------------------------------------------
  'GET /api/v1/citizens/:id/history': { records: 'citizen', ownRecord: 'theCitizen', build: async (ctx) => ({ url: `${API}/citizens/${shared(ctx).citizenId}/history` }) },
  'GET /api/v1/citizens/:id/access-log': {
    records: 'citizen',
    ownRecord: 'theCitizen',
    build: async (ctx) => ({ url: `${API}/citizens/${shared(ctx).citizenId}/access-log` }),
  },
  'GET /api/v1/citizens/:id/access-log/extract': {
    records: 'citizen',
    ownRecord: 'theCitizen',
    build: async (ctx) => ({ url: `${API}/citizens/${shared(ctx).citizenId}/access-log/extract` }),
  },

  // ---- grants -----------------------------------------------------------------------------------------------
  'POST /api/v1/allowance-calculations': none(() => ({
    url: `${API}/allowance-calculations`,
    body: { quantity: 2, per: 'day', periodMonths: 3, itemNumber: itemOf(GRANTED_AREA) },
  })),
  'GET /api/v1/citizens/:id/grant': {
    records: 'area',
    areaRule: 'hide',
    ownRecord: 'theCitizen',
    build: async (ctx) => ({ url: `${API}/citizens/${shared(ctx).citizenId}/grant` }),
    check: lineShownIffVisible,
    variants: {
      // The handler, not the route's @Allow, confines `asOf` to these roles (grants.controller.ts AS_OF_ROLES).
      '?asOf': {
        records: 'citizen',
        ownRecord: 'theCitizen',
        narrowTo: ['customer_service', 'auditor'],
        build: async (ctx) => ({ url: `${API}/citizens/${shared(ctx).citizenId}/grant?asOf=${ctx.fx.readyAt.toISOString()}` }),
      },
    },
  },
  'POST /api/v1/citizens/:id/grant/lines': {
    records: 'area',
    areaRule: 'refuse',
    ownRecord: 'another',
    build: async (ctx) => ({
      url: `${API}/citizens/${await ctx.fx.freshCitizen(ctx.municipalityId)}/grant/lines`,
      body: { itemNumber: itemOf(ctx.area), grantArea: ctx.area, kind: 'continuous', allowance: ROOMY_ALLOWANCE },
    }),
  },
  'PATCH /api/v1/citizens/:id/grant/lines/:lineId': {
    records: 'area',
    areaRule: 'refuse',
    ownRecord: 'theCitizen',
    build: async (ctx) => ({
      url: `${API}/citizens/${shared(ctx).citizenId}/grant/lines/${shared(ctx).lines[ctx.area]}`,
      // A real change each time: a different granted max.
      body: { allowance: { ...ROOMY_ALLOWANCE, grantedMax: ROOMY_ALLOWANCE.grantedMax + ++allowanceSeq } },
    }),
  },
  'POST /api/v1/citizens/:id/grant/lines/:lineId/reactivate': {
    records: 'area',
    areaRule: 'refuse',
    ownRecord: 'another',
    build: async (ctx) => {
      const citizenId = await ctx.fx.freshCitizen(ctx.municipalityId);
      const lineId = await ctx.fx.freshLine(citizenId, ctx.municipalityId, ctx.area);
      await ctx.fx.inactivateLine(citizenId, ctx.municipalityId, lineId);
      return { url: `${API}/citizens/${citizenId}/grant/lines/${lineId}/reactivate`, body: {} };
    },
  },

  // ---- orders -----------------------------------------------------------------------------------------------
  'POST /api/v1/citizens/:id/orders': {
    records: 'area',
    areaRule: 'refuse',
    ownRecord: 'theCitizen',
    build: async (ctx) => ({ url: `${API}/citizens/${shared(ctx).citizenId}/orders`, body: { lines: [{ lineId: shared(ctx).lines[ctx.area], salesUnits: 1 }] } }),
  },
  'GET /api/v1/citizens/:id/orders': { records: 'citizen', ownRecord: 'theCitizen', build: async (ctx) => ({ url: `${API}/citizens/${shared(ctx).citizenId}/orders` }) },
  'GET /api/v1/orders/:orderId': {
    records: 'citizen',
    ownRecord: 'theCitizen',
    notFoundCode: 'ORDER_NOT_FOUND',
    build: async (ctx) => ({ url: `${API}/orders/${shared(ctx).orders[ctx.area]}` }),
  },
  'POST /api/v1/orders/:orderId/cancel': {
    records: 'area',
    areaRule: 'refuse',
    ownRecord: 'theCitizen',
    notFoundCode: 'ORDER_NOT_FOUND',
    build: async (ctx) => {
      const { citizenId, lines } = shared(ctx);
      return { url: `${API}/orders/${await ctx.fx.freshOrder(citizenId, ctx.municipalityId, lines[ctx.area]!)}/cancel`, body: { reason: 'Matrix: fortrudt' } };
    },
  },
  'POST /api/v1/orders/:orderId/fulfilment': {
    records: 'citizen',
    ownRecord: 'theCitizen',
    notFoundCode: 'ORDER_NOT_FOUND',
    build: async (ctx) => {
      const { citizenId, lines } = shared(ctx);
      const orderId = await ctx.fx.freshOrder(citizenId, ctx.municipalityId, lines[ctx.area]!);
      return { url: `${API}/orders/${orderId}/fulfilment`, body: { type: 'accepted', at: new Date().toISOString() } };
    },
  },
};

/** Rows of the table: each builder, then its variants (key + suffix). */
export function builderRows(key: string, entry: RouteEntry): Array<{ key: string; builder: RouteBuilder }> {
  return [{ key, builder: entry }, ...Object.entries(entry.variants ?? {}).map(([suffix, builder]) => ({ key: `${key} ${suffix}`, builder }))];
}

