import { Module } from '@nestjs/common';
import { CancelOrderHandler, PlaceOrderHandler, ReportFulfilmentHandler } from './order.commands.js';
import { OrdersController } from './orders.controller.js';

/** The orders bounded context (DOMAIN §5). Its query handlers live with the order history read model. */
@Module({
  controllers: [OrdersController],
  providers: [PlaceOrderHandler, CancelOrderHandler, ReportFulfilmentHandler],
})
export class OrdersModule {}
