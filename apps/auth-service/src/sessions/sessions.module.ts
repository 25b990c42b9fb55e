import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CredentialsModule } from '../credentials/credentials.module';
import { OidcGrantsModule } from '../oidc/oidc-grants.module';
import { PasswordsModule } from '../passwords/passwords.module';
import { ThrottleModule } from '../throttle/throttle.module';
import { TokensModule } from '../tokens/tokens.module';
import { CallerGuard } from './caller.guard';
import { PasswordService } from './password.service';
import { RevocationPublisher } from './revocation.publisher';
import { SessionPolicy } from './session-policy';
import { SessionStore } from './session.store';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

/**
 * Sessions in Redis: issue, resolve, list, revoke (with the revocation broadcast), record a new
 * credential check, and the password change that rotates them; the freshness and MFA-enrolment
 * policy; and CallerGuard, which any auth-service handler acting for a caller puts first.
 */
@Module({
  imports: [TokensModule, AuditModule, CredentialsModule, PasswordsModule, ThrottleModule, OidcGrantsModule],
  controllers: [SessionsController],
  providers: [SessionStore, RevocationPublisher, SessionsService, SessionPolicy, PasswordService, CallerGuard],
  exports: [SessionStore, SessionsService, SessionPolicy, CallerGuard],
})
export class SessionsModule {}
