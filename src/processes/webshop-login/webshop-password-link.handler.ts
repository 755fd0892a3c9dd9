import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { SendWebshopPasswordLinkRequest } from '../../citizens/citizen.requests.js';
import { USER_DIRECTORY, type UserDirectory } from '../../identity/identity.ports.js';
import { PasswordService } from '../../identity/passwords.service.js';
import { conflict, notFound } from '../../shared/domain-error.js';

/**
 * DOMAIN §2.4: caseworkers and customer service send a citizen a set-password link for the webshop login. The
 * citizen's account is identity's (its directory holds citizens as accounts); the citizen is the citizens context's.
 */
@CommandHandler(SendWebshopPasswordLinkRequest)
export class SendWebshopPasswordLinkHandler implements ICommandHandler<SendWebshopPasswordLinkRequest> {
  constructor(
    @Inject(USER_DIRECTORY) private readonly accounts: UserDirectory,
    @Inject(PasswordService) private readonly passwords: PasswordService,
  ) {}

  async execute({ citizenId }: SendWebshopPasswordLinkRequest): Promise<void> {
    const account = await this.accounts.byId(citizenId);
    if (!account || account.role !== 'citizen') throw notFound('Citizen not found');
    if (account.disabled) throw conflict('CITIZEN_REMOVED', 'The citizen is removed and has no webshop login');
    await this.passwords.invite(account);
  }
}
