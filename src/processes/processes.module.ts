import { Module } from '@nestjs/common';
import { CONFIG, type Config } from '../config/config.js';
import { CLOCK, type Clock } from '../kernel/clock.js';
import { COMMAND_RUNNER, type CommandRunner } from '../kernel/command-runner.js';
import { IdentityModule } from '../identity/identity.module.js';
import { PSEUDONYMIZER, type Pseudonymizer } from '../shared/pseudonym.js';
import { ChangeCitizenCprHandler, ChangeCitizenStatusHandler, ChangeWebshopUsernameHandler, ReopenCitizenHandler } from './citizen-lifecycle/citizen-lifecycle.handlers.js';
import { CitizenErasure } from './citizen-lifecycle/citizen-erasure.js';
import { CitizenLifecycle } from './citizen-lifecycle/citizen-lifecycle.js';
import { RegisterCitizenHandler } from './citizen-registration/register-citizen.handler.js';
import { StaffUsersModule } from './staff-users/staff-users.module.js';
import { CancelOrderHandler, ReportFulfilmentHandler } from './orders/order-steps.handlers.js';
import { OrderWorkflow } from './orders/order-workflow.js';
import { PlaceOrderHandler } from './orders/place-order.handler.js';
import { allReactions, REACTIONS } from './reactions.js';
import { SendWebshopPasswordLinkHandler } from './webshop-login/webshop-password-link.handler.js';
import { IssueWebshopOneTimePasswordHandler } from './webshop-login/webshop-one-time-password.handler.js';

/**
 * The processes: every workflow that writes to the streams of more than one context (DOMAIN's cross-stream
 * rules), as request handlers (the effects at once, for read-your-writes) and as reactions (the same effects from
 * the log, so they happen even when the request died half-way).
 */
@Module({
  imports: [IdentityModule, StaffUsersModule],
  providers: [
    OrderWorkflow,
    CitizenLifecycle,
    // Not a request's handler: the retention job takes it from the application (app.get(CitizenErasure)).
    CitizenErasure,
    PlaceOrderHandler,
    CancelOrderHandler,
    ReportFulfilmentHandler,
    RegisterCitizenHandler,
    ChangeCitizenStatusHandler,
    ReopenCitizenHandler,
    ChangeCitizenCprHandler,
    ChangeWebshopUsernameHandler,
    SendWebshopPasswordLinkHandler,
    IssueWebshopOneTimePasswordHandler,
    {
      provide: REACTIONS,
      inject: [COMMAND_RUNNER, PSEUDONYMIZER, CitizenLifecycle, OrderWorkflow, CLOCK, CONFIG],
      useFactory: (runner: CommandRunner, pseudonyms: Pseudonymizer, lifecycle: CitizenLifecycle, orders: OrderWorkflow, clock: Clock, config: Config) =>
        allReactions({ runner, pseudonyms, lifecycle, orders, clock, abandonOrderAfterMs: config.ORDER_ABANDON_AFTER_SECONDS * 1000 }),
    },
  ],
  exports: [REACTIONS, CitizenErasure],
})
export class ProcessesModule {}
