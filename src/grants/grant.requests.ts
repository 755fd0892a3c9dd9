import { Command } from '@nestjs/cqrs';
import type { Principal } from '../kernel/principal.js';
import type { CommandContext } from '../kernel/command-context.js';
import type { Position } from '../kernel/event-store.port.js';
import type { AllowanceInput } from './allowance.js';
import type { LineKind } from './grant.events.js';

type Positioned = { position: Position | null };

export interface AddLineInput {
  readonly itemNumber: string;
  readonly grantArea: string;
  readonly kind: LineKind;
  readonly startDate?: string | null;
  readonly endDate?: string | null;
  readonly allowance?: AllowanceInput | null;
}

export interface ChangeLineInput {
  readonly status?: 'INACTIVE';
  /** One-time ↔ continuous ("Redigér"): the line is granted anew with the other kind (ChangeGrantLineKind). */
  readonly kind?: LineKind;
  readonly allowance?: AllowanceInput | null;
  readonly endDate?: string | null;
  readonly reason?: string;
}

/** What caseworkers and nurses ask of a citizen's grant (DOMAIN §4), sent over the command bus to grant.handlers.ts. */
export class AddGrantLineRequest extends Command<Positioned & { lineId: string }> {
  constructor(readonly principal: Principal, readonly context: CommandContext, readonly citizenId: string, readonly input: AddLineInput) {
    super();
  }
}

export class ChangeGrantLineRequest extends Command<Positioned & { lineId: string }> {
  constructor(
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly citizenId: string,
    readonly lineId: string,
    readonly input: ChangeLineInput,
  ) {
    super();
  }
}

export class ReactivateGrantLineRequest extends Command<Positioned> {
  constructor(
    readonly principal: Principal,
    readonly context: CommandContext,
    readonly citizenId: string,
    readonly lineId: string,
    readonly allowance: AllowanceInput | null | undefined,
  ) {
    super();
  }
}

