import { Module } from '@nestjs/common';
import { AddGrantLineHandler, CalculateAllowanceHandler, ChangeGrantLineHandler, ReactivateGrantLineHandler } from './grant.commands.js';
import { GrantsController } from './grants.controller.js';

/** The grants bounded context (DOMAIN §4). Its query handler lives with the grants read model. */
@Module({
  controllers: [GrantsController],
  providers: [AddGrantLineHandler, ChangeGrantLineHandler, ReactivateGrantLineHandler, CalculateAllowanceHandler],
})
export class GrantsModule {}
