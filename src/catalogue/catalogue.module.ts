import { Module } from '@nestjs/common';
import { ImportCatalogueHandler, SetAgreementAssortmentHandler, SetAgreementItemHandler, SetProductDiscontinuedHandler } from './catalogue.handlers.js';
import { CatalogueController } from './catalogue.controller.js';
import { CatalogueImporter } from './catalogue-import.js';

/** The catalogue bounded context (DOMAIN §3). Its query handlers live with the products read model. */
@Module({
  controllers: [CatalogueController],
  providers: [CatalogueImporter, ImportCatalogueHandler, SetAgreementAssortmentHandler, SetAgreementItemHandler, SetProductDiscontinuedHandler],
})
export class CatalogueModule {}
