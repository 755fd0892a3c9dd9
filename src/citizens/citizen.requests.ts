import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../kernel/command-context.js';
import type { Position } from '../kernel/event-store.port.js';
import type { Principal } from '../kernel/principal.js';
import type { ChangeCitizenContactDetails, RegisterCitizen } from './citizen.decider.js';
import type { CitizenStatus } from './citizen.events.js';

/**
 * What callers ask of citizens, sent over the command bus. Changing contact details is the citizen stream's
 * alone (citizen.handlers.ts); the others also write the CPR registry, the username registry, the grant or the
 * orders, so the processes handle them (src/processes). A request is not a decider's command: it is what the
 * caller asked for, with who asked and the request's ids.
 */
type Positioned = { position: Position | null };

export type RegisterCitizenInput = Omit<RegisterCitizen['data'], 'citizenId' | 'municipalityId' | 'municipalityPostalCodes' | 'today'>;
export type ContactDetailsInput = Omit<ChangeCitizenContactDetails['data'], 'citizenId' | 'municipalityPostalCodes'>;

export class RegisterCitizenRequest extends Command<Positioned & { citizenId: string }> {
  constructor(
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly input: RegisterCitizenInput,
  ) {
    super();
  }
}

export class ChangeCitizenContactDetailsRequest extends Command<Positioned> {
  constructor(
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly citizenId: string,
    readonly input: ContactDetailsInput,
  ) {
    super();
  }
}

export class ChangeCitizenStatusRequest extends Command<Positioned> {
  constructor(
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly citizenId: string,
    readonly status: CitizenStatus,
    readonly reason: string | null,
  ) {
    super();
  }
}

export class ReopenCitizenRequest extends Command<Positioned> {
  constructor(
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly citizenId: string,
    readonly reason: string,
  ) {
    super();
  }
}

export class ChangeCitizenCprRequest extends Command<Positioned> {
  constructor(
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly citizenId: string,
    readonly input: { readonly cpr: string; readonly confirmUnusualCpr?: boolean; readonly reason: string },
  ) {
    super();
  }
}

/** DOMAIN §2.4: a set-password link for the citizen's webshop login, by e-mail. The caller may see the citizen. */
export class SendWebshopPasswordLinkRequest extends Command<void> {
  constructor(readonly citizenId: string) {
    super();
  }
}

/** DOMAIN §6: a one-time password for the webshop login, shown once to the caller (a citizen with no e-mail). */
export class IssueWebshopOneTimePasswordRequest extends Command<{ password: string }> {
  constructor(
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly citizenId: string,
  ) {
    super();
  }
}

/** A new webshop username, through the one username registry (USERNAME_TAKEN); the old one is released. */
export class ChangeWebshopUsernameRequest extends Command<Positioned> {
  constructor(
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly citizenId: string,
    readonly webshopUsername: string,
  ) {
    super();
  }
}
