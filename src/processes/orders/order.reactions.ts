import type { ProjectedEvent } from '../../kernel/projection.js';
import type { CommandRunner } from '../../kernel/command-runner.js';
import type { Reaction, ReactionSubscription } from '../../kernel/reaction.js';
import { SYSTEM_ACTOR } from '../../shared/actor.js';
import { deterministicUuid } from '../../shared/ids.js';
import type { GrantOrderPlaced } from '../../grants/grant.events.js';
import { GRANT_ACCOUNTED_ORDER_EVENTS } from './order-accounting.js';
import { orderDecider, orderStream } from '../../orders/order.decider.js';
import type { OrderEvent } from '../../orders/order.events.js';
import type { OrderWorkflow } from './order-workflow.js';

/** The context of a command a reaction runs: the system's, caused by the event, in the event's correlation. */
const causedBy = (event: ProjectedEvent, name: string, now: Date) => ({
  commandId: deterministicUuid(event.eventId, name),
  correlationId: event.metadata.correlationId,
  causationId: event.eventId,
  actor: SYSTEM_ACTOR,
  now,
});

/**
 * Carries every order event that changes what counts on the grant over to the grant stream (order-accounting.ts).
 * The HTTP command does the same at once; whichever comes second finds the command already run.
 */
export const ORDER_ACCOUNTING: ReactionSubscription = { name: 'order-accounting', handles: GRANT_ACCOUNTED_ORDER_EVENTS };

export function orderAccountingReaction(workflow: OrderWorkflow, clock: () => Date): Reaction {
  return {
    ...ORDER_ACCOUNTING,
    async react(event) {
      await workflow.applyToGrant(event as ProjectedEvent & OrderEvent, event.revision, causedBy(event, 'order-accounting', clock()));
    },
  };
}

/**
 * An order counted on the grant whose own stream still does not exist after `delayMs` (ORDER_ABANDON_AFTER_SECONDS) was never
 * completed (the request died between its writes and was not retried). It is abandoned: OrderAbandoned claims
 * the order's stream — so a very late retry is refused rather than creating the order after its units were
 * given back — and the accounting reaction then gives the units back.
 */
export const ORDER_RECONCILIATION: ReactionSubscription = { name: 'order-reconciliation', handles: ['GrantOrderPlaced'] };

export function orderReconciliationReaction(runner: CommandRunner, clock: () => Date, delayMs: number): Reaction {
  return {
    ...ORDER_RECONCILIATION,
    delayMs,
    async react(event) {
      const { citizenId, orderId, lines } = (event as ProjectedEvent & GrantOrderPlaced).data;
      await runner.run({
        streamName: orderStream(orderId),
        decider: orderDecider,
        command: { type: 'AbandonOrder', data: { orderId, citizenId, lines: lines.map(({ lineId, salesUnits }) => ({ lineId, salesUnits })) } },
        context: causedBy(event, 'order-reconciliation', clock()),
      });
    },
  };
}
