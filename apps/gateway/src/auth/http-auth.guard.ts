import { DomainError, ErrorCode, SessionResolver, attachCaller, toAuthenticatedUser } from '@app/common';
import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { GatewayRequest, RequestAuth, bearerCredentialOf, headerOf } from '../http/gateway-request';
import { BearerGuard } from './bearer.guard';
import { CookieSessions } from './cookie-sessions';

/**
 * Login required, for the JSON API: a bearer token (verified by passport-jwt, then its session checked)
 * or the `sid` cookie (CookieSessions, which also holds unsafe requests to the CSRF check; bearer
 * requests are exempt: a browser never adds the header by itself), resolved through the cached SessionResolver.
 */
@Injectable()
export class HttpAuthGuard implements CanActivate {
  constructor(
    private readonly resolver: SessionResolver,
    private readonly bearer: BearerGuard,
    private readonly cookieSessions: CookieSessions,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const auth = headerOf(request, 'authorization')
      ? await this.bearerAuth(context, request)
      : await this.cookieSessions.authenticate(request);
    if (!auth) throw new DomainError(ErrorCode.Unauthenticated, 'Authentication required');
    request.auth = auth;
    attachCaller(context, toAuthenticatedUser(auth.resolved));
    return true;
  }

  private async bearerAuth(context: ExecutionContext, request: GatewayRequest): Promise<RequestAuth | null> {
    const credential = bearerCredentialOf(request);
    if (!credential) throw new DomainError(ErrorCode.Unauthenticated, 'Malformed Authorization header');
    // A cached resolution of this exact token exists only after its signature, issuer, audience and
    // expiry were verified (here and by the auth-service), and it expires no later than the token.
    if (!this.resolver.peek(credential)) await this.bearer.canActivate(context);
    const resolved = await this.resolver.resolve(credential);
    return resolved ? { credential, resolved } : null;
  }
}
