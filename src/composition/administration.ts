import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { usersReadModel, type UserDocument } from '../../read-models/users/users.read-model.js';
import { CreateUserRequest } from '../identity/identity.requests.js';
import { IdentityModule } from '../identity/identity.module.js';
import { PasswordService } from '../identity/passwords.service.js';
import { normalizeUsername } from '../identity/username-registry.decider.js';
import { UnconfiguredMailer } from '../infrastructure/mail/unconfigured-mailer.js';
import { CREDENTIAL_STORE, type CredentialStore } from '../kernel/accounts.port.js';
import { SYSTEM_ACTOR } from '../shared/actor.js';
import { deterministicUuid, newId } from '../shared/ids.js';
import { StaffUsersModule } from '../processes/staff-users/staff-users.module.js';
import { InfrastructureModule } from './infrastructure.module.js';
import type { Infrastructure } from './infrastructure.js';

/** Just what administering accounts needs: the ports, the buses, identity and creating staff users (no HTTP, no reactions). */
@Module({})
class AdministrationModule {
  static register(infra: Infrastructure): DynamicModule {
    return { module: AdministrationModule, imports: [InfrastructureModule.register(infra), CqrsModule.forRoot(), IdentityModule, StaffUsersModule] };
  }
}

export const openAdministration = (infra: Infrastructure): Promise<INestApplicationContext> =>
  NestFactory.createApplicationContext(AdministrationModule.register(infra), { logger: false, abortOnError: false });

export interface NewAdministrator {
  readonly username: string;
  readonly email: string;
  readonly name: string;
  /** Create another administrator although one exists already. */
  readonly force: boolean;
  /** Show the set-password link (on the operator's terminal) instead of e-mailing it. */
  readonly showLink: boolean;
}

export type FirstAdministratorOutcome =
  /** Created (or found again, still without a password), and a set-password link sent or shown. */
  | { readonly kind: 'invited'; readonly userId: string; readonly delivery: 'e-mail' | 'shown'; readonly link?: string }
  /** This administrator exists and has chosen a password: nothing to do. */
  | { readonly kind: 'exists'; readonly userId: string }
  /** Another administrator exists: an installation gets its first one from here, its next ones from an administrator. */
  | { readonly kind: 'refused'; readonly administrators: number }
  /** No e-mail is set up and the link may not be shown: the operator must choose one or the other. */
  | { readonly kind: 'no-delivery' };

const USERS_CATCH_UP_MS = 60_000;

/**
 * The standard bootstrap of an installation (no demo data): its first administrator, who then creates everyone
 * else in the portal. Idempotent: the account's ids derive from the username, so running it again finds the same
 * account; an account that has not chosen a password yet gets a fresh link.
 */
export async function createFirstAdministrator(app: INestApplicationContext, infra: Infrastructure, wanted: NewAdministrator): Promise<FirstAdministratorOutcome> {
  const head = await infra.eventStore.headPosition();
  if (head && !(await infra.projections.waitForPosition([usersReadModel.name], head, USERS_CATCH_UP_MS))) {
    throw new Error('The users read model did not catch up with the event store; run `npm run admin -- check`');
  }
  const { items: administrators } = await infra.readModelStore.find<UserDocument>(usersReadModel.name, {
    where: [{ field: 'role', op: 'eq', value: 'admin' }],
    sort: [],
    page: 1,
    pageSize: 200,
  });
  const same = administrators.find((admin) => admin.usernameKey === normalizeUsername(wanted.username));
  const credentials = app.get<CredentialStore>(CREDENTIAL_STORE);
  if (same && (await credentials.get(same.userId))) return { kind: 'exists', userId: same.userId };
  if (!same && administrators.some((admin) => !admin.disabled) && !wanted.force) {
    return { kind: 'refused', administrators: administrators.filter((admin) => !admin.disabled).length };
  }
  const mailConfigured = !(infra.mailer instanceof UnconfiguredMailer);
  if (!wanted.showLink && !mailConfigured) return { kind: 'no-delivery' };

  const now = infra.clock();
  const commandId = deterministicUuid('first-administrator', normalizeUsername(wanted.username));
  const profile = { username: wanted.username, name: wanted.name, email: wanted.email, role: 'admin' as const, municipalityId: null, grantAreas: [] };
  const context = { commandId, correlationId: newId(), causationId: commandId, actor: SYSTEM_ACTOR, now };
  const { userId } = same ?? (await app.get(CommandBus).execute(new CreateUserRequest(context, profile)));
  const account = { userId, ...profile, disabled: false };
  const passwords = app.get(PasswordService);
  if (wanted.showLink) return { kind: 'invited', userId, delivery: 'shown', link: await passwords.invitationLink(account) };
  await passwords.invite(account);
  return { kind: 'invited', userId, delivery: 'e-mail' };
}
