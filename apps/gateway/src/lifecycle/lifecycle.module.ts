import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { AccountLifecycle } from './account-lifecycle';
import { EmailController } from './email.controller';
import { PasswordRecoveryController } from './password-recovery.controller';

/** The account lifecycle's JSON API (forgotten password, email verification and change); AccountLifecycle serves the pages too. */
@Module({
  imports: [AuthModule],
  controllers: [PasswordRecoveryController, EmailController],
  providers: [AccountLifecycle],
  exports: [AccountLifecycle],
})
export class LifecycleModule {}
