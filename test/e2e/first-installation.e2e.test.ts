import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createFirstAdministrator, openAdministration } from '../../src/composition/administration.js';
import { openInfrastructure, type Infrastructure } from '../../src/composition/infrastructure.js';
import { loadConfig } from '../../src/config/config.js';
import { createLogger } from '../../src/infrastructure/logging/logger.js';
import { openPgliteDatabase } from '../../src/infrastructure/sql/pglite-database.js';
import type { SqlDatabase } from '../../src/infrastructure/sql/sql-database.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { pgliteDatabase, serverDatabase, type Backend, type ServerTestDatabase } from '../support/databases.js';
import { linkIn, readDroppedMail } from '../support/mail.js';

const run = promisify(execFile);
const GOOD_PASSWORD = 'Første administrator 2026';
const CHEAP_ARGON2 = { memoryCost: 1024, timeCost: 1 };

/** `npm run admin -- …` as an operator runs it: its own process, the service's configuration in the environment. */
async function admin(args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(join('node_modules', '.bin', 'tsx'), ['src/cli/admin.ts', ...args], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
      timeout: 120_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

async function tokenOfNewestMailTo(dir: string, to: string): Promise<string> {
  const mail = (await readDroppedMail(dir)).filter((message) => message.to.includes(to)).at(-1);
  const link = mail && linkIn(mail.text);
  if (!link) throw new Error(`no set-password link to ${to}`);
  expect(new URL(link).pathname).toBe('/adgangskode');
  return new URL(link).hash.replace('#token=', '');
}

/** An installation's store as the operator has it: PGlite files in DATA_DIR, or a PostgreSQL database of its own. */
interface Installation {
  readonly env: Record<string, string>;
  /** The store for the service, opened once the CLI is done with it. */
  readonly backend: Backend;
  close(): Promise<void>;
}

async function embeddedInstallation(): Promise<Installation> {
  const dataDir = await mkdtemp(join(tmpdir(), 'egrants-install-'));
  return {
    env: { DATA_DIR: dataDir },
    backend: { name: 'pglite', skipReason: undefined, open: () => openPgliteDatabase({ dataDir }) },
    close: () => rm(dataDir, { recursive: true, force: true }),
  };
}

async function serverInstallation(): Promise<Installation> {
  const database: ServerTestDatabase = await serverDatabase();
  // The service gets the database as it is; only the test drops it at the end.
  const shared: SqlDatabase = { ...database, close: async () => undefined };
  return {
    env: { DATABASE_URL: database.connectionString },
    backend: { name: 'postgres', skipReason: undefined, open: async () => shared },
    close: () => database.close(),
  };
}

const INSTALLATIONS: ReadonlyArray<{ name: string; skipReason: string | undefined; open: () => Promise<Installation> }> = [
  { name: 'embedded', skipReason: undefined, open: embeddedInstallation },
  { name: 'postgres', skipReason: process.env.TEST_DATABASE_URL ? undefined : 'TEST_DATABASE_URL not set', open: serverInstallation },
];

describe.each(INSTALLATIONS)('A fresh installation without demo data gets its first administrator [$name]', ({ skipReason, open }) => {
  if (skipReason) {
    it.skip(`skipped: ${skipReason}`, () => undefined);
    return;
  }
  let installation: Installation;
  let mailDir: string;
  let t: TestApp | undefined;

  beforeAll(async () => {
    installation = await open();
    mailDir = await mkdtemp(join(tmpdir(), 'egrants-install-mail-'));
  });
  afterAll(async () => {
    await t?.close();
    await installation?.close();
    await rm(mailDir, { recursive: true, force: true });
  });

  it('npm run admin -- create-admin mails a link; the administrator sets a password, logs in and creates a caseworker', async () => {
    const created = await admin(['create-admin', 'drift.admin', 'drift@kommune.invalid', '--name', 'Dorte Drift'], { ...installation.env, MAIL_DIR: mailDir });
    expect(created).toMatchObject({ code: 0 });
    expect(created.stdout).toContain('drift@kommune.invalid');
    const token = await tokenOfNewestMailTo(mailDir, 'drift@kommune.invalid');
    expect(created.stdout + created.stderr).not.toContain(token);

    t = await startTestApp(installation.backend, {}, undefined, { seed: false });
    expect((await t.request('POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'demo-password-for-tests', acceptTerms: true } })).status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/password-resets', { body: { token, newPassword: GOOD_PASSWORD } })).status).toBe(204);
    const login = await t.request('POST', '/api/v1/auth/login', { body: { username: 'drift.admin', password: GOOD_PASSWORD, acceptTerms: true } });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({ name: 'Dorte Drift', role: 'admin', municipalityId: null });
    const adminToken = login.body.token as string;

    const municipality = await t.request('POST', '/api/v1/municipalities', {
      token: adminToken,
      body: { id: '147', name: 'Frederiksberg', postalCodes: ['1800', '2000'], grantAreas: ['Inkontinens', 'Stomi'] },
    });
    expect(municipality.status).toBe(201);
    const caseworker = await t.request('POST', '/api/v1/users', {
      token: adminToken,
      body: { username: 'sagsbehandler.frb', name: 'Frida Sagsbehandler', email: 'frida@kommune.invalid', role: 'caseworker', municipalityId: '147', grantAreas: ['Stomi'] },
    });
    expect(caseworker.status).toBe(201);
    expect(caseworker.body.invitation).toBe('sent');
    const invitation = (await readDroppedMail(t.mailDir)).find((message) => message.to.includes('frida@kommune.invalid'));
    expect(invitation && linkIn(invitation.text)).toContain('/adgangskode#token=');
  });

  it('npm run admin -- check then finds every store reachable and every read model current', async () => {
    // PGlite allows one process, so the service stops first (beside a PostgreSQL server it could keep running).
    await t?.close();
    t = undefined;
    const checked = await admin(['check'], installation.env);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toMatch(/users: v1\/v1, \d+ s, 0 parked/);
    expect(checked.stdout).toContain('All well.');
  });

  it('another administrator is refused from the command line once one exists', async () => {
    const refused = await admin(['create-admin', 'second.admin', 'second@kommune.invalid'], { ...installation.env, MAIL_DIR: mailDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Refused: this installation has 1 administrator/);
    expect((await readDroppedMail(mailDir)).filter((message) => message.to.includes('second@kommune.invalid'))).toEqual([]);
  });
});

describe('create-admin: idempotent, refusing, and showing the link when there is no e-mail', () => {
  let infra: Infrastructure;
  let mailDir: string;

  beforeAll(async () => {
    mailDir = await mkdtemp(join(tmpdir(), 'egrants-admin-mail-'));
    infra = await openInfrastructure(loadConfig({ MAIL_DIR: mailDir, LOG_LEVEL: 'warn' }), createLogger({ level: 'warn' }), {
      database: await pgliteDatabase(),
      argon2Cost: CHEAP_ARGON2,
    });
  });
  afterAll(async () => {
    await infra?.close();
    await infra?.database.close();
    await rm(mailDir, { recursive: true, force: true });
  });

  const wanted = { username: 'Første.Admin', email: 'first@kommune.invalid', name: 'Første Admin', force: false, showLink: false };

  it('run twice, it finds the same account and sends a fresh link while no password is set; refuses a second administrator', async () => {
    const app = await openAdministration(infra);
    try {
      const first = await createFirstAdministrator(app, infra, wanted);
      const again = await createFirstAdministrator(app, infra, { ...wanted, username: 'første.admin' });
      expect(first).toMatchObject({ kind: 'invited', delivery: 'e-mail' });
      expect(again).toEqual({ ...first });
      const links = (await readDroppedMail(mailDir)).filter((message) => message.to.includes('first@kommune.invalid'));
      expect(links).toHaveLength(2);
      expect(await createFirstAdministrator(app, infra, { ...wanted, username: 'someone.else', email: 'else@kommune.invalid' })).toEqual({ kind: 'refused', administrators: 1 });
      const forced = await createFirstAdministrator(app, infra, { ...wanted, username: 'someone.else', email: 'else@kommune.invalid', force: true });
      expect(forced).toMatchObject({ kind: 'invited' });
      if (first.kind === 'invited' && forced.kind === 'invited') expect(forced.userId).not.toBe(first.userId);
    } finally {
      await app.close();
    }
  });

  it('shows the link instead of mailing it when asked, and says so when there is neither e-mail nor a terminal', async () => {
    const noMail = await openInfrastructure(loadConfig({ DATABASE_URL: 'postgres://unused.invalid/x', LOG_LEVEL: 'warn' }), createLogger({ level: 'warn' }), {
      database: await pgliteDatabase(),
      argon2Cost: CHEAP_ARGON2,
    });
    const app = await openAdministration(noMail);
    try {
      expect(await createFirstAdministrator(app, noMail, wanted)).toEqual({ kind: 'no-delivery' });
      const shown = await createFirstAdministrator(app, noMail, { ...wanted, showLink: true });
      expect(shown).toMatchObject({ kind: 'invited', delivery: 'shown' });
      expect(shown.kind === 'invited' && shown.link).toMatch(/^http:\/\/localhost:3000\/adgangskode#token=[A-Za-z0-9_-]{40,}$/);
    } finally {
      await app.close();
      await noMail.close();
      await noMail.database.close();
    }
  });

  it('the command line refuses to print a link into a pipe', async () => {
    const piped = await admin(['create-admin', 'x.admin', 'x@kommune.invalid', '--show-link'], { DATA_DIR: join(mailDir, 'never-opened') });
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('--show-link shows the link on a terminal only');
  });
});
