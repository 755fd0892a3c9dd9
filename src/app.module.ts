import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { ReadModelsModule } from '../read-models/read-models.module.js';
import { AuditModule } from './audit/audit.module.js';
import { CatalogueModule } from './catalogue/catalogue.module.js';
import { CitizensModule } from './citizens/citizens.module.js';
import { InfrastructureModule } from './composition/infrastructure.module.js';
import type { Infrastructure } from './composition/infrastructure.js';
import { INFRASTRUCTURE, ServiceLifecycle } from './composition/service-lifecycle.js';
import { GrantsModule } from './grants/grants.module.js';
import { AuthGuard } from './http/auth.guard.js';
import { ApiExceptionFilter } from './http/exception.filter.js';
import { IdempotencyInterceptor } from './http/idempotency.interceptor.js';
import { ReadYourWritesInterceptor } from './http/read-your-writes.js';
import { IdentityModule } from './identity/identity.module.js';
import { OperationsModule } from './operations/operations.module.js';
import { OrdersModule } from './orders/orders.module.js';
import { ProcessesModule } from './processes/processes.module.js';

/**
 * The composition root: the kernel's ports bound to the infrastructure opened for this run, every context and
 * process, the read side's queries, and the HTTP edge's guard, interceptors and error filter.
 */
@Module({})
export class AppModule {
  static register(infra: Infrastructure): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InfrastructureModule.register(infra),
        CqrsModule.forRoot(),
        IdentityModule,
        CitizensModule,
        CatalogueModule,
        GrantsModule,
        OrdersModule,
        AuditModule,
        ProcessesModule,
        ReadModelsModule,
        OperationsModule,
      ],
      providers: [
        { provide: INFRASTRUCTURE, useValue: infra },
        ServiceLifecycle,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
        { provide: APP_INTERCEPTOR, useClass: ReadYourWritesInterceptor },
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
      ],
    };
  }
}
