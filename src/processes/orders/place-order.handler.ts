import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { citizenDecider, citizenScope, citizenStream } from '../../citizens/citizen.decider.js';
import { grantDecider, grantStream } from '../../grants/grant.decider.js';
import { assertCanSeeCitizen } from '../../kernel/access-policy.js';
import { COMMAND_RUNNER, type CommandRunner } from '../../kernel/command-runner.js';
import { orderDecider, orderStream } from '../../orders/order.decider.js';
import type { OrderChannel } from '../../orders/order.events.js';
import { PlaceOrderRequest } from '../../orders/order.requests.js';
import type { Role } from '../../shared/actor.js';
import { DomainError } from '../../shared/domain-error.js';
import { deterministicUuid } from '../../shared/ids.js';
import { copenhagenDate } from '../../shared/time.js';
import { orderLinesOf } from './order-accounting.js';
import { OrderWorkflow } from './order-workflow.js';

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
@CommandHandler(PlaceOrderRequest)
export class PlaceOrderHandler implements ICommandHandler<PlaceOrderRequest> {
  constructor(
    @Inject(COMMAND_RUNNER) private readonly runner: CommandRunner,
    @Inject(OrderWorkflow) private readonly workflow: OrderWorkflow,
  ) {}

  async execute({ principal, context, citizenId, input }: PlaceOrderRequest) {
    const { state: citizen } = await this.runner.load(citizenStream(citizenId), citizenDecider);
    if (citizen.status !== 'registered') throw new DomainError('not_found', 'NOT_FOUND', 'Citizen not found');
    assertCanSeeCitizen(principal, citizenScope(citizen));

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
          lines: orderLinesOf(input.lines, grant.state),
        },
      },
      context,
      // A new stream (the id derives from the command id): only a retried request finds it written already.
      createsStream: true,
      retriesOnConflict: 0,
    });
    return { orderId, orderNumber, position: order.position };
  }
}
