import type { ProjectedEvent } from '../../projections/projection.js';
import type { CommandRunner } from '../infrastructure/commands/command-runner.js';
import type { Reaction } from '../infrastructure/reactions/reaction.js';
import type { Pseudonymizer } from '../shared/pseudonym.js';
import { CitizenLifecycle, systemContextFor } from './citizen-lifecycle.js';
import type { CitizenEvent } from './citizen.events.js';

/**
 * Carries a citizen's lifecycle events over to the grant, the orders and the CPR registry from the log
 * (citizen-lifecycle.ts), so the effects happen even if the request that changed the status died right after
 * its event. Dated by the event: a line inactivated hours later (after a crash) still ends on the day of the
 * status change.
 */
export function citizenLifecycleReaction(runner: CommandRunner, pseudonyms: Pseudonymizer): Reaction {
  const lifecycle = new CitizenLifecycle(runner, pseudonyms);
  return {
    name: 'citizen-lifecycle',
    handles: ['CitizenStatusChanged', 'CitizenRemoved', 'CitizenReopened', 'CitizenCprChanged'],
    async react(event) {
      const context = systemContextFor(event.eventId, event.metadata.correlationId, new Date(event.metadata.occurredAt));
      await lifecycle.applyEffects(event as ProjectedEvent & CitizenEvent, event.revision, context);
    },
  };
}
