import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { municipalityAreas } from '../../identity/identity.handlers.js';
import { CreateUserRequest } from '../../identity/identity.requests.js';
import { userDecider, userStream } from '../../identity/user.decider.js';
import { COMMAND_RUNNER, type CommandRunner } from '../../kernel/command-runner.js';
import { deterministicUuid } from '../../shared/ids.js';
import { PSEUDONYMIZER, type Pseudonymizer } from '../../shared/pseudonym.js';
import { reserveAll } from '../reservations/reservations.js';
import { prepareUsernameReservation } from '../reservations/username-reservation.js';

/**
 * Creating a staff user: the user's event decided (every rule: role, municipality, grant areas) and the username's
 * reservation decided on its registry before anything is written; then the username reserved (unique across
 * accounts), then the user's stream. The user id derives from the command id, so a retry finds its own
 * reservation; a creation that died between the two appends leaves a reservation that lapses
 * (shared/reservation.ts): taken over by the next creation of that username, under any Idempotency-Key, or ended
 * by the reservation-lapse reaction. A process, not identity's own handler: the username's holder may be a
 * citizen (a webshop login), whose stream the takeover reads.
 */
@CommandHandler(CreateUserRequest)
export class CreateUserHandler implements ICommandHandler<CreateUserRequest> {
  constructor(
    @Inject(COMMAND_RUNNER) private readonly runner: CommandRunner,
    @Inject(PSEUDONYMIZER) private readonly pseudonyms: Pseudonymizer,
  ) {}

  async execute({ context, profile }: CreateUserRequest) {
    const userId = deterministicUuid(context.commandId, 'user');
    const command = { type: 'CreateUser' as const, userId, profile, municipality: await municipalityAreas(this.runner, profile.municipalityId) };
    this.runner.checkEncodable(userDecider.decide(command, userDecider.initialState));
    await reserveAll([() => prepareUsernameReservation(this.runner, this.pseudonyms, profile.username, userId, context)]);
    const result = await this.runner.run({ streamName: userStream(userId), decider: userDecider, command, context });
    return { userId, position: result.position };
  }
}
