import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { municipalityPostalCodes } from '../../citizens/citizen.handlers.js';
import { citizenDecider, citizenStream, type RegisterCitizen } from '../../citizens/citizen.decider.js';
import { RegisterCitizenRequest } from '../../citizens/citizen.requests.js';
import { COMMAND_RUNNER, type CommandRunner } from '../../kernel/command-runner.js';
import { deterministicUuid } from '../../shared/ids.js';
import { PSEUDONYMIZER, type Pseudonymizer } from '../../shared/pseudonym.js';
import { copenhagenDate } from '../../shared/time.js';
import { prepareCprReservation } from '../reservations/cpr-reservation.js';
import { reserveAll } from '../reservations/reservations.js';
import { prepareUsernameReservation } from '../reservations/username-reservation.js';

/**
 * Registering (DOMAIN §2.1) is three appends: reserve the CPR number in its registry stream (the cross-stream
 * uniqueness of DOMAIN §2.1, safe under concurrency through the expected revision), reserve the webshop username
 * in the one username registry, then create the citizen stream. Everything that can refuse the registration is
 * decided before the first of them: the citizen's event (every input rule, on an empty stream) and both
 * reservations (on their registries as read), so a refusal writes nothing.
 * The citizen id derives from the command id, so a retried command finds its own reservations and finishes; a
 * registration that died between the appends leaves reservations that lapse (shared/reservation.ts): taken over
 * by the next registration of the number, under any Idempotency-Key, or ended by the reservation-lapse reaction.
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
    const { citizenId } = command.data;
    // The citizen's event decided (and checked writable) first: the number and the username reserved are the ones it holds.
    const registered = citizenDecider.decide(command, citizenDecider.initialState);
    this.runner.checkEncodable(registered);
    const [event] = registered;
    if (event?.type !== 'CitizenRegistered') throw new Error('A registration decides CitizenRegistered');
    const { cpr, webshopUsername } = event.data;
    await reserveAll([
      () => prepareCprReservation(this.runner, this.pseudonyms, cpr, citizenId, municipalityId, context),
      () => prepareUsernameReservation(this.runner, this.pseudonyms, webshopUsername, citizenId, context),
    ]);
    const result = await this.runner.run({ streamName: citizenStream(citizenId), decider: citizenDecider, command, context });
    return { citizenId, position: result.position };
  }
}
