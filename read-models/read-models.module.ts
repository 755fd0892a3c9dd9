import { Module } from '@nestjs/common';
import { CitizenSearchQueriesModule } from './citizen-search/citizen-search.queries.module.js';
import { CitizensQueriesModule } from './citizens/citizens.queries.module.js';
import { GrantsQueriesModule } from './grants/grants.queries.module.js';
import { MunicipalitiesQueriesModule } from './municipalities/municipalities.queries.module.js';
import { OrdersQueriesModule } from './orders/orders.queries.module.js';
import { ProductsQueriesModule } from './products/products.queries.module.js';
import { UsersQueriesModule } from './users/users.queries.module.js';

/**
 * The read side's queries. Their messages belong to the contexts (e.g. src/citizens/citizen.queries.ts); the
 * handlers live here beside their read models, which sit above the contexts, so the contexts' modules cannot
 * register them without importing upward.
 */
@Module({ imports: [CitizensQueriesModule, CitizenSearchQueriesModule, GrantsQueriesModule, OrdersQueriesModule, ProductsQueriesModule, UsersQueriesModule, MunicipalitiesQueriesModule] })
export class ReadModelsModule {}
