import type { INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ImportCatalogueRequest, SetAgreementAssortmentRequest } from '../catalogue/catalogue.requests.js';
import { demoAgreements, demoCatalogue } from './demo-catalogue.js';
import { CREDENTIAL_STORE, type CredentialStore } from '../kernel/accounts.port.js';
import { CreateUserRequest, RegisterMunicipalityRequest } from '../identity/identity.requests.js';
import { PASSWORD_HASHER, type PasswordHasher } from '../identity/password-hasher.js';
import type { Principal } from '../kernel/principal.js';
import type { StaffRole } from '../identity/user.decider.js';
import type { CommandContext } from '../kernel/command-context.js';
import type { Position } from '../kernel/event-store.port.js';
import { SYSTEM_ACTOR } from '../shared/actor.js';
import { demoContext, seedDemoCitizens } from './demo-citizens.js';

/** The demo data of API.md, fixed so that anyone can try the service the same way. */
const GRANT_AREAS = ['Inkontinens', 'Stomi', 'Kateter', 'Diabetes', 'Ernæring', 'Sårpleje'];

export const DEMO_MUNICIPALITIES = [
  { id: '101', name: 'København', postalCodes: ['1050', '1150', '1620', '2100', '2200', '2300', '2400', '2450'], grantAreas: GRANT_AREAS },
  { id: '751', name: 'Aarhus', postalCodes: ['8000', '8200', '8210', '8220', '8230', '8240', '8260', '8270'], grantAreas: GRANT_AREAS },
];

export const DEMO_USERS: ReadonlyArray<{ username: string; name: string; role: StaffRole; municipalityId: string | null; grantAreas: string[] }> = [
  { username: 'sagsbehandler.kbh', name: 'Sara Sagsbehandler', role: 'caseworker', municipalityId: '101', grantAreas: GRANT_AREAS },
  { username: 'sygeplejerske.kbh', name: 'Signe Sygeplejerske', role: 'nurse', municipalityId: '101', grantAreas: ['Stomi', 'Kateter'] },
  { username: 'bestiller.kbh', name: 'Bent Bestiller', role: 'orderer', municipalityId: '101', grantAreas: GRANT_AREAS },
  { username: 'sagsbehandler.aar', name: 'Anders Sagsbehandler', role: 'caseworker', municipalityId: '751', grantAreas: GRANT_AREAS },
  { username: 'kundeservice', name: 'Kim Kundeservice', role: 'customer_service', municipalityId: null, grantAreas: [] },
  { username: 'revisor', name: 'Rikke Revisor', role: 'auditor', municipalityId: null, grantAreas: [] },
  { username: 'admin', name: 'Ada Administrator', role: 'admin', municipalityId: null, grantAreas: [] },
  { username: 'erp', name: 'ERP-integration', role: 'integration', municipalityId: null, grantAreas: [] },
];

export interface SeedOptions {
  /** The demo citizens with their grants and order histories (demo-citizens.ts). Default true; the test suites leave them out. */
  readonly citizens?: boolean;
}

export interface SeedDependencies {
  readonly commands: CommandBus;
  readonly credentials: CredentialStore;
  readonly hasher: PasswordHasher;
}

/** What the seed writes through, taken from a running application. */
export const seedDependencies = (app: INestApplicationContext): SeedDependencies => ({
  commands: app.get(CommandBus),
  credentials: app.get(CREDENTIAL_STORE),
  hasher: app.get(PASSWORD_HASHER),
});

/**
 * Creates the demo data. Every command id is fixed, so running the seed again appends nothing: the command
 * runner recognises its own earlier events. Returns the position of the last event, for read-your-writes.
 */
export async function seedDemo(deps: SeedDependencies, password: string, now = new Date(), options: SeedOptions = {}): Promise<Position | null> {
  const context = (name: string): CommandContext => demoContext(name, SYSTEM_ACTOR, now);
  let position: Position | null = null;
  const principals = new Map<string, Principal>();
  for (const { id, ...details } of DEMO_MUNICIPALITIES) {
    ({ position } = await deps.commands.execute(new RegisterMunicipalityRequest(context(`municipality ${id}`), id, details)));
  }
  const passwordHash = await deps.hasher.hash(password);
  for (const user of DEMO_USERS) {
    const created = await deps.commands.execute(new CreateUserRequest(context(`user ${user.username}`), { ...user, email: `${user.username}@demo.invalid` }));
    position = created.position;
    if (!(await deps.credentials.get(created.userId))) await deps.credentials.setPassword(created.userId, passwordHash, now);
    principals.set(user.username, { ...user, userId: created.userId, sessionTokenHash: '', mustChangePassword: false });
  }
  const rows = demoCatalogue().map((product, index) => ({ row: index + 1, product }));
  const imported = await deps.commands.execute(new ImportCatalogueRequest(context('catalogue'), { format: 'json', rows, rejected: [] }));
  position = imported.position ?? position;
  for (const { municipalityId, items } of demoAgreements()) {
    const set = await deps.commands.execute(new SetAgreementAssortmentRequest(context(`agreement ${municipalityId}`), municipalityId, items));
    position = set.position ?? position;
  }
  if (options.citizens ?? true) {
    const principal = (username: string) => principals.get(username)!;
    const actors = { caseworkers: { '101': principal('sagsbehandler.kbh'), '751': principal('sagsbehandler.aar') }, erp: principal('erp') };
    position = (await seedDemoCitizens(deps.commands, actors, now)) ?? position;
  }
  return position;
}

