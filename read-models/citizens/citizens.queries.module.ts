import { Module } from '@nestjs/common';
import { GetCitizenHandler } from './citizen-query-handlers.js';

/** The queries the citizens read model answers, registered with the query bus. */
@Module({ providers: [GetCitizenHandler] })
export class CitizensQueriesModule {}
