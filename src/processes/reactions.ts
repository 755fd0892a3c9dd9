import type { Reaction, ReactionSubscription } from '../kernel/reaction.js';
import type { CitizenLifecycle } from './citizen-lifecycle/citizen-lifecycle.js';
import { CITIZEN_LIFECYCLE, citizenLifecycleReaction } from './citizen-lifecycle/citizen-lifecycle.reaction.js';
import type { OrderWorkflow } from './orders/order-workflow.js';
import { ORDER_ACCOUNTING, ORDER_RECONCILIATION, orderAccountingReaction, orderReconciliationReaction } from './orders/order.reactions.js';
import type { CommandRunner } from '../kernel/command-runner.js';
import type { Pseudonymizer } from '../shared/pseudonym.js';
import { RESERVATION_LAPSE, reservationLapseReaction } from './reservations/reservation-lapse.reaction.js';

export interface ReactionDependencies {
  readonly runner: CommandRunner;
  readonly pseudonyms: Pseudonymizer;
  readonly lifecycle: CitizenLifecycle;
  readonly orders: OrderWorkflow;
  readonly clock: () => Date;
  /** ORDER_ABANDON_AFTER_SECONDS, in milliseconds. */
  readonly abandonOrderAfterMs: number;
}

/** Every reaction the service runs: the effects of events on other streams, driven by the log. */
export const allReactions = ({ runner, pseudonyms, lifecycle, orders, clock, abandonOrderAfterMs }: ReactionDependencies): Reaction[] => [
  citizenLifecycleReaction(lifecycle),
  orderAccountingReaction(orders, clock),
  orderReconciliationReaction(runner, clock, abandonOrderAfterMs),
  reservationLapseReaction(runner, pseudonyms, clock),
];

/** What every reaction follows in the log, without building them (for checks of their checkpoints). */
export const REACTION_SUBSCRIPTIONS: readonly ReactionSubscription[] = [CITIZEN_LIFECYCLE, ORDER_ACCOUNTING, ORDER_RECONCILIATION, RESERVATION_LAPSE];

export const REACTIONS = Symbol('Reactions');
