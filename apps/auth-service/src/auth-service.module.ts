import { BROADCAST_BUS, BroadcastBus, StructuredLoggingModule, createBroadcastBus } from '@app/common';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AdminUsersService } from './admin/admin-users.service';
import { AdminController } from './admin/admin.controller';
import { CallerGuard } from './admin/caller.guard';
import { AuditEventRepository } from './audit/audit-event.repository';
import { AuditService } from './audit/audit.service';
import { AuthConfig } from './config/auth.config';
import { AuthConfigModule } from './config/config.module';
import { CredentialsService } from './credentials/credentials.service';
import { ormOptions } from './database/mikro-orm.config';
import { HealthController } from './health/health.controller';
import { MailModule } from './mail/mail.module';
import { PasswordHasher } from './passwords/password.hasher';
import { RedisModule } from './redis/redis.module';
import { LoginService } from './sessions/login.service';
import { PasswordService } from './sessions/password.service';
import { RevocationPublisher } from './sessions/revocation.publisher';
import { SessionStore } from './sessions/session.store';
import { SessionsController } from './sessions/sessions.controller';
import { SessionsService } from './sessions/sessions.service';
import { LoginThrottle } from './throttle/login-throttle';
import { SigningKeys } from './tokens/signing-keys';
import { TokenService } from './tokens/token.service';
import { TokensController } from './tokens/tokens.controller';
import { BootstrapAdminService } from './users/bootstrap-admin.service';
import { UsersController } from './users/users.controller';
import { UsersService } from './users/users.service';

/** The auth-service: identity, sessions, tokens, throttles, users and the audit log. */
@Module({})
export class AuthServiceModule implements OnApplicationShutdown {
  constructor(@Inject(BROADCAST_BUS) private readonly bus: BroadcastBus) {}

  static register(config: AuthConfig): DynamicModule {
    return {
      module: AuthServiceModule,
      imports: [
        StructuredLoggingModule.forService('auth-service', config.logLevel),
        AuthConfigModule.register(config),
        MikroOrmModule.forRoot({ ...ormOptions(config.databaseUrl, config.dbDebug), registerRequestContext: false }),
        RedisModule,
        MailModule,
      ],
      controllers: [SessionsController, TokensController, UsersController, AdminController, HealthController],
      providers: [
        { provide: BROADCAST_BUS, useFactory: () => createBroadcastBus(config.transportUrl) },
        AdminUsersService,
        AuditEventRepository,
        AuditService,
        BootstrapAdminService,
        CallerGuard,
        CredentialsService,
        LoginService,
        LoginThrottle,
        PasswordHasher,
        PasswordService,
        RevocationPublisher,
        SessionStore,
        SessionsService,
        SigningKeys,
        TokenService,
        UsersService,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.bus.close();
  }
}
