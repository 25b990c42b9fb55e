import { Credential, DomainError, ErrorCode, SessionResolver, attachCaller, toAuthenticatedUser } from '@app/common';
import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { GATEWAY_CONFIG, GatewayConfig } from '../config/gateway.config';
import { GatewayRequest, headerOf } from '../http/gateway-request';
import { BearerGuard } from './bearer.guard';
import { UNSAFE_METHODS, assertCsrfToken, assertSameOrigin } from './csrf';
import { SessionCookie } from './session-cookie';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Login required, for the JSON API: a bearer token (verified by passport-jwt, then its session checked)
 * or the `sid` cookie, resolved through the cached SessionResolver. Cookie-authenticated unsafe
 * requests must also pass the origin check and carry the session's CSRF token; bearer requests are exempt.
 */
@Injectable()
export class HttpAuthGuard implements CanActivate {
  constructor(
    private readonly resolver: SessionResolver,
    private readonly bearer: BearerGuard,
    private readonly cookie: SessionCookie,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<GatewayRequest>();
    const credential = await this.credentialOf(context, request);
    const resolved = await this.resolver.resolve(credential);
    if (!resolved) throw new DomainError(ErrorCode.Unauthenticated, 'Authentication required');
    if (credential.kind === 'session' && UNSAFE_METHODS.has(request.method)) {
      assertSameOrigin(request, this.config.allowedOrigins);
      assertCsrfToken(request, resolved.csrfToken);
    }
    request.auth = { credential, resolved };
    attachCaller(context, toAuthenticatedUser(resolved));
    return true;
  }

  private async credentialOf(context: ExecutionContext, request: GatewayRequest): Promise<Credential> {
    const authorization = headerOf(request, 'authorization');
    if (authorization) {
      const match = BEARER.exec(authorization);
      if (!match) throw new DomainError(ErrorCode.Unauthenticated, 'Malformed Authorization header');
      const credential: Credential = { kind: 'bearer', token: match[1] };
      // A cached resolution of this exact token exists only after its signature, issuer, audience and
      // expiry were verified (here and by the auth-service), and it expires no later than the token.
      if (!this.resolver.peek(credential)) await this.bearer.canActivate(context);
      return credential;
    }
    const token = this.cookie.read(request);
    if (!token) throw new DomainError(ErrorCode.Unauthenticated, 'Authentication required');
    return { kind: 'session', token };
  }
}
