import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { citizenDecider, citizenStream } from '../../citizens/citizen.decider.js';
import { isRemovalStatus, type CitizenStatus } from '../../citizens/citizen.events.js';
import { assertCanSeeCitizen } from '../../kernel/access-policy.js';
import type { CommandContext } from '../../kernel/command-context.js';
import { COMMAND_RUNNER, type CommandRunner } from '../../kernel/command-runner.js';
import type { Position } from '../../kernel/event-store.port.js';
import { LOGGER, type Logger } from '../../kernel/logger.js';
import type { Principal } from '../../kernel/principal.js';
import { orderDecider, orderStream, type OrderCommand } from '../../orders/order.decider.js';
import { CancelOrderRequest, ReportFulfilmentRequest } from '../../orders/order.requests.js';
import type { OrderState } from '../../orders/order.state.js';
import { DomainError } from '../../shared/domain-error.js';
import { OrderWorkflow } from './order-workflow.js';

/**
 * A command on an existing order: decided on the order stream (the truth of its fulfilment), then carried over
 * to the grant at once. The order event is committed before the grant step; if that step fails, the accounting
 * reaction carries it over from the log, so the answer is still a success.
 */
abstract class OrderStepHandler {
  // The handlers below inherit this constructor, and Nest its injection tokens.
  constructor(
    @Inject(COMMAND_RUNNER) protected readonly runner: CommandRunner,
    @Inject(OrderWorkflow) private readonly workflow: OrderWorkflow,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  protected async step(principal: Principal, context: CommandContext, orderId: string, command: OrderCommand): Promise<{ position: Position | null }> {
    const loaded = await this.runner.load(orderStream(orderId), orderDecider);
    const order = loaded.state;
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
      loaded,
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
    assertCanSeeCitizen(principal, { citizenId: order.citizenId, municipalityId: order.municipalityId, removed: isRemovalStatus(citizenStatus) });
  } catch {
    throw new DomainError('not_found', 'ORDER_NOT_FOUND', 'Order not found');
  }
}

@CommandHandler(CancelOrderRequest)
export class CancelOrderHandler extends OrderStepHandler implements ICommandHandler<CancelOrderRequest> {
  execute({ principal, context, orderId, reason }: CancelOrderRequest) {
    const actor = { role: principal.role, grantAreas: principal.grantAreas };
    return this.step(principal, context, orderId, { type: 'CancelOrder', data: { orderId, actor, reason } });
  }
}

@CommandHandler(ReportFulfilmentRequest)
export class ReportFulfilmentHandler extends OrderStepHandler implements ICommandHandler<ReportFulfilmentRequest> {
  execute({ principal, context, orderId, report }: ReportFulfilmentRequest) {
    const actor = { role: principal.role, grantAreas: principal.grantAreas };
    return this.step(principal, context, orderId, { type: 'ReportFulfilment', data: { orderId, actor, report } });
  }
}
