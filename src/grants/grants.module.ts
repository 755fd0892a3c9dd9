import { Module } from '@nestjs/common';
import { AddGrantLineHandler, CalculateAllowanceHandler, ChangeGrantLineHandler, ReactivateGrantLineHandler } from './grant.commands.js';
import { GrantsController } from './grants.controller.js';

/**
 * The grants bounded context (DOMAIN §4). Its query handlers (the overview, and the grant as of an instant, which
 * reads the event store and only the catalogue from a read model) live in read-models/grants/, registered by the
 * composition root.
 */
@Module({
  controllers: [GrantsController],
  providers: [AddGrantLineHandler, ChangeGrantLineHandler, ReactivateGrantLineHandler, CalculateAllowanceHandler],
})
export class GrantsModule {}
