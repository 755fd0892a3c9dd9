import { Module } from '@nestjs/common';
import { CreateUserHandler } from './create-user.handler.js';

/** Creating staff users, on its own so that the administration command line gets it without the other processes. */
@Module({ providers: [CreateUserHandler] })
export class StaffUsersModule {}
