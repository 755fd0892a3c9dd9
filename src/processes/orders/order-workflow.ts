import type { Position } from '../../kernel/event-store.port.js';
import type { CommandContext } from '../../kernel/command-context.js';
import { Inject, Injectable } from '@nestjs/common';
import { COMMAND_RUNNER, type CommandRunner } from '../../kernel/command-runner.js';
import { grantDecider, grantStream } from '../../grants/grant.decider.js';
import { DomainError } from '../../shared/domain-error.js';
import { deterministicUuid } from '../../shared/ids.js';
import { grantAccountingFor } from './order-accounting.js';
import { orderNumberCandidate, orderNumberDecider, orderNumberStream } from '../../orders/order-number.js';
import type { OrderEvent } from '../../orders/order.events.js';

/**
 * The steps of an order that span streams, shared by the HTTP commands (which take them at once, so that a
 * caller reads its own writes) and the reactions (which take them from the log, so that they happen even if
 * the request died half-way). Every step is idempotent: its command id derives from what caused it.
 */
@Injectable()
export class OrderWorkflow {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  /** Reserves a unique order number (order-number.ts); a retry of the same order finds its own again. */
  async reserveOrderNumber(orderId: string, orderDate: string, context: CommandContext): Promise<string> {
    const MAX_ATTEMPTS = 20;
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const orderNumber = orderNumberCandidate(orderId, orderDate, attempt);
      try {
        await this.runner.run({
          streamName: orderNumberStream(orderNumber),
          decider: orderNumberDecider,
          command: { type: 'ReserveOrderNumber', data: { orderNumber, orderId } },
          context: { ...context, commandId: deterministicUuid(orderId, 'order-number', String(attempt)) },
          // Nearly always free: a number taken (or this order's own, on a retry) shows as a conflict, then it is read.
          createsStream: true,
        });
        return orderNumber;
      } catch (error) {
        if (!(error instanceof DomainError && error.code === 'ORDER_NUMBER_TAKEN')) throw error;
      }
    }
    // A million numbers a day and twenty draws: reached only if the day's numbers are nearly all taken.
    throw new Error('No free order number found');
  }

  /**
   * Carries an order event over to the grant (order-accounting.ts). `revision` is the event's revision in the
   * order stream: with the order id it names the event, so the HTTP command and the reaction run the same command.
   */
  async applyToGrant(event: OrderEvent, revision: number, context: CommandContext): Promise<Position | null> {
    const command = grantAccountingFor(event);
    if (!command) return null;
    const result = await this.runner.run({
      streamName: grantStream(event.data.citizenId),
      decider: grantDecider,
      command,
      context: { ...context, commandId: deterministicUuid(event.data.orderId, String(revision), 'grant-accounting') },
      retriesOnConflict: 10,
    });
    return result.position;
  }
}
