import { Module } from '@nestjs/common';
import { SearchCitizensHandler } from './citizen-search.query-handler.js';

/** Citizen search (DOMAIN §2.2), registered with the query bus. */
@Module({ providers: [SearchCitizensHandler] })
export class CitizenSearchQueriesModule {}
