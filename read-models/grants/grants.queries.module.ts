import { Module } from '@nestjs/common';
import { GetGrantAsOfHandler } from './grant-as-of-query-handler.js';
import { GetGrantHandler } from './grant-query-handlers.js';

/** The queries the grants read model answers, registered with the query bus. */
@Module({ providers: [GetGrantHandler, GetGrantAsOfHandler] })
export class GrantsQueriesModule {}
