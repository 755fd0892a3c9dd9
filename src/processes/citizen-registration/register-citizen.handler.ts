import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { municipalityPostalCodes } from '../../citizens/citizen.handlers.js';
import { citizenDecider, citizenStream, type RegisterCitizen } from '../../citizens/citizen.decider.js';
import { RegisterCitizenRequest } from '../../citizens/citizen.requests.js';
import { parseCpr } from '../../citizens/cpr.js';
import { COMMAND_RUNNER, type CommandRunner } from '../../kernel/command-runner.js';
import { deterministicUuid } from '../../shared/ids.js';
import { PSEUDONYMIZER, type Pseudonymizer } from '../../shared/pseudonym.js';
import { copenhagenDate } from '../../shared/time.js';
import { reserveCpr, reserveWebshopUsername } from './reservations.js';

/**
 * Registering (DOMAIN §2.1) is three appends: reserve the CPR number in its registry stream (the cross-stream
 * uniqueness of DOMAIN §2.1, safe under concurrency through the expected revision), reserve the webshop username
 * in the one username registry, then create the citizen stream.
 * The citizen id derives from the command id, so a retried command finds its own reservation and finishes.
 */
@CommandHandler(RegisterCitizenRequest)
export class RegisterCitizenHandler implements ICommandHandler<RegisterCitizenRequest> {
  constructor(
    @Inject(COMMAND_RUNNER) private readonly runner: CommandRunner,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
  ) {}

  async execute({ principal, context, input }: RegisterCitizenRequest) {
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
