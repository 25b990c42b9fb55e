import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PasswordsModule } from '../passwords/passwords.module';
import { ThrottleModule } from '../throttle/throttle.module';
import { VerificationModule } from '../verification/verification.module';
import { BootstrapAdminService } from './bootstrap-admin.service';
import { RegistrationClaims } from './registration-claims';
import { User } from './user.entity';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** The `users` table: UserRepository is exported, as the one door other features read users through. */
const userTable = MikroOrmModule.forFeature([User]);

/** Accounts: sign-up, the bootstrap admin, and the users table. */
@Module({
  imports: [userTable, PasswordsModule, ThrottleModule, AuditModule, VerificationModule],
  controllers: [UsersController],
  providers: [UsersService, BootstrapAdminService, RegistrationClaims],
  exports: [userTable, UsersService],
})
export class UsersModule {}
