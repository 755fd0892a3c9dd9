import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { citizenDecider, citizenScope, citizenStream, type CitizenCommand, type CitizenState } from '../../citizens/citizen.decider.js';
import type { CitizenEvent } from '../../citizens/citizen.events.js';
import { ChangeCitizenCprRequest, ChangeCitizenStatusRequest, ChangeWebshopUsernameRequest, ReopenCitizenRequest } from '../../citizens/citizen.requests.js';
import { assertCanSeeCitizen } from '../../kernel/access-policy.js';
import type { CommandContext } from '../../kernel/command-context.js';
import { COMMAND_RUNNER, type CommandRunner } from '../../kernel/command-runner.js';
import type { Position } from '../../kernel/event-store.port.js';
import { LOGGER, type Logger } from '../../kernel/logger.js';
import type { Principal } from '../../kernel/principal.js';
import type { LoadedStream } from '../../kernel/stream-reader.js';
import { conflict, DomainError, notFound } from '../../shared/domain-error.js';
import { PSEUDONYMIZER, type Pseudonymizer } from '../../shared/pseudonym.js';
import { copenhagenDate } from '../../shared/time.js';
import { prepareCprReservation } from '../reservations/cpr-reservation.js';
import { reserveAll, type PreparedReservation } from '../reservations/reservations.js';
import { prepareUsernameReservation } from '../reservations/username-reservation.js';
import { CitizenLifecycle } from './citizen-lifecycle.js';

type Registered = Extract<CitizenState, { status: 'registered' }>;

/**
 * The lifecycle commands share one path: load and check visibility, decide on the citizen stream, then carry
 * the effects over to the other streams at once (CitizenLifecycle). The citizen's event is the truth; if an
 * effect fails here, the citizen-lifecycle reaction carries it over from the log, so the answer is a success.
 */
abstract class CitizenLifecycleHandler {
  // The handlers below inherit this constructor, and Nest its injection tokens.
  constructor(
    @Inject(COMMAND_RUNNER) protected readonly runner: CommandRunner,
    @Inject(PSEUDONYMIZER) protected readonly pseudonyms: Pseudonymizer,
    @Inject(CitizenLifecycle) private readonly lifecycle: CitizenLifecycle,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The citizen, checked visible, with the read it came from: the command decides on that read (one read a command). */
  protected async citizen(principal: Principal, citizenId: string): Promise<{ citizen: Registered; loaded: LoadedStream<CitizenState> }> {
    const loaded = await this.runner.load(citizenStream(citizenId), citizenDecider);
    const { state } = loaded;
    assertCanSeeCitizen(principal, citizenScope(state));
    if (state.status !== 'registered') throw notFound('Citizen not found');
    return { citizen: state, loaded };
  }

  protected async decideWithEffects(
    citizenId: string,
    command: CitizenCommand,
    context: CommandContext,
    loaded: LoadedStream<CitizenState>,
  ): Promise<{ position: Position | null }> {
    const result = await this.runner.run({ streamName: citizenStream(citizenId), decider: citizenDecider, command, context, retriesOnConflict: 3, loaded });
    let position = result.position;
    const firstRevision = result.revision - result.events.length + 1;
    for (const [index, event] of result.events.entries()) {
      try {
        position = (await this.lifecycle.applyEffects(event, firstRevision + index, context)) ?? position;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.logger.warn({ citizenId, eventType: event.type, error: message }, 'citizen lifecycle effects deferred to the reaction');
      }
    }
    return { position };
  }
}

/** DOMAIN §2.3 status changes and removals (caseworkers and nurses; the decider checks the role). */
@CommandHandler(ChangeCitizenStatusRequest)
export class ChangeCitizenStatusHandler extends CitizenLifecycleHandler implements ICommandHandler<ChangeCitizenStatusRequest> {
  async execute({ principal, context, citizenId, status, reason }: ChangeCitizenStatusRequest) {
    const { loaded } = await this.citizen(principal, citizenId);
    return this.decideWithEffects(citizenId, { type: 'ChangeCitizenStatus', data: { citizenId, role: principal.role, status, reason } }, context, loaded);
  }
}

/**
 * The commands that reserve before they write the citizen (reopening, a new CPR number, a new webshop username):
 * the citizen's events decided (and checked writable) on the citizen as read, then every reservation decided on
 * its registry, before anything is written; then the reservations, then the citizen's events. A command that dies
 * between them leaves reservations the citizen does not claim: the same command again (any Idempotency-Key)
 * finds them its own and completes; anyone else meets them until they lapse (shared/reservation.ts).
 */
abstract class ReservingCitizenHandler extends CitizenLifecycleHandler {
  protected decideFirst(command: CitizenCommand, citizen: Registered): CitizenEvent[] {
    const events = citizenDecider.decide(command, citizen);
    this.runner.checkEncodable(events);
    return events;
  }

  protected async reserveThenDecide(
    citizenId: string,
    command: CitizenCommand,
    context: CommandContext,
    loaded: LoadedStream<CitizenState>,
    reservations: ReadonlyArray<() => Promise<PreparedReservation>>,
  ) {
    await reserveAll(reservations);
    return this.decideWithEffects(citizenId, command, context, loaded);
  }
}

/**
 * "Genåbne" (customer service): the CPR number is reserved for the citizen again first — refused with
 * CPR_REGISTERED_ELSEWHERE while another citizen holds it, in whichever municipality (DOMAIN §2.3) — and the
 * webshop username, then the compensating CitizenReopened, then the lines the removal inactivated are restored.
 */
@CommandHandler(ReopenCitizenRequest)
export class ReopenCitizenHandler extends ReservingCitizenHandler implements ICommandHandler<ReopenCitizenRequest> {
  async execute({ principal, context, citizenId, reason }: ReopenCitizenRequest) {
    const { citizen, loaded } = await this.citizen(principal, citizenId);
    const command: CitizenCommand = { type: 'ReopenCitizen', data: { citizenId, role: principal.role, reason } };
    this.decideFirst(command, citizen);
    const reserveCpr = async () => {
      try {
        return await prepareCprReservation(this.runner, this.pseudonyms, citizen.cpr, citizenId, citizen.municipalityId, context);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'CPR_ALREADY_REGISTERED') {
          throw conflict('CPR_REGISTERED_ELSEWHERE', 'The CPR number has been registered again for another citizen');
        }
        throw error;
      }
    };
    const reserveUsername = () => prepareUsernameReservation(this.runner, this.pseudonyms, citizen.webshopUsername, citizenId, context);
    return this.reserveThenDecide(citizenId, command, context, loaded, [reserveCpr, reserveUsername]);
  }
}

/**
 * DOMAIN §2.1 rule 5: validated as on registering, the new number reserved first (uniqueness re-checked
 * atomically), and the new default webshop username with it, then the change; the old number's reservation is
 * released as its effect.
 */
@CommandHandler(ChangeCitizenCprRequest)
export class ChangeCitizenCprHandler extends ReservingCitizenHandler implements ICommandHandler<ChangeCitizenCprRequest> {
  async execute({ principal, context, citizenId, input }: ChangeCitizenCprRequest) {
    const { citizen, loaded } = await this.citizen(principal, citizenId);
    const command: CitizenCommand = { type: 'ChangeCitizenCpr', data: { citizenId, role: principal.role, ...input, today: copenhagenDate(context.now) } };
    const [changed] = this.decideFirst(command, citizen);
    if (changed?.type !== 'CitizenCprChanged') return { position: null };
    const { cpr, webshopUsername } = changed.data;
    return this.reserveThenDecide(citizenId, command, context, loaded, [
      () => prepareCprReservation(this.runner, this.pseudonyms, cpr, citizenId, citizen.municipalityId, context),
      ...(webshopUsername ? [() => prepareUsernameReservation(this.runner, this.pseudonyms, webshopUsername, citizenId, context)] : []),
    ]);
  }
}

/**
 * A new webshop username ("Opdatere alle borgerens data"): every rule checked first, then the new name reserved
 * in the one username registry (409 USERNAME_TAKEN while staff or another citizen holds it), then the change;
 * the old name is released as its effect. The webshop login follows the citizens read model.
 */
@CommandHandler(ChangeWebshopUsernameRequest)
export class ChangeWebshopUsernameHandler extends ReservingCitizenHandler implements ICommandHandler<ChangeWebshopUsernameRequest> {
  async execute({ principal, context, citizenId, webshopUsername }: ChangeWebshopUsernameRequest) {
    const { citizen, loaded } = await this.citizen(principal, citizenId);
    const command: CitizenCommand = { type: 'ChangeWebshopUsername', data: { citizenId, role: principal.role, webshopUsername } };
    const [changed] = this.decideFirst(command, citizen);
    if (changed?.type !== 'CitizenWebshopUsernameChanged') return { position: null };
    const reserveUsername = () => prepareUsernameReservation(this.runner, this.pseudonyms, changed.data.webshopUsername, citizenId, context);
    return this.reserveThenDecide(citizenId, command, context, loaded, [reserveUsername]);
  }
}
