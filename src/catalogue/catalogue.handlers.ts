import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { COMMAND_RUNNER, type CommandRunner } from '../kernel/command-runner.js';
import { municipalityDecider, municipalityStream } from '../identity/municipality.decider.js';
import { notFound, unprocessable } from '../shared/domain-error.js';
import { agreementDecider, agreementStream } from './agreement.decider.js';
import { CatalogueImporter } from './catalogue-import.js';
import { productDecider, productStream } from './product.decider.js';
import { ImportCatalogueRequest, SetAgreementAssortmentRequest, SetAgreementItemRequest, SetProductDiscontinuedRequest } from './catalogue.requests.js';

/** The supplier's product file (DOMAIN §3): only new or changed rows become events. */
@CommandHandler(ImportCatalogueRequest)
export class ImportCatalogueHandler implements ICommandHandler<ImportCatalogueRequest> {
  constructor(@Inject(CatalogueImporter) private readonly importer: CatalogueImporter) {}

  execute({ context, file }: ImportCatalogueRequest) {
    return this.importer.import(file, context);
  }
}

/** Shown at most, of unknown item numbers in one refusal. */
const UNKNOWN_SHOWN = 20;

@CommandHandler(SetAgreementAssortmentRequest)
export class SetAgreementAssortmentHandler implements ICommandHandler<SetAgreementAssortmentRequest> {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  async execute({ context, municipalityId, items }: SetAgreementAssortmentRequest) {
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

@CommandHandler(SetAgreementItemRequest)
export class SetAgreementItemHandler implements ICommandHandler<SetAgreementItemRequest> {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  async execute({ context, municipalityId, itemNumber, periods }: SetAgreementItemRequest) {
    const municipality = await this.runner.load(municipalityStream(municipalityId), municipalityDecider);
    if (municipality.state.status !== 'registered') throw notFound('Municipality not found');
    // Taking an item off needs no product; putting one on does (as for the whole assortment).
    if (periods.length > 0 && (await this.runner.load(productStream(itemNumber), productDecider)).revision < 0) {
      throw unprocessable('AGREEMENT_ITEM_UNKNOWN', 'The agreement names item numbers that are not in the catalogue', { itemNumbers: [itemNumber], count: 1 });
    }
    const result = await this.runner.run({
      streamName: agreementStream(municipalityId),
      decider: agreementDecider,
      command: { type: 'SetAgreementItem', data: { municipalityId, itemNumber, periods } },
      context,
    });
    return { position: result.position };
  }
}

@CommandHandler(SetProductDiscontinuedRequest)
export class SetProductDiscontinuedHandler implements ICommandHandler<SetProductDiscontinuedRequest> {
  constructor(@Inject(COMMAND_RUNNER) private readonly runner: CommandRunner) {}

  async execute({ context, itemNumber, discontinued, reason }: SetProductDiscontinuedRequest) {
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
