import { Module } from '@nestjs/common';
import { ListUsersHandler } from './user-directory.js';

/** The queries the users read model answers, registered with the query bus. */
@Module({ providers: [ListUsersHandler] })
export class UsersQueriesModule {}
