import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../kernel/command-context.js';
import type { Position } from '../kernel/event-store.port.js';
import type { AgreementItemInput } from './agreement.decider.js';
import type { ParsedCatalogueFile } from './catalogue-file.js';
import type { ImportReport } from './catalogue-import.js';

/** What administrators ask of the catalogue and the agreements (DOMAIN §3), sent over the command bus to catalogue.handlers.ts. */
export class ImportCatalogueRequest extends Command<ImportReport> {
  constructor(readonly context: CommandContext, readonly file: ParsedCatalogueFile) {
    super();
  }
}

export class SetAgreementAssortmentRequest extends Command<{ position: Position | null }> {
  constructor(readonly context: CommandContext, readonly municipalityId: string, readonly items: readonly AgreementItemInput[]) {
    super();
  }
}

/** One item's periods on a municipality's agreement; an empty list takes the item off. */
export class SetAgreementItemRequest extends Command<{ position: Position | null }> {
  constructor(
    readonly context: CommandContext,
    readonly municipalityId: string,
    readonly itemNumber: string,
    readonly periods: readonly Omit<AgreementItemInput, 'itemNumber'>[],
  ) {
    super();
  }
}

export class SetProductDiscontinuedRequest extends Command<{ position: Position | null }> {
  constructor(readonly context: CommandContext, readonly itemNumber: string, readonly discontinued: boolean, readonly reason?: string) {
    super();
  }
}
