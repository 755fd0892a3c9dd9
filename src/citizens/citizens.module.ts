import { Module } from '@nestjs/common';
import { ChangeCitizenContactDetailsHandler } from './citizen.handlers.js';
import { CitizensController } from './citizens.controller.js';

/**
 * The citizen bounded context (DOMAIN §2). Registering, status changes, reopening and CPR changes also write the
 * CPR and username registries, the grant and the orders: their handlers are processes (src/processes). The
 * queries are answered by the citizens read model.
 */
@Module({
  controllers: [CitizensController],
  providers: [ChangeCitizenContactDetailsHandler],
})
export class CitizensModule {}
