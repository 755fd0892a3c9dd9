import type { ProjectedEvent } from '../../kernel/projection.js';
import type { Reaction, ReactionSubscription } from '../../kernel/reaction.js';
import { systemContextFor, type CitizenLifecycle } from './citizen-lifecycle.js';
import type { CitizenEvent } from '../../citizens/citizen.events.js';

/**
 * Carries a citizen's lifecycle events over to the grant, the orders and the CPR registry from the log
 * (citizen-lifecycle.ts), so the effects happen even if the request that changed the status died right after
 * its event. Dated by the event: a line inactivated hours later (after a crash) still ends on the day of the
 * status change.
 */
export const CITIZEN_LIFECYCLE: ReactionSubscription = {
  name: 'citizen-lifecycle',
  handles: ['CitizenStatusChanged', 'CitizenRemoved', 'CitizenReopened', 'CitizenCprChanged', 'CitizenWebshopUsernameChanged'],
};

export function citizenLifecycleReaction(lifecycle: CitizenLifecycle): Reaction {
  return {
    ...CITIZEN_LIFECYCLE,
    async react(event) {
      const context = systemContextFor(event.eventId, event.metadata.correlationId, new Date(event.metadata.occurredAt));
      await lifecycle.applyEffects(event as ProjectedEvent & CitizenEvent, event.revision, context);
    },
  };
}
