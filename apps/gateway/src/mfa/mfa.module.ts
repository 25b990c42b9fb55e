import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MfaController } from './mfa.controller';
import { SecondStepController } from './second-step.controller';

/** The second factor's JSON API: /auth/mfa/*, the login's second step (/auth/login/mfa) and /auth/reauthenticate. */
@Module({
  imports: [AuthModule],
  controllers: [MfaController, SecondStepController],
})
export class MfaModule {}
