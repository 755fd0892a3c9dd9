import { Inject } from '@nestjs/common';
import { CommandHandler, QueryHandler, type ICommandHandler, type IQueryHandler } from '@nestjs/cqrs';
import { COMMAND_RUNNER, type CommandRunner } from '../kernel/command-runner.js';
import { municipalityDecider, municipalityStream } from './municipality.decider.js';
import { userDecider, userStream, type MunicipalityAreas } from './user.decider.js';
import { GetMunicipality } from './identity.queries.js';
import { RegisterMunicipalityRequest, UpdateMunicipalityRequest, ChangeUserRequest } from './identity.requests.js';

@CommandHandler(RegisterMunicipalityRequest)
export class RegisterMunicipalityHandler implements ICommandHandler<RegisterMunicipalityRequest> {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  async execute({ context, municipalityId, details }: RegisterMunicipalityRequest) {
    const result = await this.runner.run({
      streamName: municipalityStream(municipalityId),
      decider: municipalityDecider,
      command: { type: 'RegisterMunicipality', municipalityId, details },
      context,
    });
    return { position: result.position };
  }
}

@CommandHandler(UpdateMunicipalityRequest)
export class UpdateMunicipalityHandler implements ICommandHandler<UpdateMunicipalityRequest> {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  async execute({ context, municipalityId, details }: UpdateMunicipalityRequest) {
    const result = await this.runner.run({
      streamName: municipalityStream(municipalityId),
      decider: municipalityDecider,
      command: { type: 'UpdateMunicipality', municipalityId, details },
      context,
    });
    return { position: result.position };
  }
}

/** A municipality for the administrators' pages, read from its own stream (there are few, and each is small). */
@QueryHandler(GetMunicipality)
export class GetMunicipalityHandler implements IQueryHandler<GetMunicipality> {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  async execute({ municipalityId }: GetMunicipality) {
    const { state } = await this.runner.load(municipalityStream(municipalityId), municipalityDecider);
    if (state.status !== 'registered') return null;
    return { id: state.municipalityId, name: state.name, postalCodes: state.postalCodes, grantAreas: state.grantAreas };
  }
}

export async function municipalityAreas(runner: CommandRunner, municipalityId: string | null | undefined): Promise<MunicipalityAreas> {
  if (!municipalityId) return null;
  const { state } = await runner.load(municipalityStream(municipalityId), municipalityDecider);
  return state.status === 'registered' ? { grantAreas: state.grantAreas } : null;
}

@CommandHandler(ChangeUserRequest)
export class ChangeUserHandler implements ICommandHandler<ChangeUserRequest> {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  async execute({ context, userId, changes }: ChangeUserRequest) {
    const streamName = userStream(userId);
    const loaded = await this.runner.load(streamName, userDecider);
    const { state } = loaded;
    const municipalityId = changes.municipalityId !== undefined ? changes.municipalityId : state.status === 'none' ? null : state.municipalityId;
    const municipality = await municipalityAreas(this.runner, municipalityId);
    const result = await this.runner.run({ streamName, decider: userDecider, command: { type: 'ChangeUser', userId, changes, municipality }, context, loaded });
    return { position: result.position };
  }
}
