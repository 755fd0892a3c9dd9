import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_RUNNER, type CommandRunner } from '../infrastructure/commands/command-runner.js';
import type { CommandContext } from '../infrastructure/commands/command-context.js';
import type { Position } from '../infrastructure/event-store/event-store.port.js';
import { assertCanSeeCitizen } from '../identity/access-policy.js';
import { municipalityDecider, municipalityStream } from '../identity/municipality.decider.js';
import type { Principal } from '../identity/principal.js';
import { unprocessable } from '../shared/domain-error.js';
import { deterministicUuid } from '../shared/ids.js';
import { PSEUDONYMIZER, type Pseudonymizer } from '../shared/pseudonym.js';
import { copenhagenDate } from '../shared/time.js';
import { accessLogStream, type CitizenRecordOpened } from './access-log.js';
import { citizenDecider, type ChangeCitizenContactDetails, type RegisterCitizen } from './citizen.decider.js';
import { cprRegistryDecider } from './cpr-registry.decider.js';
import { parseCpr } from './cpr.js';

export const citizenStream = (citizenId: string) => `citizen-${citizenId}`;
export const cprRegistryStream = (cprHash: string) => `cprreg-${cprHash}`;

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

export class RecordCitizenOpenedCommand extends Command<void> {
  constructor(
    readonly context: CommandContext,
    readonly citizenId: string,
    readonly purpose: string,
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

    await this.reserveCpr(parsed.cpr, command.data.citizenId, municipalityId, context);
    const result = await this.runner.run({ streamName: citizenStream(command.data.citizenId), decider: citizenDecider, command, context });
    return { citizenId: command.data.citizenId, position: result.position };
  }

  private async reserveCpr(cpr: string, citizenId: string, municipalityId: string, context: CommandContext) {
    const streamName = cprRegistryStream(this.pseudonyms.hash('cpr', cpr));
    const { state } = await this.runner.load(streamName, cprRegistryDecider);
    // Only a reservation whose holder never got a citizen stream may be taken over; checked for the holder seen now.
    const checkedHolder = state.status === 'held' && state.citizenId !== citizenId ? state.citizenId : null;
    const checkedHolderExists = checkedHolder ? (await this.runner.load(citizenStream(checkedHolder), citizenDecider)).revision >= 0 : true;
    await this.runner.run({
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

  async execute({ context, citizenId, purpose }: RecordCitizenOpenedCommand): Promise<void> {
    // Append-only: every look-up is recorded, whatever came before, so nothing needs to be read first.
    const event: CitizenRecordOpened = { type: 'CitizenRecordOpened', data: { citizenId, purpose, fullCprShown: true } };
    await this.runner.append(accessLogStream(citizenId), [event], context);
  }
}
