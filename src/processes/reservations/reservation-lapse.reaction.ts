import { cprRegistryDecider, type CprReserved } from '../../citizens/cpr-registry.decider.js';
import type { UsernameReserved } from '../../identity/identity.events.js';
import { usernameRegistryDecider } from '../../identity/username-registry.decider.js';
import type { CommandRunner } from '../../kernel/command-runner.js';
import type { ProjectedEvent } from '../../kernel/projection.js';
import type { Reaction, ReactionSubscription } from '../../kernel/reaction.js';
import { SYSTEM_ACTOR } from '../../shared/actor.js';
import type { EventOf } from '../../shared/event-schema.js';
import { deterministicUuid } from '../../shared/ids.js';
import type { Pseudonymizer } from '../../shared/pseudonym.js';
import { RESERVATION_GRACE_MS } from '../../shared/reservation.js';
import { cprHolderClaims } from './cpr-reservation.js';
import { usernameHolderClaims } from './username-reservation.js';

/**
 * A reservation whose owner never came (the registration, user creation, CPR or username change or reopening that
 * made it died, or failed, between its appends, and was not repeated) must not block anyone, nor show a CPR
 * number or a username as taken by nobody. The next command that wants the value takes it over; this reaction ends
 * the ones nobody asks for: each reservation is looked at once it is older than the grace period
 * (shared/reservation.ts), and if it is still the registry's current one and its holder does not claim the value,
 * it lapses (CprReservationLapsed, UsernameReservationLapsed). The registry's decider makes the decision, so a
 * reservation renewed or completed meanwhile is left alone; the command id derives from the reservation's event,
 * so a second delivery writes nothing.
 */
/** Looked at a second past the grace period: by then the registry's decider, on the same clock, finds the reservation lapsed. */
export const RESERVATION_LAPSE: ReactionSubscription = { name: 'reservation-lapse', handles: ['CprReserved', 'UsernameReserved'], delayMs: RESERVATION_GRACE_MS + 1_000 };

export function reservationLapseReaction(runner: CommandRunner, pseudonyms: Pseudonymizer, clock: () => Date): Reaction {
  return {
    ...RESERVATION_LAPSE,
    async react(event) {
      const now = clock();
      const context = {
        commandId: deterministicUuid(event.eventId, RESERVATION_LAPSE.name),
        correlationId: event.metadata.correlationId,
        causationId: event.eventId,
        actor: SYSTEM_ACTOR,
        now,
      };
      const { streamName } = event;
      if (event.type === 'CprReserved') {
        const { citizenId, reservedAt } = (event as ProjectedEvent & CprReserved).data;
        const loaded = await runner.load(streamName, cprRegistryDecider);
        // Only the registry's current reservation can lapse; one since completed, renewed or ended is not this one.
        if (loaded.state.status !== 'held' || loaded.state.citizenId !== citizenId || loaded.state.reservedAt !== reservedAt) return;
        const holderClaims = await cprHolderClaims(runner, pseudonyms, streamName, citizenId);
        if (holderClaims) return;
        await runner.run({
          streamName,
          decider: cprRegistryDecider,
          command: { type: 'LapseCprReservation', data: { citizenId, now: now.toISOString(), holderClaims } },
          context,
          loaded,
        });
        return;
      }
      if (event.type !== 'UsernameReserved') return;
      const { ownerId, reservedAt } = (event as ProjectedEvent & EventOf<typeof UsernameReserved>).data;
      const loaded = await runner.load(streamName, usernameRegistryDecider);
      if (loaded.state.holder !== ownerId || loaded.state.reservedAt !== (reservedAt ?? null)) return;
      const holderClaims = await usernameHolderClaims(runner, pseudonyms, streamName, ownerId);
      if (holderClaims) return;
      await runner.run({
        streamName,
        decider: usernameRegistryDecider,
        command: { type: 'LapseUsernameReservation', ownerId, now: now.toISOString(), holderClaims },
        context,
        loaded,
      });
    },
  };
}
