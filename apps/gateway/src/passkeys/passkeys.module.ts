import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { PasskeysController } from './passkeys.controller';

/** The passkey API under /auth/passkeys (the ceremonies themselves run in the auth-service). */
@Module({
  imports: [AuthModule],
  controllers: [PasskeysController],
})
export class PasskeysModule {}
