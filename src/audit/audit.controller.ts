import { Controller, Get, Inject, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse } from '@nestjs/swagger';
import { accessLogAnswer, accessLogExtractAnswer, citizenHistoryAnswer } from './audit.answers.js';
import { ACCESS_LOG, type AccessLog } from '../kernel/access-log.port.js';
import { z } from 'zod';
import { Allow, CurrentPrincipal, type AuthenticatedRequest } from '../http/auth.decorators.js';
import { commandContext } from '../http/request-context.js';
import { idParam, text } from '../http/schemas.js';
import { ValidParams, ValidQuery } from '../http/zod-pipe.js';
import type { Principal } from '../kernel/principal.js';
import { notFound } from '../shared/domain-error.js';
import { GetCitizenAccessLog, GetCitizenAccessLogExtract, GetCitizenHistory } from './audit.queries.js';

/** The purpose recorded for a history read that names none. */
export const HISTORY_PURPOSE = 'Hændelseshistorik';

// `consistentWith` passes these schemas (unknown keys are dropped) and is otherwise ignored: these routes read
// the event store, not a read model, so they declare no @ReadsFrom and the read-your-writes wait never applies.
const historyQuery = z.object({
  purpose: text(200).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(100),
});

const accessLogQuery = z
  .object({ from: z.iso.date().optional(), to: z.iso.date().optional() })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ['from'], message: 'from must not be after to' });

const citizenIdParam = idParam('id');

/** DOMAIN §6 "event history": customer service and auditors (of every municipality, removed citizens included). */
const AUDITING = ['auditor', 'customer_service'] as const;

/** History and audit (DOMAIN §7, API.md "Audit" and the access-log row of "Citizens"). */
@Controller('citizens/:id')
export class AuditController {
  constructor(
    @Inject(ACCESS_LOG) private readonly openings: AccessLog,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  /** Reading the history opens the citizen's record, so it is access-logged with its purpose before it is answered. */
  @Get('history')
  @Allow(...AUDITING)
  @ApiOkResponse({ standardSchema: citizenHistoryAnswer })
  async history(
    @ValidParams(citizenIdParam) { id }: { id: string },
    @ValidQuery(historyQuery) query: z.infer<typeof historyQuery>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    const page = await this.queries.execute(new GetCitizenHistory(principal, id, query.page, query.pageSize));
    if (!page) throw notFound('Citizen not found');
    await this.openings.recordOpened(commandContext(request, principal), id, query.purpose ?? HISTORY_PURPOSE, false);
    return page;
  }

  @Get('access-log')
  @Allow(...AUDITING)
  @ApiOkResponse({ standardSchema: accessLogAnswer })
  async accessLog(
    @ValidParams(citizenIdParam) { id }: { id: string },
    @ValidQuery(accessLogQuery) range: z.infer<typeof accessLogQuery>,
    @CurrentPrincipal() principal: Principal,
  ) {
    const log = await this.queries.execute(new GetCitizenAccessLog(principal, id, range));
    if (!log) throw notFound('Citizen not found');
    return log;
  }

  /** GDPR Art. 15: the citizen may see when and why their record was opened, not by whom (DOMAIN §7). */
  @Get('access-log/extract')
  @Allow(...AUDITING, 'citizen')
  @ApiOkResponse({ standardSchema: accessLogExtractAnswer })
  async extract(@ValidParams(citizenIdParam) { id }: { id: string }, @CurrentPrincipal() principal: Principal) {
    const extract = await this.queries.execute(new GetCitizenAccessLogExtract(principal, id));
    if (!extract) throw notFound('Citizen not found');
    return extract;
  }
}
