import { Inject, Injectable } from '@nestjs/common';
import type { CommandContext } from '../../kernel/command-context.js';
import { COMMAND_RUNNER, type CommandRunner } from '../../kernel/command-runner.js';
import type { Position } from '../../kernel/event-store.port.js';
import { grantDecider, grantStream } from '../../grants/grant.decider.js';
import { orderDecider, orderStream, type OrderCommand } from '../../orders/order.decider.js';
import { OrderWorkflow } from '../orders/order-workflow.js';
import { SYSTEM_ACTOR } from '../../shared/actor.js';
import { DomainError } from '../../shared/domain-error.js';
import { deterministicUuid } from '../../shared/ids.js';
import { PSEUDONYMIZER, type Pseudonymizer } from '../../shared/pseudonym.js';
import { copenhagenDate } from '../../shared/time.js';
import { citizenDecider, citizenStream, type CitizenState } from '../../citizens/citizen.decider.js';
import type { CitizenEvent, CitizenRemoved, RemovalStatus } from '../../citizens/citizen.events.js';
import { cprRegistryDecider, cprRegistryStream } from '../../citizens/cpr-registry.decider.js';
import { normalizeUsername, usernameRegistryDecider, usernameStream } from '../../identity/username-registry.decider.js';

/** The reason an automatic cancellation gives, in the portal's language. */
const REMOVAL_REASONS: Record<RemovalStatus, string> = {
  DECEASED: 'Annulleret automatisk: borgeren er død',
  MOVED_AWAY: 'Annulleret automatisk: borgeren er fraflyttet',
};

/**
 * The effects of a citizen's lifecycle events on other streams (DOMAIN §2.3, §2.1 rule 5):
 * - GRANT_ENDED / OTHER_SUPPLIER, DECEASED / MOVED_AWAY: every active line inactive (one event listing them);
 * - DECEASED / MOVED_AWAY also: every order not fully shipped cancelled, and the CPR number released;
 * - reopened: the lines the removal inactivated restored (the CPR was reserved again before the event);
 * - CPR changed: the old number's reservation released (the new one was reserved before the event).
 * Run at once by the request's handler (citizen-lifecycle.handlers.ts) and again from the log by the reaction
 * (citizen-lifecycle.reaction.ts);
 * every step's command id derives from the causing event (citizen id and revision), so the second run finds
 * each step done. A step that cannot be done yet throws, and the reaction retries it.
 */
@Injectable()
export class CitizenLifecycle {
  constructor(
    @Inject(COMMAND_RUNNER) private readonly runner: CommandRunner,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
    @Inject(OrderWorkflow) private readonly orders: OrderWorkflow,
  ) {}

  async applyEffects(event: CitizenEvent, revision: number, context: CommandContext): Promise<Position | null> {
    const citizenId = event.data.citizenId;
    const step = (name: string): CommandContext => ({ ...context, commandId: deterministicUuid(citizenId, String(revision), name) });
    const today = copenhagenDate(context.now);
    switch (event.type) {
      case 'CitizenStatusChanged':
        if (event.data.to === 'ACTIVE') return null; // lines come back one by one (DOMAIN §2.3)
        return this.inactivateLines(citizenId, event.data.to, today, step('inactivate-lines'));
      case 'CitizenRemoved':
        return this.remove(event, revision, today, step);
      case 'CitizenReopened': {
        const result = await this.runner.run({
          streamName: grantStream(citizenId),
          decider: grantDecider,
          command: { type: 'RestoreRemovedLines', data: { citizenId, today } },
          context: step('restore-lines'),
          retriesOnConflict: 10,
        });
        return result.position;
      }
      case 'CitizenCprChanged': {
        // The number (and a default webshop username) the citizen had just before this change.
        const { now, atEvent: before } = await this.citizenAt(citizenId, revision - 1);
        // Erased since: the numbers read `slettet` and were released long ago (the erasure makes sure of it).
        if (isErased(now)) return null;
        const position = await this.releaseCpr(citizenId, before.cpr, step('release-old-cpr'));
        if (!event.data.webshopUsername) return position;
        return (await this.releaseUsername(citizenId, before.webshopUsername, step('release-old-webshop-username'))) ?? position;
      }
      case 'CitizenWebshopUsernameChanged': {
        // The username just before this change is released, unless it is the same one differently written, or the
        // citizen has it again by now (a retry from the log after changing back must not free it under them).
        const { now, atEvent: before } = await this.citizenAt(citizenId, revision - 1);
        if (isErased(now)) return null;
        const old = normalizeUsername(before.webshopUsername);
        if (old === normalizeUsername(event.data.webshopUsername)) return null;
        if (now.status === 'registered' && normalizeUsername(now.webshopUsername) === old) return null;
        return this.releaseUsername(citizenId, before.webshopUsername, step('release-old-webshop-username'));
      }
      case 'CitizenRegistered':
      case 'CitizenNameChanged':
      case 'CitizenContactDetailsChanged':
      case 'CitizenAcceptedTerms':
      case 'CitizenWebshopOneTimePasswordIssued':
      // Its effect on the registries is made before it is written (CitizenErasure), while the numbers are readable.
      case 'CitizenPersonalDataErased':
        return null;
    }
  }

  /**
   * A removed citizen's CPR number and webshop username given up, as the removal's effect does; a no-op for a
   * registration they no longer hold. The erasure makes sure of it first: once the citizen's key is gone nobody
   * could find these registrations again, and the number could never be registered anew.
   */
  async releaseRegistrations(citizenId: string, registrations: { readonly cpr: string; readonly webshopUsername: string }, context: CommandContext): Promise<Position | null> {
    const step = (name: string): CommandContext => ({ ...context, commandId: deterministicUuid(context.commandId, citizenId, name) });
    const cpr = await this.releaseCpr(citizenId, registrations.cpr, step('release-cpr'));
    return (await this.releaseUsername(citizenId, registrations.webshopUsername, step('release-webshop-username'))) ?? cpr;
  }

  /**
   * The CPR number is released only while the citizen is still removed: effects retried after a reopening
   * (which reserved the number again) must not free it under the reopened citizen.
   */
  private async remove(event: CitizenRemoved, revision: number, today: string, step: (name: string) => CommandContext): Promise<Position | null> {
    const { citizenId, status } = event.data;
    let position = await this.inactivateLines(citizenId, status, today, step('inactivate-lines'));
    position = (await this.cancelOpenOrders(citizenId, REMOVAL_REASONS[status], step)) ?? position;
    const { now, atEvent } = await this.citizenAt(citizenId, revision);
    // An erased citizen's numbers were released before the erasure (and read `slettet` now).
    const stillRemoved = now.status === 'registered' && !now.erased && now.citizenStatus === status && now.cpr === atEvent.cpr;
    if (stillRemoved) {
      position = (await this.releaseCpr(citizenId, atEvent.cpr, step('release-cpr'))) ?? position;
      position = (await this.releaseUsername(citizenId, atEvent.webshopUsername, step('release-webshop-username'))) ?? position;
    }
    return position;
  }

  private async releaseUsername(citizenId: string, username: string, context: CommandContext): Promise<Position | null> {
    const result = await this.runner.run({
      streamName: usernameStream(this.pseudonyms.hash('username', normalizeUsername(username))),
      decider: usernameRegistryDecider,
      command: { type: 'ReleaseUsername', ownerId: citizenId },
      context,
    });
    return result.events.length > 0 ? result.position : null;
  }

  private async inactivateLines(citizenId: string, status: 'GRANT_ENDED' | 'OTHER_SUPPLIER' | RemovalStatus, today: string, context: CommandContext) {
    const result = await this.runner.run({
      streamName: grantStream(citizenId),
      decider: grantDecider,
      command: { type: 'InactivateLinesForStatus', data: { citizenId, status, today } },
      context,
      retriesOnConflict: 10,
    });
    return result.events.length > 0 ? result.position : null;
  }

  /**
   * Orders with sales units neither delivered nor given back, found on the grant (which counts every order).
   * One the ERP has shipped in full meanwhile is left as it is; one whose stream does not exist yet is being
   * placed right now: that step fails and is retried, unless the placing is abandoned (then nothing is open).
   */
  private async cancelOpenOrders(citizenId: string, reason: string, step: (name: string) => CommandContext): Promise<Position | null> {
    const { state: grant } = await this.runner.load(grantStream(citizenId), grantDecider);
    if (grant.status !== 'granted') return null;
    const open = new Set(grant.lines.flatMap((line) => line.orders.filter((order) => order.salesUnits - order.givenBack - order.delivered > 0).map((order) => order.orderId)));
    let position: Position | null = null;
    for (const orderId of open) {
      const context = step(`cancel-order-${orderId}`);
      try {
        const result = await this.runner.run({
          streamName: orderStream(orderId),
          decider: orderDecider,
          command: (state): OrderCommand => {
            if (state.status === 'none') throw new Error('The order is still being placed; its cancellation is retried');
            return { type: 'CancelOrder', data: { orderId, actor: { role: 'system', grantAreas: [] }, reason } };
          },
          context,
          retriesOnConflict: 10,
        });
        const firstRevision = result.revision - result.events.length + 1;
        for (const [index, event] of result.events.entries()) {
          position = (await this.orders.applyToGrant(event, firstRevision + index, context)) ?? result.position;
        }
      } catch (error) {
        const settled = error instanceof DomainError && ['ORDER_ALREADY_SHIPPED', 'ORDER_ALREADY_CANCELLED', 'ORDER_NOT_FOUND'].includes(error.code);
        if (!settled) throw error;
      }
    }
    return position;
  }

  private async releaseCpr(citizenId: string, cpr: string, context: CommandContext): Promise<Position | null> {
    const result = await this.runner.run({
      streamName: cprRegistryStream(this.pseudonyms.hash('cpr', cpr)),
      decider: cprRegistryDecider,
      command: { type: 'ReleaseCpr', data: { citizenId, now: context.now.toISOString() } },
      context,
    });
    return result.events.length > 0 ? result.position : null;
  }

  /** The citizen now, and as they were right after the event at `revision` (the stream folded up to it). */
  private async citizenAt(citizenId: string, revision: number) {
    const { state: now, events } = await this.runner.readFolded(citizenStream(citizenId), citizenDecider);
    const atEvent = events
      .slice(0, revision + 1)
      .reduce((state, recorded) => citizenDecider.evolve(state, this.runner.decode(recorded) as CitizenEvent), citizenDecider.initialState);
    if (atEvent.status !== 'registered') throw new Error('A lifecycle event before the citizen was registered');
    return { now, atEvent };
  }
}

const isErased = (state: CitizenState): boolean => state.status === 'registered' && state.erased;

/** The context of a lifecycle effect run from the log: the system's, caused by the event. */
export const systemContextFor = (eventId: string, correlationId: string, now: Date): CommandContext => ({
  commandId: deterministicUuid(eventId, 'citizen-lifecycle'),
  correlationId,
  causationId: eventId,
  actor: SYSTEM_ACTOR,
  now,
});
