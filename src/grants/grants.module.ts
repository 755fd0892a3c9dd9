import { Module } from '@nestjs/common';
import { AddGrantLineHandler, CalculateAllowanceHandler, ChangeGrantLineHandler, GrantFacts, ReactivateGrantLineHandler } from './grant.handlers.js';
import { GrantsController } from './grants.controller.js';

/**
 * The grants bounded context (DOMAIN §4). Its overview and the grant as of an instant are answered by the grants
 * read model's query handlers (read-models/grants); the allowance calculator is its own query.
 */
@Module({
  controllers: [GrantsController],
  providers: [GrantFacts, AddGrantLineHandler, ChangeGrantLineHandler, ReactivateGrantLineHandler, CalculateAllowanceHandler],
})
export class GrantsModule {}
