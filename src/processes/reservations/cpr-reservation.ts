import { citizenDecider, citizenStream } from '../../citizens/citizen.decider.js';
import { isRemovalStatus } from '../../citizens/citizen.events.js';
import { cprRegistryDecider, cprRegistryStream, type CprRegistryCommand, type CprRegistryState } from '../../citizens/cpr-registry.decider.js';
import { again, type PreparedReservation } from './reservations.js';
import type { CommandContext } from '../../kernel/command-context.js';
import type { CommandRunner } from '../../kernel/command-runner.js';
import type { Pseudonymizer } from '../../shared/pseudonym.js';

export const cprStreamOf = (pseudonyms: Pseudonymizer, cpr: string): string => cprRegistryStream(pseudonyms.hash('cpr', cpr));

/**
 * Reserves a CPR number for a citizen in its registry stream (DOMAIN §2.1 uniqueness): on registering, on a CPR
 * change and on reopening. `prepare` reads the registry and decides on it, so CPR_ALREADY_REGISTERED /
 * CPR_REGISTERED_ELSEWHERE is thrown before the command writes anything; the step it returns writes the
 * reservation. The citizen's own reservation is found again (a retry); one whose holder never came to hold the
 * number is taken over once it has lapsed (shared/reservation.ts).
 */
export async function prepareCprReservation(
  runner: CommandRunner,
  pseudonyms: Pseudonymizer,
  cpr: string,
  citizenId: string,
  municipalityId: string,
  context: CommandContext,
): Promise<PreparedReservation> {
  const streamName = cprStreamOf(pseudonyms, cpr);
  const loaded = await runner.load(streamName, cprRegistryDecider);
  const seen = loaded.state.status === 'held' ? loaded.state.citizenId : null;
  const seenClaims = seen === null ? true : await cprHolderClaims(runner, pseudonyms, streamName, seen);
  // Checked for the holder seen now; a holder that appears after is not checked and so counts as claiming.
  const command = (state: CprRegistryState): CprRegistryCommand => ({
    type: 'ReserveCpr',
    data: {
      citizenId,
      municipalityId,
      now: context.now.toISOString(),
      holderClaims: state.status === 'held' && state.citizenId === seen ? seenClaims : true,
    },
  });
  cprRegistryDecider.decide(command(loaded.state), loaded.state);
  const reservingContext = again(context, streamName, loaded.commands, loaded.revision);
  return async () => {
    await runner.run({ streamName, decider: cprRegistryDecider, command, context: reservingContext, loaded });
  };
}

/** Whether the citizen holding a CPR reservation holds the number: registered with it and not removed (a removal releases it). */
export async function cprHolderClaims(runner: CommandRunner, pseudonyms: Pseudonymizer, streamName: string, citizenId: string): Promise<boolean> {
  const { state } = await runner.load(citizenStream(citizenId), citizenDecider);
  return state.status === 'registered' && !isRemovalStatus(state.citizenStatus) && cprStreamOf(pseudonyms, state.cpr) === streamName;
}
