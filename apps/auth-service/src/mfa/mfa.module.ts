import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Logger, Module, OnModuleInit, Inject } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AUTH_CONFIG, AuthConfig } from '../config/auth.config';
import { CredentialsModule } from '../credentials/credentials.module';
import { SessionsModule } from '../sessions/sessions.module';
import { ThrottleModule } from '../throttle/throttle.module';
import { UsersModule } from '../users/users.module';
import { MfaChallengeStore } from './mfa-challenge.store';
import { MfaLoginController } from './mfa-login.controller';
import { MfaLoginService } from './mfa-login.service';
import { MfaController } from './mfa.controller';
import { ReauthenticationService } from './reauthentication.service';
import { RecoveryCode } from './recovery-code.entity';
import { SecondFactorService } from './second-factor.service';
import { TotpService } from './totp.service';

/**
 * The second factor (issue 16): TOTP (secret encrypted at rest, codes single-use), recovery codes
 * (hashed, single-use), the login's second step, and re-authentication. Exports MfaLoginService for
 * the password login and grant.
 */
@Module({
  imports: [MikroOrmModule.forFeature([RecoveryCode]), UsersModule, CredentialsModule, SessionsModule, ThrottleModule, AuditModule],
  controllers: [MfaController, MfaLoginController],
  providers: [MfaChallengeStore, MfaLoginService, ReauthenticationService, SecondFactorService, TotpService],
  exports: [MfaLoginService],
})
export class MfaModule implements OnModuleInit {
  constructor(@Inject(AUTH_CONFIG) private readonly config: AuthConfig) {}

  onModuleInit(): void {
    if (this.config.mfa.developmentKey) {
      new Logger('Mfa').warn(
        'MFA_ENCRYPTION_KEY is not set: TOTP secrets are encrypted under a public development key (production refuses this)',
      );
    }
  }
}
