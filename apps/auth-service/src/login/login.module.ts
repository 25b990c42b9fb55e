import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { CredentialsModule } from '../credentials/credentials.module';
import { MfaModule } from '../mfa/mfa.module';
import { SessionsModule } from '../sessions/sessions.module';
import { TokensModule } from '../tokens/tokens.module';
import { LoginController } from './login.controller';
import { LoginService } from './login.service';

/** Logging in: a checked password becomes a browser session or a token pair; refresh tokens rotate. */
@Module({
  imports: [CredentialsModule, SessionsModule, TokensModule, AuditModule, MfaModule],
  controllers: [LoginController],
  providers: [LoginService],
})
export class LoginModule {}
