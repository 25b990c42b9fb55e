import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { PasswordsModule } from '../passwords/passwords.module';
import { ThrottleModule } from '../throttle/throttle.module';
import { UsersModule } from '../users/users.module';
import { CredentialsService } from './credentials.service';

/** The credential check: throttle, bcrypt (or the dummy hash), the disabled state, the hash upgrade. */
@Module({
  imports: [UsersModule, PasswordsModule, ThrottleModule, AuditModule],
  providers: [CredentialsService],
  exports: [CredentialsService],
})
export class CredentialsModule {}
