import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MfaController } from './mfa.controller';

/** The second factor's JSON API (/auth/mfa/*); the login's second step and re-authentication are in AuthController. */
@Module({
  imports: [AuthModule],
  controllers: [MfaController],
})
export class MfaModule {}
