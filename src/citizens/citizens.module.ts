import { Module } from '@nestjs/common';
import {
  ChangeCitizenContactDetailsHandler,
  ChangeCitizenCprHandler,
  ChangeCitizenStatusHandler,
  RecordCitizenOpenedHandler,
  RegisterCitizenHandler,
  ReopenCitizenHandler,
} from './citizen.commands.js';
import { CitizensController } from './citizens.controller.js';

/** The citizen bounded context (DOMAIN §2). Its query handlers live with the read models (read-models/citizens). */
@Module({
  controllers: [CitizensController],
  providers: [
    RegisterCitizenHandler,
    ChangeCitizenContactDetailsHandler,
    RecordCitizenOpenedHandler,
    ChangeCitizenStatusHandler,
    ReopenCitizenHandler,
    ChangeCitizenCprHandler,
  ],
})
export class CitizensModule {}
