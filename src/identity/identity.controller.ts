import { Controller, Get, HttpCode, Inject, Patch, Post, Put, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow, AllowedWithExpiredPassword, CurrentPrincipal, Public, type AuthenticatedRequest } from '../http/auth.decorators.js';
import { commandContext } from '../http/request-context.js';
import { ReadsFrom } from '../http/read-your-writes.js';
import { idParam, pageQuery, text } from '../http/schemas.js';
import { ValidBody, ValidParams, ValidQuery } from '../http/zod-pipe.js';
import { ROLES } from '../shared/actor.js';
import { newId } from '../shared/ids.js';
import { notFound } from '../shared/domain-error.js';
import { meAnswer, sessionAnswer } from './auth.answers.js';
import { IDENTITY_SETTINGS, type IdentitySettings } from './identity-settings.js';
import { PasswordService } from './passwords.service.js';
import { SessionService } from './sessions.service.js';
import { USER_DIRECTORY, type UserDirectory } from './identity.ports.js';
import { ChangeUserRequest, CreateUserRequest, RegisterMunicipalityRequest, UpdateMunicipalityRequest } from './identity.requests.js';
import { GetMunicipality, ListMunicipalities, ListUsers } from './identity.queries.js';
import { createdUserAnswer, municipalitiesAnswer, municipalityAnswer, userItem, usersAnswer } from './users.answers.js';
import type { Principal } from '../kernel/principal.js';
import { STAFF_ROLES } from './user.decider.js';

const loginBody = z.object({
  username: z.string().min(1).max(200),
  password: z.string().min(1).max(1024),
  acceptTerms: z.boolean().optional(),
});

/** Passwords are checked by the policy (password-policy.ts), not here: only a sane bound against abuse. */
const password = z.string().min(1).max(1024);
const changePasswordBody = z.object({ currentPassword: password, newPassword: password });
const resetRequestBody = z.object({ username: z.string().trim().min(1).max(200) });
const resetBody = z.object({ token: z.string().min(16).max(200), newPassword: password });

/** The caller's address, for throttling (kept only as a keyed hash). */
const sourceOf = (request: { ip?: string }) => ({ address: request.ip ?? 'unknown' });

const userView = (user: { userId: string; name: string; role: string; municipalityId: string | null; grantAreas: readonly string[] }) => ({
  id: user.userId,
  name: user.name,
  role: user.role,
  municipalityId: user.municipalityId,
  grantAreas: user.grantAreas,
});

const EVERY_ROLE = ROLES.filter((role) => role !== 'system');

@Controller()
export class AuthController {
  private readonly idleTimeoutSeconds: number;

  constructor(
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(PasswordService) private readonly passwords: PasswordService,
    @Inject(IDENTITY_SETTINGS) settings: IdentitySettings,
  ) {
    this.idleTimeoutSeconds = settings.sessionIdleSeconds;
  }

  @Post('auth/login')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ standardSchema: sessionAnswer })
  async login(@ValidBody(loginBody) body: z.infer<typeof loginBody>, @Req() request: AuthenticatedRequest & { ip?: string }) {
    const result = await this.sessions.login(body, request.correlationId ?? newId(), sourceOf(request));
    return {
      token: result.token,
      expiresAt: result.expiresAt.toISOString(),
      mustChangePassword: result.mustChangePassword,
      passwordChangeReason: result.passwordChangeReason,
      idleTimeoutSeconds: this.idleTimeoutSeconds,
      user: userView(result.user),
    };
  }

  @Post('auth/logout')
  @Allow(...EVERY_ROLE)
  @AllowedWithExpiredPassword()
  @HttpCode(204)
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.sessions.logout(principal);
  }

  /** A new password (also the way out of an expired one); every session ends and a fresh one is answered. */
  @Post('auth/password')
  @Allow(...EVERY_ROLE)
  @AllowedWithExpiredPassword()
  @HttpCode(200)
  @ApiOkResponse({ standardSchema: sessionAnswer })
  async changePassword(
    @ValidBody(changePasswordBody) body: z.infer<typeof changePasswordBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest & { ip?: string },
  ) {
    const result = await this.passwords.change(principal, body, request.correlationId ?? newId(), sourceOf(request));
    return {
      token: result.token,
      expiresAt: result.expiresAt.toISOString(),
      mustChangePassword: false,
      passwordChangeReason: null,
      idleTimeoutSeconds: this.idleTimeoutSeconds,
      user: userView(result.user),
    };
  }

  /** Always 202, in the same time, whether or not the username exists (DOMAIN §6). */
  @Post('auth/password-reset-requests')
  @Public()
  @HttpCode(202)
  async requestPasswordReset(@ValidBody(resetRequestBody) body: z.infer<typeof resetRequestBody>, @Req() request: { ip?: string }): Promise<void> {
    await this.passwords.requestReset(body.username, sourceOf(request));
  }

  /** Sets a password from an e-mailed link (a reset or a new account's invitation). */
  @Post('auth/password-resets')
  @Public()
  @HttpCode(204)
  async resetPassword(@ValidBody(resetBody) body: z.infer<typeof resetBody>, @Req() request: AuthenticatedRequest): Promise<void> {
    await this.passwords.setWithToken(body, request.correlationId ?? newId());
  }

  @Get('me')
  @Allow(...EVERY_ROLE)
  @AllowedWithExpiredPassword()
  @ApiOkResponse({ standardSchema: meAnswer })
  me(@CurrentPrincipal() principal: Principal) {
    return { ...userView(principal), username: principal.username, mustChangePassword: principal.mustChangePassword, idleTimeoutSeconds: this.idleTimeoutSeconds };
  }
}

const municipalityId = z.string().trim().regex(/^\d{3}$/, 'must be the 3-digit municipality code');
const municipalityBody = z.object({
  name: text(100),
  postalCodes: z.array(z.string().trim().regex(/^\d{4}$/, 'must be 4 digits')).min(1).max(500),
  grantAreas: z.array(text(100)).min(1).max(50),
});
const createMunicipalityBody = municipalityBody.extend({ id: municipalityId });

const userBody = z.object({
  username: z.string().trim().min(3).max(100).regex(/^[\p{L}\p{N}._@-]+$/u, 'letters, digits and . _ @ - only'),
  name: text(200),
  email: z.email().max(254),
  role: z.enum(STAFF_ROLES),
  municipalityId: municipalityId.nullable().optional(),
  grantAreas: z.array(text(100)).max(50).optional(),
});
const changeUserBody = userBody
  .omit({ username: true })
  .partial()
  .extend({ disabled: z.boolean().optional() })
  .refine((body) => Object.values(body).some((value) => value !== undefined), 'give at least one field to change');
const listMunicipalitiesQuery = z.object({ q: z.string().trim().max(100).optional() });
const listUsersQuery = z.object({ municipalityId: municipalityId.optional(), role: z.enum(STAFF_ROLES).optional(), ...pageQuery });

/** The supplier's administrators manage municipalities and accounts (DOMAIN §6). */
@Controller()
@Allow('admin')
export class AdministrationController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(PasswordService) private readonly passwords: PasswordService,
    @Inject(USER_DIRECTORY) private readonly users: UserDirectory,
  ) {}

  @Post('municipalities')
  @HttpCode(201)
  async registerMunicipality(
    @ValidBody(createMunicipalityBody) { id, ...details }: z.infer<typeof createMunicipalityBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    const { position } = await this.commands.execute(new RegisterMunicipalityRequest(commandContext(request, principal), id, details));
    return { id, ...details, position };
  }

  @Put('municipalities/:id')
  async updateMunicipality(
    @ValidParams(z.object({ id: municipalityId })) { id }: { id: string },
    @ValidBody(municipalityBody) details: z.infer<typeof municipalityBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    const { position } = await this.commands.execute(new UpdateMunicipalityRequest(commandContext(request, principal), id, details));
    return { id, ...details, position };
  }

  /** The municipalities by number, each with its name, number of postal codes and grant areas; `q` filters by number or name. */
  @Get('municipalities')
  @ReadsFrom('municipalities')
  @ApiOkResponse({ standardSchema: municipalitiesAnswer })
  async municipalities(@ValidQuery(listMunicipalitiesQuery) { q }: z.infer<typeof listMunicipalitiesQuery>) {
    return { items: await this.queries.execute(new ListMunicipalities(q)) };
  }

  /** One municipality: its name, postal codes and grant areas (the user form offers the areas). */
  @Get('municipalities/:id')
  @ApiOkResponse({ standardSchema: municipalityAnswer })
  async municipality(@ValidParams(z.object({ id: municipalityId })) { id }: { id: string }) {
    const municipality = await this.queries.execute(new GetMunicipality(id));
    if (!municipality) throw notFound('Municipality not found');
    return municipality;
  }

  @Post('users')
  @HttpCode(201)
  @ApiCreatedResponse({ standardSchema: createdUserAnswer })
  async createUser(
    @ValidBody(userBody) body: z.infer<typeof userBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    const profile = { ...body, municipalityId: body.municipalityId ?? null, grantAreas: body.grantAreas ?? [] };
    const { userId, position } = await this.commands.execute(new CreateUserRequest(commandContext(request, principal), profile));
    // The account exists either way; if the e-mail cannot go out now, the administrator sends it again.
    const invitation = await this.passwords
      .invite({ userId, username: profile.username, name: profile.name, email: profile.email, role: profile.role, municipalityId: profile.municipalityId, grantAreas: profile.grantAreas, disabled: false })
      .then(() => 'sent' as const)
      .catch(() => 'failed' as const);
    return { id: userId, ...profile, position, invitation };
  }

  /** Sends a new set-password link to the account's e-mail address (the old links stop working when it is used). */
  @Post('users/:id/invitation')
  @HttpCode(202)
  async reinvite(@ValidParams(idParam('id')) { id }: { id: string }): Promise<void> {
    const user = await this.users.byId(id);
    if (!user || user.role === 'citizen') throw notFound('User not found');
    await this.passwords.invite(user);
  }

  /** Lifts a lock after repeated failed logins (and the count of failures) before it runs out. */
  @Post('users/:id/unlock')
  @HttpCode(204)
  async unlock(@ValidParams(idParam('id')) { id }: { id: string }): Promise<void> {
    const user = await this.users.byId(id);
    if (!user || user.role === 'citizen') throw notFound('User not found');
    await this.passwords.unlock(id);
  }

  /** One staff account as the list shows it (its page in "Brugere", to change it). */
  @Get('users/:id')
  @ReadsFrom('users')
  @ApiOkResponse({ standardSchema: userItem })
  async user(@ValidParams(idParam('id')) { id }: { id: string }) {
    const user = await this.users.byId(id);
    if (!user || user.role === 'citizen') throw notFound('User not found');
    return { ...user, lockedUntil: (await this.passwords.lockedUntil(user.userId))?.toISOString() ?? null };
  }

  @Patch('users/:id')
  async changeUser(
    @ValidParams(idParam('id')) { id }: { id: string },
    @ValidBody(changeUserBody) body: z.infer<typeof changeUserBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.commands.execute(new ChangeUserRequest(commandContext(request, principal), id, body));
  }

  @Get('users')
  @ReadsFrom('users')
  @ApiOkResponse({ standardSchema: usersAnswer })
  async listUsers(@ValidQuery(listUsersQuery) query: z.infer<typeof listUsersQuery>) {
    const result = await this.queries.execute(new ListUsers(query));
    // Each account's lock (kept beside the log, not in it) is read for the page's rows only.
    const items = await Promise.all(
      result.items.map(async (user) => ({ ...user, lockedUntil: (await this.passwords.lockedUntil(user.userId))?.toISOString() ?? null })),
    );
    return { items, total: result.total, page: query.page, pageSize: query.pageSize };
  }
}
