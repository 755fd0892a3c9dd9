import { Controller, Get, HttpCode, Inject, Patch, Post, Put, Req } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { Allow, CurrentPrincipal, type AuthenticatedRequest } from '../http/auth.decorators.js';
import { commandContext } from '../http/request-context.js';
import { ReadsFrom } from '../http/read-your-writes.js';
import { commandAnswer, idParam, optionalText, pageQuery, text } from '../http/schemas.js';
import { ValidBody, ValidParams, ValidQuery } from '../http/zod-pipe.js';
import type { Principal } from '../kernel/principal.js';
import { ACCESS_LOG, type AccessLog } from '../kernel/access-log.port.js';
import { notFound } from '../shared/domain-error.js';
import { copenhagenDate } from '../shared/time.js';
import { citizenProfileAnswer, citizenRegisteredAnswer, citizenSearchAnswer, webshopOneTimePasswordAnswer } from './citizen.answers.js';
import { NotReplayable } from '../http/idempotency.interceptor.js';
import { CITIZEN_STATUSES } from './citizen.events.js';
import {
  ChangeCitizenContactDetailsRequest,
  ChangeCitizenCprRequest,
  ChangeCitizenStatusRequest,
  ChangeWebshopUsernameRequest,
  IssueWebshopOneTimePasswordRequest,
  RegisterCitizenRequest,
  ReopenCitizenRequest,
  SendWebshopPasswordLinkRequest,
} from './citizen.requests.js';
import { CITIZEN_SORTS, GetCitizen, SearchCitizens } from './citizen.queries.js';

const address = z.object({ street: text(), postalCode: z.string().trim().regex(/^\d{4}$/, 'must be 4 digits'), city: text(100) });

const registerBody = z.object({
  cpr: z.string().max(20),
  firstName: text(100),
  lastName: text(100),
  address,
  phone: optionalText(40),
  email: z.email().max(254).nullable().optional(),
  webshopUsername: optionalText(100),
  confirmUnusualCpr: z.boolean().optional(),
});

const changeBody = z
  .object({
    firstName: text(100).optional(),
    lastName: text(100).optional(),
    address: address.optional(),
    phone: optionalText(40),
    email: z.email().max(254).nullable().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), 'give at least one of firstName, lastName, address, phone, email');

const webshopUsernameBody = z.object({ webshopUsername: text(100) });

const searchQuery = z.object({
  cpr: z.string().trim().regex(/^\d{6}(-?\s?\d{4})?-?$/, 'must be the first 6 digits or all 10').optional(),
  name: z.string().trim().min(1).max(100).optional(),
  address: z.string().trim().min(1).max(100).optional(),
  city: z.string().trim().min(1).max(100).optional(),
  postalCode: z.string().trim().regex(/^\d{4}$/, 'must be 4 digits').optional(),
  grantArea: z.string().trim().min(1).max(100).optional(),
  itemNumber: z.string().trim().min(1).max(50).optional(),
  status: z.enum(CITIZEN_STATUSES).default('ACTIVE'),
  sort: z.enum(CITIZEN_SORTS).default('name'),
  ...pageQuery,
});

const profileQuery = z.object({ purpose: text(200) });
const statusBody = z.object({ status: z.enum(CITIZEN_STATUSES), reason: optionalText(500) });
const reopenBody = z.object({ reason: text(500) });
const cprBody = z.object({ cpr: z.string().max(20), confirmUnusualCpr: z.boolean().optional(), reason: text(500) });
const citizenIdParam = idParam('id');

const MUNICIPAL_AND_SUPPLIER = ['caseworker', 'nurse', 'orderer', 'customer_service', 'auditor'] as const;

@Controller('citizens')
export class CitizensController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(ACCESS_LOG) private readonly accessLog: AccessLog,
  ) {}

  @Post()
  @Allow('caseworker')
  @HttpCode(201)
  @ApiCreatedResponse({ standardSchema: citizenRegisteredAnswer })
  async register(
    @ValidBody(registerBody) body: z.infer<typeof registerBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.commands.execute(new RegisterCitizenRequest(principal, commandContext(request, principal), body));
  }

  @Get()
  @Allow(...MUNICIPAL_AND_SUPPLIER)
  @ReadsFrom('citizens', 'grants')
  @ApiOkResponse({ standardSchema: citizenSearchAnswer })
  async search(@ValidQuery(searchQuery) query: z.infer<typeof searchQuery>, @CurrentPrincipal() principal: Principal) {
    return this.queries.execute(new SearchCitizens(principal, query, copenhagenDate(new Date())));
  }

  /** The full record, with the full CPR number: the look-up is recorded with its purpose (DOMAIN §7). */
  @Get(':id')
  @Allow(...MUNICIPAL_AND_SUPPLIER, 'citizen')
  @ReadsFrom('citizens')
  @ApiOkResponse({ standardSchema: citizenProfileAnswer })
  async get(
    @ValidParams(citizenIdParam) { id }: { id: string },
    @ValidQuery(profileQuery) { purpose }: z.infer<typeof profileQuery>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    const profile = await this.queries.execute(new GetCitizen(principal, id));
    if (!profile) throw notFound('Citizen not found');
    // An erased citizen's record is still opened (and logged), but it shows no CPR number.
    await this.accessLog.recordOpened(commandContext(request, principal), id, purpose, !profile.erased);
    return profile;
  }

  /** DOMAIN §2.3. The effects on the grant, the orders and the CPR number follow in the same request. */
  @Post(':id/status')
  @Allow('caseworker', 'nurse')
  @HttpCode(200)
  @ApiOkResponse({ standardSchema: commandAnswer })
  changeStatus(
    @ValidParams(citizenIdParam) { id }: { id: string },
    @ValidBody(statusBody) body: z.infer<typeof statusBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.commands.execute(new ChangeCitizenStatusRequest(principal, commandContext(request, principal), id, body.status, body.reason ?? null));
  }

  @Post(':id/reopen')
  @Allow('customer_service')
  @HttpCode(200)
  reopen(
    @ValidParams(citizenIdParam) { id }: { id: string },
    @ValidBody(reopenBody) body: z.infer<typeof reopenBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.commands.execute(new ReopenCitizenRequest(principal, commandContext(request, principal), id, body.reason));
  }

  /** DOMAIN §2.4: a set-password link for the citizen's webshop login, to the citizen's e-mail address. */
  @Post(':id/webshop-password-reset')
  @Allow('caseworker', 'customer_service')
  @ReadsFrom('citizens')
  @HttpCode(202)
  async webshopPasswordReset(@ValidParams(citizenIdParam) { id }: { id: string }, @CurrentPrincipal() principal: Principal): Promise<void> {
    if (!(await this.queries.execute(new GetCitizen(principal, id)))) throw notFound('Citizen not found');
    await this.commands.execute(new SendWebshopPasswordLinkRequest(id));
  }

  /**
   * DOMAIN §6: a one-time password for the webshop login of a citizen with no e-mail address, shown once in
   * this answer and changed by the citizen at the first login. Who gave it is recorded; the password is not.
   * An Idempotency-Key is ignored here, so the answer is never stored.
   */
  @Post(':id/webshop-one-time-password')
  @Allow('caseworker', 'customer_service')
  @NotReplayable()
  @ReadsFrom('citizens')
  @HttpCode(201)
  @ApiCreatedResponse({ standardSchema: webshopOneTimePasswordAnswer })
  issueWebshopOneTimePassword(
    @ValidParams(citizenIdParam) { id }: { id: string },
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.commands.execute(new IssueWebshopOneTimePasswordRequest(principal, commandContext(request, principal), id));
  }

  /** A new webshop username, unique across every login (409 USERNAME_TAKEN); the citizen logs in with it from now on. */
  @Put(':id/webshop-username')
  @Allow('caseworker', 'customer_service')
  @ApiOkResponse({ standardSchema: commandAnswer })
  changeWebshopUsername(
    @ValidParams(citizenIdParam) { id }: { id: string },
    @ValidBody(webshopUsernameBody) body: z.infer<typeof webshopUsernameBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.commands.execute(new ChangeWebshopUsernameRequest(principal, commandContext(request, principal), id, body.webshopUsername));
  }

  @Put(':id/cpr')
  @Allow('caseworker', 'customer_service')
  changeCpr(
    @ValidParams(citizenIdParam) { id }: { id: string },
    @ValidBody(cprBody) body: z.infer<typeof cprBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.commands.execute(new ChangeCitizenCprRequest(principal, commandContext(request, principal), id, body));
  }

  @Patch(':id')
  @Allow('caseworker', 'nurse', 'orderer', 'customer_service')
  @ApiOkResponse({ standardSchema: commandAnswer })
  async change(
    @ValidParams(citizenIdParam) { id }: { id: string },
    @ValidBody(changeBody) body: z.infer<typeof changeBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.commands.execute(new ChangeCitizenContactDetailsRequest(principal, commandContext(request, principal), id, body));
  }
}
