import { Module } from '@nestjs/common';
import { GetCitizenOrdersHandler, GetOrderHandler } from './order-query-handlers.js';

/** The queries the orders read model answers, registered with the query bus. */
@Module({ providers: [GetCitizenOrdersHandler, GetOrderHandler] })
export class OrdersQueriesModule {}
