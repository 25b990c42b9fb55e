import { Module } from '@nestjs/common';
import { PasswordsModule } from '../passwords/passwords.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { VerificationModule } from '../verification/verification.module';
import { PasswordResetService } from './password-reset.service';
import { RecoveryController } from './recovery.controller';

/** Password recovery: forgot (a mailed reset link) and reset (a new password, every session revoked). */
@Module({
  imports: [UsersModule, SessionsModule, PasswordsModule, VerificationModule],
  controllers: [RecoveryController],
  providers: [PasswordResetService],
})
export class RecoveryModule {}
