import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { AdminUsersService } from './admin-users.service';
import { AdminController } from './admin.controller';
import { CallerGuard } from './caller.guard';

/** The admin commands the admin-service asks for, each re-checking the admin's own credential and role. */
@Module({
  imports: [UsersModule, SessionsModule, AuditModule],
  controllers: [AdminController],
  providers: [AdminUsersService, CallerGuard],
})
export class AdminModule {}
