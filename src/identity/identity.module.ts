import { Module } from '@nestjs/common';
import { SESSION_RESOLVER } from '../kernel/session-resolver.port.js';
import { ChangeUserHandler, GetMunicipalityHandler, RegisterMunicipalityHandler, UpdateMunicipalityHandler } from './identity.handlers.js';
import { AdministrationController, AuthController } from './identity.controller.js';
import { LoginThrottle } from './login-throttle.js';
import { PasswordService } from './passwords.service.js';
import { SessionService } from './sessions.service.js';
import { TermsController } from './terms.controller.js';

/** Municipalities, user accounts, login and sessions (DOMAIN §6). */
@Module({
  controllers: [AuthController, AdministrationController, TermsController],
  providers: [
    RegisterMunicipalityHandler,
    UpdateMunicipalityHandler,
    ChangeUserHandler,
    GetMunicipalityHandler,
    LoginThrottle,
    SessionService,
    PasswordService,
    { provide: SESSION_RESOLVER, useExisting: SessionService },
  ],
  exports: [SESSION_RESOLVER, PasswordService],
})
export class IdentityModule {}
