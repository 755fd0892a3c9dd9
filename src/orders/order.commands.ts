import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { citizenDecider, citizenStream } from '../citizens/citizen.decider.js';
import type { CitizenStatus } from '../citizens/citizen.events.js';
import { grantDecider, grantStream } from '../grants/grant.decider.js';
import { findLine } from '../grants/grant.state.js';
import { assertCanSeeCitizen } from '../identity/access-policy.js';
import type { Principal } from '../identity/principal.js';
import type { CommandContext } from '../infrastructure/commands/command-context.js';
import { COMMAND_RUNNER, type CommandRunner } from '../infrastructure/commands/command-runner.js';
import type { Position } from '../infrastructure/event-store/event-store.port.js';
import { LOGGER, type Logger } from '../infrastructure/logging/logger.js';
import type { Role } from '../shared/actor.js';
import { DomainError } from '../shared/domain-error.js';
import { deterministicUuid } from '../shared/ids.js';
import { copenhagenDate } from '../shared/time.js';
import { orderDecider, orderStream, type FulfilmentReport, type OrderCommand } from './order.decider.js';
import type { OrderChannel, OrderLine } from './order.events.js';
import type { OrderState } from './order.state.js';
import { OrderWorkflow } from './order-workflow.js';

type Positioned = { position: Position | null };

export interface PlaceOrderInput {
  readonly lines: readonly { readonly lineId: string; readonly salesUnits: number }[];
  readonly remarks?: string | null;
}

export class PlaceOrderCommand extends Command<Positioned & { orderId: string; orderNumber: string }> {
  constructor(readonly principal: Principal, readonly context: CommandContext, readonly citizenId: string, readonly input: PlaceOrderInput) {
    super();
  }
}

export class CancelOrderCommand extends Command<Positioned> {
  constructor(readonly principal: Principal, readonly context: CommandContext, readonly orderId: string, readonly reason: string) {
    super();
  }
}

export class ReportFulfilmentCommand extends Command<Positioned> {
  constructor(readonly principal: Principal, readonly context: CommandContext, readonly orderId: string, readonly report: FulfilmentReport) {
    super();
  }
}

const CHANNELS: Partial<Record<Role, OrderChannel>> = { citizen: 'citizen', customer_service: 'customer_service' };

/**
 * Placing an order (DOMAIN §4.2, §5) takes three writes, in this order:
 * 1. the grant stream counts the order against the caps (PlaceGrantOrder, exact expected revision: concurrent
 *    orders for one citizen serialize there and can never together pass a cap);
 * 2. an order number is reserved;
 * 3. the order stream is created with everything the history shows.
 * Ids derive from the command id (made stable by an Idempotency-Key), so a retried request repeats nothing and
 * completes what the first one left undone. A request that died after step 1 and is never retried leaves sales
 * units counted for no order: the reconciliation reaction (order.reactions.ts) abandons such an order after a
 * while and gives them back.
 */
@CommandHandler(PlaceOrderCommand)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderCommand> {
  private readonly workflow: OrderWorkflow;
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {
    this.workflow = new OrderWorkflow(runner);
  }

  async execute({ principal, context, citizenId, input }: PlaceOrderCommand) {
    const { state: citizen } = await this.runner.load(citizenStream(citizenId), citizenDecider);
    if (citizen.status !== 'registered') throw new DomainError('not_found', 'NOT_FOUND', 'Citizen not found');
    assertCanSeeCitizen(principal, { ...citizen, status: citizen.citizenStatus });

    const orderId = deterministicUuid(context.commandId, 'order');
    const today = copenhagenDate(context.now);
    const grant = await this.runner.run({
      streamName: grantStream(citizenId),
      decider: grantDecider,
      command: {
        type: 'PlaceGrantOrder',
        data: {
          citizenId,
          actor: { role: principal.role, grantAreas: principal.grantAreas },
          citizenActive: citizen.citizenStatus === 'ACTIVE',
          today,
          orderId,
          lines: input.lines,
        },
      },
      context,
      // Safe to decide again on fresh state as often as needed: the caps are checked anew each time.
      retriesOnConflict: 20,
    });

    // A repeated command (a retry after midnight, say) answers the first run's events: its date is the order's.
    const counted = grant.events.find((event) => event.type === 'GrantOrderPlaced');
    const orderDate = counted?.type === 'GrantOrderPlaced' ? counted.data.orderDate : today;
    const orderNumber = await this.workflow.reserveOrderNumber(orderId, orderDate, context);
    const remarks = input.remarks?.trim() || null;
    const order = await this.runner.run({
      streamName: orderStream(orderId),
      decider: orderDecider,
      command: {
        type: 'PlaceOrder',
        data: {
          orderId,
          citizenId,
          municipalityId: citizen.municipalityId,
          orderNumber,
          orderDate,
          placedAt: context.now.toISOString(),
          placedBy: { userId: principal.userId, role: principal.role, name: principal.name, channel: CHANNELS[principal.role] ?? 'municipality' },
          remarks,
          deliveryAddress: citizen.address,
          lines: orderLines(input.lines, (lineId) => findLine(grant.state, lineId)),
        },
      },
      context,
      retriesOnConflict: 0,
    });
    return { orderId, orderNumber, position: order.position };
  }
}

/** One order line per grant line, in the order they were first named; a line named twice is summed. */
function orderLines(
  requested: PlaceOrderInput['lines'],
  lineOf: (lineId: string) => { itemNumber: string; productName: string | null; grantArea: string } | null,
): OrderLine[] {
  const merged = new Map<string, OrderLine>();
  for (const { lineId, salesUnits } of requested) {
    const known = merged.get(lineId);
    if (known) {
      merged.set(lineId, { ...known, salesUnits: known.salesUnits + salesUnits });
      continue;
    }
    const line = lineOf(lineId);
    // The grant just counted these lines, so each exists; a missing one would be a bug, not a client error.
    if (!line) throw new Error('An ordered grant line is missing from the grant it was counted on');
    merged.set(lineId, { lineId, itemNumber: line.itemNumber, productName: line.productName, grantArea: line.grantArea, salesUnits });
  }
  return [...merged.values()];
}

/**
 * A command on an existing order: decided on the order stream (the truth of its fulfilment), then carried over
 * to the grant at once. The order event is committed before the grant step; if that step fails, the accounting
 * reaction carries it over from the log, so the answer is still a success.
 */
abstract class OrderStepHandler {
  private readonly workflow: OrderWorkflow;
  constructor(
    protected readonly runner: CommandRunner,
    private readonly logger: Logger,
  ) {
    this.workflow = new OrderWorkflow(runner);
  }

  protected async step(principal: Principal, context: CommandContext, orderId: string, command: OrderCommand): Promise<Positioned> {
    const { state: order } = await this.runner.load(orderStream(orderId), orderDecider);
    const { state: citizen } = order.status === 'placed' ? await this.runner.load(citizenStream(order.order.citizenId), citizenDecider) : { state: null };
    const citizenStatus = citizen?.status === 'registered' ? citizen.citizenStatus : null;
    const result = await this.runner.run({
      streamName: orderStream(orderId),
      decider: orderDecider,
      command: (state: OrderState) => {
        assertCanSeeOrder(principal, state, citizenStatus);
        return command;
      },
      context,
    });
    let position = result.position;
    const firstRevision = result.revision - result.events.length + 1;
    for (const [index, event] of result.events.entries()) {
      try {
        position = (await this.workflow.applyToGrant(event, firstRevision + index, context)) ?? position;
      } catch (error) {
        this.logger.warn({ orderId, eventType: event.type, error: error instanceof Error ? error.message : String(error) }, 'grant accounting deferred to the reaction');
      }
    }
    return { position };
  }
}

/** Another municipality's order, or a removed citizen's, answers 404, as the citizen would (DOMAIN §2.3, §6). */
function assertCanSeeOrder(principal: Principal, state: OrderState, citizenStatus: CitizenStatus | null): void {
  const order = state.status === 'placed' ? state.order : null;
  if (!order || !citizenStatus) throw new DomainError('not_found', 'ORDER_NOT_FOUND', 'Order not found');
  try {
    assertCanSeeCitizen(principal, { ...order, status: citizenStatus });
  } catch {
    throw new DomainError('not_found', 'ORDER_NOT_FOUND', 'Order not found');
  }
}

@CommandHandler(CancelOrderCommand)
export class CancelOrderHandler extends OrderStepHandler implements ICommandHandler<CancelOrderCommand> {
  constructor(@Inject(COMMAND_RUNNER) runner: CommandRunner, @Inject(LOGGER) logger: Logger) {
    super(runner, logger);
  }

  execute({ principal, context, orderId, reason }: CancelOrderCommand) {
    const actor = { role: principal.role, grantAreas: principal.grantAreas };
    return this.step(principal, context, orderId, { type: 'CancelOrder', data: { orderId, actor, reason } });
  }
}

@CommandHandler(ReportFulfilmentCommand)
export class ReportFulfilmentHandler extends OrderStepHandler implements ICommandHandler<ReportFulfilmentCommand> {
  constructor(@Inject(COMMAND_RUNNER) runner: CommandRunner, @Inject(LOGGER) logger: Logger) {
    super(runner, logger);
  }

  execute({ principal, context, orderId, report }: ReportFulfilmentCommand) {
    const actor = { role: principal.role, grantAreas: principal.grantAreas };
    return this.step(principal, context, orderId, { type: 'ReportFulfilment', data: { orderId, actor, report } });
  }
}
