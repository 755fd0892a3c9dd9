import { Module } from '@nestjs/common';
import {
  ChangeUserHandler,
  CreateUserHandler,
  RegisterMunicipalityHandler,
  UpdateMunicipalityHandler,
} from './identity.commands.js';
import { AdministrationController, AuthController } from './identity.controller.js';

/** Municipalities, user accounts, login and sessions (DOMAIN §6). */
@Module({
  controllers: [AuthController, AdministrationController],
  providers: [RegisterMunicipalityHandler, UpdateMunicipalityHandler, CreateUserHandler, ChangeUserHandler],
})
export class IdentityModule {}
