import { BroadcastModule, StructuredLoggingModule } from '@app/common';
import { DynamicModule, Module } from '@nestjs/common';
import { AdminModule } from './admin/admin.module';
import { AuthConfig } from './config/auth.config';
import { AuthConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EmailModule } from './email/email.module';
import { HealthModule } from './health/health.module';
import { LoginModule } from './login/login.module';
import { MailModule } from './mail/mail.module';
import { PasskeysModule } from './passkeys/passkeys.module';
import { RecoveryModule } from './recovery/recovery.module';
import { MfaModule } from './mfa/mfa.module';
import { OidcModule } from './oidc/oidc.module';
import { RedisModule } from './redis/redis.module';
import { SessionsModule } from './sessions/sessions.module';
import { TokensModule } from './tokens/tokens.module';
import { UsersModule } from './users/users.module';

/** The auth-service: identity, sessions, tokens, throttles, users and the audit log. */
@Module({})
export class AuthServiceModule {
  static register(config: AuthConfig): DynamicModule {
    return {
      module: AuthServiceModule,
      imports: [
        // Infrastructure.
        StructuredLoggingModule.forService('auth-service', config.logLevel, { format: config.logFormat }),
        AuthConfigModule.register(config),
        DatabaseModule.forRoot(config.databaseUrl, config.dbDebug),
        RedisModule,
        BroadcastModule.forRoot(config.transportUrl),
        // Features (each feature module imports the features it builds on).
        UsersModule,
        LoginModule,
        SessionsModule,
        TokensModule,
        AdminModule,
        HealthModule,
        MailModule,
        RecoveryModule,
        EmailModule,
        PasskeysModule,
        MfaModule,
        OidcModule,
      ],
    };
  }
}
