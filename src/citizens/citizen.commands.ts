import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_RUNNER, type CommandRunner } from '../infrastructure/commands/command-runner.js';
import type { CommandContext } from '../infrastructure/commands/command-context.js';
import type { Position } from '../infrastructure/event-store/event-store.port.js';
import { assertCanSeeCitizen } from '../identity/access-policy.js';
import { municipalityDecider, municipalityStream } from '../identity/municipality.decider.js';
import type { Principal } from '../identity/principal.js';
import { LOGGER, type Logger } from '../infrastructure/logging/logger.js';
import { conflict, DomainError, notFound, unprocessable } from '../shared/domain-error.js';
import { deterministicUuid } from '../shared/ids.js';
import { PSEUDONYMIZER, type Pseudonymizer } from '../shared/pseudonym.js';
import { copenhagenDate } from '../shared/time.js';
import { accessLogStream, type CitizenRecordOpened } from './access-log.js';
import { CitizenLifecycle } from './citizen-lifecycle.js';
import { citizenDecider, citizenStream, type ChangeCitizenContactDetails, type CitizenCommand, type CitizenState, type RegisterCitizen } from './citizen.decider.js';
import type { CitizenStatus } from './citizen.events.js';
import { cprRegistryDecider, cprRegistryStream } from './cpr-registry.decider.js';
import { normalizeUsername, usernameRegistryDecider, usernameStream } from '../identity/username-registry.decider.js';
import { parseCpr } from './cpr.js';


type RegisterInput = Omit<RegisterCitizen['data'], 'citizenId' | 'municipalityId' | 'municipalityPostalCodes' | 'today'>;
type ContactInput = Omit<ChangeCitizenContactDetails['data'], 'citizenId' | 'municipalityPostalCodes'>;

export class RegisterCitizenCommand extends Command<{ citizenId: string; position: Position | null }> {
  constructor(
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly input: RegisterInput,
  ) {
    super();
  }
}

export class ChangeCitizenContactDetailsCommand extends Command<{ position: Position | null }> {
  constructor(
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly citizenId: string,
    readonly input: ContactInput,
  ) {
    super();
  }
}

export class ChangeCitizenStatusCommand extends Command<{ position: Position | null }> {
  constructor(
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly citizenId: string,
    readonly status: CitizenStatus,
    readonly reason: string | null,
  ) {
    super();
  }
}

export class ReopenCitizenCommand extends Command<{ position: Position | null }> {
  constructor(
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly citizenId: string,
    readonly reason: string,
  ) {
    super();
  }
}

export class ChangeCitizenCprCommand extends Command<{ position: Position | null }> {
  constructor(
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly citizenId: string,
    readonly input: { readonly cpr: string; readonly confirmUnusualCpr?: boolean; readonly reason: string },
  ) {
    super();
  }
}

/** An opening of a citizen's record (DOMAIN §7), with whether it showed the full CPR number. */
export class RecordCitizenOpenedCommand extends Command<void> {
  constructor(
    readonly context: CommandContext,
    readonly citizenId: string,
    readonly purpose: string,
    readonly fullCprShown = true,
  ) {
    super();
  }
}

async function municipalityPostalCodes(runner: CommandRunner, municipalityId: string | null): Promise<readonly string[]> {
  if (!municipalityId) throw unprocessable('MUNICIPALITY_REQUIRED', 'Only a municipal user can register citizens');
  const { state } = await runner.load(municipalityStream(municipalityId), municipalityDecider);
  if (state.status !== 'registered') throw unprocessable('MUNICIPALITY_UNKNOWN', 'The municipality does not exist');
  return state.postalCodes;
}

/**
 * Registering is two appends: reserve the CPR number in its registry stream (the cross-stream uniqueness
 * of DOMAIN §2.1, safe under concurrency through the expected revision), then create the citizen stream.
 * The citizen id derives from the command id, so a retried command finds its own reservation and finishes.
 */
@CommandHandler(RegisterCitizenCommand)
export class RegisterCitizenHandler implements ICommandHandler<RegisterCitizenCommand> {
  constructor(
    @Inject(COMMAND_RUNNER) private readonly runner: CommandRunner,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
  ) {}

  async execute({ principal, context, input }: RegisterCitizenCommand) {
    const municipalityId = principal.municipalityId ?? '';
    const command: RegisterCitizen = {
      type: 'RegisterCitizen',
      data: {
        ...input,
        citizenId: deterministicUuid(context.commandId, 'citizen'),
        municipalityId,
        municipalityPostalCodes: await municipalityPostalCodes(this.runner, principal.municipalityId),
        today: copenhagenDate(context.now),
      },
    };
    // Decide once on an empty stream first: every input rule is checked before anything is reserved.
    citizenDecider.decide(command, citizenDecider.initialState);
    const parsed = parseCpr(input.cpr, command.data.today);
    if (!parsed.ok) throw new Error('unreachable: the decider validated the CPR number');

    const webshopUsername = input.webshopUsername?.trim() || parsed.cpr;
    await reserveCpr(this.runner, this.pseudonyms, parsed.cpr, command.data.citizenId, municipalityId, context);
    await reserveWebshopUsername(this.runner, this.pseudonyms, webshopUsername, command.data.citizenId, context);
    const result = await this.runner.run({ streamName: citizenStream(command.data.citizenId), decider: citizenDecider, command, context });
    return { citizenId: command.data.citizenId, position: result.position };
  }
}

/**
 * Reserves a CPR number for a citizen in its registry stream (DOMAIN §2.1 uniqueness): on registering, on a
 * CPR change and on reopening. Refused with CPR_ALREADY_REGISTERED / CPR_REGISTERED_ELSEWHERE while another
 * citizen holds it; the citizen's own reservation is found again (a retry).
 */
async function reserveCpr(runner: CommandRunner, pseudonyms: Pseudonymizer, cpr: string, citizenId: string, municipalityId: string, context: CommandContext) {
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
 * releases it (citizen-lifecycle.ts), so the person can be registered anew elsewhere; a reopening takes it again.
 */
export async function reserveWebshopUsername(runner: CommandRunner, pseudonyms: Pseudonymizer, username: string, citizenId: string, context: CommandContext) {
  await runner.run({
    streamName: usernameStream(pseudonyms.hash('username', normalizeUsername(username))),
    decider: usernameRegistryDecider,
    command: { type: 'ReserveUsername', ownerId: citizenId },
    context,
  });
}

type Registered = Extract<CitizenState, { status: 'registered' }>;

/**
 * The lifecycle commands share one path: load and check visibility, decide on the citizen stream, then carry
 * the effects over to the other streams at once (CitizenLifecycle). The citizen's event is the truth; if an
 * effect fails here, the citizen-lifecycle reaction carries it over from the log, so the answer is a success.
 */
abstract class CitizenLifecycleHandler {
  private readonly lifecycle: CitizenLifecycle;

  constructor(
    protected readonly runner: CommandRunner,
    protected readonly pseudonyms: Pseudonymizer,
    private readonly logger: Logger,
  ) {
    this.lifecycle = new CitizenLifecycle(runner, pseudonyms);
  }

  protected async citizen(principal: Principal, citizenId: string): Promise<Registered> {
    const { state } = await this.runner.load(citizenStream(citizenId), citizenDecider);
    assertCanSeeCitizen(principal, state.status === 'registered' ? { ...state, status: state.citizenStatus } : null);
    if (state.status !== 'registered') throw notFound('Citizen not found');
    return state;
  }

  protected async decideWithEffects(citizenId: string, command: CitizenCommand, context: CommandContext): Promise<{ position: Position | null }> {
    const result = await this.runner.run({ streamName: citizenStream(citizenId), decider: citizenDecider, command, context, retriesOnConflict: 3 });
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
@CommandHandler(ChangeCitizenStatusCommand)
export class ChangeCitizenStatusHandler extends CitizenLifecycleHandler implements ICommandHandler<ChangeCitizenStatusCommand> {
  constructor(@Inject(COMMAND_RUNNER) runner: CommandRunner, @Inject(PSEUDONYMIZER) pseudonyms: Pseudonymizer, @Inject(LOGGER) logger: Logger) {
    super(runner, pseudonyms, logger);
  }

  async execute({ principal, context, citizenId, status, reason }: ChangeCitizenStatusCommand) {
    await this.citizen(principal, citizenId);
    return this.decideWithEffects(citizenId, { type: 'ChangeCitizenStatus', data: { citizenId, role: principal.role, status, reason } }, context);
  }
}

/**
 * "Genåbne" (customer service): the CPR number is reserved for the citizen again first — refused with
 * CPR_REGISTERED_ELSEWHERE while another citizen holds it, in whichever municipality (DOMAIN §2.3) — then the
 * compensating CitizenReopened, then the lines the removal inactivated are restored.
 */
@CommandHandler(ReopenCitizenCommand)
export class ReopenCitizenHandler extends CitizenLifecycleHandler implements ICommandHandler<ReopenCitizenCommand> {
  constructor(@Inject(COMMAND_RUNNER) runner: CommandRunner, @Inject(PSEUDONYMIZER) pseudonyms: Pseudonymizer, @Inject(LOGGER) logger: Logger) {
    super(runner, pseudonyms, logger);
  }

  async execute({ principal, context, citizenId, reason }: ReopenCitizenCommand) {
    const citizen = await this.citizen(principal, citizenId);
    const command: CitizenCommand = { type: 'ReopenCitizen', data: { citizenId, role: principal.role, reason } };
    // Every rule of the reopening is checked before the CPR number is taken.
    citizenDecider.decide(command, citizen);
    try {
      await reserveCpr(this.runner, this.pseudonyms, citizen.cpr, citizenId, citizen.municipalityId, context);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'CPR_ALREADY_REGISTERED') {
        throw conflict('CPR_REGISTERED_ELSEWHERE', 'The CPR number has been registered again for another citizen');
      }
      throw error;
    }
    await reserveWebshopUsername(this.runner, this.pseudonyms, citizen.webshopUsername, citizenId, context);
    return this.decideWithEffects(citizenId, command, context);
  }
}

/**
 * DOMAIN §2.1 rule 5: validated as on registering, the new number reserved first (uniqueness re-checked
 * atomically), then the change; the old number's reservation is released as its effect.
 */
@CommandHandler(ChangeCitizenCprCommand)
export class ChangeCitizenCprHandler extends CitizenLifecycleHandler implements ICommandHandler<ChangeCitizenCprCommand> {
  constructor(@Inject(COMMAND_RUNNER) runner: CommandRunner, @Inject(PSEUDONYMIZER) pseudonyms: Pseudonymizer, @Inject(LOGGER) logger: Logger) {
    super(runner, pseudonyms, logger);
  }

  async execute({ principal, context, citizenId, input }: ChangeCitizenCprCommand) {
    const citizen = await this.citizen(principal, citizenId);
    const command: CitizenCommand = { type: 'ChangeCitizenCpr', data: { citizenId, role: principal.role, ...input, today: copenhagenDate(context.now) } };
    const [changed] = citizenDecider.decide(command, citizen);
    if (changed?.type !== 'CitizenCprChanged') return { position: null };
    await reserveCpr(this.runner, this.pseudonyms, changed.data.cpr, citizenId, citizen.municipalityId, context);
    if (changed.data.webshopUsername) await reserveWebshopUsername(this.runner, this.pseudonyms, changed.data.webshopUsername, citizenId, context);
    return this.decideWithEffects(citizenId, command, context);
  }
}

@CommandHandler(ChangeCitizenContactDetailsCommand)
export class ChangeCitizenContactDetailsHandler implements ICommandHandler<ChangeCitizenContactDetailsCommand> {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  async execute({ principal, context, citizenId, input }: ChangeCitizenContactDetailsCommand) {
    const { state } = await this.runner.load(citizenStream(citizenId), citizenDecider);
    assertCanSeeCitizen(principal, state.status === 'registered' ? { ...state, status: state.citizenStatus } : null);
    const municipalityId = state.status === 'registered' ? state.municipalityId : null;
    const postalCodes = input.address ? await municipalityPostalCodes(this.runner, municipalityId) : [];
    const result = await this.runner.run({
      streamName: citizenStream(citizenId),
      decider: citizenDecider,
      context,
      command: { type: 'ChangeCitizenContactDetails', data: { ...input, citizenId, municipalityPostalCodes: postalCodes } },
    });
    return { position: result.position };
  }
}

@CommandHandler(RecordCitizenOpenedCommand)
export class RecordCitizenOpenedHandler implements ICommandHandler<RecordCitizenOpenedCommand> {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  async execute({ context, citizenId, purpose, fullCprShown }: RecordCitizenOpenedCommand): Promise<void> {
    // Append-only: every look-up is recorded, whatever came before, so nothing needs to be read first.
    const event: CitizenRecordOpened = { type: 'CitizenRecordOpened', data: { citizenId, purpose, fullCprShown } };
    await this.runner.append(accessLogStream(citizenId), [event], context);
  }
}
