import { Controller, Get, HttpCode, Inject, Patch, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { Allow, CurrentPrincipal, type AuthenticatedRequest } from '../http/auth.decorators.js';
import { commandContext } from '../http/request-context.js';
import { ReadsFrom } from '../http/read-your-writes.js';
import { idParam } from '../http/schemas.js';
import { ValidBody, ValidParams, ValidQuery } from '../http/zod-pipe.js';
import type { Principal } from '../kernel/principal.js';
import type { Role } from '../shared/actor.js';
import { forbidden, notFound, validationFailed } from '../shared/domain-error.js';
import { UUID_PATTERN } from '../shared/ids.js';
import { copenhagenDate } from '../shared/time.js';
import { allowanceInputSchema, MAX_RATE_QUANTITY, PERIOD_MONTHS, RATE_UNITS } from './allowance.js';
import { allowanceCalculationAnswer, grantAnswer, lineAddedAnswer, lineChangedAnswer, lineReactivatedAnswer } from './grant.answers.js';
import { AddGrantLineRequest, ChangeGrantLineRequest, ReactivateGrantLineRequest } from './grant.requests.js';
import { LINE_KINDS } from './grant.events.js';
import { CalculateAllowance, GetGrant, GetGrantAsOf } from './grant.queries.js';

const itemNumber = z.string().trim().min(1).max(40);
const isoDate = z.iso.date();

const calculationBody = z.object({
  quantity: z.number().int().positive().max(MAX_RATE_QUANTITY),
  per: z.enum(RATE_UNITS),
  periodMonths: z.literal(PERIOD_MONTHS),
  itemNumber,
});

const addLineBody = z.object({
  itemNumber,
  grantArea: z.string().trim().min(1).max(100),
  kind: z.enum(LINE_KINDS),
  startDate: isoDate.optional(),
  endDate: isoDate.nullable().optional(),
  allowance: allowanceInputSchema.nullable().optional(),
});

const changeLineBody = z
  .object({
    status: z.literal('INACTIVE').optional(),
    reason: z.string().trim().min(1).max(500).optional(),
    /** One-time ↔ continuous: a new kind grants the item anew on a new line (its id is in the answer). */
    kind: z.enum(LINE_KINDS).optional(),
    allowance: allowanceInputSchema.nullable().optional(),
    endDate: isoDate.nullable().optional(),
  })
  .refine((body) => body.status !== undefined || body.kind !== undefined || body.allowance !== undefined || body.endDate !== undefined, 'give status, kind, allowance or endDate')
  .refine((body) => body.status === undefined || body.kind === undefined, { path: ['kind'], message: 'a line is inactivated or given a new kind, not both' });

const reactivateBody = z.object({ allowance: allowanceInputSchema.nullable().optional() });

const grantQuery = z.object({
  includeInactive: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((value) => value === 'true' || value === '1'),
  /** DOMAIN §7: the grant as it was at this instant (auditors and customer service); an instant with its offset. */
  asOf: z.iso.datetime({ offset: true }).optional(),
});

/** DOMAIN §6 "event history and grant as of a past time". */
const AS_OF_ROLES: readonly Role[] = ['customer_service', 'auditor'];

const uuid = z.string().regex(UUID_PATTERN, 'must be a UUID');
const lineParams = z.object({ id: uuid, lineId: uuid });
const GRANTING = ['caseworker', 'nurse'] as const;

/** Grant lines, the allowance calculator and the grant overview (DOMAIN §4). */
@Controller()
export class GrantsController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Post('allowance-calculations')
  @Allow(...GRANTING, 'customer_service')
  @HttpCode(200)
  @ApiOkResponse({ standardSchema: allowanceCalculationAnswer })
  calculate(@ValidBody(calculationBody) body: z.infer<typeof calculationBody>) {
    return this.queries.execute(new CalculateAllowance(body));
  }

  @Get('citizens/:id/grant')
  @Allow('caseworker', 'nurse', 'orderer', 'customer_service', 'auditor', 'citizen')
  @ReadsFrom('grants', 'citizens', 'products')
  @ApiOkResponse({ standardSchema: grantAnswer })
  async grant(
    @ValidParams(idParam('id')) { id }: { id: string },
    @ValidQuery(grantQuery) query: z.infer<typeof grantQuery>,
    @CurrentPrincipal() principal: Principal,
  ) {
    if (query.asOf !== undefined) return this.grantAsOf(principal, id, query.includeInactive, query.asOf);
    const view = await this.queries.execute(new GetGrant(principal, id, query.includeInactive, copenhagenDate(new Date())));
    if (!view) throw notFound('Citizen not found');
    return view;
  }

  /**
   * The grant as it was at `asOf`, folded from the events (GetGrantAsOf). The role is checked first: others may
   * see the grant, but not ask about the past. An instant in the future is refused (400), since events may still
   * be recorded before it; "now" is the store's clock domain (wall clock), not a request's `receivedAt`.
   */
  private async grantAsOf(principal: Principal, citizenId: string, includeInactive: boolean, asOf: string) {
    if (!AS_OF_ROLES.includes(principal.role)) throw forbidden('FORBIDDEN', 'Only auditors and customer service see a grant as of a past time');
    const instant = new Date(asOf);
    if (instant.getTime() > Date.now()) throw validationFailed([{ path: 'query.asOf', code: 'too_big', message: 'Must not be in the future' }]);
    const view = await this.queries.execute(new GetGrantAsOf(principal, citizenId, includeInactive, instant));
    if (!view) throw notFound('Citizen not found');
    return view;
  }

  @Post('citizens/:id/grant/lines')
  @Allow(...GRANTING)
  @HttpCode(201)
  @ApiCreatedResponse({ standardSchema: lineAddedAnswer })
  addLine(
    @ValidParams(idParam('id')) { id }: { id: string },
    @ValidBody(addLineBody) body: z.infer<typeof addLineBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.commands.execute(new AddGrantLineRequest(principal, commandContext(request, principal), id, body));
  }

  @Patch('citizens/:id/grant/lines/:lineId')
  @Allow(...GRANTING)
  @ApiOkResponse({ standardSchema: lineChangedAnswer })
  changeLine(
    @ValidParams(lineParams) { id, lineId }: z.infer<typeof lineParams>,
    @ValidBody(changeLineBody) body: z.infer<typeof changeLineBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.commands.execute(new ChangeGrantLineRequest(principal, commandContext(request, principal), id, lineId, body));
  }

  @Post('citizens/:id/grant/lines/:lineId/reactivate')
  @Allow(...GRANTING)
  @HttpCode(200)
  @ApiOkResponse({ standardSchema: lineReactivatedAnswer })
  reactivate(
    @ValidParams(lineParams) { id, lineId }: z.infer<typeof lineParams>,
    @ValidBody(reactivateBody) body: z.infer<typeof reactivateBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.commands.execute(new ReactivateGrantLineRequest(principal, commandContext(request, principal), id, lineId, body.allowance));
  }
}
