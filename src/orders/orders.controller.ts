import { Controller, Get, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse } from '@nestjs/swagger';
import { z } from 'zod';
import { addMonths } from '../grants/windows.js';
import { Allow, CurrentPrincipal, type AuthenticatedRequest } from '../http/auth.decorators.js';
import { ReadsFrom } from '../http/read-your-writes.js';
import { commandContext } from '../http/request-context.js';
import { commandAnswer, idParam, optionalText, pageQuery, text } from '../http/schemas.js';
import { ValidBody, ValidParams, ValidQuery } from '../http/zod-pipe.js';
import type { Principal } from '../kernel/principal.js';
import { DomainError, notFound } from '../shared/domain-error.js';
import { UUID_PATTERN } from '../shared/ids.js';
import { copenhagenDate } from '../shared/time.js';
import { FULFILMENT_TYPES } from './order.decider.js';
import { CancelOrderRequest, PlaceOrderRequest, ReportFulfilmentRequest } from './order.requests.js';
import { GetCitizenOrders, GetOrder, ORDER_SORTS } from './order.queries.js';
import { orderDetailAnswer, orderHistoryAnswer, orderPlacedAnswer } from './orders.answers.js';

const uuid = z.string().regex(UUID_PATTERN, 'must be a UUID');
/** Any number passes here: whether it is a whole number within the caps is the domain's rule (grant.decider.ts). */
const salesUnits = z.number();

const placeOrderBody = z.object({
  lines: z.array(z.object({ lineId: uuid, salesUnits })).min(1).max(100),
  remarks: optionalText(1000),
});

const historyQuery = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    q: z.string().trim().max(200).optional(),
    sort: z.enum(ORDER_SORTS).default('-orderDate'),
    ...pageQuery,
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, { path: ['from'], message: 'from must not be after to' });

const cancelBody = z.object({ reason: text(500) });

const fulfilmentBody = z.object({
  type: z.enum(FULFILMENT_TYPES),
  lines: z.array(z.object({ itemNumber: text(40), salesUnits })).min(1).max(200).optional(),
  invoiceNumber: text(100).optional(),
  creditNoteNumber: text(100).optional(),
  at: z.iso.datetime({ offset: true }),
});

const orderParams = idParam('orderId');
const ORDERING = ['caseworker', 'nurse', 'orderer', 'customer_service', 'citizen'] as const;
/** DOMAIN §6 "order history": the municipality's users, the citizen their own, customer service, auditors. */
const READING = [...ORDERING, 'auditor'] as const;

/** Orders (DOMAIN §5, API.md "Orders"): placing, the order history, cancelling, and the ERP's fulfilment reports. */
@Controller()
export class OrdersController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
  ) {}

  @Post('citizens/:id/orders')
  @Allow(...ORDERING)
  @HttpCode(201)
  @ApiCreatedResponse({ standardSchema: orderPlacedAnswer })
  place(
    @ValidParams(idParam('id')) { id }: { id: string },
    @ValidBody(placeOrderBody) body: z.infer<typeof placeOrderBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.commands.execute(new PlaceOrderRequest(principal, commandContext(request, principal), id, body));
  }

  @Get('citizens/:id/orders')
  @Allow(...READING)
  @ReadsFrom('orders', 'citizens')
  @ApiOkResponse({ standardSchema: orderHistoryAnswer })
  async history(
    @ValidParams(idParam('id')) { id }: { id: string },
    @ValidQuery(historyQuery) query: z.infer<typeof historyQuery>,
    @CurrentPrincipal() principal: Principal,
  ) {
    // Default period: the last month, up to today (DOMAIN §5).
    const to = query.to ?? copenhagenDate(new Date());
    const from = query.from ?? addMonths(to, -1);
    const page = await this.queries.execute(new GetCitizenOrders(principal, id, { ...query, from, to, q: query.q || undefined }));
    if (!page) throw notFound('Citizen not found');
    // The period searched, so that a page that asked for the default can show which dates that was.
    return { ...page, from, to };
  }

  @Get('orders/:orderId')
  @Allow(...READING)
  @ReadsFrom('orders', 'citizens')
  @ApiOkResponse({ standardSchema: orderDetailAnswer })
  async order(@ValidParams(orderParams) { orderId }: { orderId: string }, @CurrentPrincipal() principal: Principal) {
    const order = await this.queries.execute(new GetOrder(principal, orderId));
    if (!order) throw new DomainError('not_found', 'ORDER_NOT_FOUND', 'Order not found');
    return order;
  }

  @Post('orders/:orderId/cancel')
  @Allow('caseworker', 'nurse', 'orderer', 'customer_service')
  @HttpCode(200)
  @ApiOkResponse({ standardSchema: commandAnswer })
  cancel(
    @ValidParams(orderParams) { orderId }: { orderId: string },
    @ValidBody(cancelBody) body: z.infer<typeof cancelBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    return this.commands.execute(new CancelOrderRequest(principal, commandContext(request, principal), orderId, body.reason));
  }

  @Post('orders/:orderId/fulfilment')
  @Allow('integration')
  @HttpCode(200)
  fulfilment(
    @ValidParams(orderParams) { orderId }: { orderId: string },
    @ValidBody(fulfilmentBody) body: z.infer<typeof fulfilmentBody>,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
  ) {
    const report = { ...body, at: new Date(body.at).toISOString() };
    return this.commands.execute(new ReportFulfilmentRequest(principal, commandContext(request, principal), orderId, report));
  }
}
