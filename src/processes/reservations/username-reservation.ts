import { citizenDecider, citizenStream } from '../../citizens/citizen.decider.js';
import { isRemovalStatus } from '../../citizens/citizen.events.js';
import type { CommandContext } from '../../kernel/command-context.js';
import type { CommandRunner } from '../../kernel/command-runner.js';
import { userDecider, userStream } from '../../identity/user.decider.js';
import { normalizeUsername, usernameRegistryDecider, usernameStream, type UsernameCommand, type UsernameState } from '../../identity/username-registry.decider.js';
import type { Pseudonymizer } from '../../shared/pseudonym.js';
import { again, type PreparedReservation } from './reservations.js';

export const usernameStreamOf = (pseudonyms: Pseudonymizer, username: string): string => usernameStream(pseudonyms.hash('username', normalizeUsername(username)));

/**
 * Reserves a username for its owner (a new user, or a citizen's webshop login), in two steps: `prepare` reads the
 * registry and decides on it, so USERNAME_TAKEN is thrown before the command writes anything anywhere; the step it
 * returns writes the reservation (and may still be refused if another command took the name in between).
 * A reservation whose holder never came to own the name is taken over once it has lapsed (shared/reservation.ts).
 */
export async function prepareUsernameReservation(
  runner: CommandRunner,
  pseudonyms: Pseudonymizer,
  username: string,
  ownerId: string,
  context: CommandContext,
): Promise<PreparedReservation> {
  const streamName = usernameStreamOf(pseudonyms, username);
  const loaded = await runner.load(streamName, usernameRegistryDecider);
  const seen = loaded.state.holder;
  const seenClaims = seen === null ? true : await usernameHolderClaims(runner, pseudonyms, streamName, seen);
  // Whether the holder claims the name was read for the holder seen now; one that appears after is not checked
  // and so counts as claiming (never taken over on a guess).
  const command = (state: UsernameState): UsernameCommand => ({
    type: 'ReserveUsername',
    ownerId,
    now: context.now.toISOString(),
    holderClaims: state.holder === seen ? seenClaims : true,
  });
  usernameRegistryDecider.decide(command(loaded.state), loaded.state);
  const reservingContext = again(context, streamName, loaded.commands, loaded.revision);
  return async () => {
    await runner.run({ streamName, decider: usernameRegistryDecider, command, context: reservingContext, loaded });
  };
}

/**
 * Whether the username's holder owns it in their own stream: a user created with it, or a citizen registered and
 * not removed with it as their webshop username. The registry does not record which kind the holder is; the ids
 * of both derive from distinct command ids, so at most one of the two streams exists.
 */
export async function usernameHolderClaims(runner: CommandRunner, pseudonyms: Pseudonymizer, streamName: string, holderId: string): Promise<boolean> {
  const { state: user } = await runner.load(userStream(holderId), userDecider);
  if (user.status !== 'none') return usernameStreamOf(pseudonyms, user.username) === streamName;
  const { state: citizen } = await runner.load(citizenStream(holderId), citizenDecider);
  return citizen.status === 'registered' && !isRemovalStatus(citizen.citizenStatus) && usernameStreamOf(pseudonyms, citizen.webshopUsername) === streamName;
}
