import { Global, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { GetCitizenHandler, SearchCitizensHandler } from '../read-models/citizens/citizen-queries.js';
import { GetGrantAsOfHandler } from '../read-models/grants/grant-as-of-queries.js';
import { GetGrantHandler } from '../read-models/grants/grant-queries.js';
import { GetCitizenOrdersHandler, GetOrderHandler } from '../read-models/orders/order-queries.js';
import { GetProductHandler, SearchProductsHandler } from '../read-models/products/product-queries.js';
import { ListUsersHandler } from '../read-models/users/user-directory.js';
import { CatalogueModule } from './catalogue/catalogue.module.js';
import { CitizensModule } from './citizens/citizens.module.js';
import { GrantsModule } from './grants/grants.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { AuditModule } from './audit/audit.module.js';
import { TermsModule } from './terms/terms.module.js';
import { CONFIG } from './config/config.js';
import { AuthGuard } from './http/auth.guard.js';
import { ApiExceptionFilter } from './http/exception.filter.js';
import { IdempotencyInterceptor } from './http/idempotency.interceptor.js';
import { IDEMPOTENCY_STORE } from './http/idempotency.port.js';
import { READ_YOUR_WRITES, ReadYourWritesInterceptor } from './http/read-your-writes.js';
import { AuthService } from './identity/auth.service.js';
import { IdentityModule } from './identity/identity.module.js';
import { CREDENTIAL_STORE, SESSION_STORE, USER_DIRECTORY } from './identity/identity.ports.js';
import { PASSWORD_HASHER } from './identity/password-hasher.js';
import { COMMAND_RUNNER } from './infrastructure/commands/command-runner.js';
import { EVENT_STORE } from './infrastructure/event-store/event-store.port.js';
import { LOGGER } from './infrastructure/logging/logger.js';
import { READ_MODEL_STORE } from './infrastructure/read-model-store/read-model-store.port.js';
import { METRICS, PROJECTION_MONITOR } from './operations/metrics.js';
import { PROJECTION_ADMIN } from './operations/projections-admin.controller.js';
import { OperationsModule } from './operations/operations.module.js';
import { STORE_PROBE } from './operations/operations.controller.js';
import { PSEUDONYMIZER } from './shared/pseudonym.js';
import type { Infrastructure } from './composition/infrastructure.js';

/**
 * The composition root: the one module that knows the infrastructure, the read models and the projections,
 * and hands them to the bounded contexts through DI tokens.
 */
@Global()
@Module({})
class InfrastructureModule {
  static register(infra: Infrastructure): DynamicModule {
    const values: Provider[] = [
      { provide: CONFIG, useValue: infra.config },
      { provide: LOGGER, useValue: infra.logger },
      { provide: EVENT_STORE, useValue: infra.eventStore },
      { provide: READ_MODEL_STORE, useValue: infra.readModelStore },
      { provide: COMMAND_RUNNER, useValue: infra.commandRunner },
      { provide: PSEUDONYMIZER, useValue: infra.pseudonymizer },
      { provide: CREDENTIAL_STORE, useValue: infra.credentials },
      { provide: SESSION_STORE, useValue: infra.sessions },
      { provide: USER_DIRECTORY, useValue: infra.users },
      { provide: PASSWORD_HASHER, useValue: infra.hasher },
      { provide: IDEMPOTENCY_STORE, useValue: infra.idempotency },
      { provide: READ_YOUR_WRITES, useValue: infra.projections },
      { provide: PROJECTION_MONITOR, useValue: infra.projections },
      { provide: PROJECTION_ADMIN, useValue: infra.projections },
      { provide: METRICS, useValue: infra.metrics },
      { provide: STORE_PROBE, useValue: infra.storeProbe },
      { provide: AuthService, useValue: infra.auth },
    ];
    return { module: InfrastructureModule, providers: values, exports: values };
  }
}

@Module({})
export class AppModule {
  static register(infra: Infrastructure): DynamicModule {
    return {
      module: AppModule,
      imports: [InfrastructureModule.register(infra), CqrsModule.forRoot(), IdentityModule, CitizensModule, CatalogueModule, GrantsModule, OrdersModule, AuditModule, OperationsModule, TermsModule],
      providers: [
        SearchCitizensHandler,
        GetCitizenHandler,
        ListUsersHandler,
        SearchProductsHandler,
        GetProductHandler,
        GetGrantHandler,
        GetGrantAsOfHandler,
        GetCitizenOrdersHandler,
        GetOrderHandler,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
