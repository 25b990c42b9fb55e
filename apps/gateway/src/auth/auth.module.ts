import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuthFlowService } from './auth-flow.service';
import { AuthController } from './auth.controller';
import { BearerGuard } from './bearer.guard';
import { CookieSessions } from './cookie-sessions';
import { CsrfCheck } from './csrf-check';
import { HttpAuthGuard } from './http-auth.guard';
import { JwksProvider } from './jwks.provider';
import { JwtStrategy } from './jwt.strategy';
import { LocalLogin } from './local-login';
import { LocalStrategy } from './local.strategy';
import { SameOriginGuard } from './same-origin.guard';
import { SessionCommands } from './session-commands';
import { SessionCookie } from './session-cookie';

/**
 * Who the caller is, for HTTP: the `sid` cookie (CookieSessions, with the CSRF check), bearer tokens
 * (passport-jwt over the JWKS), passport-local for logging in, the session commands that drop the
 * resolver cache, and the session API under /auth. Exports what the other features' routes use.
 */
@Module({
  imports: [PassportModule],
  controllers: [AuthController],
  providers: [
    AuthFlowService,
    BearerGuard,
    CookieSessions,
    CsrfCheck,
    HttpAuthGuard,
    JwksProvider,
    JwtStrategy,
    LocalLogin,
    LocalStrategy,
    SameOriginGuard,
    SessionCommands,
    SessionCookie,
  ],
  exports: [AuthFlowService, BearerGuard, CookieSessions, CsrfCheck, HttpAuthGuard, SameOriginGuard, SessionCommands, SessionCookie],
})
export class AuthModule {}
