import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../kernel/command-context.js';
import type { Position } from '../kernel/event-store.port.js';
import type { MunicipalityDetails } from './municipality.decider.js';
import type { UserChanges, UserProfile } from './user.decider.js';

type Positioned = { position: Position | null };

/** What administrators ask of municipalities and accounts (DOMAIN §6), sent over the command bus to identity.handlers.ts. */
export class RegisterMunicipalityRequest extends Command<Positioned> {
  constructor(readonly context: CommandContext, readonly municipalityId: string, readonly details: MunicipalityDetails) {
    super();
  }
}

export class UpdateMunicipalityRequest extends Command<Positioned> {
  constructor(readonly context: CommandContext, readonly municipalityId: string, readonly details: MunicipalityDetails) {
    super();
  }
}

export class CreateUserRequest extends Command<Positioned & { userId: string }> {
  constructor(readonly context: CommandContext, readonly profile: UserProfile) {
    super();
  }
}

export class ChangeUserRequest extends Command<Positioned> {
  constructor(
    readonly context: CommandContext,
    readonly userId: string,
    readonly changes: UserChanges,
  ) {
    super();
  }
}
