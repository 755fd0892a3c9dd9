import { citizenLifecycleReaction } from '../citizens/citizen-lifecycle.reaction.js';
import type { Config } from '../config/config.js';
import type { CommandRunner } from '../infrastructure/commands/command-runner.js';
import type { Reaction } from '../infrastructure/reactions/reaction.js';
import { orderAccountingReaction, orderReconciliationReaction } from '../orders/order.reactions.js';
import type { Pseudonymizer } from '../shared/pseudonym.js';

/** Every reaction the service runs: the effects of events on other streams, driven by the log. */
export const allReactions = (
  runner: CommandRunner,
  pseudonyms: Pseudonymizer,
  clock: () => Date,
  config: Pick<Config, 'ORDER_ABANDON_AFTER_SECONDS'>,
): Reaction[] => [
  citizenLifecycleReaction(runner, pseudonyms),
  orderAccountingReaction(runner, clock),
  orderReconciliationReaction(runner, clock, config.ORDER_ABANDON_AFTER_SECONDS * 1000),
];
