import { Module } from '@nestjs/common';
import { ListMunicipalitiesHandler } from './municipality-query-handlers.js';

/** The queries the municipalities read model answers, registered with the query bus. */
@Module({ providers: [ListMunicipalitiesHandler] })
export class MunicipalitiesQueriesModule {}
