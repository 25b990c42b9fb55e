import { Module } from '@nestjs/common';
import { UsersController } from './users.controller';

/** User administration for admins. */
@Module({ controllers: [UsersController] })
export class UsersModule {}
