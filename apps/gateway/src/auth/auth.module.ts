import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AuthFlowService } from './auth-flow.service';
import { AuthController } from './auth.controller';
import { BearerGuard } from './bearer.guard';
import { HttpAuthGuard } from './http-auth.guard';
import { JwksProvider } from './jwks.provider';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { SessionCookie } from './session-cookie';

/**
 * Who the caller is, for HTTP: the `sid` cookie and bearer tokens (passport-jwt over the JWKS),
 * passport-local for logging in, and the session API under /auth. Exports the guard and the cookie
 * for the other features' routes.
 */
@Module({
  imports: [PassportModule],
  controllers: [AuthController],
  providers: [AuthFlowService, BearerGuard, HttpAuthGuard, JwksProvider, JwtStrategy, LocalStrategy, SessionCookie],
  exports: [AuthFlowService, BearerGuard, HttpAuthGuard, SessionCookie],
})
export class AuthModule {}
