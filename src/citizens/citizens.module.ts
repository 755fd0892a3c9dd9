import { Module } from '@nestjs/common';
import { ChangeCitizenContactDetailsHandler, RecordCitizenOpenedHandler, RegisterCitizenHandler } from './citizen.commands.js';
import { CitizensController } from './citizens.controller.js';

/** The citizen bounded context (DOMAIN §2). Its query handlers live with the read models (read-models/citizens). */
@Module({
  controllers: [CitizensController],
  providers: [RegisterCitizenHandler, ChangeCitizenContactDetailsHandler, RecordCitizenOpenedHandler],
})
export class CitizensModule {}
