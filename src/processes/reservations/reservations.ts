import type { CommandContext } from '../../kernel/command-context.js';
import { deterministicUuid } from '../../shared/ids.js';

/**
 * The commands that keep a value unique across streams (a CPR number, a username) reserve it in its registry before
 * they write its owner (shared/reservation.ts). Each reservation is prepared first: its registry read and decided
 * on, so a refusal comes before the command writes anything; what is left is the write.
 */
export type PreparedReservation = () => Promise<void>;

/**
 * Prepares every reservation, then writes them one after another: each is decided before the first is written, so
 * what the command could know up front refuses it before it writes anything; one that is still refused at its
 * write (another command took the value in between) leaves the ones before it to lapse.
 */
export async function reserveAll(preparers: ReadonlyArray<() => Promise<PreparedReservation>>): Promise<void> {
  const prepared: PreparedReservation[] = [];
  for (const prepare of preparers) prepared.push(await prepare());
  for (const reserve of prepared) await reserve();
}

/**
 * The context a reservation is written with. A command repeated with its own id (a retry under the same
 * Idempotency-Key) would be answered with its first run's events whatever became of them since; if that
 * reservation has lapsed or is to be renewed, the decision must be made again on the registry as it is, under an
 * id of its own.
 */
export function again(context: CommandContext, streamName: string, commands: ReadonlyMap<string, unknown>, revision: number): CommandContext {
  return commands.has(context.commandId) ? { ...context, commandId: deterministicUuid(context.commandId, streamName, 'again', String(revision)) } : context;
}
