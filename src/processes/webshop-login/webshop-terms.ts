import { Inject, Injectable } from '@nestjs/common';
import { citizenDecider, citizenStream } from '../../citizens/citizen.decider.js';
import type { WebshopTerms } from '../../identity/identity.ports.js';
import type { CommandContext } from '../../kernel/command-context.js';
import { COMMAND_RUNNER, type CommandRunner } from '../../kernel/command-runner.js';

/** A citizen's webshop login records the accepted terms on the citizen's stream (DOMAIN §6). */
@Injectable()
export class WebshopTermsRecorder implements WebshopTerms {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  async recordAccepted(citizenId: string, termsVersion: string, context: CommandContext): Promise<void> {
    await this.runner.run({ streamName: citizenStream(citizenId), decider: citizenDecider, command: { type: 'AcceptWebshopTerms', data: { citizenId, termsVersion } }, context });
  }
}
