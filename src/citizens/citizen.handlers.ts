import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { municipalityDecider, municipalityStream } from '../identity/municipality.decider.js';
import { assertCanSeeCitizen } from '../kernel/access-policy.js';
import { COMMAND_RUNNER, type CommandRunner } from '../kernel/command-runner.js';
import { unprocessable } from '../shared/domain-error.js';
import { citizenDecider, citizenScope, citizenStream } from './citizen.decider.js';
import { ChangeCitizenContactDetailsRequest } from './citizen.requests.js';

/** The postal codes of the citizen's municipality (DOMAIN §2.4: an address must lie within it). */
export async function municipalityPostalCodes(runner: Pick<CommandRunner, 'load'>, municipalityId: string | null): Promise<readonly string[]> {
  if (!municipalityId) throw unprocessable('MUNICIPALITY_REQUIRED', 'Only a municipal user can register citizens');
  const { state } = await runner.load(municipalityStream(municipalityId), municipalityDecider);
  if (state.status !== 'registered') throw unprocessable('MUNICIPALITY_UNKNOWN', 'The municipality does not exist');
  return state.postalCodes;
}

/** DOMAIN §2.4: address, phone, e-mail; a new postal code must lie in the citizen's municipality. */
@CommandHandler(ChangeCitizenContactDetailsRequest)
export class ChangeCitizenContactDetailsHandler implements ICommandHandler<ChangeCitizenContactDetailsRequest> {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  async execute({ principal, context, citizenId, input }: ChangeCitizenContactDetailsRequest) {
    const loaded = await this.runner.load(citizenStream(citizenId), citizenDecider);
    const { state } = loaded;
    assertCanSeeCitizen(principal, citizenScope(state));
    const municipalityId = state.status === 'registered' ? state.municipalityId : null;
    const postalCodes = input.address ? await municipalityPostalCodes(this.runner, municipalityId) : [];
    const result = await this.runner.run({
      streamName: citizenStream(citizenId),
      decider: citizenDecider,
      context,
      command: { type: 'ChangeCitizenContactDetails', data: { ...input, citizenId, municipalityPostalCodes: postalCodes } },
      // Read once: the access check and the decision fold the same read.
      loaded,
    });
    return { position: result.position };
  }
}
