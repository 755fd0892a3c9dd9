import { citizenDecider, citizenStream } from '../../citizens/citizen.decider.js';
import { cprRegistryDecider, cprRegistryStream } from '../../citizens/cpr-registry.decider.js';
import { normalizeUsername, usernameRegistryDecider, usernameStream } from '../../identity/username-registry.decider.js';
import type { CommandContext } from '../../kernel/command-context.js';
import type { CommandRunner } from '../../kernel/command-runner.js';
import type { Pseudonymizer } from '../../shared/pseudonym.js';

/**
 * Reserves a CPR number for a citizen in its registry stream (DOMAIN §2.1 uniqueness): on registering, on a
 * CPR change and on reopening. Refused with CPR_ALREADY_REGISTERED / CPR_REGISTERED_ELSEWHERE while another
 * citizen holds it; the citizen's own reservation is found again (a retry).
 */
export async function reserveCpr(runner: CommandRunner, pseudonyms: Pseudonymizer, cpr: string, citizenId: string, municipalityId: string, context: CommandContext) {
  const streamName = cprRegistryStream(pseudonyms.hash('cpr', cpr));
  const { state } = await runner.load(streamName, cprRegistryDecider);
  // Only a reservation whose holder never got a citizen stream may be taken over; checked for the holder seen now.
  const checkedHolder = state.status === 'held' && state.citizenId !== citizenId ? state.citizenId : null;
  const checkedHolderExists = checkedHolder ? (await runner.load(citizenStream(checkedHolder), citizenDecider)).revision >= 0 : true;
  await runner.run({
    streamName,
    decider: cprRegistryDecider,
    context,
    command: (current) => ({
      type: 'ReserveCpr' as const,
      data: {
        citizenId,
        municipalityId,
        now: context.now.toISOString(),
        holderExists: current.status === 'held' && current.citizenId === checkedHolder ? checkedHolderExists : true,
      },
    }),
  });
}

/**
 * The webshop username (DOMAIN §1; default: the CPR number) is unique across every login, staff and citizens, in
 * the same registry as staff usernames (`username-<keyed hash>`): 409 USERNAME_TAKEN otherwise. A removal
 * releases it (citizen-lifecycle/citizen-lifecycle.ts), so the person can be registered anew elsewhere; a reopening takes it again.
 */
export async function reserveWebshopUsername(runner: CommandRunner, pseudonyms: Pseudonymizer, username: string, citizenId: string, context: CommandContext) {
  await runner.run({
    streamName: usernameStream(pseudonyms.hash('username', normalizeUsername(username))),
    decider: usernameRegistryDecider,
    command: { type: 'ReserveUsername', ownerId: citizenId },
    context,
  });
}
