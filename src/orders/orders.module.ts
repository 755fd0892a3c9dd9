import { Module } from '@nestjs/common';
import { OrdersController } from './orders.controller.js';

/**
 * The orders bounded context (DOMAIN §5). Every request about an order also writes its grant's stream, so its
 * handlers are processes (src/processes/orders); its queries are answered by the order history read model.
 */
@Module({ controllers: [OrdersController] })
export class OrdersModule {}
