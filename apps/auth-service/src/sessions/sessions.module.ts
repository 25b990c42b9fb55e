import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CredentialsModule } from '../credentials/credentials.module';
import { PasswordsModule } from '../passwords/passwords.module';
import { ThrottleModule } from '../throttle/throttle.module';
import { TokensModule } from '../tokens/tokens.module';
import { PasswordService } from './password.service';
import { RevocationPublisher } from './revocation.publisher';
import { SessionStore } from './session.store';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

/** Sessions in Redis: issue, resolve, list, revoke (with the revocation broadcast), and the password change that rotates them. */
@Module({
  imports: [TokensModule, AuditModule, CredentialsModule, PasswordsModule, ThrottleModule],
  controllers: [SessionsController],
  providers: [SessionStore, RevocationPublisher, SessionsService, PasswordService],
  exports: [SessionStore, SessionsService],
})
export class SessionsModule {}
