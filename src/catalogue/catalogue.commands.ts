import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_RUNNER, type CommandRunner } from '../infrastructure/commands/command-runner.js';
import type { CommandContext } from '../infrastructure/commands/command-context.js';
import { EVENT_STORE, type EventStore, type Position } from '../infrastructure/event-store/event-store.port.js';
import { municipalityDecider, municipalityStream } from '../identity/municipality.decider.js';
import { notFound, unprocessable } from '../shared/domain-error.js';
import { agreementDecider, agreementStream, type AgreementItemInput } from './agreement.decider.js';
import type { ParsedCatalogueFile } from './catalogue-file.js';
import { CatalogueImporter, type ImportReport } from './catalogue-import.js';
import { productDecider, productStream } from './product.decider.js';

export class ImportCatalogueCommand extends Command<ImportReport> {
  constructor(readonly context: CommandContext, readonly file: ParsedCatalogueFile) {
    super();
  }
}

export class SetAgreementAssortmentCommand extends Command<{ position: Position | null }> {
  constructor(readonly context: CommandContext, readonly municipalityId: string, readonly items: readonly AgreementItemInput[]) {
    super();
  }
}

export class SetProductDiscontinuedCommand extends Command<{ position: Position | null }> {
  constructor(readonly context: CommandContext, readonly itemNumber: string, readonly discontinued: boolean, readonly reason?: string) {
    super();
  }
}

@CommandHandler(ImportCatalogueCommand)
export class ImportCatalogueHandler implements ICommandHandler<ImportCatalogueCommand> {
  private readonly importer: CatalogueImporter;

  constructor(@Inject(EVENT_STORE) store: EventStore, @Inject(COMMAND_RUNNER) runner: CommandRunner) {
    this.importer = new CatalogueImporter(store, runner);
  }

  execute({ context, file }: ImportCatalogueCommand) {
    return this.importer.import(file, context);
  }
}

/** Shown at most, of unknown item numbers in one refusal. */
const UNKNOWN_SHOWN = 20;

@CommandHandler(SetAgreementAssortmentCommand)
export class SetAgreementAssortmentHandler implements ICommandHandler<SetAgreementAssortmentCommand> {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  async execute({ context, municipalityId, items }: SetAgreementAssortmentCommand) {
    const municipality = await this.runner.load(municipalityStream(municipalityId), municipalityDecider);
    if (municipality.state.status !== 'registered') throw notFound('Municipality not found');
    // The agreement names products of the catalogue: a typo must not become a star on nothing.
    const itemNumbers = [...new Set(items.map((item) => item.itemNumber))];
    const exists = await Promise.all(itemNumbers.map(async (itemNumber) => (await this.runner.load(productStream(itemNumber), productDecider)).revision >= 0));
    const unknown = itemNumbers.filter((_, index) => !exists[index]);
    if (unknown.length > 0) {
      throw unprocessable('AGREEMENT_ITEM_UNKNOWN', 'The agreement names item numbers that are not in the catalogue', {
        itemNumbers: unknown.slice(0, UNKNOWN_SHOWN),
        count: unknown.length,
      });
    }
    const result = await this.runner.run({
      streamName: agreementStream(municipalityId),
      decider: agreementDecider,
      command: { type: 'SetAgreementAssortment', data: { municipalityId, items } },
      context,
    });
    return { position: result.position };
  }
}

@CommandHandler(SetProductDiscontinuedCommand)
export class SetProductDiscontinuedHandler implements ICommandHandler<SetProductDiscontinuedCommand> {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  async execute({ context, itemNumber, discontinued, reason }: SetProductDiscontinuedCommand) {
    const result = await this.runner.run({
      streamName: productStream(itemNumber),
      decider: productDecider,
      command: discontinued
        ? { type: 'DiscontinueProduct', data: { itemNumber, reason: reason ?? null } }
        : { type: 'ReinstateProduct', data: { itemNumber } },
      context,
    });
    return { position: result.position };
  }
}
