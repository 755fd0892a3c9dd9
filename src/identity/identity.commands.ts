import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_RUNNER, type CommandRunner } from '../infrastructure/commands/command-runner.js';
import type { CommandContext } from '../infrastructure/commands/command-context.js';
import type { Position } from '../infrastructure/event-store/event-store.port.js';
import { deterministicUuid } from '../shared/ids.js';
import { PSEUDONYMIZER, type Pseudonymizer } from '../shared/pseudonym.js';
import { municipalityDecider, municipalityStream, type MunicipalityDetails } from './municipality.decider.js';
import { userDecider, userStream, type MunicipalityAreas, type UserChanges, type UserProfile } from './user.decider.js';
import { normalizeUsername, usernameRegistryDecider, usernameStream } from './username-registry.decider.js';

type Positioned = { position: Position | null };

export class RegisterMunicipalityCommand extends Command<Positioned> {
  constructor(readonly context: CommandContext, readonly municipalityId: string, readonly details: MunicipalityDetails) {
    super();
  }
}

export class UpdateMunicipalityCommand extends Command<Positioned> {
  constructor(readonly context: CommandContext, readonly municipalityId: string, readonly details: MunicipalityDetails) {
    super();
  }
}

export class CreateUserCommand extends Command<Positioned & { userId: string }> {
  constructor(readonly context: CommandContext, readonly profile: UserProfile) {
    super();
  }
}

export class ChangeUserCommand extends Command<Positioned> {
  constructor(
    readonly context: CommandContext,
    readonly userId: string,
    readonly changes: UserChanges,
  ) {
    super();
  }
}

@CommandHandler(RegisterMunicipalityCommand)
export class RegisterMunicipalityHandler implements ICommandHandler<RegisterMunicipalityCommand> {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  async execute({ context, municipalityId, details }: RegisterMunicipalityCommand) {
    const result = await this.runner.run({
      streamName: municipalityStream(municipalityId),
      decider: municipalityDecider,
      command: { type: 'RegisterMunicipality', municipalityId, details },
      context,
    });
    return { position: result.position };
  }
}

@CommandHandler(UpdateMunicipalityCommand)
export class UpdateMunicipalityHandler implements ICommandHandler<UpdateMunicipalityCommand> {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  async execute({ context, municipalityId, details }: UpdateMunicipalityCommand) {
    const result = await this.runner.run({
      streamName: municipalityStream(municipalityId),
      decider: municipalityDecider,
      command: { type: 'UpdateMunicipality', municipalityId, details },
      context,
    });
    return { position: result.position };
  }
}

async function municipalityAreas(runner: CommandRunner, municipalityId: string | null | undefined): Promise<MunicipalityAreas> {
  if (!municipalityId) return null;
  const { state } = await runner.load(municipalityStream(municipalityId), municipalityDecider);
  return state.status === 'registered' ? { grantAreas: state.grantAreas } : null;
}

/** Reserve the username (unique across accounts), then create the account stream. */
@CommandHandler(CreateUserCommand)
export class CreateUserHandler implements ICommandHandler<CreateUserCommand> {
  constructor(
    @Inject(COMMAND_RUNNER) private readonly runner: CommandRunner,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
  ) {}

  async execute({ context, profile }: CreateUserCommand) {
    const userId = deterministicUuid(context.commandId, 'user');
    const command = { type: 'CreateUser' as const, userId, profile, municipality: await municipalityAreas(this.runner, profile.municipalityId) };
    userDecider.decide(command, userDecider.initialState);
    await this.runner.run({
      streamName: usernameStream(this.pseudonyms.hash('username', normalizeUsername(profile.username))),
      decider: usernameRegistryDecider,
      command: { type: 'ReserveUsername', ownerId: userId },
      context,
    });
    const result = await this.runner.run({ streamName: userStream(userId), decider: userDecider, command, context });
    return { userId, position: result.position };
  }
}

@CommandHandler(ChangeUserCommand)
export class ChangeUserHandler implements ICommandHandler<ChangeUserCommand> {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  async execute({ context, userId, changes }: ChangeUserCommand) {
    const streamName = userStream(userId);
    const { state } = await this.runner.load(streamName, userDecider);
    const municipalityId = changes.municipalityId !== undefined ? changes.municipalityId : state.status === 'none' ? null : state.municipalityId;
    const municipality = await municipalityAreas(this.runner, municipalityId);
    const result = await this.runner.run({ streamName, decider: userDecider, command: { type: 'ChangeUser', userId, changes, municipality }, context });
    return { position: result.position };
  }
}
