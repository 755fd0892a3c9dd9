import { Module } from '@nestjs/common';
import { GetAgreementHandler } from './agreement-query-handler.js';
import { GetProductHandler, ListProductGroupsHandler, SearchProductsHandler } from './product-query-handlers.js';

/** The queries the products read model answers, registered with the query bus. */
@Module({ providers: [SearchProductsHandler, GetProductHandler, ListProductGroupsHandler, GetAgreementHandler] })
export class ProductsQueriesModule {}
