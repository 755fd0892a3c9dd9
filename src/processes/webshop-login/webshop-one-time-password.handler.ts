import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { citizenDecider, citizenScope, citizenStream } from '../../citizens/citizen.decider.js';
import { IssueWebshopOneTimePasswordRequest } from '../../citizens/citizen.requests.js';
import { USER_DIRECTORY, type UserDirectory } from '../../identity/identity.ports.js';
import { PasswordService } from '../../identity/passwords.service.js';
import { assertCanSeeCitizen } from '../../kernel/access-policy.js';
import { COMMAND_RUNNER, type CommandRunner } from '../../kernel/command-runner.js';
import { conflict, notFound } from '../../shared/domain-error.js';

/**
 * DOMAIN §6: a citizen with no e-mail address gets a webshop login from a caseworker or customer service as a
 * one-time password, shown once to them and changed by the citizen at the first login. Who gave it is recorded
 * on the citizen's stream (CitizenWebshopOneTimePasswordIssued) before the password is set, so no password is
 * ever in force without that fact; the password itself goes only to the credential store, as a hash.
 */
@CommandHandler(IssueWebshopOneTimePasswordRequest)
export class IssueWebshopOneTimePasswordHandler implements ICommandHandler<IssueWebshopOneTimePasswordRequest> {
  constructor(
    @Inject(COMMAND_RUNNER) private readonly runner: CommandRunner,
    @Inject(USER_DIRECTORY) private readonly accounts: UserDirectory,
    @Inject(PasswordService) private readonly passwords: PasswordService,
  ) {}

  async execute({ principal, context, citizenId }: IssueWebshopOneTimePasswordRequest): Promise<{ password: string }> {
    const loaded = await this.runner.load(citizenStream(citizenId), citizenDecider);
    const { state } = loaded;
    assertCanSeeCitizen(principal, citizenScope(state));
    const command = { type: 'RecordWebshopOneTimePassword', data: { citizenId, role: principal.role } } as const;
    // Every rule (role, citizen known, not removed) is checked before anything is written.
    citizenDecider.decide(command, state);
    const account = await this.accounts.byId(citizenId);
    if (!account || account.role !== 'citizen') throw notFound('Citizen not found');
    if (account.disabled) throw conflict('CITIZEN_REMOVED', 'The citizen is removed and has no webshop login');
    await this.runner.run({ streamName: citizenStream(citizenId), decider: citizenDecider, command, context, retriesOnConflict: 3, loaded });
    return { password: await this.passwords.issueOneTimePassword(account) };
  }
}
