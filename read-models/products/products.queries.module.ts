import { Module } from '@nestjs/common';
import { SearchProductsHandler, GetProductHandler } from './product-query-handlers.js';

/** The queries the products read model answers, registered with the query bus. */
@Module({ providers: [SearchProductsHandler, GetProductHandler] })
export class ProductsQueriesModule {}
